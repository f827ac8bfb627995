/*
 * luaopen_reckon: the module `require "reckon"` returns.  The C part (primitives, ranges,
 * composition, options) is assembled here, then the embedded Lua stdlib (stdlib/reckon/
 * init.lua) runs with the C table as its argument and returns the finished module.
 */
#include <string.h>

#include "reckon_lua.h"
#include "stdlib_embed.h"

#define STATE_KEY "reckon.state"

static int state_gc(lua_State *L)
{
    reckon_state *rs = lua_touserdata(L, 1);
    inputs_free(&rs->inputs);
    return 0;
}

reckon_state *reckon_state_of(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, STATE_KEY); /* [state or nil] */
    reckon_state *rs = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (rs)
        return rs;
    rs = lua_newuserdatauv(L, sizeof *rs, 0); /* [state] */
    memset(rs, 0, sizeof *rs);
    rs->running = L;
    if (luaL_newmetatable(L, STATE_KEY)) { /* [state, mt] */
        lua_pushcfunction(L, state_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, STATE_KEY);
    return rs;
}

const inputs *wrap_inputs(lua_State *L)
{
    return &reckon_state_of(L)->inputs;
}

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
    static const char *const names[] = {WRAP_RANGE_MT, WRAP_COST_MT, WRAP_OPTION_MT,
                                        "reckon.analysis", "reckon.change", "reckon.growth",
                                        NULL};
    for (int i = 0; names[i]; i++) {
        if (luaL_getmetatable(L, names[i]) == LUA_TTABLE) { /* [mt] */
            lua_pushstring(L, names[i]);
            lua_setfield(L, -2, "__metatable");
        }
        lua_pop(L, 1);
    }
}

int luaopen_reckon(lua_State *L)
{
    reckon_state_of(L);
    lua_newtable(L); /* [module] */
    wrap_range_open(L);
    wrap_cost_open(L);
    wrap_primitives_open(L);
    wrap_option_open(L);
    wrap_fin_open(L);
    wrap_analysis_open(L);
    wrap_decide_open(L);
    wrap_csv_open(L);
    seal_metatables(L);
    lua_pushliteral(L, RECKON_VERSION_STRING);
    lua_setfield(L, -2, "version");
    const reckon_stdlib_file *init = stdlib_find("reckon");
    if (!init)
        return 1;
    if (stdlib_load(L, init) != LUA_OK) /* [module, chunk] */
        return lua_error(L);
    lua_pushvalue(L, -2); /* [module, chunk, module] */
    lua_call(L, 1, 1);    /* [module, result] */
    if (lua_isnil(L, -1))
        lua_pop(L, 1);
    return 1;
}
