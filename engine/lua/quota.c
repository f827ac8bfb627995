/* quota: memory, instructions, wall time and printed output of one Lua state. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "budget.h"
#include "quota.h"
#include "reckon_lua.h"

const quota quota_default = {
    .max_memory = 512u << 20,          /* 512 MiB */
    .max_output = 1u << 20,            /* 1 MiB printed */
    .max_instructions = 2000000000ull, /* about 10 to 30 s of Lua */
    .max_seconds = 60,
    .max_csv = 256u << 20, /* 256 MiB of CSV rows */
};

enum { HOOK_EVERY = 1000 }; /* instructions between two looks at the counters */

typedef struct limiter {
    quota limits;
    size_t used;                     /* bytes the state holds */
    unsigned long long instructions; /* executed, counted HOOK_EVERY at a time */
    double deadline;                 /* monotonic seconds; 0: none */
    size_t printed;                  /* bytes print wrote */
    bool print_cut;                  /* print was cut at max_output */
    bool collecting;                 /* collect_for_core is collecting */
    char where[QUOTA_WHERE_SIZE];    /* "file:line" the hook last saw the model at */
    char model[QUOTA_WHERE_SIZE];    /* the model's path, when no line of it runs */
    char doing[QUOTA_WHERE_SIZE];    /* what reckon's C code runs for the model now, named
                                        when no line of it runs ("m.lua:4: analysis \"a\"");
                                        "": nothing in particular */
    char hit[512];                   /* the limit's message; "" until one is hit */
    lua_State *main;                 /* the main thread, once started: the allocator looks */
    lua_State *running;              /* at its stack, or the running coroutine's, to say
                                        where memory ran out */
    const void *refused;             /* the block of the last growth refused, and its size: */
    size_t refused_size;             /* Lua collects and asks again at once, and a refusal */
    bool refused_once;               /* that collection cures is no hit */
} limiter;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Copies where the model is to the parent's mirror, if there is one; reckon_step: where
 * names a step of reckon's own (quota_doing). */
static void mirror_step(limiter *lim, const char *where, bool reckon_step)
{
    quota_where *m = lim->limits.where_mirror;
    if (m) {
        size_t n = strnlen(where, QUOTA_WHERE_SIZE - 1);
        memcpy(m->text, where, n);
        m->text[n] = '\0';
        m->reckon_step = reckon_step;
    }
}

/* Copies a line of the model to the parent's mirror. */
static void mirror(limiter *lim, const char *where)
{
    mirror_step(lim, where, false);
}

/* The message of a limit hit at where (a line of the model, or else its path). */
static void record_hit(limiter *lim, const char *where, const char *what)
{
    snprintf(lim->hit, sizeof lim->hit, "%s%s%s", where, where[0] ? ": " : "", what);
}

/* The memory limit's message, hit at where. */
static void record_memory_hit(limiter *lim, const char *where)
{
    char what[128];
    snprintf(what, sizeof what, "memory limit of %zu MiB reached", lim->limits.max_memory >> 20);
    record_hit(lim, where, what);
}

/* Whether the instructions counted are past the limit, with no limit hit before. */
static bool past_instructions(const limiter *lim)
{
    return !lim->hit[0] && lim->limits.max_instructions &&
           lim->instructions > lim->limits.max_instructions;
}

/* The instruction limit's message, hit at where. */
static void record_instructions_hit(limiter *lim, const char *where)
{
    char what[128];
    snprintf(what, sizeof what, "instruction limit of %llu reached", lim->limits.max_instructions);
    record_hit(lim, where, what);
}

/* What a limit hit names when no line of the model runs: what reckon runs for it, or the
 * model's path. */
static const char *unlocated(const limiter *lim)
{
    return lim->doing[0] ? lim->doing : lim->model;
}

/* Whether the model has a line on L's stack now; if so it is where the model is (and the
 * parent's mirror says it). */
static bool look(limiter *lim, lua_State *L)
{
    if (!where_line(L, 0, lim->where, sizeof lim->where))
        return false;
    mirror(lim, lim->where);
    return true;
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* Stops L (and the main thread) at the very next instruction, in or out of a pcall; or,
 * with every = HOOK_EVERY, lets them run again. */
static void hook_every(limiter *lim, lua_State *L, int every)
{
    if (L)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, every);
    if (lim->main && lim->main != L)
        lua_sethook(lim->main, count_hook, LUA_MASKCOUNT, every);
}

