/*
 * wrap_cost: the "reckon.cost" userdata, a cost function of the core.
 *
 *   f(x)            the mid cost at driver value x
 *   f:eval(x)       lo, mid, hi at x (x a number, or a list: three lists)
 *   f:of(g)         f applied to the driver g derives from users (g a cost function or a
 *                   number: f:of(0.5) prices 0.5 units a user)
 *   f + g, f - g    sums and differences (numbers and ranges count as fixed costs)
 *   f * k, f / k    scaling by a number or a range (k * f too)
 *   r.sum(f, g, ...) or r.sum{f, g, ...}, r.max(f, g, ...), r.min(f, g, ...)
 *                   over at most SPEC_MAX_LIST terms; a sum is one node of n terms and a
 *                   max or min a balanced tree, so none is deeper than log2(n) + 1
 *
 * A Lua function of the driver value is accepted wherever a cost function is; it may
 * return a number or a range.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reckon_lua.h"

cost_fn **wrap_cost_box(lua_State *L)
{
    cost_fn **box = lua_newuserdatauv(L, sizeof *box, 0); /* [cost] */
    *box = NULL;
    luaL_setmetatable(L, WRAP_COST_MT);
    return box;
}

void wrap_cost_finish(lua_State *L, cost_fn *const *box, const core_error *err)
{
    if (!*box)
        where_error(L, "%s", err->msg);
    char origin[256];
    cost_set_origin(*box, where_origin(L, origin, sizeof origin));
}

static cost_fn *check_cost(lua_State *L, int idx)
{
    cost_fn **box = luaL_checkudata(L, idx, WRAP_COST_MT);
    if (!*box)
        luaL_error(L, "cost function already released");
    return *box;
}

/* ---- Lua functions as cost functions ---------------------------------------------------- */

typedef struct lua_callback {
    reckon_state *rs; /* says which thread runs the function now (reckon_thread) */
    int ref;          /* the function, in the registry (freed when the state closes) */
} lua_callback;

/*
 * The string error on top of L (located by where_handler, from the stack) into err; false
 * when it is not a string.  It counts as located (err->located) only when reckon located
 * it at a model file's line: an error without one ("C stack overflow", one raised with no
 * file on the stack) or at a chunk of load()'s ([string "..."]:1:) gets the function's
 * origin in front (cost.c, locate), so that a line of the model comes first.
 */
static bool fail_located(lua_State *L, core_error *err)
{
    if (!lua_isstring(L, -1))
        return false;
    const char *msg = lua_tostring(L, -1);
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->located = where_is_marked(L, -1) && strncmp(msg, "[string \"", 9) != 0;
    return true;
}

/*
 * The core's callback: calls the function on the thread reckon_thread names (the main
 * one, or the running thread of a call from Lua), never one that may have been collected.
 * It never raises (lua_pcall catches what the function does), so the core stays in charge.
 */
static bool call_lua(void *ctx, double x, range *out, core_error *err)
{
    const lua_callback *cb = ctx;
    lua_State *L = reckon_thread(cb->rs);
    if (!lua_checkstack(L, 4)) {
        snprintf(err->msg, sizeof err->msg, "stack overflow in a cost function");
        return false;
    }
    lua_pushcfunction(L, where_handler);        /* [handler] */
    lua_rawgeti(L, LUA_REGISTRYINDEX, cb->ref); /* [handler, fn] */
    lua_pushnumber(L, x);                       /* [handler, fn, x] */
    cb->rs->evaluating++;                       /* r.range knows it is inside (wrap_range.c) */
    int status = lua_pcall(L, 1, 1, -3);
    cb->rs->evaluating--;
    lua_remove(L, -2); /* [error or result] */
    if (status != LUA_OK) {
        if (!fail_located(L, err))
            snprintf(err->msg, sizeof err->msg,
                     "the function raised an error that is not a "
                     "string");
        lua_pop(L, 1);
        return false;
    }
    const range *r = wrap_range_test(L, -1); /* [result] */
    bool ok = true;
    if (r)
        *out = *r;
    else if (lua_type(L, -1) == LUA_TNUMBER)
        *out = range_number(lua_tonumber(L, -1));
    else {
        snprintf(err->msg, sizeof err->msg,
                 "function: returned %s at driver value %.10g; a cost "
                 "function must return a number or r.range(low, high)",
                 luaL_typename(L, -1), x);
        ok = false;
    }
    lua_pop(L, 1);
    return ok;
}

