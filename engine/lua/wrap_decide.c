/*
 * wrap_decide: decisions from a script.
 *
 *   r.crossovers(f, g, lo, hi)   every driver value in lo..hi where f - g changes sign,
 *                                ascending; a second list says, for each, whether f is the
 *                                cheaper one below it
 *   r.payback(one_off, monthly_saving [, {months = 120, rate = 0}])
 *                                the first month at whose end the cumulative saving (each
 *                                month discounted at the monthly rate) reaches one_off, and
 *                                the fractional month; nil when never within months.
 *                                monthly_saving is a number or a function of the month.
 */
#include <math.h>
#include <stdlib.h>

#include "crossover.h"
#include "payback.h"
#include "reckon_lua.h"

static double finite_arg(lua_State *L, int idx, const char *fn, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        where_error(L, "%s: %s must be a number (got %s)", fn, what, luaL_typename(L, idx));
    double x = lua_tonumber(L, idx);
    if (!isfinite(x))
        where_error(L, "%s: %s must be a finite number", fn, what);
    return x;
}

/* r.crossovers(f, g, lo, hi) -> {x...}, {f_cheaper_below...} */
static int decide_crossovers(lua_State *L)
{
    spec_args(L, 4);
    cost_fn *f = wrap_cost_to(L, 1, "crossovers: f");
    cost_fn *g = wrap_cost_to(L, 2, "crossovers: g");
    double lo = finite_arg(L, 3, "crossovers", "lo"), hi = finite_arg(L, 4, "crossovers", "hi");
    crossover *c;
    size_t n;
    core_error err;
    lua_State *saved = reckon_enter(L); /* a Lua function in f or g runs on this thread */
    bool ok = crossover_find(f, g, lo, hi, &c, &n, &err);
    reckon_leave(L, saved);
    if (!ok)
        return where_error(L, "%s", err.msg);
    lua_createtable(L, (int)n, 0); /* [..., xs] */
    lua_createtable(L, (int)n, 0); /* [..., xs, below] */
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, c[i].x);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
        lua_pushboolean(L, c[i].f_cheaper_below);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    budget_free(c);
    return 2;
}

/* The savings of months 1..months into a GC-owned array: a number, or f(month). */
static double *read_savings(lua_State *L, int idx, size_t months)
{
    double *s = lua_newuserdatauv(L, months * sizeof *s, 0); /* [..., savings] */
    for (size_t m = 0; m < months; m++) {
        if (lua_type(L, idx) == LUA_TNUMBER) {
            s[m] = finite_arg(L, idx, "payback", "monthly_saving");
            continue;
        }
        lua_pushvalue(L, idx);
        lua_pushinteger(L, (lua_Integer)m + 1);
        lua_call(L, 1, 1);
        if (lua_type(L, -1) != LUA_TNUMBER || !isfinite(lua_tonumber(L, -1)))
            where_error(L, "payback: monthly_saving(%d) must return a finite number (got %s)",
                        (int)m + 1, luaL_typename(L, -1));
        s[m] = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    return s;
}

/* r.payback(one_off, monthly_saving [, opts]) -> month, fraction | nil */
static int decide_payback(lua_State *L)
{
    spec_args(L, 3);
    double one_off = finite_arg(L, 1, "payback", "one_off");
    if (lua_type(L, 2) != LUA_TNUMBER && lua_type(L, 2) != LUA_TFUNCTION)
        return where_error(L,
                           "payback: monthly_saving must be a number or a function of the "
                           "month (got %s)",
                           luaL_typename(L, 2));
    double months = 120, rate = 0;
    if (!lua_isnil(L, 3)) {
        static const char *const fields[] = {"months", "rate", NULL};
        luaL_checktype(L, 3, LUA_TTABLE);
        spec_check_fields(L, 3, "payback", fields, 0);
        months = spec_number(L, 3, "months", "payback", &months);
        rate = spec_number(L, 3, "rate", "payback", &rate);
    }
    if (!(months >= 1 && months <= 100000 && months == floor(months)))
        return where_error(L, "payback: months must be a whole number from 1 to 100000");
    if (rate <= -1)
        return where_error(L, "payback: rate must be greater than -1");
    const double *saving = read_savings(L, 2, (size_t)months);
    size_t month;
    double fraction;
    if (!payback_find(one_off, saving, (size_t)months, rate, &month, &fraction)) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)month);
    lua_pushnumber(L, fraction);
    return 2;
}

void wrap_decide_open(lua_State *L)
{
    static const luaL_Reg fns[] = {
        {"crossovers", decide_crossovers}, {"payback", decide_payback}, {NULL, NULL}};
    luaL_setfuncs(L, fns, 0); /* [module] */
}
