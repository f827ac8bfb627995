/* sandbox: a state with the safe standard library, text-only loading and a local require. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lualib.h>

#include "reckon_lua.h"
#include "quota.h"
#include "sandbox.h"
#include "stdlib_embed.h"

#define PRINT_KEY "reckon.print"     /* FILE * that print writes to */
#define DIR_KEY WHERE_MODEL_DIR     /* folder of the model being run, for require */
#define LOADED_KEY "reckon.loaded"   /* modules already required */

/* print(...): like Lua's, to the stream the sandbox was made with. */
static int sandbox_print(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, PRINT_KEY);
    FILE *out = lua_touserdata(L, -1);
    lua_pop(L, 1);
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            fputc('\t', out);
        fwrite(s, 1, len, out);
        lua_pop(L, 1);
    }
    fputc('\n', out);
    fflush(out);
    return 0;
}

/* load(chunk [, name [, mode [, env]]]): text only, whatever mode says. */
static int sandbox_load(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [args..., load] */
    lua_pushvalue(L, 1);
    if (n >= 2)
        lua_pushvalue(L, 2);
    else
        lua_pushnil(L);
    lua_pushliteral(L, "t");
    int nargs = 3;
    if (n >= 4) {
        lua_pushvalue(L, 4);
        nargs = 4;
    }
    lua_call(L, nargs, 2); /* [args..., fn or nil, message] */
    return 2;
}

/* collectgarbage("count"): the only question a model may ask of the collector. */
static int sandbox_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return where_error(L, "collectgarbage(\"%s\") is not available to a model (only "
                              "\"count\")", opt);
    int kb = lua_gc(L, LUA_GCCOUNT, 0), b = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, (lua_Number)kb + (lua_Number)b / 1024);
    return 1;
}

/* setmetatable(t, mt): as Lua's, but no __gc: a finaliser would run code after the model
 * is done, outside its limits. */
static int sandbox_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL)
        return where_error(L, "setmetatable: __gc metamethods are not available to a model");
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [t, mt, setmetatable] */
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* coroutine.create and coroutine.wrap: as Lua's, each charged the hook's interval of
 * instructions, since a short coroutine runs below the hook's count. */
static int charged_coroutine(lua_State *L)
{
    quota_charge(L, 1000);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [args..., original] */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static void charge_coroutines(lua_State *L)
{
    static const char *const makers[] = {"create", "wrap", NULL};
    lua_getglobal(L, LUA_COLIBNAME); /* [coroutine] */
    for (int i = 0; makers[i]; i++) {
        lua_getfield(L, -1, makers[i]); /* [coroutine, original] */
        lua_pushcclosure(L, charged_coroutine, 1);
        lua_setfield(L, -2, makers[i]);
    }
    lua_pop(L, 1);
}

/* Reading or writing a global that was never defined: a typo must not become nil. */
static int undefined_global(lua_State *L)
{
    const char *name = lua_tostring(L, 2);
    if (lua_gettop(L) >= 3)
        return where_error(L, "assignment to undefined global '%s': declare it local", name ? name : "?");
    return where_error(L, "undefined global '%s'", name ? name : "?");
}

/* Makes _G strict and the strings' metatable out of reach. */
static void protect(lua_State *L)
{
    lua_pushglobaltable(L);       /* [_G] */
    lua_createtable(L, 0, 3);     /* [_G, mt] */
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "the global table is protected");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);      /* [_G] */
    lua_pop(L, 1);
    lua_pushliteral(L, "");       /* [""] */
    lua_getmetatable(L, -1);      /* ["", string mt] */
    lua_pushliteral(L, "the string metatable is protected");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
}

static int is_plain_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}

/* Pushes the loaded chunk of module name, or raises. */
static void load_module(lua_State *L, const char *name)
{
    const reckon_stdlib_file *lib = strncmp(name, "reckon.", 7) == 0 ? stdlib_find(name) : NULL;
    if (lib) {
        if (stdlib_load(L, lib) != LUA_OK)
            lua_error(L);
        return;
    }
    if (!is_plain_name(name))
        where_error(L, "require \"%s\": a model may require \"reckon\" or a model file in its own "
                       "folder, by its name without .lua (letters, digits, _)", name);
    lua_getfield(L, LUA_REGISTRYINDEX, DIR_KEY); /* [dir] */
    const char *path = lua_pushfstring(L, "%s%s.lua", lua_tostring(L, -1), name); /* [dir, path] */
    struct stat st;
    if (lstat(path, &st) != 0)
        where_error(L, "require \"%s\": no file %s beside the model", name, path);
    if (!S_ISREG(st.st_mode)) /* a link could lead out of the model's folder */
        where_error(L, "require \"%s\": %s is not a plain file (links are not followed)", name,
                    path);
    if (luaL_loadfilex(L, path, "t") != LUA_OK) /* [dir, path, chunk or message] */
        lua_error(L);
    lua_replace(L, -3); /* [chunk, path] */
    lua_pop(L, 1);      /* [chunk] */
}

