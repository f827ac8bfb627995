/* facts: what a run ran, for run.json and the other formats: reckon's version, the
 * arguments, the seed and samples, and each model with the SHA-256 of its bytes. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sha256.h"

/* The SHA-256 of the file at path in hex (malloc'd), or "" when it cannot be read. */
static char *file_digest(const char *path)
{
    FILE *f = fopen(path, "rb");
    sha256_ctx c;
    sha256_init(&c);
    unsigned char buf[65536];
    for (size_t got; f && (got = fread(buf, 1, sizeof buf, f)) > 0;)
        sha256_update(&c, buf, got);
    bool read = f && !ferror(f);
    if (f)
        fclose(f);
    char hex[SHA256_HEX] = "";
    if (read)
        sha256_hex(&c, hex);
    return cli_format("%s", hex);
}

bool facts_make(run_facts *f, char **args, size_t n_args, uint64_t seed, size_t samples,
                const model_file *files, size_t n, const worker_result *results)
{
    memset(f, 0, sizeof *f);
    f->version = RECKON_VERSION;
    f->args = (const char *const *)args;
    f->n_args = n_args;
    f->seed = seed;
    f->samples = samples;
    format_model *models = calloc(n ? n : 1, sizeof *models);
    if (!models)
        return false;
    f->models = models;
    f->n_models = n;
    for (size_t k = 0; k < n; k++) {
        models[k].path = files[k].name;
        models[k].file = files[k].path;
        models[k].ok = results[k].outcome == WORKER_OK;
        f->n_failed += !models[k].ok;
        char *digest = file_digest(files[k].target ? files[k].target : files[k].path);
        if (!digest)
            return false;
        models[k].sha256 = digest;
    }
    return true;
}

void facts_free(run_facts *f)
{
    for (size_t k = 0; f->models && k < f->n_models; k++)
        free((char *)f->models[k].sha256);
    free((format_model *)f->models);
    memset(f, 0, sizeof *f);
}
