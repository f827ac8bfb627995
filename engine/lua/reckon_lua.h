/*
 * reckon_lua: what the binding files share.  The bindings are a thin layer over the core
 * (engine/core): each file wraps one type or one concern.
 *
 *   where.c            errors and origins named by the model's file and line
 *   spec.c             spec tables: unknown fields, numbers and ranges by name
 *   wrap_range.c       r.range and the "reckon.range" userdata
 *   wrap_cost.c        the "reckon.cost" userdata: call, compose, of, eval
 *   wrap_primitives.c  r.fixed, r.linear, r.power, r.points, r.step, r.graduated, r.volume,
 *                      r.instances
 *   wrap_option.c      r.option and the "reckon.option" userdata
 *   wrap_fin.c         r.fin: the spreadsheet finance functions
 *   wrap_growth.c      r.growth.*: users along a timeline, the "reckon.growth" userdata
 *   wrap_change.c      r.change: what a change does, the "reckon.change" userdata
 *   wrap_analysis.c    r.analysis: decisions over sweeps and timelines
 *   wrap_decide.c      r.crossovers, r.payback
 *   wrap_csv.c         r.csv: CSV input files read from the model's own folder
 *   state.c            reckon's data of a Lua state: its inputs, the thread costs run on
 *   luaopen_reckon.c   the module: C functions plus the embedded Lua stdlib
 *   sandbox.c          a fresh state with only the safe standard library, require, loading
 */
#ifndef RECKON_LUA_H
#define RECKON_LUA_H

#include <lauxlib.h>
#include <lua.h>
#include <stddef.h>

#include "cost.h"
#include "inputs.h"
#include "option.h"
#include "range.h"

#define WRAP_RANGE_MT "reckon.range"
#define WRAP_COST_MT "reckon.cost"
#define WRAP_OPTION_MT "reckon.option"

/* ---- where.c ---- */

/* Registry key of the folder (with its '/') of the model being run, set by the sandbox. */
#define WHERE_MODEL_DIR "reckon.model_dir"

/* "file:line" like where_origin, but with the model's folder taken off the file, so that
 * it reads the same wherever the models are ("uniform.lua:5"). */
const char *where_origin_in_model(lua_State *L, char *buf, size_t size);

/* "file:line" of the innermost model code on L's stack from level on: the innermost frame of
 * a file's chunk (named "@file", which only reckon makes: load() takes a leading '@' or '='
 * off the names it is given), else of a chunk made by load() ([string "..."]:line); never
 * reckon's own ("=...") nor a C function.  False, buf left alone, when there is none.  Reads
 * the stack only: it is safe inside an allocation (a limit's hook). */