/* require(name) */
static int sandbox_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY); /* [name, loaded] */
    if (lua_getfield(L, 2, name) != LUA_TNIL) {      /* [name, loaded, value] */
        if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
            return where_error(L, "require \"%s\": the module requires itself (a cycle)", name);
        return 1;
    }
    lua_pop(L, 1);
    if (strcmp(name, "reckon") == 0) {
        lua_pushcfunction(L, luaopen_reckon); /* [name, loaded, opener] */
    } else {
        load_module(L, name);                 /* [name, loaded, chunk] */
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, 2, name); /* loading: a second require of it is a cycle */
    lua_pushstring(L, name);  /* [name, loaded, chunk, name] */
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) { /* [name, loaded, error] */
        lua_pushnil(L);
        lua_setfield(L, 2, name); /* not loaded: a later require tries again */
        return lua_error(L);
    }                             /* [name, loaded, value] */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

static void keep_only(lua_State *L, const char *lib, const char *const keep[])
{
    lua_getglobal(L, lib); /* [lib] */
    lua_newtable(L);       /* [lib, safe] */
    for (int i = 0; keep[i]; i++) {
        lua_getfield(L, -2, keep[i]);
        lua_setfield(L, -2, keep[i]);
    }
    lua_setglobal(L, lib);
    lua_pop(L, 1);
}

static int open_safe_libs(lua_State *L)
{
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},         {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_STRLIBNAME, luaopen_string},  {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},   {LUA_COLIBNAME, luaopen_coroutine},
                                    {LUA_OSLIBNAME, luaopen_os},       {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    static const char *const os_keep[] = {"time", "clock", "date", "difftime", NULL};
    keep_only(L, LUA_OSLIBNAME, os_keep);
    static const char *const removed[] = {"dofile", "loadfile", NULL};
    for (int i = 0; removed[i]; i++) {
        lua_pushnil(L);
        lua_setglobal(L, removed[i]);
    }
    lua_getglobal(L, LUA_STRLIBNAME); /* [string] (also the strings' __index) */
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    lua_getglobal(L, "load");
    lua_pushcclosure(L, sandbox_load, 1);
    lua_setglobal(L, "load");
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, sandbox_setmetatable, 1);
    lua_setglobal(L, "setmetatable");
    lua_register(L, "print", sandbox_print);
    lua_register(L, "collectgarbage", sandbox_collectgarbage);
    lua_register(L, "require", sandbox_require);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);
    charge_coroutines(L);
    protect(L);
    return 0;
}

lua_State *sandbox_new(FILE *print_to, const quota *limits)
{
    lua_State *L = quota_new_state(limits ? limits : &quota_default);
    if (!L)
        return NULL;
    lua_pushlightuserdata(L, print_to);
    lua_setfield(L, LUA_REGISTRYINDEX, PRINT_KEY);
    lua_pushcfunction(L, open_safe_libs);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        quota_close(L);
        return NULL;
    }
    quota_start(L);
    return L;
}

void sandbox_close(lua_State *L)
{
    if (L)
        quota_close(L);
}

const char *sandbox_limit_hit(lua_State *L)
{
    return quota_hit(L);
}

/* The message of an error that is not a string: where it was raised and what it is. */
static const char *non_string_error(lua_State *L)
{
    char origin[256];
    return lua_pushfstring(L, "%s: error object is a %s value", where_origin(L, origin,
                                                                             sizeof origin),
                           luaL_typename(L, 1));
}

static int traceback_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg)
        msg = non_string_error(L);
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Without a traceback: a string as it is; anything else named with its place. */
static int message_handler(lua_State *L)
{
    if (!lua_isstring(L, 1))
        non_string_error(L);
    return 1;
}

/* The folder of path with its trailing '/', or "" for the current one. */
static void push_dir(lua_State *L, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash)
        lua_pushlstring(L, path, (size_t)(slash - path + 1));
    else
        lua_pushliteral(L, "");
}

/* Leaves only the error message above base, prefixed with path when it names no place. */
static int fail_with(lua_State *L, int base, const char *path)
{
    const char *msg = lua_tostring(L, -1);
    size_t n = strlen(path);
    if (!msg)
        lua_pushfstring(L, "%s: error object is a %s value", path, luaL_typename(L, -1));
    else if (strncmp(msg, path, n) != 0 || msg[n] != ':')
        lua_pushfstring(L, "%s: %s", path, msg);
    else
        lua_pushvalue(L, -1);  /* [..., message, final message] */
    lua_replace(L, base + 1);
    lua_settop(L, base + 1);
    return -1;
}

int sandbox_run_file(lua_State *L, const char *path, int traceback)
{
    push_dir(L, path);
    lua_setfield(L, LUA_REGISTRYINDEX, DIR_KEY);
    int base = lua_gettop(L);
    lua_pushcfunction(L, traceback ? traceback_handler : message_handler); /* [handler] */
    if (luaL_loadfilex(L, path, "t") != LUA_OK)   /* [handler, chunk or message] */
        return fail_with(L, base, path);
    if (lua_pcall(L, 0, LUA_MULTRET, base + 1) != LUA_OK)
        return fail_with(L, base, path);
    lua_remove(L, base + 1);
    return lua_gettop(L) - base;
}
