/* format_xlsx: placeholder until the writer lands (this session's work in progress). */
#include "formats.h"

bool format_xlsx(const format_input *in, FILE *out, core_error *err)
{
    (void)in, (void)out;
    return error_fail(err, "format_xlsx: not written yet");
}
