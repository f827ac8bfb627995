/*
 * plain_lua: bench/_plain.lua in a fresh, unsandboxed lua_State of the same liblua5.4 that
 * reckon links, with the whole standard library (luaL_openlibs) and no reckon at all.
 */
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "bench.h"

struct plain_lua {
    lua_State *L; /* holds the module table plain.lua returned, at stack index 1 */
};

void plain_lua_close(plain_lua *p)
{
    if (!p)
        return;
    if (p->L)
        lua_close(p->L);
    free(p);
}

plain_lua *plain_lua_open(const char *path, char *err, size_t err_size)
{
    plain_lua *p = calloc(1, sizeof *p);
    if (!p || !(p->L = luaL_newstate())) {
        snprintf(err, err_size, "out of memory");
        plain_lua_close(p);
        return NULL;
    }
    luaL_openlibs(p->L);
    if (luaL_loadfilex(p->L, path, "t") != LUA_OK || lua_pcall(p->L, 0, 1, 0) != LUA_OK ||
        !lua_istable(p->L, -1)) { /* [module or message] */
        const char *msg = lua_tostring(p->L, -1);
        snprintf(err, err_size, "%s: %s", path, msg ? msg : "did not return a table");
        plain_lua_close(p);
        return NULL;
    }
    return p;
}

/* Calls the function pushed after the module with its nargs arguments; nres numbers into
 * out.  Collects the garbage afterwards, so that it is not collected inside the next timed
 * call. */
static bool call(plain_lua *p, const char *name, int nargs, int nres, double *out, char *err,
                 size_t err_size)
{
    lua_State *L = p->L;
    if (lua_pcall(L, nargs, nres, 0) != LUA_OK) { /* [module, results... or message] */
        snprintf(err, err_size, "plain.lua %s: %s", name, lua_tostring(L, -1));
        lua_settop(L, 1);
        return false;
    }
    for (int i = 0; i < nres; i++)
        out[i] = lua_tonumber(L, i - nres);
    lua_settop(L, 1); /* [module] */
    lua_gc(L, LUA_GCCOLLECT);
    return true;
}

bool plain_lua_sweep(plain_lua *p, size_t n, bool inlined, sweep_sums *out, char *err,
                     size_t err_size)
{
    double r[2];
    lua_getfield(p->L, 1, inlined ? "sweep_inlined" : "sweep"); /* [module, sweep] */
    lua_pushinteger(p->L, (lua_Integer)n); /* an integer: 999000 * i stays exact, as in C */
    if (!call(p, "sweep", 1, 2, r, err, err_size))
        return false;
    *out = (sweep_sums){r[0], r[1]};
    return true;
}

bool plain_lua_mc(plain_lua *p, size_t n, double users, uint64_t seed, mc_stats *out, char *err,
                  size_t err_size)
{
    double r[4];
    lua_getfield(p->L, 1, "mc"); /* [module, mc] */
    lua_pushinteger(p->L, (lua_Integer)n);
    lua_pushnumber(p->L, users);
    lua_pushinteger(p->L, (lua_Integer)(seed & 0x7fffffffffffffffULL));
    if (!call(p, "mc", 3, 4, r, err, err_size))
        return false;
    *out = (mc_stats){r[0], r[1], r[2], r[3]};
    return true;
}
