/*
 * wrap_option: r.option{...}, one way to run the product, held in a "reckon.option"
 * userdata that owns a core option.
 *
 *   r.option{
 *     name = "AWS ECS",
 *     items = { {name = "ECS", category = "compute", cost = f, note = "seed, Option 1"}, ... },
 *     users = {10000, 100000},                      -- optional: the counts to report
 *     stated = { {users = 10000, total = 1850, source = "seed: Option 1 TOTAL"} },  -- optional
 *   }
 */
#include <math.h>
#include <string.h>

#include "reckon_lua.h"

const option *wrap_option_test(lua_State *L, int idx)
{
    option **box = luaL_testudata(L, idx, WRAP_OPTION_MT);
    return box ? *box : NULL;
}

static const char *categories_list(lua_State *L)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; option_categories[i]; i++) {
        if (i > 0)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, option_categories[i]);
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* Reads item i of opt from the table at idx. */
static void read_item(lua_State *L, option *opt, int idx, int i)
{
    static const char *const fields[] = {"name", "category", "cost", "note", NULL};
    char what[300];
    snprintf(what, sizeof what, "option \"%s\": item %d", opt->name, i);
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "%s must be a table {name =, category =, cost =} (got %s)", what,
                    luaL_typename(L, idx));
    spec_check_fields(L, idx, what, fields, 0);
    const char *name = spec_string(L, idx, "name", what, NULL); /* [name] */
    if (name[0] == '\0')
        where_error(L, "option \"%s\": item %d: name must not be empty", opt->name, i);
    snprintf(what, sizeof what, "option \"%s\": item \"%s\"", opt->name, name);
    core_error err;
    if (!option_check_item_name(opt, name, &err)) /* before the rest: the first fault named */
        where_error(L, "%s", err.msg);
    const char *category = spec_string(L, idx, "category", what, NULL);
    if (!option_category_valid(category))
        where_error(L, "%s: unknown category '%s' (expected one of %s)", what, category,
                    categories_list(L));
    const char *note = spec_string(L, idx, "note", what, "");
    if (spec_field(L, idx, "cost") == LUA_TNIL)
        where_error(L, "%s: missing field 'cost'", what);
    char cost_what[320];
    snprintf(cost_what, sizeof cost_what, "%s: cost", what);
    cost_fn *cost = wrap_cost_to(L, -1, cost_what);
    if (!option_add_item(opt, name, category, note, cost, &err))
        where_error(L, "%s", err.msg);
}

static void read_users(lua_State *L, option *opt, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "option \"%s\": users must be a list of user counts", opt->name);
    lua_Integer n = (lua_Integer)spec_length(L, idx, "option: users");
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        double u = lua_tonumber(L, -1);
        if (lua_type(L, -1) != LUA_TNUMBER || !(u >= 1) || u > 1e12)
            where_error(L, "option \"%s\": users[%d] must be a user count >= 1", opt->name, (int)i);
        core_error err;
        if (!option_add_users(opt, u, &err))
            luaL_error(L, "%s", err.msg);
        lua_pop(L, 1);
    }
}

static void read_stated(lua_State *L, option *opt, int idx)
{
    static const char *const fields[] = {"users", "total", "source", NULL};
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "option \"%s\": stated must be a list of {users =, total =}", opt->name);
    lua_Integer n = (lua_Integer)spec_length(L, idx, "option: stated");
    for (lua_Integer i = 1; i <= n; i++) {
        char what[300];
        snprintf(what, sizeof what, "option \"%s\": stated %d", opt->name, (int)i);
        if (lua_rawgeti(L, idx, i) != LUA_TTABLE) /* [entry] */
            where_error(L, "%s must be a table {users =, total =}", what);
        int entry = lua_gettop(L);
        spec_check_fields(L, entry, what, fields, 0);
        double users = spec_number(L, entry, "users", what, NULL);
        if (!(users >= 1))
            where_error(L, "%s: users must be >= 1", what);
        range total = spec_range(L, entry, "total", what, NULL);
        const char *source = spec_string(L, entry, "source", what, "");
        core_error err;
        if (!option_add_stated(opt, users, total, source, &err))
            luaL_error(L, "%s", err.msg);
        lua_settop(L, entry - 1);
    }
}

