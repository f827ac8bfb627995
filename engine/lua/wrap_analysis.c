/*
 * wrap_analysis: r.analysis{...}, r.change{...} and r.growth.*, the decisions asked of a set
 * of options.  An "reckon.analysis" userdata owns a core analysis; the options it compares
 * are kept alive through its user value.
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
 *
 *   r.growth.compound{ monthly = g } or { annual = g [, conversion = "simple"] }
 *   r.growth.linear{ per_month = n }
 *   r.growth.logistic{ rate = k, ceiling = K }
 *   r.growth.points{ {month, users}, ... }
 *
 *   r.change{ name =, one_off =, scale = { target = factor }, remove = { target },
 *             add = { items }, replace = option, options = { "option name" }, note = "..." }
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "rate.h"
#include "reckon_lua.h"
#include "sweep.h"

#define GROWTH_MT "reckon.growth"
#define CHANGE_MT "reckon.change"
#define ANALYSIS_MT "reckon.analysis"

/* ---- growth ---------------------------------------------------------------------------- */

typedef struct growth_spec {
    growth_kind kind;
    int conversion;    /* -1, or how the year's rate given (rate, kept annual) becomes a month's */
    range rate;        /* compound: monthly; logistic: steepness */
    range per_month;   /* linear */
    range ceiling;     /* logistic */
    size_t n_points;   /* points */
    growth_point points[];
} growth_spec;

static const char *const conversions[] = {"compound", "simple", NULL};

static growth_spec *new_growth(lua_State *L, growth_kind kind, size_t n_points)
{
    size_t bytes = spec_size(L, n_points, sizeof(growth_point), "growth.points");
    growth_spec *g = lua_newuserdatauv(L, sizeof *g + bytes, 0);
    memset(g, 0, sizeof *g);
    g->kind = kind;
    g->n_points = n_points;
    g->conversion = -1;
    luaL_setmetatable(L, GROWTH_MT);
    return g;
}

/* r.growth.compound{monthly = g} or {annual = g, conversion = "compound" | "simple"} */
static int growth_compound(lua_State *L)
{
    static const char *const fields[] = {"monthly", "annual", "conversion", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "growth.compound", fields, 0);
    bool monthly = spec_field(L, 1, "monthly") != LUA_TNIL;       /* [spec, monthly] */
    bool annual = spec_field(L, 1, "annual") != LUA_TNIL;         /* [spec, monthly, annual] */
    bool conversion = spec_field(L, 1, "conversion") != LUA_TNIL; /* [..., conversion] */
    if (monthly == annual)
        return where_error(L, "growth.compound: give monthly = or annual = (one of them)");
    if (monthly && conversion)
        return where_error(L, "growth.compound: conversion goes with annual =, not monthly =");
    range rate = spec_to_range(L, monthly ? 2 : 3, monthly ? "growth.compound: monthly"
                                                           : "growth.compound: annual");
    int conv = -1;
    if (rate.lo <= -1)
        return where_error(L, "growth.compound: the rate must be greater than -1 (-100%%)");
    if (!monthly)
        conv = conversion ? spec_to_choice(L, 4, "growth.compound", "conversion", conversions)
                          : 0;
    growth_spec *g = new_growth(L, GROWTH_COMPOUND, 0);
    g->rate = rate;
    g->conversion = conv;
    return 1;
}

/* r.growth.linear{per_month = n} */
static int growth_linear(lua_State *L)
{
    static const char *const fields[] = {"per_month", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "growth.linear", fields, 0);
    range per_month = spec_range(L, 1, "per_month", "growth.linear", NULL);
    new_growth(L, GROWTH_LINEAR, 0)->per_month = per_month;
    return 1;
}

/* r.growth.logistic{rate = k, ceiling = K} */
static int growth_logistic(lua_State *L)
{
    static const char *const fields[] = {"rate", "ceiling", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "growth.logistic", fields, 0);
    range rate = spec_range(L, 1, "rate", "growth.logistic", NULL);
    range ceiling = spec_range(L, 1, "ceiling", "growth.logistic", NULL);
    if (rate.lo <= 0 || ceiling.lo <= 0)
        return where_error(L, "growth.logistic: rate and ceiling must be greater than 0");
    growth_spec *g = new_growth(L, GROWTH_LOGISTIC, 0);
    g->rate = rate;
    g->ceiling = ceiling;
    return 1;
}

