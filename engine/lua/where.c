/*
 * where: errors name the model's file and line.  reckon's own code (C functions and the
 * embedded stdlib, whose chunk names start with '=') is skipped, so that a bad field in
 * r.step{...} reads "models/vps.lua:12: step: ..." wherever the check happens.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reckon_lua.h"

bool where_line(lua_State *L, int level, char *buf, size_t size)
{
    lua_Debug ar;
    char fallback[256] = "";
    for (; L && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar))
            break;
        if (ar.currentline <= 0 || ar.source[0] == '=')
            continue;
        if (ar.source[0] == '@') { /* the full path: short_src cuts long ones to LUA_IDSIZE */
            snprintf(buf, size, "%s:%d", ar.source + 1, ar.currentline);
            return true;
        }
        if (!fallback[0]) /* a chunk made by load(): [string "..."], if no file calls it */
            snprintf(fallback, sizeof fallback, "%s:%d", ar.short_src, ar.currentline);
    }
    if (fallback[0])
        snprintf(buf, size, "%s", fallback);
    return fallback[0] != '\0';
}

const char *where_origin(lua_State *L, char *buf, size_t size)
{
    if (!where_line(L, 1, buf, size))
        snprintf(buf, size, "?");
    return buf;
}

const char *where_origin_in_model(lua_State *L, char *buf, size_t size)
{
    char full[512];
    where_origin(L, full, sizeof full);
    lua_getfield(L, LUA_REGISTRYINDEX, WHERE_MODEL_DIR); /* [dir or nil] */
    size_t n = 0;
    const char *dir = lua_tolstring(L, -1, &n);
    const char *rest = dir && n > 0 && strncmp(full, dir, n) == 0 ? full + n : full;
    snprintf(buf, size, "%s", rest);
    lua_pop(L, 1);
    return buf;
}

int where_error(lua_State *L, const char *fmt, ...)
{
    char origin[256];
    va_list ap;
    va_start(ap, fmt);
    lua_pushfstring(L, "%s: ", where_origin(L, origin, sizeof origin));
    lua_pushvfstring(L, fmt, ap); /* [prefix, message] */
    va_end(ap);
    lua_concat(L, 2);
    lua_error(L);
    abort(); /* lua_error does not return (it is not declared so) */
}
