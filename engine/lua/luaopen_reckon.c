/*
 * luaopen_reckon: the module `require "reckon"` returns.  The C part (primitives, ranges,
 * composition, options) is assembled here, then the embedded Lua stdlib (stdlib/reckon/
 * init.lua) runs with the C table as its argument and returns the finished module.
 *
 * The model gets the module sealed: a "reckon.module" userdata (and one for each of its
 * tables: r.fin, r.csv, r.growth, r.categories) that reads through to the real table, which
 * the model cannot reach.  Setting a field raises "reckon's module is read-only"; pairs,
 * ipairs and # work as on the table.  reckon's own code never reads the module either: it
 * calls its C functions directly.
 */
#include <string.h>

#include "reckon_lua.h"
#include "stdlib_embed.h"

#define MODULE_MT "reckon.module"

const reckon_stdlib_file *stdlib_find(const char *name)
{
    for (const reckon_stdlib_file *f = reckon_stdlib_files; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

int stdlib_load(lua_State *L, const reckon_stdlib_file *file)
{
    char chunkname[128];
    snprintf(chunkname, sizeof chunkname, "=[%s]", file->name); /* '=': reckon's own code */
    return luaL_loadbufferx(L, (const char *)file->bytes, file->size, chunkname, "t");
}

/* A model may look at, but not change, the metatables of reckon's values: getmetatable
 * gives their name, so no __gc or __index can be slipped into them. */
static void seal_metatables(lua_State *L)
{
    static const char *const names[] = {
        WRAP_RANGE_MT,   WRAP_COST_MT, WRAP_OPTION_MT, "reckon.analysis", "reckon.change",
        "reckon.growth", NULL};
    for (int i = 0; names[i]; i++) {
        if (luaL_getmetatable(L, names[i]) == LUA_TTABLE) { /* [mt] */
            lua_pushstring(L, names[i]);
            lua_setfield(L, -2, "__metatable");
        }
        lua_pop(L, 1);
    }
}

/* ---- the sealed module ----------------------------------------------------------------- */

/* The real table behind the proxy at idx (its user value). */
static void push_real(lua_State *L, int idx)
{
    luaL_checkudata(L, idx, MODULE_MT);
    lua_getiuservalue(L, idx, 1); /* [real] */
}

static int module_index(lua_State *L)
{
    lua_settop(L, 2);
    push_real(L, 1); /* [proxy, key, real] */
    lua_pushvalue(L, 2);
    lua_rawget(L, 3); /* [proxy, key, real, value] */
    return 1;
}

static int module_newindex(lua_State *L)
{
    lua_settop(L, 3);
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return where_error(L,
                       "reckon's module is read-only (it cannot take '%s'): keep your own "
                       "values in your own tables",
                       key);
}

/* The iterator of pairs(proxy): next over the real table. */
static int module_next(lua_State *L)
{
    lua_settop(L, 2);
    push_real(L, 1);     /* [proxy, key, real] */
    lua_pushvalue(L, 2); /* [proxy, key, real, key] */
    if (!lua_next(L, 3))
        return 0;
    return 2; /* [..., key, value] */
}

static int module_pairs(lua_State *L)
{
    luaL_checkudata(L, 1, MODULE_MT);
    lua_pushcfunction(L, module_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int module_len(lua_State *L)
{
    push_real(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int module_tostring(lua_State *L)
{
    push_real(L, 1);
    lua_pushfstring(L, "reckon module: %p", lua_topointer(L, -1));
    return 1;
}

/* [table] -> [proxy]: seals the table and, first, every table it holds (no cycles: they
 * are reckon's own). */
static void seal(lua_State *L)
{
    int real = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, real)) { /* [real, key, value] */
        if (lua_type(L, -1) == LUA_TTABLE && !lua_getmetatable(L, -1)) {
            seal(L); /* [real, key, proxy] */
            lua_pushvalue(L, -2);
            lua_insert(L, -2);   /* [real, key, key, proxy] */
            lua_rawset(L, real); /* [real, key] (replacing an existing key's value) */
            continue;
        }
        lua_settop(L, real + 1); /* [real, key] */
    }
    lua_newuserdatauv(L, 0, 1);            /* [real, proxy] */
    lua_insert(L, -2);                     /* [proxy, real] */
    lua_setiuservalue(L, -2, 1);           /* [proxy] */
    if (luaL_newmetatable(L, MODULE_MT)) { /* [proxy, mt] */
        static const luaL_Reg meta[] = {
            {"__index", module_index}, {"__newindex", module_newindex}, {"__pairs", module_pairs},
            {"__len", module_len},     {"__tostring", module_tostring}, {NULL, NULL}};
        luaL_setfuncs(L, meta, 0);
        lua_pushliteral(L, MODULE_MT);
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2); /* [proxy] */
}

int luaopen_reckon(lua_State *L)
{
    reckon_state_of(L);
    lua_settop(L, 0);
    lua_newtable(L); /* [module] */
    wrap_range_open(L);
    wrap_cost_open(L);
    wrap_primitives_open(L);
    wrap_option_open(L);
    wrap_fin_open(L);
    wrap_growth_open(L);
    wrap_change_open(L);
    wrap_analysis_open(L);
    wrap_decide_open(L);
    wrap_csv_open(L);
    seal_metatables(L);
    lua_pushliteral(L, RECKON_VERSION); /* CMake's project() version */
    lua_setfield(L, -2, "version");
    const reckon_stdlib_file *init = stdlib_find("reckon");
    if (init) {
        if (stdlib_load(L, init) != LUA_OK) /* [module, chunk] */
            return lua_error(L);
        lua_pushvalue(L, -2); /* [module, chunk, module] */
        lua_call(L, 1, 1);    /* [module, result] */
        if (lua_type(L, -1) != LUA_TTABLE)
            lua_pop(L, 1); /* [module] */
    }
    seal(L); /* [proxy] */
    return 1;
}
