/*
 * wrap_range: r.range(low, high [, {dist = ..., mode = ...}]), an uncertain number that
 * is accepted wherever a number is.  A "reckon.range" userdata holds a core range.
 */
#include <string.h>

#include "reckon_lua.h"

static const range *check_range(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, WRAP_RANGE_MT);
}

static const char *const dist_names[] = {"uniform", "triangular", "pert",
                                         "normal",  "interval90", NULL};
static const range_dist dist_values[] = {RANGE_UNIFORM, RANGE_TRIANGULAR, RANGE_PERT, RANGE_NORMAL,
                                         RANGE_INTERVAL90};

/* An optional string field of the options at 3 (non-empty, no zero byte), or NULL; the
 * value is left on the stack (it anchors the string). */
static const char *option_string(lua_State *L, const char *name)
{
    if (lua_type(L, 3) != LUA_TTABLE) {
        lua_pushnil(L);
        return NULL;
    }
    char what[32];
    snprintf(what, sizeof what, "range: %s", name);
    int t = spec_field(L, 3, name); /* [..., value] */
    if (t != LUA_TNIL && (t != LUA_TSTRING || lua_rawlen(L, -1) == 0))
        where_error(L, "range: %s must be a non-empty string", name);
    return t == LUA_TNIL ? NULL : spec_to_name(L, -1, what);
}

/*
 * A range made while a Lua cost function runs (which may run once a Monte Carlo lane) is
 * one input a call site: the same file:line, low, high, distribution, mode, name and group
 * give back the input made the first time.  A call site may make at most
 * RANGE_MAX_PER_SITE different ones (a range whose ends follow the driver value would
 * otherwise make one an evaluation), and all the sites of a model together at most
 * RANGE_MAX_IN_FUNCTIONS: a site is named by its chunk, and load() makes as many chunk
 * names ("site1", "site2", ...) as a model likes.  Registry tables: SITE_INPUTS maps that
 * key to the range, SITE_COUNTS a file:line to how many it made.
 */
#define SITE_INPUTS "reckon.range_site_inputs"
#define SITE_COUNTS "reckon.range_site_counts"
#define RANGE_MAX_PER_SITE 100
#define RANGE_MAX_IN_FUNCTIONS 10000

/* Pushes the registry table called key, made when absent. */
static int push_registry_table(lua_State *L, const char *key)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, key) != LUA_TTABLE) { /* [t or nil] */
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, key);
    }
    return lua_gettop(L);
}

/* Counts a new range made at origin inside a cost function, refusing one past either
 * bound (a line's, the model's). */
static void count_site_range(lua_State *L, reckon_state *rs, const char *origin)
{
    int counts = push_registry_table(L, SITE_COUNTS); /* [..., counts] */
    lua_pushstring(L, origin);
    lua_rawget(L, counts);
    lua_Integer made = lua_tointeger(L, -1) + 1; /* [..., counts, made] */
    lua_pop(L, 1);
    if (made > RANGE_MAX_PER_SITE)
        where_error(L,
                    "range: this line made %d different uncertain ranges inside a cost "
                    "function (one a driver value?): make a range once, outside the "
                    "function, and use it inside",
                    (int)RANGE_MAX_PER_SITE);
    if (rs->function_inputs >= RANGE_MAX_IN_FUNCTIONS)
        where_error(L,
                    "range: the cost functions of this model made %d different uncertain "
                    "ranges, the most they may: make ranges once, outside the functions, "
                    "and use them inside",
                    (int)RANGE_MAX_IN_FUNCTIONS);
    rs->function_inputs++;
    lua_pushstring(L, origin);
    lua_pushinteger(L, made);
    lua_rawset(L, counts);
    lua_pop(L, 1); /* [...] */
}

/* Records r as an uncertain input of this state, giving it its id (or, inside a cost
 * function, the id its call site gave it before); its label is its name or where it was
 * made. */