/* r.growth.points{ {month, users}, ... } */
static int growth_points(lua_State *L)
{
    static const char *const none[] = {NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "growth.points", none, 1);
    lua_Integer n = (lua_Integer)spec_length(L, 1, "growth.points");
    if (n < 1)
        return where_error(L, "growth.points: needs at least one {month, users} point");
    growth_spec *g = new_growth(L, GROWTH_POINTS, (size_t)n); /* [spec, growth] */
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE || lua_rawlen(L, -1) != 2)
            return where_error(L, "growth.points: point %d must be a pair {month, users}", (int)i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2); /* [spec, growth, point, month, users] */
        if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER)
            return where_error(L, "growth.points: point %d must hold two numbers", (int)i);
        g->points[i - 1] = (growth_point){lua_tonumber(L, -2), lua_tonumber(L, -1)};
        lua_pop(L, 3);
    }
    return 1;
}

/* The core growth for one end (LO 0, MID 1, HI 2) of a spec's ranges, starting at start. */
static growth growth_at(const growth_spec *s, double start, int end)
{
    const range *rs[] = {&s->rate, &s->per_month, &s->ceiling};
    double v[3];
    for (int i = 0; i < 3; i++)
        v[i] = end == 0 ? rs[i]->lo : end == 1 ? rs[i]->mid : rs[i]->hi;
    if (s->conversion >= 0) /* a year's rate, turned into a month's */
        v[0] = rate_monthly_from_annual(v[0], (rate_conversion)s->conversion);
    return (growth){.kind = s->kind, .start = start, .rate = v[0], .per_month = v[1],
                    .ceiling = v[2], .points = NULL, .n_points = s->n_points};
}

/* ---- change ---------------------------------------------------------------------------- */

static change **check_change_box(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, CHANGE_MT);
}

static void out_of_memory(lua_State *L, bool ok)
{
    if (!ok)
        luaL_error(L, "out of memory");
}

/* The one-off cost: anything a cost function accepts, taken at 0 users.  Leaves the cost
 * userdata on the stack (it owns *fn, which is not retained here). */
static range one_off_cost(lua_State *L, int spec, const char *what, cost_fn **fn)
{
    if (spec_field(L, spec, "one_off") == LUA_TNIL) /* [one_off] */
        where_error(L, "%s: missing field 'one_off' (what the change costs once)", what);
    const range *given = wrap_range_test(L, -1);
    if ((lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) < 0) || (given && given->lo < 0))
        where_error(L, "%s: one_off must not be negative", what);
    cost_fn *f = wrap_cost_to(L, -1, what);
    double x = 0, lo, mid, hi;
    cost_error err;
    lua_State *saved = reckon_enter(L); /* a Lua function in it runs on this thread */
    bool ok = cost_eval(f, &x, 1, &lo, &mid, &hi, &err);
    reckon_leave(L, saved);
    if (!ok)
        where_error(L, "%s: one_off: %s", what, err.msg);
    if (lo < 0)
        where_error(L, "%s: one_off must not be negative", what);
    *fn = f;
    return (range){.lo = lo, .mid = mid, .hi = hi, .dist = RANGE_INTERVAL90, .mode = mid};
}

static void read_scale(lua_State *L, change *c, int idx)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) { /* [key, factor] */
        if (lua_type(L, -2) != LUA_TSTRING)
            where_error(L, "change \"%s\": scale takes item names or categories as keys "
                           "(scale = { compute = 0.7 })", c->name);
        char what[300];
        snprintf(what, sizeof what, "change \"%s\": scale: a name", c->name);
        const char *target = spec_to_name(L, -2, what); /* a string key: no conversion */
        snprintf(what, sizeof what, "change \"%s\": scale.%s", c->name, target);
        range factor = spec_to_range(L, -1, what);
        cost_error err;
        if (!change_add_scale(c, target, factor, &err))
            where_error(L, "%s", err.msg);
        lua_pop(L, 1);
    }
}

static void read_names(lua_State *L, change *c, int idx, const char *field,
                       bool (*add)(change *, const char *))
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "change \"%s\": %s must be a list of names", c->name, field);
    size_t n = spec_length(L, idx, field);
    for (size_t i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, (lua_Integer)i) != LUA_TSTRING)
            where_error(L, "change \"%s\": %s[%d] must be a string", c->name, field, (int)i);
        char what[300];
        snprintf(what, sizeof what, "change \"%s\": %s[%d]", c->name, field, (int)i);
        out_of_memory(L, add(c, spec_to_name(L, -1, what)));
        lua_pop(L, 1);
    }
}

/* add = { {name =, category =, cost =}, ... }: read as the items of an option, by the C
 * constructor itself (never the model's r.option). */
