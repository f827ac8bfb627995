/*
 * wrap_primitives: the constructors of the cost primitives, each reading a spec table by
 * name (an unknown name is an error) and building the core's function.
 *
 *   r.fixed(amount)
 *   r.linear{rate = 0.002, base = 0}
 *   r.power{coef = 2.5, exp = 0.8}
 *   r.points{ {10000, 300}, {100000, 3000}, interp = "linear", extrapolate = "linear" }
 *   r.step{ {upto = 5000, cost = 500}, {cost = 4000} }
 *   r.graduated{ {upto = 10240, rate = 0.09}, {rate = 0.07}, free = 100 }
 *   r.volume{ {upto = 1000, rate = 10, fee = 0}, {rate = 8} }
 *   r.instances{capacity = 5000, price = 45, min = 2, max = 50}
 *
 * Every number may be a range, except bounds (upto, a point's driver value) and counts.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "reckon_lua.h"

static const range zero = {0, 0, 0, RANGE_EXACT, 0, 0};

/* r.fixed(amount) */
static int prim_fixed(lua_State *L)
{
    luaL_checkany(L, 1);
    spec_args(L, 1);
    range amount = spec_to_range(L, 1, "fixed: the amount");
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_fixed(amount, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.linear{rate =, base =} */
static int prim_linear(lua_State *L)
{
    static const char *const fields[] = {"rate", "base", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "linear", fields, 0);
    range rate = spec_range(L, 1, "rate", "linear", NULL);
    range base = spec_range(L, 1, "base", "linear", &zero);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_linear(base, rate, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.power{coef =, exp =} */
static int prim_power(lua_State *L)
{
    static const char *const fields[] = {"coef", "exp", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "power", fields, 0);
    range coef = spec_range(L, 1, "coef", "power", NULL);
    range exponent = spec_range(L, 1, "exp", "power", NULL);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_power(coef, exponent, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* The list part of the spec at 1 must be a non-empty list of tables. */
static lua_Integer list_length(lua_State *L, const char *kind, const char *word)
{
    lua_Integer n = (lua_Integer)spec_length(L, 1, kind);
    if (n < 1)
        where_error(L, "%s: needs at least one %s", kind, word);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            where_error(L, "%s: %s %d must be a table (got %s)", kind, word, (int)i,
                        luaL_typename(L, -1));
        lua_pop(L, 1);
    }
    return n;
}

/* extrapolate = "linear" | "clamp" | "error", or {below = ..., above = ...} for each side
 * on its own (default "linear"). */
static void read_extrapolate(lua_State *L, const char *const policies[], cost_extrapolate *below,
                             cost_extrapolate *above)
{
    static const char *const sides[] = {"below", "above", NULL};
    int t = spec_field(L, 1, "extrapolate"); /* [spec, scratch, value] */
    if (t == LUA_TNIL) {
        *below = *above = COST_EXTRAPOLATE_LINEAR;
    } else if (t != LUA_TTABLE) {
        *below = *above =
            (cost_extrapolate)spec_to_choice(L, -1, "points", "extrapolate", policies);
    } else {
        spec_check_fields(L, -1, "points: extrapolate", sides, 0);
        *below = (cost_extrapolate)spec_choice(L, -1, "below", "points: extrapolate", policies, 0);
        *above = (cost_extrapolate)spec_choice(L, -1, "above", "points: extrapolate", policies, 0);
    }
    lua_pop(L, 1);
}

/* r.points{ {x, cost}, ..., interp =, extrapolate = } */
static int prim_points(lua_State *L)
{
    static const char *const fields[] = {"interp", "extrapolate", NULL};
    static const char *const interps[] = {"linear", "loglog", NULL};
    static const char *const policies[] = {"linear", "clamp", "error", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "points", fields, 1);
    lua_Integer n = (lua_Integer)spec_length(L, 1, "points");
    if (n < 2)
        return where_error(L, "points: needs at least two points {x, cost} (got %d)", (int)n);
    cost_point *pts = spec_scratch(L, (size_t)n, sizeof *pts, "points"); /* [spec, scratch] */
    for (lua_Integer i = 1; i <= n; i++) {
        char what[64];
        snprintf(what, sizeof what, "points: point %d", (int)i);
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE || lua_rawlen(L, -1) != 2)
            return where_error(L, "%s must be a pair {x, cost}", what);
        static const char *const none[] = {NULL};
        spec_check_fields(L, -1, what, none, 1);
        lua_rawgeti(L, -1, 1); /* [spec, scratch, point, x] */
        if (lua_type(L, -1) != LUA_TNUMBER)
            return where_error(L, "%s: x must be a number (got %s)", what, luaL_typename(L, -1));
        pts[i - 1].x = lua_tonumber(L, -1);
        lua_rawgeti(L, -2, 2); /* [spec, scratch, point, x, cost] */
        snprintf(what, sizeof what, "points: point %d: cost", (int)i);
        pts[i - 1].cost = spec_to_range(L, -1, what);
        lua_pop(L, 3);
    }
    cost_interp interp = (cost_interp)spec_choice(L, 1, "interp", "points", interps, 0);
    cost_extrapolate below, above;
    read_extrapolate(L, policies, &below, &above);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_points(pts, (size_t)n, interp, below, above, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* What a tier holds: a plan's cost, a bracket's rate, or a volume bracket's rate and fee. */
typedef enum tier_shape { PLAN, BRACKET, FEE_BRACKET } tier_shape;

/* Reads the list of tiers of the spec at 1. */
static cost_tier *read_tiers(lua_State *L, const char *kind, tier_shape shape, size_t *count)
{
    static const char *const plan_fields[] = {"upto", "cost", NULL};
    static const char *const bracket_fields[] = {"upto", "rate", NULL};
    static const char *const fee_fields[] = {"upto", "rate", "fee", NULL};
    const char *const *fields = shape == PLAN      ? plan_fields
                                : shape == BRACKET ? bracket_fields
                                                   : fee_fields;
    const char *word = shape == PLAN ? "plan" : "bracket";
    lua_Integer n = list_length(L, kind, word);
    cost_tier *tiers = spec_scratch(L, (size_t)n, sizeof *tiers, kind); /* [spec, scratch] */
    for (lua_Integer i = 1; i <= n; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s: %s %d", kind, word, (int)i);
        lua_rawgeti(L, 1, i); /* [spec, scratch, tier] */
        spec_check_fields(L, -1, what, fields, 0);
        cost_tier *t = &tiers[i - 1];
        *t = (cost_tier){.cost = zero, .rate = zero, .fee = zero};
        int upto = spec_field(L, -1, "upto"); /* [spec, scratch, tier, upto] */
        t->open = upto == LUA_TNIL;
        if (!t->open && upto != LUA_TNUMBER)
            where_error(L, "%s: upto must be a number (got %s)", what, luaL_typename(L, -1));
        if (!t->open && !isfinite(lua_tonumber(L, -1)))
            where_error(L, "%s: upto must be a finite number", what);
        t->upto = t->open ? 0 : lua_tonumber(L, -1);
        lua_pop(L, 1); /* [spec, scratch, tier] */
        if (shape == PLAN)
            t->cost = spec_range(L, -1, "cost", what, NULL);
        else
            t->rate = spec_range(L, -1, "rate", what, NULL);
        if (shape == FEE_BRACKET)
            t->fee = spec_range(L, -1, "fee", what, &zero);
        lua_pop(L, 1); /* [spec, scratch] */
    }
    *count = (size_t)n;
    return tiers;
}

/* r.step{ {upto =, cost =}, ..., {cost =} } */
static int prim_step(lua_State *L)
{
    static const char *const none[] = {NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "step", none, 1);
    size_t n;
    cost_tier *plans = read_tiers(L, "step", PLAN, &n);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_step(plans, n, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.graduated{ {upto =, rate =}, ..., free = } */
static int prim_graduated(lua_State *L)
{
    static const char *const top[] = {"free", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "graduated", top, 1);
    range free_units = spec_range(L, 1, "free", "graduated", &zero);
    size_t n;
    cost_tier *brackets = read_tiers(L, "graduated", BRACKET, &n);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_graduated(brackets, n, free_units, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.volume{ {upto =, rate =, fee =}, ... } */
static int prim_volume(lua_State *L)
{
    static const char *const none[] = {NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "volume", none, 1);
    size_t n;
    cost_tier *brackets = read_tiers(L, "volume", FEE_BRACKET, &n);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_volume(brackets, n, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

/* r.instances{capacity =, price =, min = 1, max = none} */
static int prim_instances(lua_State *L)
{
    static const char *const fields[] = {"capacity", "price", "min", "max", NULL};
    static const double one = 1;
    const double none = -1;
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "instances", fields, 0);
    range capacity = spec_range(L, 1, "capacity", "instances", NULL);
    range price = spec_range(L, 1, "price", "instances", NULL);
    double min_count = spec_number(L, 1, "min", "instances", &one);
    int max_type = spec_field(L, 1, "max"); /* [spec, max] (read once) */
    bool has_max = max_type != LUA_TNIL;
    if (has_max && max_type != LUA_TNUMBER)
        return where_error(L, "instances: max must be a number (got %s)", luaL_typename(L, -1));
    if (has_max && !isfinite(lua_tonumber(L, -1)))
        return where_error(L, "instances: max must be a finite number");
    double max_count = has_max ? lua_tonumber(L, -1) : none;
    lua_pop(L, 1);
    if (has_max && max_count < 0)
        return where_error(L, "instances: max must be a whole number >= min (got %f)", max_count);
    core_error err = {0};
    cost_fn **box = wrap_cost_box(L);
    *box = cost_instances(capacity, price, min_count, max_count, &err);
    wrap_cost_finish(L, box, &err);
    return 1;
}

void wrap_primitives_open(lua_State *L)
{
    static const luaL_Reg fns[] = {
        {"fixed", prim_fixed},   {"linear", prim_linear},       {"power", prim_power},
        {"points", prim_points}, {"step", prim_step},           {"graduated", prim_graduated},
        {"volume", prim_volume}, {"instances", prim_instances}, {NULL, NULL}};
    luaL_setfuncs(L, fns, 0); /* [module] */
}
