/* format_html: placeholder until the writer lands (this session's work in progress). */
#include "formats.h"

bool format_html(const format_input *in, FILE *out, core_error *err)
{
    (void)in, (void)out;
    return error_fail(err, "format_html: not written yet");
}
