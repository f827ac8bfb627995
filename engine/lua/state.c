/*
 * state: reckon's data of one Lua state (reckon_lua.h's reckon_state), kept in the
 * registry, made by the first binding that asks for it.  The bindings reach it here, never
 * through the module's file (luaopen_reckon.c), which only assembles them.
 */
#include <string.h>

#include "reckon_lua.h"

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
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD); /* [state, main] */
    rs->main = lua_tothread(L, -1); /* never L itself: L may be a coroutine */
    lua_pop(L, 1);
    if (luaL_newmetatable(L, STATE_KEY)) { /* [state, mt] */
        lua_pushcfunction(L, state_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, STATE_KEY);
    return rs;
}

lua_State *reckon_thread(const reckon_state *rs)
{
    return rs->calling ? rs->calling : rs->main;
}

lua_State *reckon_enter(lua_State *L)
{
    reckon_state *rs = reckon_state_of(L);
    lua_State *saved = rs->calling;
    rs->calling = L;
    return saved;
}

void reckon_leave(lua_State *L, lua_State *saved)
{
    reckon_state_of(L)->calling = saved;
}

const inputs *wrap_inputs(lua_State *L)
{
    return &reckon_state_of(L)->inputs;
}
