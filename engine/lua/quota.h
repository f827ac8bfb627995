/*
 * quota: what a model may use.  A state made by quota_new_state has
 *
 *   memory        an allocator that refuses to grow the heap past max_memory bytes;
 *   instructions  a count hook that stops the script after max_instructions VM
 *                 instructions (coroutines inherit the hook);
 *   time          the same hook stops a script running past max_seconds of wall time
 *                 (a script stuck inside one C function, a pattern or a huge string.rep,
 *                 is the parent process's watchdog's to kill).
 *
 * Once a limit is hit it stays hit: the hook raises again every few instructions, so a
 * pcall cannot swallow it, and quota_hit() reports it after the script has returned,
 * naming the limit and the line it was reached near.
 */
#ifndef RECKON_QUOTA_H
#define RECKON_QUOTA_H

#include <lua.h>
#include <stddef.h>

#define QUOTA_WHERE_SIZE 300

typedef struct quota {
    size_t max_memory;                  /* bytes of Lua heap; 0: no limit */
    unsigned long long max_instructions; /* 0: no limit */
    double max_seconds;                 /* wall time; 0: no limit */
    char *where_mirror; /* NULL, or QUOTA_WHERE_SIZE bytes (for example memory shared with the
                           parent process) into which the hook copies each "file:line" it sees,
                           NUL-terminated, so a watchdog kill or a crash can name the last line */
} quota;

/* The limits a run has unless told otherwise (README and --help say them). */
extern const quota quota_default;

/* A new state under the given limits, or NULL when out of memory. */
lua_State *quota_new_state(const quota *limits);
/* Installs the hook on L (call once the state is set up). */
void quota_start(lua_State *L);
/* Counts instructions spent outside the hook's sight (a coroutine a few hundred
 * instructions long never reaches the hook's count), raising once over the limit. */
void quota_charge(lua_State *L, unsigned long long instructions);
/* The message of the limit that was hit ("models/x.lua:12: instruction limit of ... "), or
 * NULL. */
const char *quota_hit(lua_State *L);
/* Closes a state made by quota_new_state. */
void quota_close(lua_State *L);

#endif