static void read_adds(lua_State *L, change *c, int idx)
{
    lua_pushcfunction(L, wrap_option_new); /* [constructor] */
    lua_createtable(L, 0, 2);
    lua_pushfstring(L, "%s (added)", c->name);
    lua_setfield(L, -2, "name");
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "items");
    lua_call(L, 1, 1); /* [option] */
    const option *opt = wrap_option_test(L, -1);
    if (!opt)
        luaL_error(L, "change \"%s\": add: no option was made", c->name);
    option *copy = option_new(opt->name, opt->origin);
    out_of_memory(L, copy != NULL);
    c->adds = copy;
    for (size_t i = 0; i < opt->n_items; i++) {
        const item *it = &opt->items[i];
        out_of_memory(L, option_add_item(copy, it->name, it->category, it->note, it->cost));
    }
    lua_pop(L, 1);
}

/* r.change{name =, one_off =, scale =, remove =, add =, replace =, options =} */
static int change_new_lua(lua_State *L)
{
    static const char *const fields[] = {"name", "one_off", "scale", "remove", "add",
                                         "replace", "options", "note", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "change", fields, 0);
    if (spec_field(L, 1, "name") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        return where_error(L, "change: name must be a non-empty string");
    const char *name = spec_to_name(L, -1, "change: name"); /* [spec, name] */
    char what[300], origin[256];
    snprintf(what, sizeof what, "change \"%s\"", name);
    cost_fn *one_off_fn = NULL;
    range one_off = one_off_cost(L, 1, what, &one_off_fn); /* [spec, name, one_off] */
    int note_type = spec_field(L, 1, "note"); /* [spec, name, one_off, note] */
    if (note_type != LUA_TNIL && note_type != LUA_TSTRING)
        return where_error(L, "%s: note must be a string", what);
    char note_what[320];
    snprintf(note_what, sizeof note_what, "%s: note", what);
    const char *note = note_type == LUA_TNIL ? NULL : spec_to_name(L, -1, note_what);
    change **box = lua_newuserdatauv(L, sizeof *box, 1); /* [spec, name, one_off, note, change] */
    *box = NULL;
    luaL_setmetatable(L, CHANGE_MT);
    *box = change_new(name, where_origin(L, origin, sizeof origin), note, one_off);
    out_of_memory(L, *box != NULL);
    change *c = *box;
    cost_retain(one_off_fn); /* from here the change owns a reference */
    c->one_off_fn = one_off_fn;
    int top = lua_gettop(L);
    if (spec_field(L, 1, "scale") != LUA_TNIL)
        read_scale(L, c, lua_gettop(L));
    if (spec_field(L, 1, "remove") != LUA_TNIL)
        read_names(L, c, lua_gettop(L), "remove", change_add_remove);
    if (spec_field(L, 1, "options") != LUA_TNIL)
        read_names(L, c, lua_gettop(L), "options", change_add_only);
    if (spec_field(L, 1, "add") != LUA_TNIL)
        read_adds(L, c, lua_gettop(L));
    if (spec_field(L, 1, "replace") != LUA_TNIL) {
        c->replace = wrap_option_test(L, -1);
        if (!c->replace)
            return where_error(L, "%s: replace must be an option made by r.option{...}", what);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, top, 1); /* the change keeps the replacing option alive */
    }
    lua_settop(L, top);
    if (c->n_scales + c->n_removes == 0 && !c->adds && !c->replace)
        return where_error(L, "%s: say what it does: scale, remove, add or replace", what);
    if (c->replace && (c->n_scales + c->n_removes > 0 || c->adds))
        return where_error(L, "%s: replace stands alone; make the other effects a change of "
                              "their own", what);
    return 1;
}

static int change_gc(lua_State *L)
{
    change **box = check_change_box(L, 1);
    change_free(*box);
    *box = NULL;
    return 0;
}

