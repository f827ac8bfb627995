/*
 * wrap_fin: r.fin, the spreadsheet finance functions over engine/core/finance.c, with the
 * spreadsheet's argument order and defaults, so that a result can be checked against
 * LibreOffice or Excel.
 *
 *   r.fin.npv(rate, values)                    NPV: the first value discounted one period
 *   r.fin.irr(values [, guess = 0.1])
 *   r.fin.pmt(rate, nper, pv [, fv = 0 [, type = 0]])
 *   r.fin.pv(rate, nper, pmt [, fv = 0 [, type = 0]])
 *   r.fin.fv(rate, nper, pmt [, pv = 0 [, type = 0]])
 *   r.fin.xnpv(rate, values, dates)
 *   r.fin.xirr(values, dates [, guess = 0.1])
 *
 * values is a Lua array of finite numbers ({-10000, 3000, 4200}, not NPV's list of
 * arguments); dates an array of "YYYY-MM-DD" strings of the same length.  Every misuse
 * raises with the model's file:line, and so does a failure of the core (an IRR that does
 * not exist): the spreadsheet's #NUM! becomes an error, never a made-up number.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "finance.h"
#include "reckon_lua.h"

#define DEFAULT_GUESS 0.1 /* the spreadsheets' default guess for IRR and XIRR */

/* Raises unless the call has at most `most` arguments: NPV(rate, v1, v2, ...) written as
 * r.fin.npv(rate, v1, v2) would otherwise drop values silently.  Then keeps exactly `most`
 * (spec_args: the absent ones nil). */
static void check_arg_count(lua_State *L, const char *name, int most, const char *usage)
{
    if (lua_gettop(L) > most)
        where_error(L, "%s: takes at most %d arguments, %s (got %d)", name, most, usage,
                    lua_gettop(L));
    spec_args(L, most);
}

/* Argument idx as a finite number, or raises naming it. */
static double arg_number(lua_State *L, int idx, const char *name, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        where_error(L, "%s: %s must be a number (got %s)", name, what, luaL_typename(L, idx));
    double x = lua_tonumber(L, idx);
    if (!isfinite(x))
        where_error(L, "%s: %s must be a finite number (got %s)", name, what, spec_not_finite(x));
    return x;
}

/* Optional argument idx as a finite number, dflt when absent or nil. */
static double opt_number(lua_State *L, int idx, const char *name, const char *what, double dflt)
{
    return lua_isnoneornil(L, idx) ? dflt : arg_number(L, idx, name, what);
}

/* Optional argument idx as a payment type, 0 (end of period, the default) or 1 (start). */
static int opt_type(lua_State *L, int idx, const char *name)
{
    double type = opt_number(L, idx, name, "type", 0);
    if (type != 0 && type != 1)
        where_error(L,
                    "%s: type must be 0 (payments at the end of each period) or 1 (at the "
                    "start) (got %f)",
                    name, type);
    return (int)type;
}

/* The length of the array at idx, which must be a table; raises naming it otherwise. */
static size_t arg_array(lua_State *L, int idx, const char *name, const char *what,
                        const char *example)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "%s: %s must be an array such as %s (got %s)", name, what, example,
                    luaL_typename(L, idx));
    char list[64];
    snprintf(list, sizeof list, "%s: %s", name, what);
    size_t n = spec_length(L, idx, list);
    if (n < 1)
        where_error(L, "%s: %s must not be empty", name, what);
    return n;
}

/*
 * The array of numbers at idx, copied into a scratch userdata pushed on the stack (so that
 * nothing leaks when a later check raises); *n gets its length.
 */
static const double *arg_values(lua_State *L, int idx, const char *name, size_t *n)
{
    *n = arg_array(L, idx, name, "values", "{-10000, 3000, 4200}");
    double *values = spec_scratch(L, *n, sizeof *values, name); /* [..., scratch] */
    for (size_t i = 0; i < *n; i++) {
        int type = lua_rawgeti(L, idx, (lua_Integer)i + 1); /* [..., scratch, value] */
        if (type != LUA_TNUMBER)
            where_error(L, "%s: values[%d] must be a number (got %s)", name, (int)(i + 1),
                        luaL_typename(L, -1));
        values[i] = lua_tonumber(L, -1);
        if (!isfinite(values[i]))
            where_error(L, "%s: values[%d] must be a finite number (got %s)", name, (int)(i + 1),
                        spec_not_finite(values[i]));
        lua_pop(L, 1); /* [..., scratch] */
    }
    return values;
}

/*
 * The array of "YYYY-MM-DD" dates at idx, which must have n entries, as days since
 * 1970-01-01 in a scratch userdata pushed on the stack.
 */
