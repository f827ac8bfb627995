/*
 * wrap_analysis: r.analysis{...}, the decisions asked of a set of options.  An
 * "reckon.analysis" userdata owns a core analysis (analysis.h), whose rules it applies; the
 * options and changes it reads are kept alive through its user value.
 *
 *   r.analysis{
 *     name = "Seed decision",
 *     options = { aws, paas, vps },                         -- r.option values
 *     users = { from = 1000, to = 1000000, points = 61, spacing = "log" },  -- or a list
 *     timeline = { months = 36, start = 10000,
 *                  growth = r.growth.compound{ monthly = r.range(0.04, 0.10) } },
 *     budgets = { 100, 500, 1000 }, cumulative_budgets = { 10000 },
 *     discount_rate = 0.10, rate_conversion = "compound",  -- a year's rate; or "simple"
 *     revenue_per_user = r.range(0.5, 1.5),
 *     changes = { r.change{ name = "Optimise", one_off = 5000, scale = { compute = 0.7 } } },
 *   }
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "rate.h"
#include "reckon_lua.h"
#include "sweep.h"

#define ANALYSIS_MT "reckon.analysis"

static const char *const conversions[] = {"compound", "simple", NULL};

static void out_of_memory(lua_State *L, bool ok)
{
    if (!ok)
        luaL_error(L, "out of memory");
}

/* Raises the core's message, with the model's file and line, when a rule failed. */
static void rule(lua_State *L, bool ok, const core_error *err)
{
    if (!ok)
        where_error(L, "%s", err->msg);
}

static analysis *check_analysis(lua_State *L, int idx)
{
    analysis **box = luaL_checkudata(L, idx, ANALYSIS_MT);
    return *box;
}

/* A list of positive numbers (budgets, users), into a new malloc'd array: each entry read
 * once, raw, into a scratch userdata first, so that nothing leaks when one is wrong. */
static double *read_numbers(lua_State *L, int idx, const char *what, size_t *n)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "%s must be a list of numbers", what);
    size_t len = spec_length(L, idx, what);
    double *scratch = spec_scratch(L, len, sizeof *scratch, what); /* [..., scratch] */
    for (size_t i = 1; i <= len; i++) {
        int t = lua_rawgeti(L, idx, (lua_Integer)i);
        double x = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (t != LUA_TNUMBER || !(x > 0) || !isfinite(x))
            where_error(L, "%s[%d] must be a number > 0", what, (int)i);
        scratch[i - 1] = x;
    }
    double *v = budget_array(len, sizeof *v);
    out_of_memory(L, v != NULL);
    memcpy(v, scratch, len * sizeof *v);
    lua_pop(L, 1);
    *n = len;
    return v;
}

/* users = {list} or {from =, to =, points =, spacing = "log" | "linear"} */
static void read_users(lua_State *L, analysis *a, int idx)
{
    if (lua_type(L, idx) == LUA_TTABLE && lua_rawlen(L, idx) == 0) {
        static const char *const fields[] = {"from", "to", "points", "spacing", NULL};
        static const char *const spacings[] = {"log", "linear", NULL};
        spec_check_fields(L, idx, "analysis: users", fields, 0);
        double from = spec_number(L, idx, "from", "analysis: users", NULL);
        double to = spec_number(L, idx, "to", "analysis: users", NULL);
        static const double default_points = 61;
        double points = spec_number(L, idx, "points", "analysis: users", &default_points);
        int spacing = spec_choice(L, idx, "spacing", "analysis: users", spacings, 0);
        core_error err;
        if (!sweep_make(from, to, points, spacing == 0, &a->users, &a->n_users, &err))
            where_error(L, "analysis: users: %s", err.msg);
    } else {
        a->users = read_numbers(L, idx, "analysis: users", &a->n_users);
        a->n_users = sweep_normalise(a->users, a->n_users);
    }
    if (a->n_users < 2)
        where_error(L, "analysis: users must span at least two user counts");
}

static void read_timeline(lua_State *L, analysis *a, int idx)
{
    static const char *const fields[] = {"months", "start", "growth", NULL};
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "analysis: timeline must be a table {months =, start =, growth =}");
    spec_check_fields(L, idx, "analysis: timeline", fields, 0);
    double months = spec_number(L, idx, "months", "analysis: timeline", NULL);
    spec_field(L, idx, "growth"); /* [growth] */
    const growth_ranges *g = wrap_growth_test(L, -1);
    if (!g)
        where_error(L, "analysis: timeline: growth must be made by r.growth.compound, linear, "
                       "logistic or points");
    static const double no_start = 0;
    growth_ranges at = *g;
    at.start = spec_number(L, idx, "start", "analysis: timeline",
                           g->kind == GROWTH_POINTS ? &no_start : NULL);
    core_error err;
    rule(L, analysis_set_timeline(a, months, &at, &err), &err);
    lua_pop(L, 1);
}

static void read_options(lua_State *L, analysis *a, int idx, int keep)
{
    if (lua_type(L, idx) != LUA_TTABLE || lua_rawlen(L, idx) < 1)
        where_error(L, "analysis \"%s\": options must be a list of r.option values", a->name);
    size_t n = spec_length(L, idx, "analysis: options");
    a->options = budget_calloc(n, sizeof *a->options);
    out_of_memory(L, a->options != NULL);
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i); /* [..., option] */
        const option *opt = wrap_option_test(L, -1);
        if (!opt)
            where_error(L, "analysis \"%s\": options[%d] is not an option made by r.option{...}",
                        a->name, (int)i);
        lua_rawseti(L, keep, (lua_Integer)i); /* keeps the option alive as long as the analysis */
        a->options[a->n_options++] = opt;
    }
    const option *twice;
    core_error err;
    if (!analysis_option_named_twice(a, &twice, &err))
        luaL_error(L, "%s", err.msg);
    if (twice)
        where_error(L, "analysis \"%s\": two options are named \"%s\"", a->name, twice->name);
}

