/*
 * sandbox: a fresh Lua state in which a model runs with only the safe parts of the
 * standard library.
 *
 *   no io, no debug, no package; os has only time, clock, date and difftime;
 *   no dofile or loadfile; load takes text only; no string.dump;
 *   require reaches "reckon" (and its stdlib modules) and model files in the same folder
 *   as the model ("shared" loads ./shared.lua beside it), each loaded as text.
 *
 * Models are loaded as text with "@path" as chunk name, so every error reads
 * "models/aws_ecs.lua:12: ...".  The hardening issue adds memory, instruction and time
 * limits here.
 */
#ifndef RECKON_SANDBOX_H
#define RECKON_SANDBOX_H

#include <lua.h>
#include <stdio.h>

/* A new sandboxed state whose print writes to out; NULL when out of memory. */
lua_State *sandbox_new(FILE *print_to);

/*
 * Loads and runs the model at path (as text), inside lua_pcall with a handler that adds a
 * traceback when traceback is set.  On success leaves the model's results on the stack and
 * returns their count (>= 0); on failure leaves the message on the stack and returns -1.
 */
int sandbox_run_file(lua_State *L, const char *path, int traceback);

#endif
