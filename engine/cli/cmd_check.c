/*
 * cmd_check: reckon check PATH...
 *
 * Loads and validates every model, evaluates each option at its own user counts (or the
 * default sweep), runs each analysis (writing nothing), and runs the self-checks: every total stated in a source document is
 * compared with the sum of the option's items, and a disagreement is a warning that names
 * both numbers.  Writes no file.  Exit 0 when every model loads, 1 when one fails.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sweep.h"

static bool check_model(const model_file *f, int *warnings)
{
    loaded_model m;
    char *error = NULL;
    if (!model_load(f->path, stderr, NULL, MC_DEFAULT_SEED, &m, &error)) {
        fprintf(stderr, "%s\n", error ? error : "out of memory");
        free(error);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < m.n_options; i++) {
        const option *opt = m.options[i];
        option_eval ev;
        cost_error err;
        const double *users = opt->n_users ? opt->users : sweep_default;
        size_t n = opt->n_users ? opt->n_users : sweep_default_count;
        ok = evaluate_option(opt, users, n, &ev, &err);
        evaluate_free(&ev);
        if (!ok) {
            fprintf(stderr, "%s\n", err.msg);
            break;
        }
        int disagree = summary_check_stated(opt, stderr, &error);
        if (disagree < 0) {
            fprintf(stderr, "%s\n", error ? error : "out of memory");
            free(error);
            ok = false;
        } else {
            *warnings += disagree;
        }
    }
    for (size_t i = 0; ok && i < m.n_analyses; i++) { /* computed to find errors, not kept */
        analysis_tables tables;
        findings found = {0};
        cost_error err = {0};
        ok = analysis_tables_new(&tables);
        if (ok && !analysis_run(m.analyses[i], f->name, NULL, &tables, &found, &err)) {
            fprintf(stderr, "%s: analysis \"%s\": %s\n", m.analyses[i]->origin,
                    m.analyses[i]->name, err.msg);
            ok = false;
        }
        analysis_tables_free(&tables);
        findings_free(&found);
    }
    if (ok && !summary_check_percentiles(f->name, &m, NULL, MC_DEFAULT_SEED, &error)) {
        fprintf(stderr, "%s\n", error ? error : "out of memory");
        free(error);
        ok = false;
    }
    if (ok)
        printf("%s: ok (%zu option%s, %zu analys%s)\n", f->path, m.n_options,
               m.n_options == 1 ? "" : "s", m.n_analyses, m.n_analyses == 1 ? "is" : "es");
    model_close(&m);
    return ok;
}

int cmd_check(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-') {
            fprintf(stderr, "reckon check: unknown option '%s'\nUsage: reckon check PATH...\n",
                    argv[i]);
            return EXIT_USAGE;
        }
    if (argc == 0) {
        fprintf(stderr, "reckon check: name at least one model file or directory\n");
        return EXIT_USAGE;
    }
    model_file *files;
    size_t n;
    char err[1024];
    if (!models_collect(argv, argc, &files, &n, err, sizeof err)) {
        fprintf(stderr, "reckon check: %s\n", err);
        return EXIT_USAGE;
    }
    size_t failed = 0;
    int warnings = 0;
    for (size_t i = 0; i < n; i++)
        if (!check_model(&files[i], &warnings))
            failed++;
    printf("%zu of %zu models ok; %d self-check warning%s\n", n - failed, n, warnings,
           warnings == 1 ? "" : "s");
    models_free(files, n);
    return failed ? EXIT_MODEL : EXIT_OK;
}