static void add_input(lua_State *L, range *r, const char *name, const char *group)
{
    char origin[256];
    reckon_state *rs = reckon_state_of(L);
    int top = lua_gettop(L);
    int cache = 0;
    if (rs->evaluating > 0) {
        where_origin(L, origin, sizeof origin);
        char numbers[160];
        snprintf(numbers, sizeof numbers, "|%a|%a|%d|%a|", r->lo, r->hi, (int)r->dist, r->mode);
        cache = push_registry_table(L, SITE_INPUTS); /* [..., inputs] */
        luaL_Buffer b; /* the key: origin|lo|hi|dist|mode|name\0group (names hold no \0) */
        luaL_buffinit(L, &b);
        luaL_addstring(&b, origin);
        luaL_addstring(&b, numbers);
        luaL_addstring(&b, name ? name : "");
        luaL_addchar(&b, '\0');
        luaL_addstring(&b, group ? group : "");
        luaL_pushresult(&b); /* [..., inputs, key] */
        lua_pushvalue(L, -1);
        const range *seen = lua_rawget(L, cache) == LUA_TUSERDATA ? lua_touserdata(L, -1) : NULL;
        if (seen) { /* [..., inputs, key, range] */
            r->id = seen->id;
            lua_settop(L, top);
            return;
        }
        lua_pop(L, 1); /* [..., inputs, key] */
        count_site_range(L, rs, origin);
    }
    const char *label =
        name ? name
             : lua_pushfstring(L, "%s range(%f, %f)",
                               where_origin_in_model(L, origin, sizeof origin), r->lo, r->hi);
    core_error err;
    if (!inputs_add(&rs->inputs, r, label, group, &err))
        luaL_error(L, "%s", err.msg);
    if (cache) {
        lua_settop(L, cache + 1);                            /* [..., inputs, key] */
        range *kept = lua_newuserdatauv(L, sizeof *kept, 0); /* [..., inputs, key, range] */
        *kept = *r;
        lua_rawset(L, cache);
    }
    lua_settop(L, top);
}

/* r.range(low, high [, opts]) -> range */
static int range_new(lua_State *L)
{
    spec_args(L, 3);
    range r;
    core_error err;
    double lo = luaL_checknumber(L, 1), hi = luaL_checknumber(L, 2);
    if (!range_make(lo, hi, &r, &err))
        return where_error(L, "%s", err.msg);
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const fields[] = {"dist", "mode", "name", "group", NULL};
        spec_check_fields(L, 3, "range", fields, 0);
        r.dist = dist_values[spec_choice(L, 3, "dist", "range", dist_names, 4)];
        double mode = spec_number(L, 3, "mode", "range", &r.mid);
        if (mode < lo || mode > hi)
            return where_error(L, "range: mode (%f) must lie between low (%f) and high (%f)", mode,
                               lo, hi);
        r.mode = mode;
    }
    const char *name = option_string(L, "name");   /* [lo, hi, opts, name] */
    const char *group = option_string(L, "group"); /* [lo, hi, opts, name, group] */
    if (!range_is_exact(&r))
        add_input(L, &r, name, group);
    range *u = lua_newuserdatauv(L, sizeof *u, 0); /* [..., range] */
    *u = r;
    luaL_setmetatable(L, WRAP_RANGE_MT);
    return 1;
}

/* r.low, r.mid, r.high, r.dist, r.mode, r.id (the uncertain input it is; 0 for none) */
static int range_index(lua_State *L)
{
    spec_args(L, 2);
    const range *r = check_range(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING)
        return where_error(L,
                           "range has no field of type %s (it has low, mid, high, dist, "
                           "mode, id)",
                           luaL_typename(L, 2));
    const char *key = spec_to_name(L, 2, "range: the field's name");
    if (strcmp(key, "id") == 0)
        lua_pushinteger(L, (lua_Integer)r->id);
    else if (strcmp(key, "low") == 0)
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
        return where_error(L, "range has no field '%s' (it has low, mid, high, dist, mode, id)",
                           key);
    return 1;
}

static int range_tostring(lua_State *L)
{
    spec_args(L, 1);
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
    lua_pushvalue(L, 2); /* [a, b, mt, metamethod, a, b] */
    lua_call(L, 2, 1);   /* [a, b, mt, result] */
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