static void free_callback(void *ctx)
{
    lua_callback *cb = ctx;
    free(cb);
}

/* Pushes a cost userdata calling the Lua function at idx; its errors name the line where
 * the function is written. */
static cost_fn *push_function_cost(lua_State *L, int idx)
{
    reckon_state *rs = reckon_state_of(L);
    cost_fn **box = wrap_cost_box(L); /* [..., cost] (made first: nothing leaks on a raise) */
    lua_pushvalue(L, idx);
    int ref = luaL_ref(L, LUA_REGISTRYINDEX); /* [..., cost] */
    lua_callback *cb = malloc(sizeof *cb);
    if (!cb)
        luaL_error(L, "out of memory");
    *cb = (lua_callback){.rs = rs, .ref = ref};
    core_error err;
    *box = cost_callback(call_lua, cb, free_callback, &err); /* it frees cb when it fails */
    if (!*box)
        luaL_error(L, "%s", err.msg);
    lua_Debug ar;
    lua_pushvalue(L, idx); /* [..., cost, fn] */
    lua_getinfo(L, ">S", &ar);
    char origin[256];
    if (ar.source[0] == '@')                                        /* written in a file: where */
        lua_pushfstring(L, "%s:%d", ar.source + 1, ar.linedefined); /* [..., cost, origin] */
    else /* made by load() (or C): the model's line that makes it a cost */
        lua_pushstring(L, where_origin(L, origin, sizeof origin));
    cost_set_origin(*box, lua_tostring(L, -1));
    lua_pop(L, 1);
    return *box;
}

cost_fn *wrap_cost_to(lua_State *L, int idx, const char *what)
{
    idx = lua_absindex(L, idx);
    if (luaL_testudata(L, idx, WRAP_COST_MT))
        return check_cost(L, idx);
    if (lua_type(L, idx) == LUA_TFUNCTION) {
        cost_fn *f = push_function_cost(L, idx);
        lua_replace(L, idx); /* the converted value takes the original's place */
        return f;
    }
    if (lua_type(L, idx) != LUA_TNUMBER && !wrap_range_test(L, idx)) {
        where_error(L,
                    "%s must be a cost function, a number, r.range(low, high) or a function "
                    "of the driver (got %s)",
                    what, luaL_typename(L, idx));
        return NULL;
    }
    core_error err = {0};
    range amount = spec_to_range(L, idx, what);
    cost_fn **box = wrap_cost_box(L); /* [..., cost] */
    *box = cost_fixed(amount, &err);
    wrap_cost_finish(L, box, &err);
    lua_replace(L, idx);
    return *(cost_fn **)lua_touserdata(L, idx);
}

/* ---- evaluation ------------------------------------------------------------------------ */

static double check_driver(lua_State *L, int idx)
{
    double x = luaL_checknumber(L, idx);
    if (!isfinite(x) || x < 0)
        where_error(L, "driver value must be a finite number >= 0 (got %f)", x);
    return x;
}

static void eval_one(lua_State *L, cost_fn *f, double x, double out[3])
{
    core_error err;
    lua_State *saved = reckon_enter(L);
    bool ok = cost_eval(f, &x, 1, &out[0], &out[1], &out[2], &err);
    reckon_leave(L, saved);
    if (!ok) {
        if (!err.located)
            where_error(L, "%s", err.msg);
        lua_pushstring(L, err.msg); /* it names the function's own file and line */
        lua_error(L);
    }
}

/* f(x) -> mid */
static int cost_call(lua_State *L)
{
    spec_args(L, 2);
    double out[3];
    eval_one(L, check_cost(L, 1), check_driver(L, 2), out);
    lua_pushnumber(L, out[1]);
    return 1;
}

/* f:eval(x) -> lo, mid, hi; f:eval{x1, x2, ...} -> {lo...}, {mid...}, {hi...} */
static int cost_eval_method(lua_State *L)
{
    spec_args(L, 2);
    cost_fn *f = check_cost(L, 1);
    double out[3];
    if (lua_type(L, 2) != LUA_TTABLE) {
        eval_one(L, f, check_driver(L, 2), out);
        for (int k = 0; k < 3; k++)
            lua_pushnumber(L, out[k]);
        return 3;
    }
    lua_Integer n = (lua_Integer)spec_length(L, 2, "eval: the driver values");
    for (int k = 0; k < 3; k++)
        lua_createtable(L, (int)n, 0); /* [f, xs, lo, mid, hi] */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 2, i);
        double x = check_driver(L, -1);
        lua_pop(L, 1);
        eval_one(L, f, x, out);
        for (int k = 0; k < 3; k++) {
            lua_pushnumber(L, out[k]);
            lua_seti(L, 3 + k, i);
        }
    }
    return 3;
}