/* Once a limit is hit, raises its message on L, and from now on at every instruction: a
 * pcall that catches this one returns into code that raises it again at once. */
static void raise_if_hit(limiter *lim, lua_State *L)
{
    if (!lim->hit[0])
        return;
    hook_every(lim, L, 1);
    lua_pushstring(L, lim->hit);
    lua_error(L);
}

/* Records a memory limit hit at the model's innermost line, whatever thread is running.
 * From Lua 5.4.5 a thread's stack is not readable while it is being grown (its pointers
 * are offsets then), and that growth may be the refused one: there the line is the one the
 * hook last saw. */
static void memory_hit(limiter *lim)
{
    char line[QUOTA_WHERE_SIZE];
    const char *where = lim->where[0] ? lim->where : unlocated(lim);
#if LUA_VERSION_RELEASE_NUM < 50405
    if (where_line(lim->running, 0, line, sizeof line) ||
        where_line(lim->main, 0, line, sizeof line)) {
        where = line;
        mirror(lim, line);
    }
#else
    (void)line;
#endif
    record_memory_hit(lim, where);
    hook_every(lim, lim->running, 1);
}

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    limiter *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        lim->used -= old;
        return NULL;
    }
    /* Lua answers a refusal with an emergency collection and asks again for the same at
     * once: only that next growth can be the retry. */
    bool retry =
        nsize > old && lim->refused_once && lim->refused == ptr && lim->refused_size == nsize;
    if (nsize > old)
        lim->refused_once = false;
    if (lim->limits.max_memory && nsize > old &&
        lim->used + (nsize - old) > lim->limits.max_memory) {
        if (!lim->hit[0]) {
            memory_hit(lim);
            lim->refused_once = true, lim->refused = ptr, lim->refused_size = nsize;
        }
        return NULL; /* Lua raises "not enough memory" */
    }
    if (retry) { /* the emergency collection made room: no limit hit */
        lim->hit[0] = '\0';
        hook_every(lim, lim->running, HOOK_EVERY);
    }
    void *p = realloc(ptr, nsize);
    if (p)
        lim->used = lim->used - old + nsize;
    return p;
}

/* The core's allocations (budget.h) count against the same memory limit as the Lua heap; a
 * refusal is the memory limit hit, named with the model's line running now like one of
 * Lua's, or else with what reckon runs for the model (quota_doing). */
/* Before the core's block is refused, a full collection, as Lua makes an emergency one
 * before refusing its own: Lua's collector sees only the small boxes of the core's objects
 * (a cost function of 150,000 plans is a pointer to it), so a model that makes and drops
 * them in a loop would reach the limit holding nothing.  Not while one runs (a finaliser
 * that makes a cost function), and never once a limit is hit. */
static void collect_for_core(limiter *lim)
{
    if (!lim->main || lim->collecting)
        return;
    lim->collecting = true;
    lua_gc(lim->main, LUA_GCCOLLECT);
    lim->collecting = false;
}

static bool charge_core(void *ud, size_t bytes, bool refund)
{
    limiter *lim = ud;
    if (refund) {
        lim->used -= bytes < lim->used ? bytes : lim->used;
        return true;
    }
    size_t max = lim->limits.max_memory;
    if (max && (lim->used > max || bytes > max - lim->used) && !lim->hit[0])
        collect_for_core(lim);
    if (max && (lim->used > max || bytes > max - lim->used)) {
        if (!lim->hit[0]) {
            /* a line of the model on the stack now, not one it ran before */
            bool located = lim->main && where_line(lim->main, 0, lim->where, sizeof lim->where);
            const char *where = located ? lim->where : unlocated(lim);
            record_memory_hit(lim, where);
            if (lim->main) /* stop at the very next instruction, in or out of a pcall */
                lua_sethook(lim->main, lua_gethook(lim->main), LUA_MASKCOUNT, 1);
        }
        return false;
    }
    lim->used += bytes;
    return true;
}