static void read_changes(lua_State *L, analysis *a, int idx, int keep)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "analysis \"%s\": changes must be a list of r.change values", a->name);
    size_t n = spec_length(L, idx, "analysis: changes");
    a->changes = budget_calloc(n > 0 ? n : 1, sizeof *a->changes);
    out_of_memory(L, a->changes != NULL);
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i); /* [..., change] */
        const change *c = wrap_change_test(L, -1);
        if (!c)
            where_error(L, "analysis \"%s\": changes[%d] is not an r.change{...} value", a->name,
                        (int)i);
        a->changes[a->n_changes++] = c; /* borrowed: `keep` holds its userdata */
        lua_rawseti(L, keep, (lua_Integer)(a->n_options + i));
    }
    const change *twice;
    core_error err;
    if (!analysis_change_listed_twice(a, &twice, &err))
        luaL_error(L, "%s", err.msg);
    if (twice)
        where_error(L, "analysis \"%s\": change \"%s\" is listed twice", a->name, twice->name);
}

/* budgets =, cumulative_budgets =, discount_rate =, rate_conversion =, revenue_per_user =
 * of the spec at 1, with the stack back at keep. */
static void read_money(lua_State *L, analysis *a, int keep)
{
    if (spec_field(L, 1, "budgets") != LUA_TNIL)
        a->budgets = read_numbers(L, lua_gettop(L), "analysis: budgets", &a->n_budgets);
    if (spec_field(L, 1, "cumulative_budgets") != LUA_TNIL)
        a->cumulative_budgets = read_numbers(L, lua_gettop(L), "analysis: cumulative_budgets",
                                             &a->n_cumulative_budgets);
    core_error err;
    rule(L, analysis_check(a, &err), &err); /* budgets: before the fields below, as ever */
    static const double no_discount = 0;
    double discount = spec_number(L, 1, "discount_rate", "analysis", &no_discount);
    rate_conversion conv =
        (rate_conversion)spec_choice(L, 1, "rate_conversion", "analysis", conversions, 0);
    rule(L, analysis_set_discount(a, discount, conv, &err), &err);
    lua_settop(L, keep);
    if (spec_field(L, 1, "revenue_per_user") != LUA_TNIL) {
        range revenue = spec_to_range(L, -1, "analysis: revenue_per_user");
        rule(L, analysis_set_revenue(a, revenue, &err), &err);
    }
    lua_settop(L, keep);
}

/* r.analysis{...} -> analysis */
static int analysis_new_lua(lua_State *L)
{
    static const char *const fields[] = {"name",
                                         "options",
                                         "users",
                                         "timeline",
                                         "budgets",
                                         "cumulative_budgets",
                                         "discount_rate",
                                         "rate_conversion",
                                         "revenue_per_user",
                                         "changes",
                                         NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "analysis", fields, 0);
    analysis **box = lua_newuserdatauv(L, sizeof *box, 1); /* [spec, analysis] */
    *box = NULL;
    luaL_setmetatable(L, ANALYSIS_MT);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, 2, 1); /* [spec, analysis, keep] */
    int keep = 3;
    if (spec_field(L, 1, "name") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        return where_error(L, "analysis: name must be a non-empty string");
    char origin[256];
    core_error err;
    *box = analysis_new(spec_to_name(L, -1, "analysis: name"),
                        where_origin(L, origin, sizeof origin), &err);
    if (!*box)
        luaL_error(L, "%s", err.msg);
    analysis *a = *box;
    lua_settop(L, keep);
    spec_field(L, 1, "options");
    read_options(L, a, lua_gettop(L), keep);
    lua_settop(L, keep);
    if (spec_field(L, 1, "users") != LUA_TNIL)
        read_users(L, a, lua_gettop(L));
    else {
        a->users = budget_array(sweep_default_count, sizeof *a->users);
        out_of_memory(L, a->users != NULL);
        memcpy(a->users, sweep_default, sweep_default_count * sizeof *a->users);
        a->n_users = sweep_default_count;
    }
    lua_settop(L, keep);
    if (spec_field(L, 1, "timeline") != LUA_TNIL)
        read_timeline(L, a, lua_gettop(L));
    lua_settop(L, keep);
    read_money(L, a, keep);
    if (spec_field(L, 1, "changes") != LUA_TNIL)
        read_changes(L, a, lua_gettop(L), keep);
    rule(L, analysis_check(a, &err), &err); /* changes, now that they are read */
    lua_settop(L, 2);
    return 1;
}

static int analysis_gc(lua_State *L)
{
    analysis **box = luaL_checkudata(L, 1, ANALYSIS_MT);
    analysis_free(*box);
    *box = NULL;
    return 0;
}

const analysis *wrap_analysis_test(lua_State *L, int idx)
{
    analysis **box = luaL_testudata(L, idx, ANALYSIS_MT);
    return box ? *box : NULL;
}

static int analysis_tostring(lua_State *L)
{
    spec_args(L, 1);
    const analysis *a = check_analysis(L, 1);
    lua_pushfstring(L, "analysis(%s)", a ? a->name : "released");
    return 1;
}

void wrap_analysis_open(lua_State *L)
{
    luaL_newmetatable(L, ANALYSIS_MT); /* [module, mt] */
    lua_pushcfunction(L, analysis_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, analysis_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1); /* [module] */
    lua_pushcfunction(L, analysis_new_lua);
    lua_setfield(L, -2, "analysis");
}
