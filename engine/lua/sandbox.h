/*
 * sandbox: a fresh Lua state in which a model runs with only the safe parts of the
 * standard library.
 *
 *   no io, no debug, no package; os has only time, clock, date and difftime;
 *   no dofile or loadfile; load takes text only; no string.dump;
 *   collectgarbage answers "count" only; setmetatable refuses __gc;
 *   reading or writing an undefined global is an error naming it;
 *   the global table's and the strings' metatables cannot be reached or changed;
 *   require reaches "reckon" (and its stdlib modules) and model files in the same folder
 *   as the model ("shared" loads ./shared.lua beside it), each loaded as text;
 *   memory, instructions and wall time are limited (limits.h).
 *
 * Models are loaded as text with "@path" as chunk name, so every error reads
 * "models/aws_ecs.lua:12: ...".
 */
#ifndef RECKON_SANDBOX_H
#define RECKON_SANDBOX_H

#include <lua.h>
#include <stdio.h>

#include "quota.h"

/* A new sandboxed state whose print writes to print_to, under limits (NULL: the defaults);
 * NULL when out of memory. */
lua_State *sandbox_new(FILE *print_to, const quota *limits);
/* Closes a state made by sandbox_new. */
void sandbox_close(lua_State *L);
/* The message of the limit the state hit, or NULL. */
const char *sandbox_limit_hit(lua_State *L);

/*
 * Loads and runs the model at path (as text), inside lua_pcall with a handler that adds a
 * traceback when traceback is set.  On success leaves the model's results on the stack and
 * returns their count (>= 0); on failure leaves the message on the stack and returns -1.
 */
int sandbox_run_file(lua_State *L, const char *path, int traceback);

#endif
