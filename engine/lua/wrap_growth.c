/*
 * wrap_growth: r.growth.*, how users grow along a timeline, held in a "reckon.growth"
 * userdata that owns a core growth of ranges (growth.h) and its points.
 *
 *   r.growth.compound{ monthly = g } or { annual = g [, conversion = "simple"] }
 *   r.growth.linear{ per_month = n }
 *   r.growth.logistic{ rate = k, ceiling = K }
 *   r.growth.points{ {month, users}, ... }
 *
 * The start (users in month 1) is the timeline's: r.analysis{ timeline = {start =} }.
 */
#include <string.h>

#include "growth.h"
#include "reckon_lua.h"

#define GROWTH_MT "reckon.growth"

/* The userdata: the growth, then its points, which g.points borrows (a full userdata does
 * not move). */
typedef struct growth_box {
    growth_ranges g;
    growth_point points[];
} growth_box;

static const char *const conversions[] = {"compound", "simple", NULL};

static growth_box *new_growth(lua_State *L, growth_kind kind, size_t n_points)
{
    size_t bytes = spec_size(L, n_points, sizeof(growth_point), "growth.points");
    growth_box *b = lua_newuserdatauv(L, sizeof *b + bytes, 0);
    memset(b, 0, sizeof *b);
    b->g =
        (growth_ranges){.kind = kind, .conversion = -1, .points = b->points, .n_points = n_points};
    luaL_setmetatable(L, GROWTH_MT);
    return b;
}

/* Raises, naming the constructor, when the core refuses g's parameters. */
static void check(lua_State *L, const growth_ranges *g, const char *what)
{
    core_error err;
    if (!growth_ranges_check(g, &err))
        where_error(L, "%s: %s", what, err.msg);
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
    growth_ranges g = {.kind = GROWTH_COMPOUND, .conversion = -1};
    g.rate = spec_to_range(L, monthly ? 2 : 3,
                           monthly ? "growth.compound: monthly" : "growth.compound: annual");
    check(L, &g, "growth.compound");
    if (!monthly)
        g.conversion =
            conversion ? spec_to_choice(L, 4, "growth.compound", "conversion", conversions) : 0;
    growth_box *b = new_growth(L, GROWTH_COMPOUND, 0);
    b->g.rate = g.rate;
    b->g.conversion = g.conversion;
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
    new_growth(L, GROWTH_LINEAR, 0)->g.per_month = per_month;
    return 1;
}

/* r.growth.logistic{rate = k, ceiling = K} */
static int growth_logistic(lua_State *L)
{
    static const char *const fields[] = {"rate", "ceiling", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "growth.logistic", fields, 0);
    growth_ranges g = {.kind = GROWTH_LOGISTIC, .conversion = -1};
    g.rate = spec_range(L, 1, "rate", "growth.logistic", NULL);
    g.ceiling = spec_range(L, 1, "ceiling", "growth.logistic", NULL);
    check(L, &g, "growth.logistic");
    growth_box *b = new_growth(L, GROWTH_LOGISTIC, 0);
    b->g.rate = g.rate;
    b->g.ceiling = g.ceiling;
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
    growth_box *b = new_growth(L, GROWTH_POINTS, (size_t)n); /* [spec, growth] */
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE || lua_rawlen(L, -1) != 2)
            return where_error(L, "growth.points: point %d must be a pair {month, users}", (int)i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2); /* [spec, growth, point, month, users] */
        if (lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER)
            return where_error(L, "growth.points: point %d must hold two numbers", (int)i);
        b->points[i - 1] = (growth_point){lua_tonumber(L, -2), lua_tonumber(L, -1)};
        lua_pop(L, 3);
    }
    return 1;
}

const growth_ranges *wrap_growth_test(lua_State *L, int idx)
{
    const growth_box *b = luaL_testudata(L, idx, GROWTH_MT);
    return b ? &b->g : NULL;
}

void wrap_growth_open(lua_State *L)
{
    static const luaL_Reg fns[] = {{"compound", growth_compound},
                                   {"linear", growth_linear},
                                   {"logistic", growth_logistic},
                                   {"points", growth_points},
                                   {NULL, NULL}};
    luaL_newmetatable(L, GROWTH_MT); /* [module, mt] */
    lua_pop(L, 1);
    luaL_newlib(L, fns); /* [module, growth] */
    lua_setfield(L, -2, "growth");
}
