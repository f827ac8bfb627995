/*
 * sandbox: a fresh Lua state in which a model runs with only an allow list of the
 * standard library (sandbox.c names every global and library function a model can reach;
 * anything else, in this Lua or a later one, is absent):
 *
 *   no io, no debug, no package; os has only time, clock, date and difftime;
 *   no dofile, loadfile or warn; load takes text only; no string.dump;
 *   collectgarbage answers "count" only; setmetatable refuses __gc;
 *   reading or writing an undefined global is an error naming it;
 *   the global table's and the strings' metatables cannot be reached or changed;
 *   require reaches "reckon" (and its stdlib modules) and model files in the same folder
 *   as the model ("shared" loads ./shared.lua beside it), each a plain file with one
 *   name (no symbolic or hard link), loaded as text;
 *   math.random repeats: it is seeded from the run's seed and the model's path, and
 *   math.randomseed() with no argument goes back to that seed (never the clock);
 *   memory, instructions, wall time and printed output are limited (quota.h), and
 *   nothing of the model's runs outside the limits: once one is hit, an xpcall message
 *   handler, a coroutine resumed or closed, or a dead coroutine's __close no longer run.
 *
 * Models are loaded as text with "@path" as chunk name, so every error reads
 * "models/aws_ecs.lua:12: ...".  An error message longer than SANDBOX_MESSAGE_MAX bytes is
 * cut there, with a note.
 */
#ifndef RECKON_SANDBOX_H
#define RECKON_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "quota.h"

/* The longest error message the sandbox reports (bytes; a traceback follows it in eval). */
#define SANDBOX_MESSAGE_MAX 4096

/* A new sandboxed state whose print writes to print_to, under limits (NULL: the defaults);
 * NULL when out of memory. */
lua_State *sandbox_new(FILE *print_to, const quota *limits);
/* Closes a state made by sandbox_new. */
void sandbox_close(lua_State *L);
/* The message of the limit the state hit, or NULL. */
const char *sandbox_limit_hit(lua_State *L);
/* The run's seed (MC_DEFAULT_SEED unless told): sandbox_run_file seeds math.random from it
 * and the model's path. */
void sandbox_seed(lua_State *L, uint64_t seed);

/* A model file to run, and what it must still be when it is opened. */
typedef struct sandbox_model {
    const char *path;   /* the name it runs under: its chunk, messages, require's folder */
    const char *target; /* the file to open instead, when path is a link a walk followed
                           (its real path, inside the folder walked); or NULL */
    bool walked;        /* found by a walk: it must still be the plain file of one name, */
    dev_t dev;          /* never a link, that the walk saw (device and inode) */
    ino_t ino;
    const char *name; /* its name in the results (the CSVs' model column), which seeds
                         math.random with the run's seed, so that a model repeats however
                         its path was spelt; NULL: the path's last part */
} sandbox_model;

/*
 * Loads and runs the model m (as text), inside lua_pcall with a handler that adds a
 * traceback when traceback is set.  The file is opened once, without following a link (a
 * file named on the command line through one is resolved once, with realpath), checked on
 * that descriptor (a plain file; when walked, the walk's one, with one name) and read from
 * it.  On success leaves the model's results on the stack and returns their count (>= 0);
 * on failure leaves the message on the stack and returns -1.
 */
int sandbox_run_model(lua_State *L, const sandbox_model *m, int traceback);
/* sandbox_run_model of a file named on the command line. */
int sandbox_run_file(lua_State *L, const char *path, int traceback);

#endif