/* f:of(g): f over the driver g derives from users. */
static int cost_of_method(lua_State *L)
{
    spec_args(L, 2);
    cost_fn *f = check_cost(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER || wrap_range_test(L, 2)) { /* f:of(0.5): 0.5 a user */
        range rate = spec_to_range(L, 2, "of: the units a user");
        core_error err = {0};
        cost_fn **box = wrap_cost_box(L);
        *box = cost_linear(range_number(0), rate, &err);
        wrap_cost_finish(L, box, &err);
        lua_replace(L, 2);
    }
    cost_fn *g = wrap_cost_to(L, 2, "of: the driver");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_of(f, g, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* ---- composition ----------------------------------------------------------------------- */

static int cost_add(lua_State *L)
{
    spec_args(L, 2);
    cost_fn *a = wrap_cost_to(L, 1, "left operand of +"),
            *b = wrap_cost_to(L, 2, "right operand of +");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_sum(a, b, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

static int cost_sub(lua_State *L)
{
    spec_args(L, 2);
    cost_fn *a = wrap_cost_to(L, 1, "left operand of -"),
            *b = wrap_cost_to(L, 2, "right operand of -");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_difference(a, b, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

static int is_factor(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TNUMBER || wrap_range_test(L, idx) != NULL;
}

/* f * k or k * f, k a number or a range. */
static int cost_mul(lua_State *L)
{
    spec_args(L, 2);
    int fi = is_factor(L, 1) ? 2 : 1, ki = 3 - fi;
    if (!is_factor(L, ki))
        return where_error(L,
                           "*: multiply a cost function by a number or r.range(low, high), "
                           "not by a %s",
                           is_factor(L, fi) ? "number" : luaL_typename(L, ki));
    cost_fn *f = wrap_cost_to(L, fi, "operand of *");
    range k = spec_to_range(L, ki, "*: the factor");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_scale(f, k, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* f / k, k a number > 0: f / 12 turns a yearly price into a monthly one. */
static int cost_div(lua_State *L)
{
    spec_args(L, 2);
    cost_fn *f = wrap_cost_to(L, 1, "left operand of /");
    if (lua_type(L, 2) != LUA_TNUMBER || !(lua_tonumber(L, 2) > 0))
        return where_error(L, "/: divide a cost function by a number > 0");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_scale(f, range_number(1 / lua_tonumber(L, 2)), &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/*
 * Leaves on the stack a table of the terms of r.sum, r.max or r.min, each converted into a
 * cost userdata, and returns their count: the arguments, or the one plain list given
 * (r.sum{f, g}), read raw.  The terms are kept in a table, not on the stack, so a list of
 * any length (up to SPEC_MAX_LIST) fits.
 */
/* The value on top as a cost function in its place; the term's label is printed only for
 * a value that must be converted (it names the term in an error), not for every cost. */
static void term_to_cost(lua_State *L, const char *name, size_t i)
{
    if (luaL_testudata(L, -1, WRAP_COST_MT)) {
        check_cost(L, -1);
        return;
    }
    char what[64];
    snprintf(what, sizeof what, "%s: term %zu", name, i);
    wrap_cost_to(L, -1, what);
}

static size_t collect_terms(lua_State *L, const char *name, size_t least)
{
    int n_args = lua_gettop(L);
    bool list = n_args == 1 && lua_type(L, 1) == LUA_TTABLE && !lua_getmetatable(L, 1);
    lua_settop(L, n_args);
    if (!lua_checkstack(L, SPEC_STACK))
        where_error(L, "%s: too many arguments (give a list: %s{f, g, ...})", name, name);
    size_t n = list ? spec_length(L, 1, name) : (size_t)n_args;
    if (n > SPEC_MAX_LIST)
        where_error(L, "%s: at most %d terms (got %I)", name, (int)SPEC_MAX_LIST, (lua_Integer)n);
    if (n < least)
        where_error(L, "%s: needs at least %s", name,
                    least == 1 ? "one cost function" : "two cost functions");
    lua_createtable(L, (int)n, 0); /* [args..., terms] */
    int terms = lua_gettop(L);
    for (size_t i = 1; i <= n; i++) {
        if (list)
            lua_rawgeti(L, 1, (lua_Integer)i); /* [..., terms, term] */
        else
            lua_pushvalue(L, (int)i);
        term_to_cost(L, name, i);              /* [..., terms, cost] */
        lua_rawseti(L, terms, (lua_Integer)i); /* [..., terms] */
    }
    return n;
}

static cost_fn *term(lua_State *L, int terms, size_t i)
{
    lua_rawgeti(L, terms, (lua_Integer)i);
    cost_fn *f = *(cost_fn **)lua_touserdata(L, -1);
    lua_pop(L, 1); /* the terms table keeps it */
    return f;
}

/* r.sum(f, g, ...) or r.sum{f, g, ...}: one node summing every term. */
static int cost_sum_fn(lua_State *L)
{
    size_t n = collect_terms(L, "sum", 1); /* [args..., terms] */
    int terms = lua_gettop(L);
    cost_fn **list = spec_scratch(L, n, sizeof *list, "sum"); /* [..., terms, scratch] */
    for (size_t i = 0; i < n; i++)
        list[i] = term(L, terms, i + 1);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_total(list, n, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.max / r.min: pairs combined level by level, a balanced tree of depth log2(n). */
static int balanced(lua_State *L, cost_fn *(*combine)(cost_fn *, cost_fn *, core_error *),
                    const char *name)
{
    size_t n = collect_terms(L, name, 2); /* [args..., terms] */
    int terms = lua_gettop(L);
    while (n > 1) {
        size_t next = 0;
        for (size_t i = 1; i <= n; i += 2) {
            if (i == n) {
                lua_rawgeti(L, terms, (lua_Integer)i); /* [..., terms, odd one] */
            } else {
                cost_fn *a = term(L, terms, i), *b = term(L, terms, i + 1);
                core_error err = {0};
                cost_fn **box = wrap_cost_box(L); /* [..., terms, combined] */
                *box = combine(a, b, &err);
                wrap_cost_finish(L, box, &err);
            }
            lua_rawseti(L, terms, (lua_Integer)++next); /* [..., terms] */
        }
        for (size_t i = next + 1; i <= n; i++) { /* the level above is done with */
            lua_pushnil(L);
            lua_rawseti(L, terms, (lua_Integer)i);
        }
        n = next;
    }
    lua_rawgeti(L, terms, 1); /* [..., terms, result] */
    return 1;
}

static int cost_max_fn(lua_State *L)
{
    return balanced(L, cost_max, "max");
}

static int cost_min_fn(lua_State *L)
{
    return balanced(L, cost_min, "min");
}

static int cost_tostring(lua_State *L)
{
    spec_args(L, 1);
    cost_fn *f = check_cost(L, 1);
    lua_pushfstring(L, "cost(%s at %s)", cost_kind_name(f), cost_origin(f));
    return 1;
}

static int cost_gc(lua_State *L)
{
    cost_fn **box = luaL_checkudata(L, 1, WRAP_COST_MT);
    cost_release(*box);
    *box = NULL;
    return 0;
}

void wrap_cost_open(lua_State *L)
{
    static const luaL_Reg meta[] = {{"__call", cost_call}, {"__add", cost_add},
                                    {"__sub", cost_sub},   {"__mul", cost_mul},
                                    {"__div", cost_div},   {"__tostring", cost_tostring},
                                    {"__gc", cost_gc},     {NULL, NULL}};
    static const luaL_Reg methods[] = {
        {"eval", cost_eval_method}, {"of", cost_of_method}, {NULL, NULL}};
    luaL_newmetatable(L, WRAP_COST_MT); /* [module, mt] */
    luaL_setfuncs(L, meta, 0);
    luaL_newlib(L, methods);        /* [module, mt, methods] */
    lua_setfield(L, -2, "__index"); /* [module, mt] */
    lua_pop(L, 1);                  /* [module] */
    lua_pushcfunction(L, cost_sum_fn);
    lua_setfield(L, -2, "sum");
    lua_pushcfunction(L, cost_max_fn);
    lua_setfield(L, -2, "max");
    lua_pushcfunction(L, cost_min_fn);
    lua_setfield(L, -2, "min");
}
