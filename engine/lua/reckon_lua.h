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
 *   wrap_analysis.c    r.analysis, r.change, r.growth: decisions over sweeps and timelines
 *   wrap_decide.c      r.crossovers, r.payback
 *   wrap_csv.c         r.csv: CSV input files read from the model's own folder
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

/* "file:line" of the innermost model code on the stack (not reckon's own), or "?". */
const char *where_origin(lua_State *L, char *buf, size_t size);
/* Raises an error prefixed with where_origin's "file:line: "; never returns. */
int where_error(lua_State *L, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/* ---- spec.c ---- */

/* Raises unless every key of the table at idx is one of names (NULL-terminated) or, when
 * list is true, an integer index 1..#t. */
void spec_check_fields(lua_State *L, int idx, const char *kind, const char *const names[],
                       int list);
/* Field `name` of the table at idx as a range (a number or r.range).  When absent: dflt,
 * or an error when dflt is NULL.  `what` prefixes messages ("step: plan 2"). */
range spec_range(lua_State *L, int idx, const char *name, const char *what, const range *dflt);
/* The same for a plain number. */
double spec_number(lua_State *L, int idx, const char *name, const char *what, const double *dflt);
/* Field `name` as one of choices (NULL-terminated); returns its index. */
int spec_choice(lua_State *L, int idx, const char *name, const char *what,
                const char *const choices[], int dflt);
/* The value at stack index v as a range, or an error naming `what`. */
range spec_to_range(lua_State *L, int v, const char *what);

/* ---- wrap_range.c ---- */

/* The range userdata at idx, or NULL. */
const range *wrap_range_test(lua_State *L, int idx);
void wrap_range_open(lua_State *L); /* [module] -> [module]: adds r.range */

/* ---- wrap_cost.c ---- */

/* Pushes a new, empty cost userdata and returns its slot: store a new function in it (its
 * reference then belongs to the userdata).  Pushing first means nothing leaks if Lua raises. */
cost_fn **wrap_cost_box(lua_State *L);
/* After storing into a box at the top of the stack: raises with err's message when the
 * slot is NULL (a constructor failed), else records the caller's file:line as origin. */
void wrap_cost_finish(lua_State *L, cost_fn *const *box, const cost_error *err);
/* The cost function at idx: a cost userdata, a number, a range or a Lua function, which
 * it converts in place into a cost userdata.  Raises naming `what` otherwise. */
cost_fn *wrap_cost_to(lua_State *L, int idx, const char *what);
void wrap_cost_open(lua_State *L); /* [module] -> [module]: metatable, r.max, r.min */

/* ---- wrap_primitives.c ---- */
void wrap_primitives_open(lua_State *L); /* [module] -> [module] */

/* ---- wrap_option.c ---- */
/* The core option held by the option userdata at idx, or NULL. */
const option *wrap_option_test(lua_State *L, int idx);
void wrap_option_open(lua_State *L); /* [module] -> [module] */
void wrap_fin_open(lua_State *L); /* [module] -> [module]: adds the table r.fin (wrap_fin.c) */

/* ---- wrap_analysis.c, wrap_decide.c ---- */
struct analysis;
/* The core analysis held by the analysis userdata at idx, or NULL. */
const struct analysis *wrap_analysis_test(lua_State *L, int idx);
void wrap_analysis_open(lua_State *L); /* [module] -> [module]: r.analysis, r.change, r.growth */
void wrap_decide_open(lua_State *L);   /* [module] -> [module]: r.crossovers, r.payback */

/* ---- wrap_csv.c ---- */
void wrap_csv_open(lua_State *L); /* [module] -> [module]: adds the table r.csv */

/* ---- luaopen_reckon.c ---- */

/* Per-state data of reckon, kept in the registry. */
typedef struct reckon_state {
    lua_State *running; /* the thread that is evaluating costs now (for Lua callbacks) */
    inputs inputs;      /* the uncertain ranges made in this state, by id */
} reckon_state;

reckon_state *reckon_state_of(lua_State *L);
/* The uncertain inputs made so far in the state of L. */
const inputs *wrap_inputs(lua_State *L);
int luaopen_reckon(lua_State *L);

#endif