static const long *arg_dates(lua_State *L, int idx, const char *name, size_t n)
{
    size_t count = arg_array(L, idx, name, "dates", "{\"2024-01-31\", \"2024-03-01\"}");
    if (count != n)
        where_error(L, "%s: values has %d entries but dates has %d: each value needs its date",
                    name, (int)n, (int)count);
    long *days = spec_scratch(L, n, sizeof *days, name); /* [..., scratch] */
    for (size_t i = 0; i < n; i++) {
        int type = lua_rawgeti(L, idx, (lua_Integer)i + 1); /* [..., scratch, date] */
        if (type != LUA_TSTRING)
            where_error(L, "%s: dates[%d] must be a string \"YYYY-MM-DD\" (got %s)", name,
                        (int)(i + 1), luaL_typename(L, -1));
        size_t len;
        const char *text = lua_tolstring(L, -1, &len);
        core_error err;
        if (strlen(text) != len)
            where_error(L, "%s: dates[%d] contains a zero byte", name, (int)(i + 1));
        if (!fin_date_parse(text, &days[i], &err))
            where_error(L, "%s: dates[%d]: %s", name, (int)(i + 1), err.msg);
        lua_pop(L, 1); /* [..., scratch] */
    }
    return days;
}

/* Pushes the core's result, or raises with its message. */
static int push_result(lua_State *L, bool ok, double value, const core_error *err)
{
    if (!ok)
        return where_error(L, "%s", err->msg);
    lua_pushnumber(L, value);
    return 1;
}

/* r.fin.npv(rate, values) */
static int l_npv(lua_State *L)
{
    check_arg_count(L, "NPV", 2, "npv(rate, values)");
    double rate = arg_number(L, 1, "NPV", "rate");
    size_t n;
    const double *values = arg_values(L, 2, "NPV", &n);
    core_error err;
    double npv = 0;
    bool ok = fin_npv(rate, values, n, &npv, &err);
    return push_result(L, ok, npv, &err);
}

/* r.fin.irr(values [, guess]) */
static int l_irr(lua_State *L)
{
    check_arg_count(L, "IRR", 2, "irr(values [, guess])");
    double guess = opt_number(L, 2, "IRR", "guess", DEFAULT_GUESS);
    size_t n;
    const double *values = arg_values(L, 1, "IRR", &n);
    core_error err;
    double rate = 0;
    bool ok = fin_irr(values, n, guess, &rate, &err);
    return push_result(L, ok, rate, &err);
}

/* The functions of the time value of money share their arguments' shape. */
typedef bool (*tvm_fn)(double rate, double nper, double a, double b, int type, double *out,
                       core_error *err);

/* name(rate, nper, a [, b [, type]]) with a and b named as the spreadsheet names them. */
static int call_tvm(lua_State *L, const char *name, tvm_fn fn, const char *a_name,
                    const char *b_name, const char *usage)
{
    check_arg_count(L, name, 5, usage);
    double rate = arg_number(L, 1, name, "rate");
    double nper = arg_number(L, 2, name, "nper");
    double a = arg_number(L, 3, name, a_name);
    double b = opt_number(L, 4, name, b_name, 0);
    int type = opt_type(L, 5, name);
    core_error err;
    double out = 0;
    bool ok = fn(rate, nper, a, b, type, &out, &err);
    return push_result(L, ok, out, &err);
}

/* r.fin.pmt(rate, nper, pv [, fv [, type]]) */
static int l_pmt(lua_State *L)
{
    return call_tvm(L, "PMT", fin_pmt, "pv", "fv", "pmt(rate, nper, pv [, fv [, type]])");
}

/* r.fin.pv(rate, nper, pmt [, fv [, type]]) */
static int l_pv(lua_State *L)
{
    return call_tvm(L, "PV", fin_pv, "pmt", "fv", "pv(rate, nper, pmt [, fv [, type]])");
}

/* r.fin.fv(rate, nper, pmt [, pv [, type]]) */
static int l_fv(lua_State *L)
{
    return call_tvm(L, "FV", fin_fv, "pmt", "pv", "fv(rate, nper, pmt [, pv [, type]])");
}

/* r.fin.xnpv(rate, values, dates) */
static int l_xnpv(lua_State *L)
{
    check_arg_count(L, "XNPV", 3, "xnpv(rate, values, dates)");
    double rate = arg_number(L, 1, "XNPV", "rate");
    size_t n;
    const double *values = arg_values(L, 2, "XNPV", &n);
    const long *days = arg_dates(L, 3, "XNPV", n);
    core_error err;
    double npv = 0;
    bool ok = fin_xnpv(rate, values, days, n, &npv, &err);
    return push_result(L, ok, npv, &err);
}

/* r.fin.xirr(values, dates [, guess]) */
static int l_xirr(lua_State *L)
{
    check_arg_count(L, "XIRR", 3, "xirr(values, dates [, guess])");
    double guess = opt_number(L, 3, "XIRR", "guess", DEFAULT_GUESS);
    size_t n;
    const double *values = arg_values(L, 1, "XIRR", &n);
    const long *days = arg_dates(L, 2, "XIRR", n);
    core_error err;
    double rate = 0;
    bool ok = fin_xirr(values, days, n, guess, &rate, &err);
    return push_result(L, ok, rate, &err);
}

void wrap_fin_open(lua_State *L)
{
    static const luaL_Reg fns[] = {{"npv", l_npv},   {"irr", l_irr}, {"pmt", l_pmt},
                                   {"pv", l_pv},     {"fv", l_fv},   {"xnpv", l_xnpv},
                                   {"xirr", l_xirr}, {NULL, NULL}};
    lua_createtable(L, 0, (int)(sizeof fns / sizeof fns[0]) - 1); /* [module, fin] */
    luaL_setfuncs(L, fns, 0);
    lua_setfield(L, -2, "fin"); /* [module] */
}