bool where_line(lua_State *L, int level, char *buf, size_t size);
/* where_line from the caller of the running C function, or "?". */
const char *where_origin(lua_State *L, char *buf, size_t size);
/* Raises an error prefixed with where_origin's "file:line: "; never returns. */
int where_error(lua_State *L, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/*
 * Errors are located by the stack, never by their text: a model's error("../x.lua:1: boom",
 * 0) reads "model.lua:7: ../x.lua:1: boom".  The message reckon located last is kept in the
 * registry (WHERE_LOCATED), so that one raised again on its way out (from require, a
 * coroutine) keeps its place, however the stack has unwound since.
 */
#define WHERE_LOCATED "reckon.located"
/* Marks the string on top of L's stack as located by reckon (where_error does). */
void where_mark(lua_State *L);
/* Whether the value at idx is the message reckon located last. */
bool where_is_marked(lua_State *L, int idx);
/* Replaces the string error on top of L's stack, raised by the frame at level, with
 * "file:line: text" (marked): the line is the innermost model file's on the stack, or the
 * frame's whose location Lua put in front of the text (an error's level: the location is
 * taken off the text).  A chunk of load()'s keeps its [string "..."]:line after the file's
 * line.  Left as it is when marked already, not a string, or no file is on the stack and
 * the text names no frame (the caller then names the function's origin). */
void where_locate(lua_State *L, int level);
/* A message handler for lua_pcall: where_locate from the frame that raised. */
int where_handler(lua_State *L);

/* ---- spec.c ---- */

/* The most entries a list given to reckon may have (items, points, tiers, budgets, user
 * counts, values, column names, the arguments of r.sum, r.max and r.min). */
#define SPEC_MAX_LIST 1000000
/* A list longer than this has its model line noted before it is read (quota_note_line). */
#define SPEC_LONG_LIST 1000
/* The stack slots a binding may use beyond its arguments (spec_args makes sure of them). */
#define SPEC_STACK 40

/* The start of every constructor and method: keeps exactly its n arguments (absent ones
 * nil, extra ones dropped) and makes sure of SPEC_STACK more stack slots. */
void spec_args(lua_State *L, int n);
/* Raises unless every key of the table at idx is one of names (NULL-terminated) or, when
 * list is true, an integer index 1..#t; of several unknown keys, it names the same one
 * every run (the first string by its bytes). */
void spec_check_fields(lua_State *L, int idx, const char *kind, const char *const names[],
                       int list);
/* A key of a table, as spec_sorted_names gives it. */
typedef struct spec_name {
    const char *text; /* the key's bytes, anchored by the table */
    size_t len;
} spec_name;
/* The keys of the table at idx, sorted by their bytes (Lua's own order of a table's keys
 * changes from run to run), in a scratch block it pushes (keep it on the stack while they
 * are used); *n of them.  NULL, pushing nothing, when a key is not a string. */
spec_name *spec_sorted_names(lua_State *L, int idx, size_t *n, const char *what);
/* Pushes t[name] of the table at idx, read raw (no metamethod runs); returns its type. */
int spec_field(lua_State *L, int idx, const char *name);
/* The raw length of the list at idx, or an error naming `what` past SPEC_MAX_LIST. */
size_t spec_length(lua_State *L, int idx, const char *what);
/* n * size, or an error naming `what` when it does not fit in a size_t. */
size_t spec_size(lua_State *L, size_t n, size_t size, const char *what);
/* Pushes a scratch userdata of n elements of size bytes (overflow checked). */
void *spec_scratch(lua_State *L, size_t n, size_t size, const char *what);
/* How a number that is not finite reads in a message: "NaN, not a number", "infinity",
 * "-infinity" (printf's "-nan" says little, and its sign means nothing). */
const char *spec_not_finite(double x);
/* The longest name or note a model may give (bytes). */
#define SPEC_MAX_TEXT 4096
/* The string at stack index v, or an error naming `what` when it is not a string, holds
 * a zero byte or is longer than SPEC_MAX_TEXT. */
const char *spec_to_name(lua_State *L, int v, const char *what);
/* Field `name` of the table at idx as a string without zero bytes, pushed (it anchors the
 * string); dflt when absent (NULL: the field is required). */
const char *spec_string(lua_State *L, int idx, const char *name, const char *what,
                        const char *dflt);
/* Field `name` of the table at idx as a range (a number or r.range).  When absent: dflt,
 * or an error when dflt is NULL.  `what` prefixes messages ("step: plan 2"). */
range spec_range(lua_State *L, int idx, const char *name, const char *what, const range *dflt);
/* The same for a plain number. */
double spec_number(lua_State *L, int idx, const char *name, const char *what, const double *dflt);
/* The value at v as one of choices (NULL-terminated), the field `name` of `what`; returns
 * its index. */
int spec_to_choice(lua_State *L, int v, const char *what, const char *name,
                   const char *const choices[]);
/* Field `name` as one of choices (NULL-terminated); returns its index. */
int spec_choice(lua_State *L, int idx, const char *name, const char *what,
                const char *const choices[], int dflt);
/* The value at stack index v as a range, or an error naming `what`. */
range spec_to_range(lua_State *L, int v, const char *what);

/* ---- wrap_range.c ---- */

/* The range userdata at idx, or NULL.  Here, not in wrap_range.c, because spec.c, which
 * wrap_range.c calls, reads ranges too. */
static inline const range *wrap_range_test(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, WRAP_RANGE_MT);
}
void wrap_range_open(lua_State *L); /* [module] -> [module]: adds r.range */

/* ---- wrap_cost.c ---- */

