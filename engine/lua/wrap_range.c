/*
 * wrap_range: r.range(low, high [, {dist = ..., mode = ...}]), an uncertain number that
 * is accepted wherever a number is.  A "reckon.range" userdata holds a core range.
 */
#include <string.h>

#include "reckon_lua.h"

const range *wrap_range_test(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, WRAP_RANGE_MT);
}

static const range *check_range(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, WRAP_RANGE_MT);
}

static const char *const dist_names[] = {"uniform", "triangular", "pert", "normal", "interval90",
                                         NULL};
static const range_dist dist_values[] = {RANGE_UNIFORM, RANGE_TRIANGULAR, RANGE_PERT,
                                         RANGE_NORMAL, RANGE_INTERVAL90};

/* An optional string field of the options at 3, or NULL. */
static const char *option_string(lua_State *L, const char *name)
{
    if (lua_type(L, 3) != LUA_TTABLE)
        return NULL;
    int t = lua_getfield(L, 3, name); /* [..., value] (left: it anchors the string) */
    if (t != LUA_TNIL && (t != LUA_TSTRING || lua_rawlen(L, -1) == 0))
        where_error(L, "range: %s must be a non-empty string", name);
    return t == LUA_TNIL ? NULL : lua_tostring(L, -1);
}

/* Records r as an uncertain input of this state, giving it its id; its label is its name
 * or where it was made. */
static void add_input(lua_State *L, range *r)
{
    char origin[256];
    const char *name = option_string(L, "name"), *group = option_string(L, "group");
    const char *label = name ? name : lua_pushfstring(L, "%s range(%f, %f)",
                                                       where_origin_in_model(L, origin,
                                                                             sizeof origin),
                                                       r->lo, r->hi);
    if (!inputs_add(&reckon_state_of(L)->inputs, r, label, group))
        luaL_error(L, "out of memory");
}

/* r.range(low, high [, opts]) -> range */
static int range_new(lua_State *L)
{
    range r;
    char err[200];
    double lo = luaL_checknumber(L, 1), hi = luaL_checknumber(L, 2);
    if (!range_make(lo, hi, &r, err, sizeof err))
        return where_error(L, "%s", err);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const fields[] = {"dist", "mode", "name", "group", NULL};
        spec_check_fields(L, 3, "range", fields, 0);
        r.dist = dist_values[spec_choice(L, 3, "dist", "range", dist_names, 4)];
        double mode = spec_number(L, 3, "mode", "range", &r.mid);
        if (mode < lo || mode > hi)
            return where_error(L, "range: mode (%f) must lie between low (%f) and high (%f)",
                               mode, lo, hi);
        r.mode = mode;
    }
    if (!range_is_exact(&r))
        add_input(L, &r);
    range *u = lua_newuserdatauv(L, sizeof *u, 0); /* [range] */
    *u = r;
    luaL_setmetatable(L, WRAP_RANGE_MT);
    return 1;
}

/* r.low, r.mid, r.high, r.dist, r.mode */
static int range_index(lua_State *L)
{
    const range *r = check_range(L, 1);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "low") == 0)
        lua_pushnumber(L, r->lo);
    else if (strcmp(key, "mid") == 0)
        lua_pushnumber(L, r->mid);
    else if (strcmp(key, "high") == 0)
        lua_pushnumber(L, r->hi);
    else if (strcmp(key, "mode") == 0)
        lua_pushnumber(L, r->mode);
    else if (strcmp(key, "dist") == 0)
        lua_pushstring(L, range_dist_name(r->dist));
    else
        return where_error(L, "range has no field '%s' (it has low, mid, high, dist, mode)", key);
    return 1;
}

static int range_tostring(lua_State *L)
{
    const range *r = check_range(L, 1);
    lua_pushfstring(L, "range(%f, %f)", r->lo, r->hi);
    return 1;
}

/* r.range(0.9, 1.1) * f and r.range(...) + f: the cost function's metamethods decide. */
static int range_arith(lua_State *L, const char *op)
{
    lua_settop(L, 2);
    luaL_getmetatable(L, WRAP_COST_MT); /* [a, b, mt] */
    lua_getfield(L, -1, op);            /* [a, b, mt, metamethod] */
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);                /* [a, b, mt, metamethod, a, b] */
    lua_call(L, 2, 1);                  /* [a, b, mt, result] */
    return 1;
}

static int range_mul(lua_State *L)
{
    return range_arith(L, "__mul");
}

static int range_add(lua_State *L)
{
    return range_arith(L, "__add");
}

void wrap_range_open(lua_State *L)
{
    static const luaL_Reg meta[] = {{"__index", range_index},
                                    {"__tostring", range_tostring},
                                    {"__mul", range_mul},
                                    {"__add", range_add},
                                    {NULL, NULL}};
    luaL_newmetatable(L, WRAP_RANGE_MT); /* [module, mt] */
    luaL_setfuncs(L, meta, 0);
    lua_pushliteral(L, "reckon.range");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);                   /* [module] */
    lua_pushcfunction(L, range_new); /* [module, fn] */
    lua_setfield(L, -2, "range");
}
