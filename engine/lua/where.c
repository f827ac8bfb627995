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

/* where_line, with the fallback to a chunk made by load() only when files_only is false. */
static bool find_line(lua_State *L, int level, bool files_only, char *buf, size_t size)
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
        if (!fallback[0] && !files_only) /* [string "..."], if no file calls it */
            snprintf(fallback, sizeof fallback, "%s:%d", ar.short_src, ar.currentline);
    }
    if (fallback[0])
        snprintf(buf, size, "%s", fallback);
    return fallback[0] != '\0';
}

bool where_line(lua_State *L, int level, char *buf, size_t size)
{
    return find_line(L, level, false, buf, size);
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
    where_mark(L);
    lua_error(L);
    abort(); /* lua_error does not return (it is not declared so) */
}

/* ---- locating an error by the stack, never by its text ----------------------------------- */

void where_mark(lua_State *L)
{
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, WHERE_LOCATED);
}

bool where_is_marked(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TSTRING)
        return false;
    lua_getfield(L, LUA_REGISTRYINDEX, WHERE_LOCATED); /* [..., last located] */
    bool marked = lua_rawequal(L, idx, -1);
    lua_pop(L, 1);
    return marked;
}

/* How many frames above the raising one a location Lua put in front may name: error's
 * level 2 (a function blaming its caller) from inside a C function is the farthest. */
enum { PREFIX_FRAMES = 4 };

/* The length of the "chunk:line: " at the start of msg that names the frame ar, as Lua
 * (short_src) or where_error (the file's full path) writes it; 0 when msg starts otherwise. */
static size_t frame_prefix(const lua_Debug *ar, const char *msg)
{
    const char *names[2] = {ar->short_src, ar->source[0] == '@' ? ar->source + 1 : NULL};
    char p[600];
    for (int i = 0; i < 2 && names[i]; i++) {
        snprintf(p, sizeof p, "%s:%d: ", names[i], ar->currentline);
        if (strncmp(msg, p, strlen(p)) == 0)
            return strlen(p);
    }
    return 0;
}

/* The level of the frame (from level on) whose location msg starts with, setting *skip to
 * the length of that location; -1 when it names none of them. */
static int named_frame(lua_State *L, int level, const char *msg, size_t *skip)
{
    lua_Debug ar;
    for (int lv = level; lv < level + PREFIX_FRAMES && lua_getstack(L, lv, &ar); lv++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        if ((*skip = frame_prefix(&ar, msg)) == 0)
            continue;
        if (ar.source[0] != '@' && ar.source[0] != '=')
            *skip = 0; /* a chunk of load()'s: its place stays, after the model's line */
        return lv;
    }
    return -1;
}

void where_locate(lua_State *L, int level)
{
    if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
        return;
    if (where_is_marked(L, -1))
        return;
    const char *msg = lua_tostring(L, -1);
    size_t skip = 0;
    int named = named_frame(L, level, msg, &skip);
    char line[512];
    if (!find_line(L, named >= 0 ? named : level, true, line, sizeof line)) {
        if (named < 0) /* no file on the stack: the caller puts the function's origin first */
            return;
        lua_pushstring(L, msg); /* a chunk of load()'s, as Lua named it */
    } else
        lua_pushfstring(L, "%s: %s", line, msg + skip); /* [..., message, located] */
    lua_replace(L, -2);
    where_mark(L);
}

int where_handler(lua_State *L)
{
    lua_settop(L, 1);
    where_locate(L, 1);
    return 1;
}