/* ---- analysis -------------------------------------------------------------------------- */

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
        char text[200], err[256];
        snprintf(text, sizeof text, "%.17g:%.17g:%.17g%s", from, to, points,
                 spacing == 0 ? ":log" : "");
        if (!sweep_parse(text, &a->users, &a->n_users, err, sizeof err))
            where_error(L, "analysis: users: %s", err);
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
    if (!(months >= 1 && months <= 1200 && months == floor(months)))
        where_error(L, "analysis: timeline: months must be a whole number from 1 to 1200");
    spec_field(L, idx, "growth"); /* [growth] */
    const growth_spec *g = luaL_testudata(L, -1, GROWTH_MT);
    if (!g)
        where_error(L, "analysis: timeline: growth must be made by r.growth.compound, linear, "
                       "logistic or points");
    static const double no_start = 0;
    double start = spec_number(L, idx, "start", "analysis: timeline",
                               g->kind == GROWTH_POINTS ? &no_start : NULL);
    if (g->n_points) {
        a->growth_points = budget_array(g->n_points, sizeof *a->growth_points);
        out_of_memory(L, a->growth_points != NULL);
        memcpy(a->growth_points, g->points, g->n_points * sizeof *a->growth_points);
    }
    a->growth_lo = growth_at(g, start, 0);
    a->growth_mid = growth_at(g, start, 1);
    a->growth_hi = growth_at(g, start, 2);
    a->growth_lo.points = a->growth_mid.points = a->growth_hi.points = a->growth_points;
    a->growth_rate = g->rate;
    a->growth_per_month = g->per_month;
    a->growth_ceiling = g->ceiling;
    a->growth_conversion = g->conversion;
    char err[256];
    if (!growth_check(&a->growth_lo, err, sizeof err) ||
        !growth_check(&a->growth_hi, err, sizeof err))
        where_error(L, "analysis: timeline: %s", err);
    a->months = (size_t)months;
    a->has_timeline = true;
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
    out_of_memory(L, analysis_option_named_twice(a, &twice));
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
        change **box = luaL_testudata(L, -1, CHANGE_MT);
        if (!box || !*box)
            where_error(L, "analysis \"%s\": changes[%d] is not an r.change{...} value",
                        a->name, (int)i);
        a->changes[a->n_changes++] = *box; /* borrowed: `keep` holds its userdata */
        lua_rawseti(L, keep, (lua_Integer)(a->n_options + i));
    }
    const change *twice;
    out_of_memory(L, analysis_change_listed_twice(a, &twice));
    if (twice)
        where_error(L, "analysis \"%s\": change \"%s\" is listed twice", a->name, twice->name);
    if (a->n_changes && !a->has_timeline)
        where_error(L, "analysis \"%s\": changes are measured along a timeline; add timeline = "
                       "{months =, start =, growth =}", a->name);
}

/* r.analysis{...} -> analysis */
static int analysis_new_lua(lua_State *L)
{
    static const char *const fields[] = {
        "name", "options", "users", "timeline", "budgets", "cumulative_budgets",
        "discount_rate", "rate_conversion", "revenue_per_user", "changes", NULL};
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
    *box = analysis_new(spec_to_name(L, -1, "analysis: name"),
                        where_origin(L, origin, sizeof origin));
    out_of_memory(L, *box != NULL);
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
    if (spec_field(L, 1, "budgets") != LUA_TNIL)
        a->budgets = read_numbers(L, lua_gettop(L), "analysis: budgets", &a->n_budgets);
    if (spec_field(L, 1, "cumulative_budgets") != LUA_TNIL)
        a->cumulative_budgets = read_numbers(L, lua_gettop(L), "analysis: cumulative_budgets",
                                             &a->n_cumulative_budgets);
    if ((a->n_budgets || a->n_cumulative_budgets) && !a->has_timeline)
        return where_error(L, "analysis \"%s\": budgets are crossed along a timeline; add "
                              "timeline = {months =, start =, growth =}", a->name);
    static const double no_discount = 0;
    a->discount_annual = spec_number(L, 1, "discount_rate", "analysis", &no_discount);
    if (a->discount_annual <= -1)
        return where_error(L, "analysis: discount_rate must be greater than -1");
    rate_conversion conv = (rate_conversion)spec_choice(L, 1, "rate_conversion", "analysis",
                                                        conversions, 0);
    a->discount_monthly = rate_monthly_from_annual(a->discount_annual, conv);
    lua_settop(L, keep);
    if (spec_field(L, 1, "revenue_per_user") != LUA_TNIL) {
        a->revenue_per_user = spec_to_range(L, -1, "analysis: revenue_per_user");
        if (a->revenue_per_user.lo < 0)
            return where_error(L, "analysis: revenue_per_user must be >= 0");
        a->has_revenue = true;
    }
    lua_settop(L, keep);
    if (spec_field(L, 1, "changes") != LUA_TNIL)
        read_changes(L, a, lua_gettop(L), keep);
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
    static const luaL_Reg growth_fns[] = {{"compound", growth_compound},
                                          {"linear", growth_linear},
                                          {"logistic", growth_logistic},
                                          {"points", growth_points},
                                          {NULL, NULL}};
    luaL_newmetatable(L, GROWTH_MT);
    lua_pop(L, 1);
    luaL_newmetatable(L, CHANGE_MT);
    lua_pushcfunction(L, change_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, ANALYSIS_MT);
    lua_pushcfunction(L, analysis_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, analysis_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1); /* [module] */
    luaL_newlib(L, growth_fns);
    lua_setfield(L, -2, "growth");
    lua_pushcfunction(L, change_new_lua);
    lua_setfield(L, -2, "change");
    lua_pushcfunction(L, analysis_new_lua);
    lua_setfield(L, -2, "analysis");
}
