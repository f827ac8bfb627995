/*
 * quota: what a model may use.  A state made by quota_new_state has
 *
 *   memory        an allocator that refuses to grow the heap past max_memory bytes;
 *   instructions  a count hook that stops the script after max_instructions VM
 *                 instructions (coroutines inherit the hook);
 *   time          the same hook stops a script running past max_seconds of wall time
 *                 (a script stuck inside one C function, a pattern or a huge string.rep,
 *                 is the parent process's watchdog's to kill);
 *   output        print writes at most max_output bytes (the sandbox asks quota_print).
 *
 * Once a limit is hit it stays hit: the hook raises again at every instruction, so a
 * pcall cannot swallow it, and quota_hit() reports it after the script has returned,
 * naming the limit and the model's innermost line when it was hit (or the model's path
 * when no line of it was running).  A refusal of the allocator that Lua's emergency
 * collection does not cure is a hit, whatever was running: Lua code, a C function, or
 * reckon's core charging its own allocations.
 */
#ifndef RECKON_QUOTA_H
#define RECKON_QUOTA_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>

#define QUOTA_WHERE_SIZE 300

/* Where the model is as the hook last saw it, kept where a parent that outlives a killed or
 * crashed worker can read it (memory shared with the parent). */
typedef struct quota_where {
    char text[QUOTA_WHERE_SIZE]; /* "file:line", a step of reckon's own ("m.lua:4: analysis
                                    \"plan\""), or the model's path; NUL-terminated, "" at first */
    bool reckon_step;            /* text names a step of reckon's own C code (quota_doing),
                                    not a line of the model */
} quota_where;

typedef struct quota {
    size_t max_memory;                   /* bytes of Lua heap; 0: no limit */
    size_t max_output;                   /* bytes print may write; 0: no limit */
    unsigned long long max_instructions; /* 0: no limit */
    double max_seconds;                  /* wall time; 0: no limit */
    size_t max_csv;                      /* bytes of CSV rows a model's run may write (the
                                            CLI's outputs enforce it, not the state); 0: no
                                            limit */
    quota_where *where_mirror; /* NULL, or where the hook copies each "file:line" it sees (and
                                  each step of reckon's), so a watchdog kill or a crash can
                                  name the last one */
} quota;

/* The limits a run has unless told otherwise (README and --help say them). */
extern const quota quota_default;

/* A new state under the given limits, or NULL when out of memory. */
lua_State *quota_new_state(const quota *limits);
/* Installs the hook on L (call once the state is set up). */
void quota_start(lua_State *L);
/* The model's path, named by a limit hit while no line of the model is running. */
void quota_set_model(lua_State *L, const char *path);
/* Tells the quota that reckon's C code now runs what the model declared at origin ("file:line")
 * as `what` named name (an analysis, an option), so that a limit hit while no line of the
 * model runs names it: "m.lua:4: analysis \"plan\": memory limit of 64 MiB reached" (the
 * parent's watchdog names it too).  origin NULL: that is over. */
void quota_doing(lua_State *L, const char *origin, const char *what, const char *name);
/* The same for a step of reckon's own with no one declaration to name: text says where and
 * what ("m.lua: Monte Carlo, drawing 10000 samples of 20 ranges"); NULL: that is over. */
void quota_doing_text(lua_State *L, const char *text);
/* Counts instructions spent outside the hook's sight (a coroutine a few hundred
 * instructions long never reaches the hook's count), raising once over the limit. */
void quota_charge(lua_State *L, unsigned long long instructions);
/* Tells the quota that thread runs the model's code from now on (a coroutine being
 * resumed), so that a memory limit names its line; returns the thread that did before, to
 * be given back the same way when thread stops.  thread must stay alive until then. */
lua_State *quota_running(lua_State *L, lua_State *thread);
/* Notes the model's innermost line on L now, as the hook does, so that the parent's
 * watchdog can name it: for C functions that may run long without an instruction (a
 * pattern, a long list read), called before they start; nothing on a state the quota does
 * not watch. */
void quota_note_line(lua_State *L);
/* Of n more bytes the model prints, how many may be written (all of them under
 * max_output); *cut_at is max_output the one time the output is cut there, else 0. */
size_t quota_print(lua_State *L, size_t n, size_t *cut_at);
/* The message of the limit that was hit ("models/x.lua:12: instruction limit of ... "), or
 * NULL. */
const char *quota_hit(lua_State *L);
/* Closes a state made by quota_new_state. */
void quota_close(lua_State *L);

#endif