static limiter *limiter_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Records where the script is, and stops it once a limit is (or was) hit. */
static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    limiter *lim = limiter_of(L);
    /* once hit, where it was hit stays; with no line of the model running (reckon's own
     * Lua called from C), the limit names what reckon runs for it, or the model's path */
    const char *where = !lim->hit[0] && look(lim, L) ? lim->where : unlocated(lim);
    lim->instructions += HOOK_EVERY;
    if (past_instructions(lim))
        record_instructions_hit(lim, where);
    if (!lim->hit[0] && lim->deadline > 0 && now_seconds() > lim->deadline) {
        char what[128];
        snprintf(what, sizeof what, "time limit of %g s reached", lim->limits.max_seconds);
        record_hit(lim, where, what);
    }
    raise_if_hit(lim, L);
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "reckon: unprotected error in Lua: %s\n", msg ? msg : "(not a string)");
    return 0; /* Lua aborts */
}

lua_State *quota_new_state(const quota *limits)
{
    limiter *lim = calloc(1, sizeof *lim);
    if (!lim)
        return NULL;
    lim->limits = *limits;
    lua_State *L = lua_newstate(limited_alloc, lim);
    if (!L) {
        free(lim);
        return NULL;
    }
    lua_atpanic(L, panic);
    budget_set_hook(&(budget_hook){charge_core, lim});
    return L;
}

void quota_charge(lua_State *L, unsigned long long instructions)
{
    limiter *lim = limiter_of(L);
    lim->instructions += instructions;
    if (past_instructions(lim))
        record_instructions_hit(lim, look(lim, L) ? lim->where : unlocated(lim));
    raise_if_hit(lim, L);
}

void quota_start(lua_State *L)
{
    limiter *lim = limiter_of(L);
    lim->main = L;
    if (lim->limits.max_seconds > 0)
        lim->deadline = now_seconds() + lim->limits.max_seconds;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

void quota_set_model(lua_State *L, const char *path)
{
    limiter *lim = limiter_of(L);
    snprintf(lim->model, sizeof lim->model, "%s", path);
}

void quota_doing_text(lua_State *L, const char *text)
{
    limiter *lim = limiter_of(L);
    snprintf(lim->doing, sizeof lim->doing, "%s", text ? text : "");
    if (lim->hit[0]) /* once hit, where it was hit stays */
        return;
    lim->where[0] = '\0'; /* the model's last line is not what runs now */
    mirror_step(lim, unlocated(lim), lim->doing[0] != '\0');
}

void quota_doing(lua_State *L, const char *origin, const char *what, const char *name)
{
    char text[QUOTA_WHERE_SIZE];
    if (origin)
        snprintf(text, sizeof text, "%s: %s \"%s\"", origin, what, name);
    quota_doing_text(L, origin ? text : NULL);
}

lua_State *quota_running(lua_State *L, lua_State *thread)
{
    limiter *lim = limiter_of(L);
    lua_State *before = lim->running;
    lim->running = thread;
    return before;
}

size_t quota_print(lua_State *L, size_t n, size_t *cut_at)
{
    limiter *lim = limiter_of(L);
    size_t max = lim->limits.max_output;
    *cut_at = 0;
    if (!max)
        return n;
    size_t room = max - lim->printed; /* printed never passes max */
    if (n <= room) {
        lim->printed += n;
        return n;
    }
    lim->printed = max;
    if (!lim->print_cut) {
        lim->print_cut = true;
        *cut_at = max;
    }
    return room;
}

void quota_note_line(lua_State *L)
{
    void *ud;
    if (lua_getallocf(L, &ud) != limited_alloc) /* a state the quota does not watch */
        return;
    limiter *lim = ud;
    if (!lim->hit[0]) /* once hit, where it was hit stays */
        look(lim, L);
}

const char *quota_hit(lua_State *L)
{
    limiter *lim = limiter_of(L);
    return lim->hit[0] ? lim->hit : NULL;
}

void quota_close(lua_State *L)
{
    limiter *lim = limiter_of(L);
    lim->main = lim->running = NULL; /* closing frees, and must not look at a stack */
    lua_close(L);
    if (budget_get_hook() && budget_get_hook()->ud == lim)
        budget_set_hook(NULL);
    free(lim);
}