/* checks = { {users =, percentile =, max =, min =}, ... } */
static void read_checks(lua_State *L, option *opt, int idx)
{
    static const char *const fields[] = {"users", "percentile", "max", "min", NULL};
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "option \"%s\": checks must be a list of {users =, percentile =, max =}",
                    opt->name);
    size_t n = spec_length(L, idx, "option: checks");
    for (size_t i = 1; i <= n; i++) {
        char what[300];
        snprintf(what, sizeof what, "option \"%s\": checks[%d]", opt->name, (int)i);
        if (lua_rawgeti(L, idx, (lua_Integer)i) != LUA_TTABLE) /* [entry] */
            where_error(L, "%s must be a table {users =, percentile =, max =}", what);
        int entry = lua_gettop(L);
        spec_check_fields(L, entry, what, fields, 0);
        const double no_max = INFINITY, no_min = -INFINITY; /* absent: no limit that way */
        percentile_check c = {
            .users = spec_number(L, entry, "users", what, NULL),
            .percentile = spec_number(L, entry, "percentile", what, NULL),
            .max = spec_number(L, entry, "max", what, &no_max),
            .min = spec_number(L, entry, "min", what, &no_min),
        };
        core_error err;
        if (!option_add_check(opt, c, &err))
            where_error(L, "%s", err.msg);
        lua_settop(L, entry - 1);
    }
}

void wrap_option_read_items(lua_State *L, option *opt, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE || lua_rawlen(L, idx) < 1)
        where_error(L, "option \"%s\": items must be a non-empty list of items", opt->name);
    int top = lua_gettop(L);
    size_t n = spec_length(L, idx, "option: items");
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i); /* [..., item] */
        read_item(L, opt, lua_gettop(L), (int)i);
        lua_settop(L, top);
    }
}

/* r.option{name =, items =, users =, stated =, checks =} -> option */
static int option_new_lua(lua_State *L)
{
    static const char *const fields[] = {"name", "items", "users", "stated", "checks", NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "option", fields, 0);
    option **box = lua_newuserdatauv(L, sizeof *box, 0); /* [spec, option] */
    *box = NULL;
    luaL_setmetatable(L, WRAP_OPTION_MT);
    const char *name = spec_string(L, 1, "name", "option", NULL); /* [spec, option, name] */
    if (name[0] == '\0')
        return where_error(L, "option: name must not be empty");
    char origin[256];
    core_error err;
    *box = option_new(name, where_origin(L, origin, sizeof origin), &err);
    if (!*box)
        luaL_error(L, "%s", err.msg);
    int top = lua_gettop(L);
    spec_field(L, 1, "items"); /* [spec, option, name, items] */
    wrap_option_read_items(L, *box, top + 1);
    lua_settop(L, top);
    if (spec_field(L, 1, "users") != LUA_TNIL)
        read_users(L, *box, lua_gettop(L));
    lua_settop(L, top);
    if (spec_field(L, 1, "stated") != LUA_TNIL)
        read_stated(L, *box, lua_gettop(L));
    lua_settop(L, top);
    if (spec_field(L, 1, "checks") != LUA_TNIL)
        read_checks(L, *box, lua_gettop(L));
    lua_settop(L, 2); /* [spec, option] */
    return 1;
}

static int option_gc(lua_State *L)
{
    option **box = luaL_checkudata(L, 1, WRAP_OPTION_MT);
    option_free(*box);
    *box = NULL;
    return 0;
}

static int option_tostring(lua_State *L)
{
    spec_args(L, 1);
    option **box = luaL_checkudata(L, 1, WRAP_OPTION_MT);
    lua_pushfstring(L, "option(%s)", *box ? (*box)->name : "released");
    return 1;
}

/* opt.name and opt.item_count (how many items it has), for scripts that inspect what they
 * built; any other key is nil. */
static int option_index(lua_State *L)
{
    spec_args(L, 2);
    option **box = luaL_checkudata(L, 1, WRAP_OPTION_MT);
    if (!*box || lua_type(L, 2) != LUA_TSTRING) {
        lua_pushnil(L);
        return 1;
    }
    const char *key = lua_tostring(L, 2);
    if (strcmp(key, "name") == 0)
        lua_pushstring(L, (*box)->name);
    else if (strcmp(key, "item_count") == 0)
        lua_pushinteger(L, (lua_Integer)(*box)->n_items);
    else
        lua_pushnil(L);
    return 1;
}

void wrap_option_open(lua_State *L)
{
    static const luaL_Reg meta[] = {{"__gc", option_gc},
                                    {"__tostring", option_tostring},
                                    {"__index", option_index},
                                    {NULL, NULL}};
    luaL_newmetatable(L, WRAP_OPTION_MT); /* [module, mt] */
    luaL_setfuncs(L, meta, 0);
    lua_pop(L, 1);
    lua_pushcfunction(L, option_new_lua);
    lua_setfield(L, -2, "option");
    lua_newtable(L); /* [module, categories] */
    for (int i = 0; option_categories[i]; i++) {
        lua_pushstring(L, option_categories[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "categories");
}
