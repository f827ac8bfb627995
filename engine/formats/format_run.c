/* format_run: run.json, what ran: reckon's version, the arguments, seed, samples, and each
 * model's path and SHA-256; no time, so two identical runs write the same bytes. */
#include <jansson.h>

#include "formats.h"
#include "json_array.h"

static json_t *model_element(const void *ctx, size_t i)
{
    const format_model *m = &((const run_facts *)ctx)->models[i];
    return json_pack("{s:s, s:s, s:s, s:b}", "model", m->path, "file", m->file, "sha256", m->sha256,
                     "ok", m->ok);
}

static json_t *arg_element(const void *ctx, size_t i)
{
    return json_string(((const run_facts *)ctx)->args[i]);
}

json_t *format_run_object(const run_facts *f)
{
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)f->seed);
    return json_pack("{s:s, s:s, s:o, s:s, s:I, s:o, s:I, s:I}", "reckon", f->version, "command",
                     "run", "arguments", formats_json_array(f->n_args, arg_element, f), "seed",
                     seed, "samples", (json_int_t)f->samples, "models",
                     formats_json_array(f->n_models, model_element, f), "models_run",
                     (json_int_t)f->n_models, "models_failed", (json_int_t)f->n_failed);
}

bool format_run_json(const format_input *in, FILE *out, core_error *err)
{
    json_t *run = format_run_object(in->facts);
    if (!run)
        return error_fail(err, "run.json: cannot make it (out of memory, or an argument or "
                               "path that is not UTF-8)");
    int rc = json_dumpf(run, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(run);
    if (rc != 0 || fputc('\n', out) == EOF)
        return error_fail(err, "run.json: cannot write it");
    return true;
}
