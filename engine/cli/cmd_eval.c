/*
 * cmd_eval: reckon eval FILE.lua — runs a script in the same sandbox as a model, with
 * print to standard output: the engine as a calculator, and how tests and examples call it.
 * An error prints its message and a traceback on standard error and exits 1.
 */
#include <lauxlib.h>

#include "cli.h"
#include "sandbox.h"

int cmd_eval(int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-') {
        fprintf(stderr, "Usage: reckon eval FILE.lua\n");
        return EXIT_USAGE;
    }
    lua_State *L = sandbox_new(stdout, NULL);
    if (!L) {
        fprintf(stderr, "reckon eval: out of memory\n");
        return EXIT_INTERNAL;
    }
    int results = sandbox_run_file(L, argv[0], 1);
    const char *limit = sandbox_limit_hit(L); /* even if the script caught it */
    if (results < 0 || limit) {
        fflush(stdout);
        const char *msg = limit ? limit : lua_tostring(L, -1);
        fprintf(stderr, "%s\n", msg ? msg : "(error object is not a string)");
        results = -1;
    }
    sandbox_close(L);
    return results < 0 ? EXIT_MODEL : EXIT_OK;
}