/* Pushes a new, empty cost userdata and returns its slot: store a new function in it (its
 * reference then belongs to the userdata).  Pushing first means nothing leaks if Lua raises. */
cost_fn **wrap_cost_box(lua_State *L);
/* After storing into a box at the top of the stack: raises with err's message when the
 * slot is NULL (a constructor failed), else records the caller's file:line as origin. */
void wrap_cost_finish(lua_State *L, cost_fn *const *box, const core_error *err);
/* The cost function at idx: a cost userdata, a number, a range or a Lua function, which
 * it converts in place into a cost userdata.  Raises naming `what` otherwise. */
cost_fn *wrap_cost_to(lua_State *L, int idx, const char *what);
void wrap_cost_open(lua_State *L); /* [module] -> [module]: metatable, r.sum, r.max, r.min */

/* ---- wrap_primitives.c ---- */
void wrap_primitives_open(lua_State *L); /* [module] -> [module] */

/* ---- wrap_option.c ---- */
/* Reads the non-empty list of items at idx ({name =, category =, cost =, note =}, ...) into
 * opt, raising with file and line at the first bad one. */
void wrap_option_read_items(lua_State *L, option *opt, int idx);
/* The core option held by the option userdata at idx, or NULL. */
const option *wrap_option_test(lua_State *L, int idx);
void wrap_option_open(lua_State *L); /* [module] -> [module] */
void wrap_fin_open(lua_State *L);    /* [module] -> [module]: adds the table r.fin (wrap_fin.c) */

/* ---- wrap_growth.c, wrap_change.c ---- */
/* The growth held by the growth userdata at idx (its points its own), or NULL. */
const struct growth_ranges *wrap_growth_test(lua_State *L, int idx);
void wrap_growth_open(lua_State *L); /* [module] -> [module]: r.growth */
/* The change held by the change userdata at idx, or NULL. */
struct change *wrap_change_test(lua_State *L, int idx);
void wrap_change_open(lua_State *L); /* [module] -> [module]: r.change */

/* ---- wrap_analysis.c, wrap_decide.c ---- */
struct analysis;
/* The core analysis held by the analysis userdata at idx, or NULL. */
const struct analysis *wrap_analysis_test(lua_State *L, int idx);
void wrap_analysis_open(lua_State *L); /* [module] -> [module]: r.analysis */
void wrap_decide_open(lua_State *L);   /* [module] -> [module]: r.crossovers, r.payback */

/* ---- wrap_csv.c ---- */
void wrap_csv_open(lua_State *L); /* [module] -> [module]: adds the table r.csv */

/* ---- state.c ---- */

/*
 * Per-state data of reckon, kept in the registry.  It keeps no pointer to a thread but the
 * main one, which lives as long as the state: a coroutine may be collected at any time.
 */
typedef struct reckon_state {
    lua_State *main;      /* the state's main thread (LUA_RIDX_MAINTHREAD) */
    lua_State *calling;   /* the thread whose call into reckon is evaluating costs now (it is
                             running, so alive), or NULL: Lua cost functions then run on main */
    int evaluating;       /* how many Lua cost functions are running now (nested calls) */
    long function_inputs; /* uncertain inputs made inside cost functions (wrap_range.c) */
    inputs inputs;        /* the uncertain ranges made in this state, by id */
} reckon_state;

/* The state's reckon_state, made on the first call (so that it may raise only then, out of
 * memory). */
reckon_state *reckon_state_of(lua_State *L);
/* The thread on which a Lua cost function runs now: the calling one, or the main one. */
lua_State *reckon_thread(const reckon_state *rs);
/* Around a core call made from Lua that may call Lua cost functions (cost_eval,
 * crossover_find): reckon_enter makes them run on L and returns what to give
 * reckon_leave, which must be called before anything can raise (the core never does). */
lua_State *reckon_enter(lua_State *L);
void reckon_leave(lua_State *L, lua_State *saved);
/* The uncertain inputs made so far in the state of L. */
const inputs *wrap_inputs(lua_State *L);

/* ---- luaopen_reckon.c ---- */
int luaopen_reckon(lua_State *L);

#endif
