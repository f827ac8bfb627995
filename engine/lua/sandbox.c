/* sandbox: a state with an allow-listed standard library, text-only loading, a local
 * require, and nothing of the model's that runs outside its limits. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lualib.h>

#include "montecarlo.h"
#include "reckon_lua.h"
#include "quota.h"
#include "sandbox.h"
#include "stdlib_embed.h"

#define PRINT_KEY "reckon.print"           /* FILE * that print writes to */
#define DIR_KEY WHERE_MODEL_DIR            /* folder of the model being run, for require */
#define LOADED_KEY "reckon.loaded"         /* modules already required */
#define SEED_KEY "reckon.seed"             /* the random_seed of math.random */
#define RANDOMSEED_KEY "reckon.randomseed" /* the model's math.randomseed */
#define NOTED_KEY "reckon.noted"           /* Lua's string, table and utf8 functions, by library */

enum { COROUTINE_CHARGE = 1000 }; /* instructions charged a new coroutine (the hook's count) */

/* ---- the allow list: every global and library function a model can reach ------------ */

/* From Lua's base library, as they are (print, load, setmetatable, xpcall, collectgarbage
 * and require are the sandbox's own, below; dofile, loadfile and warn are absent). */
static const char *const base_allowed[] = {
    "assert",   "error",    "getmetatable", "ipairs",   "next",   "pairs",
    "pcall",    "rawequal", "rawget",       "rawlen",   "rawset", "select",
    "tonumber", "tostring", "type",         "_VERSION", NULL};
static const char *const string_allowed[] = {/* no dump */
                                             "byte",     "char", "find",    "format", "gmatch",
                                             "gsub",     "len",  "lower",   "match",  "pack",
                                             "packsize", "rep",  "reverse", "sub",    "unpack",
                                             "upper",    NULL};
static const char *const table_allowed[] = {"concat", "insert", "move",   "pack",
                                            "remove", "sort",   "unpack", NULL};
static const char *const math_allowed[] = {/* randomseed is the sandbox's own */
                                           "abs",  "acos",      "asin",       "atan", "ceil",
                                           "cos",  "exp",       "floor",      "fmod", "huge",
                                           "log",  "max",       "maxinteger", "min",  "mininteger",
                                           "modf", "pi",        "random",     "sin",  "sqrt",
                                           "tan",  "tointeger", "type",       "ult",  NULL};
static const char *const utf8_allowed[] = {"char", "charpattern", "codepoint", "codes",
                                           "len",  "offset",      NULL};
static const char *const coroutine_allowed[] = {/* create, wrap, resume, close: own */
                                                "isyieldable", "running", "status", "yield", NULL};
static const char *const os_allowed[] = {"clock", "date", "difftime", "time", NULL};

/* ---- print, load, collectgarbage, setmetatable ------------------------------------------ */

/* Writes the len bytes of s that the print limit lets through, and the note the one time
 * it cuts them; false once output is cut.  *last is the last byte written. */
static bool print_bytes(lua_State *L, FILE *out, const char *s, size_t len, char *last)
{
    size_t cut_at;
    size_t room = quota_print(L, len, &cut_at);
    fwrite(s, 1, room, out);
    if (room)
        *last = s[room - 1];
    if (cut_at)
        fprintf(out, "%s... output cut at %zu bytes (the print limit)\n", *last == '\n' ? "" : "\n",
                cut_at);
    return room == len;
}

/* print(...): like Lua's, to the stream the sandbox was made with, up to the print limit. */
static int sandbox_print(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, PRINT_KEY);
    FILE *out = lua_touserdata(L, -1);
    lua_pop(L, 1);
    int n = lua_gettop(L);
    char last = '\n';
    bool room = true;
    for (int i = 1; room && i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        room =
            (i == 1 || print_bytes(L, out, "\t", 1, &last)) && print_bytes(L, out, s, len, &last);
        lua_pop(L, 1);
    }
    if (room)
        print_bytes(L, out, "\n", 1, &last);
    fflush(out);
    return 0;
}

/*
 * load(chunk [, name [, mode [, env]]]): text only, whatever mode says.  A name given never
 * starts with '@' or '=': those are taken off, so that a loaded chunk is always shown as
 * [string "name"], never as a file ("@../other_team/prices.lua") nor as reckon's own code
 * ("=[reckon]", which where_origin skips).  Only reckon names chunks after files.
 */
static int sandbox_load(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [args..., load] */
    lua_pushvalue(L, 1);
    if (n >= 2 && lua_type(L, 2) == LUA_TSTRING) {
        const char *name = lua_tostring(L, 2);
        while (*name == '@' || *name == '=')
            name++;
        lua_pushstring(L, name);
    } else if (n >= 2)
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
        return where_error(L,
                           "collectgarbage(\"%s\") is not available to a model (only "
                           "\"count\")",
                           opt);
    int kb = lua_gc(L, LUA_GCCOUNT, 0), b = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, (lua_Number)kb + (lua_Number)b / 1024);
    return 1;
}

/* setmetatable(t, mt): as Lua's, but no __gc: a finaliser would run code after the model
 * is done, with no hook.  The field is read raw, as Lua itself reads it: an __index on
 * mt's own metatable could add it while a plain read looks. */
static int sandbox_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL) /* [t, mt, ..., __gc] */
            return where_error(L, "setmetatable: __gc metamethods are not available to a model");
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [t, mt, setmetatable] */
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* ---- nothing of the model's runs once a limit is hit ------------------------------------ */

/* Raises the limit that was hit, if one was. */
static void stop_if_hit(lua_State *L)
{
    const char *hit = quota_hit(L);
    if (hit) {
        lua_pushstring(L, hit);
        lua_error(L);
    }
}

/* The message handler a model gives xpcall, run only while no limit is hit: Lua calls the
 * handler of an error the count hook raises from inside the hook, where no hook runs, so
 * an endless handler would escape every limit.  After an ordinary error it runs, hooked. */
static int guarded_handler(lua_State *L)
{
    const char *hit = quota_hit(L);
    if (hit) {
        lua_pushstring(L, hit);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1)); /* [message, handler] */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int finish_xpcall(lua_State *L, int status, lua_KContext extra)
{
    if (status != LUA_OK && status != LUA_YIELD) { /* [..., message] */
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2; /* false, message */
    }
    return lua_gettop(L) - (int)extra; /* true and the results */
}

/* xpcall(f, handler, ...): as Lua's, with the handler guarded. */
static int sandbox_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);     /* [f, guarded, args...] */
    lua_pushboolean(L, 1); /* [f, guarded, args..., true] */
    lua_pushvalue(L, 1);   /* [f, guarded, args..., true, f] */
    lua_rotate(L, 3, 2);   /* [f, guarded, true, f, args...] */
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_xpcall);
    return finish_xpcall(L, status, 2);
}

/* coroutine.create(f): as Lua's, charged the hook's interval of instructions, since a
 * short coroutine runs below the hook's count. */
static int sandbox_create(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    quota_charge(L, COROUTINE_CHARGE);
    lua_State *co = lua_newthread(L); /* [f, co] (it inherits L's hook) */
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    return 1;
}

/* Closes co, running its pending __close handlers (lua_resetthread before Lua 5.4.6). */
static int close_thread(lua_State *co, lua_State *from)
{
#if LUA_VERSION_RELEASE_NUM >= 50406
    return lua_closethread(co, from);
#else
    (void)from;
    return lua_resetthread(co);
#endif
}

/* The one place the quota is told which thread runs: co runs, from L, for a resume of narg
 * values (*nres: its results) or, narg CLOSE_THREAD, the closing of co (its __close
 * handlers run hooked).  Returns the lua_resume or lua_closethread status. */
enum { CLOSE_THREAD = -1 };

/*
 * Closes in progress, one inside another's __close: Lua 5.4.4 (Debian 12's) does not count
 * them against its C stack limit ("C-stack overflow with deep nesting of coroutine.close",
 * fixed in 5.4.5), so 10,000 coroutines each closing the one before from a __close crashed
 * the worker.  reckon bounds them itself.  (A process runs one model's Lua on one thread.)
 */
enum { MAX_CLOSE_NESTING = 100 };
static int closes_in_progress;

static void close_enter(lua_State *L)
{
    if (closes_in_progress >= MAX_CLOSE_NESTING)
        luaL_error(L,
                   "coroutine.close: closes nested more than %d deep (a __close that closes "
                   "a coroutine whose __close closes another...)",
                   MAX_CLOSE_NESTING);
    closes_in_progress++;
}

static int run_on(lua_State *L, lua_State *co, int narg, int *nres)
{
    if (narg == CLOSE_THREAD)
        close_enter(L);
    lua_State *before = quota_running(L, co);
    int status = narg == CLOSE_THREAD ? close_thread(co, L) : lua_resume(co, L, narg, nres);
    quota_running(L, before);
    if (narg == CLOSE_THREAD)
        closes_in_progress--;
    return status;
}

/* Resumes co with the narg values on top of L (Lua's auxresume), telling the quota which
 * thread runs; refuses once a limit is hit.  The count of results moved to L, or -1 with
 * the error on top of L. */
static int resume(lua_State *L, lua_State *co, int narg)
{
    stop_if_hit(L);
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    int nres;
    int status = run_on(L, co, narg, &nres);
    stop_if_hit(L); /* the resumer stops at once too, whatever its hook's count */
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_xmove(co, L, 1); /* the error */
        return -1;
    }
    if (!lua_checkstack(L, nres + 1)) {
        lua_pop(co, nres);
        lua_pushliteral(L, "too many results to resume");
        return -1;
    }
    lua_xmove(co, L, nres);
    return nres;
}

/* coroutine.resume(co, ...) */
static int sandbox_resume(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "thread");
    int r = resume(L, co, lua_gettop(L) - 1);
    lua_pushboolean(L, r >= 0);
    if (r < 0) {
        lua_insert(L, -2);
        return 2; /* false, error */
    }
    lua_insert(L, -(r + 1));
    return r + 1; /* true, results */
}

/* The function coroutine.wrap returns (Lua's auxwrap).  A coroutine that died of a limit
 * is not closed: it died inside the count hook, and its __close would run with no hook. */
static int wrapped_coroutine(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = resume(L, co, lua_gettop(L));
    if (r >= 0)
        return r;
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) { /* the error killed it */
        stop_if_hit(L);
        where_locate(co, 0); /* its stack is still there: the raising frame is level 0 */
        status = run_on(L, co, CLOSE_THREAD, NULL); /* runs its __close, hooked */
        lua_xmove(co, L, 1);                        /* [..., error] */
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING && !where_is_marked(L, -1)) {
        luaL_where(L, 1); /* [..., error, where] */
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f) */
static int sandbox_wrap(lua_State *L)
{
    sandbox_create(L); /* [f, co] */
    lua_pushcclosure(L, wrapped_coroutine, 1);
    return 1;
}

/* coroutine.close(co): as Lua's, refused once a limit is hit (a coroutine that died of it
 * would run its __close with no hook) and nested at most MAX_CLOSE_NESTING deep. */
static int sandbox_close_coroutine(lua_State *L)
{
    stop_if_hit(L);
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1)); /* [co, close] */
    lua_insert(L, 1);
    close_enter(L);
    int status = lua_pcall(L, 1, LUA_MULTRET, 0); /* protected: the count is undone */
    closes_in_progress--;
    if (status != LUA_OK)
        return lua_error(L);
    return lua_gettop(L);
}

/* ---- math.random repeats ---------------------------------------------------------------- */

typedef struct random_seed {
    uint64_t seed;   /* the run's (--seed) */
    uint64_t n1, n2; /* math.random's, from the seed and the model's path */
} random_seed;

static uint64_t mix64(uint64_t z) /* splitmix64's finaliser */
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t hash_text(const char *s) /* FNV-1a */
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

static random_seed *seed_box(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SEED_KEY);
    random_seed *rs = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return rs;
}

/* math.randomseed([x [, y]]): as Lua's with numbers; with none, back to the model's own
 * seed (never the clock, so that a run repeats). */
static int sandbox_randomseed(lua_State *L)
{
    if (lua_isnone(L, 1)) {
        const random_seed *rs = lua_touserdata(L, lua_upvalueindex(2));
        lua_pushinteger(L, (lua_Integer)rs->n1);
        lua_pushinteger(L, (lua_Integer)rs->n2);
    }
    lua_pushvalue(L, lua_upvalueindex(1)); /* [args..., randomseed] */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Seeds math.random from the run's seed and the model's name (before the model runs). */
static void seed_random(lua_State *L, const sandbox_model *m)
{
    const char *slash = strrchr(m->path, '/');
    const char *name = m->name ? m->name : slash ? slash + 1 : m->path;
    random_seed *rs = seed_box(L);
    rs->n1 = mix64(rs->seed ^ hash_text(name));
    rs->n2 = mix64(rs->n1);
    lua_getfield(L, LUA_REGISTRYINDEX, RANDOMSEED_KEY); /* [randomseed] */
    lua_call(L, 0, 0);
}

void sandbox_seed(lua_State *L, uint64_t seed)
{
    seed_box(L)->seed = seed;
}

/* ---- strict globals, protected metatables ----------------------------------------------- */

/* Reading or writing a global that was never defined: a typo must not become nil. */
static int undefined_global(lua_State *L)
{
    const char *name = lua_tostring(L, 2);
    if (lua_gettop(L) >= 3)
        return where_error(L, "assignment to undefined global '%s': declare it local",
                           name ? name : "?");
    return where_error(L, "undefined global '%s'", name ? name : "?");
}

/* Makes _G strict and the strings' metatable out of reach. */
static void protect(lua_State *L)
{
    lua_pushglobaltable(L);   /* [_G] */
    lua_createtable(L, 0, 3); /* [_G, mt] */
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "the global table is protected");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2); /* [_G] */
    lua_pop(L, 1);
    lua_pushliteral(L, "");  /* [""] */
    lua_getmetatable(L, -1); /* ["", string mt] */
    lua_pushliteral(L, "the string metatable is protected");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
}

/* ---- require ---------------------------------------------------------------------------- */

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

/* A file being loaded as text: what lauxlib's loader does, from a descriptor. */
typedef struct file_reader {
    FILE *f;
    size_t n; /* bytes waiting in buf before the file's own */
    char buf[4096];
} file_reader;

static const char *read_file(lua_State *L, void *ud, size_t *size)
{
    (void)L;
    file_reader *r = ud;
    if (r->n) {
        *size = r->n;
        r->n = 0;
        return r->buf;
    }
    *size = fread(r->buf, 1, sizeof r->buf, r->f);
    return *size ? r->buf : NULL;
}

/* Loads the open file f as a text chunk named chunkname, skipping a BOM and a first line
 * starting with '#' as Lua's loadfile does; a Lua status (it never raises). */
static int load_open_file(lua_State *L, FILE *f, const char *chunkname)
{
    file_reader r = {.f = f};
    int c = getc(f);
    if (c == 0xEF && getc(f) == 0xBB && getc(f) == 0xBF) /* a UTF-8 BOM */
        c = getc(f);
    if (c == '#') { /* "#!...": the line is dropped, its newline kept for the line numbers */
        while (c != EOF && c != '\n')
            c = getc(f);
        r.buf[r.n++] = '\n';
        c = getc(f);
    }
    if (c != EOF)
        r.buf[r.n++] = (char)c;
    return lua_load(L, read_file, &r, chunkname, "t");
}

/* Pushes the chunk of the model file path beside the model, or raises.  The file is opened
 * once, without following a symbolic link, and must be a plain file with no other name: a
 * link, symbolic or hard, could lead out of the model's folder. */
static void load_beside(lua_State *L, const char *name, const char *path)
{
    const char *chunkname = lua_pushfstring(L, "@%s", path); /* [chunkname] (before open:
                                                                 it may raise) */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        where_error(L, "require \"%s\": no file %s beside the model", name, path);
    if (fd < 0 && errno == ELOOP)
        where_error(L, "require \"%s\": %s is not a plain file (links are not followed)", name,
                    path);
    if (fd < 0)
        where_error(L, "require \"%s\": cannot open %s: %s", name, path, strerror(errno));
    struct stat st;
    const char *wrong = fstat(fd, &st) != 0    ? strerror(errno)
                        : !S_ISREG(st.st_mode) ? "is not a plain file (links are not followed)"
                        : st.st_nlink > 1 ? "has other names, a hard link (links are not followed)"
                                          : NULL;
    FILE *f = wrong ? NULL : fdopen(fd, "r");
    if (!f) {
        close(fd);
        where_error(L, "require \"%s\": %s %s", name, path, wrong ? wrong : strerror(errno));
    }
    int status = load_open_file(L, f, chunkname); /* [chunkname, chunk or message] */
    bool failed = ferror(f);
    fclose(f);
    if (status == LUA_OK && failed)
        where_error(L, "require \"%s\": cannot read %s", name, path);
    if (status != LUA_OK) {
        where_mark(L); /* Lua's parser named the module's line */
        lua_error(L);
    }
    lua_remove(L, -2); /* [chunk] */
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
        where_error(L,
                    "require \"%s\": a model may require \"reckon\" or a model file in its own "
                    "folder, by its name without .lua (letters, digits, _)",
                    name);
    lua_getfield(L, LUA_REGISTRYINDEX, DIR_KEY);                                  /* [dir] */
    const char *path = lua_pushfstring(L, "%s%s.lua", lua_tostring(L, -1), name); /* [dir, path] */
    load_beside(L, name, path); /* [dir, path, chunk] */
    lua_replace(L, -3);         /* [chunk, path] */
    lua_pop(L, 1);              /* [chunk] */
}

/* require(name) */
static int sandbox_require(lua_State *L)
{
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    if (memchr(name, '\0', len)) /* C would read only the part before it */
        return where_error(L, "require: a module's name contains a zero byte (\"%s...\")", name);
    lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY); /* [name, loaded] */
    if (lua_getfield(L, 2, name) != LUA_TNIL) {     /* [name, loaded, value] */
        if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))
            return where_error(L, "require \"%s\": the module requires itself (a cycle)", name);
        return 1;
    }
    lua_pop(L, 1);
    if (strcmp(name, "reckon") == 0) {
        lua_pushcfunction(L, luaopen_reckon); /* [name, loaded, opener] */
    } else {
        load_module(L, name); /* [name, loaded, chunk] */
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, 2, name);              /* loading: a second require of it is a cycle */
    lua_pushcfunction(L, where_handler);   /* located while the module's lines are on the stack */
    lua_insert(L, 3);                      /* [name, loaded, handler, chunk] */
    lua_pushstring(L, name);               /* [name, loaded, handler, chunk, name] */
    if (lua_pcall(L, 1, 1, 3) != LUA_OK) { /* [name, loaded, handler, error] */
        lua_pushnil(L);
        lua_setfield(L, 2, name); /* not loaded: a later require tries again */
        return lua_error(L);
    } /* [name, loaded, handler, value] */
    lua_remove(L, 3);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

/* ---- the model's globals ---------------------------------------------------------------- */

/* Copies the fields names (NULL-terminated) of the table at from into the table at to. */
static void copy_fields(lua_State *L, int from, int to, const char *const names[])
{
    from = lua_absindex(L, from), to = lua_absindex(L, to);
    for (int i = 0; names[i]; i++) {
        lua_getfield(L, from, names[i]);
        lua_setfield(L, to, names[i]);
    }
}

/* The sandbox's own coroutine functions: [..., lua's coroutine, safe] -> the same. */
static void own_coroutine(lua_State *L)
{
    static const luaL_Reg own[] = {{"create", sandbox_create},
                                   {"wrap", sandbox_wrap},
                                   {"resume", sandbox_resume},
                                   {NULL, NULL}};
    luaL_setfuncs(L, own, 0);
    lua_getfield(L, -2, "close"); /* [..., coroutine, safe, close] */
    lua_pushcclosure(L, sandbox_close_coroutine, 1);
    lua_setfield(L, -2, "close");
}

/* noted_call's message handler: an error that Lua's function (the upvalue) raised itself
 * says where its caller is, as it would called from Lua ("m.lua:3: bad argument #1 to
 * 'string.rep' ..."); called from C, it could not.  Any other error (of a function of the
 * model's that it called: a gsub replacement, a sort comparator, a metamethod) is left as
 * it was.  Levels: 0 this handler, 1 the raiser, 2 noted_call, 3 its caller. */
static int noted_error(lua_State *L)
{
    lua_Debug ar;
    if (lua_type(L, 1) != LUA_TSTRING || !lua_getstack(L, 1, &ar) || !lua_getinfo(L, "f", &ar))
        return 1;
    bool own = lua_rawequal(L, -1, lua_upvalueindex(1));
    lua_pop(L, 1);
    if (own) {
        luaL_where(L, 3); /* [message, "file:line: " or ""] */
        lua_insert(L, 1);
        lua_concat(L, 2);
    }
    return 1;
}

/* A function of string, table or utf8: Lua's, with the model's line noted first.  One such
 * call can run for hours in C, where the count hook never fires (a pattern, table.move over
 * a huge range, string.rep of an empty string a billion times); the watchdog that kills it
 * then names this line. */
static int noted_call(lua_State *L)
{
    quota_note_line(L);
    lua_pushvalue(L, lua_upvalueindex(2)); /* [args..., handler] */
    lua_insert(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 2); /* [handler, original, args...] */
    if (lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 1) != LUA_OK)
        return lua_error(L); /* as it was, or located by the handler */
    return lua_gettop(L) - 1;
}

/* [..., f] -> [..., call noting the line before f] (call: noted_call or noted_gmatch; its
 * upvalues: f, and the handler of f's errors). */
static void push_noted(lua_State *L, lua_CFunction call)
{
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, noted_error, 1);
    lua_pushcclosure(L, call, 2);
}

/* string.gmatch: Lua's, whose iterator (where the matching happens) notes the line too. */
static int noted_gmatch(lua_State *L)
{
    int n = noted_call(L); /* [handler?, iterator] (gmatch gives one value) */
    lua_replace(L, 1);
    lua_settop(L, n > 0 ? 1 : 0);
    push_noted(L, noted_call); /* [noted iterator] */
    return 1;
}

/* Every C function of the library, noting the line: [..., lua's lib, safe] -> the same.
 * Lua's own functions are kept as registry.LOADED[lib][name] (a table of these alone: the
 * whole libraries are gone), where an error raised in one looks up its name, so that it
 * still says "bad argument #1 to 'string.rep'" although the function was called from C. */
static void own_noted(lua_State *L, const char *lib, const char *const *names)
{
    lua_getfield(L, LUA_REGISTRYINDEX, NOTED_KEY); /* [..., safe, noted] */
    lua_newtable(L);                               /* [..., safe, noted, originals] */
    for (int i = 0; names[i]; i++) {
        lua_getfield(L, -3, names[i]); /* [..., safe, noted, originals, f] */
        if (!lua_iscfunction(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, names[i]);
        push_noted(L, strcmp(names[i], "gmatch") == 0 ? noted_gmatch : noted_call);
        lua_setfield(L, -4, names[i]);
    }
    lua_setfield(L, -2, lib); /* noted[lib] = originals */
    lua_pop(L, 1);
}

static void own_string(lua_State *L)
{
    own_noted(L, LUA_STRLIBNAME, string_allowed);
}

static void own_table(lua_State *L)
{
    own_noted(L, LUA_TABLIBNAME, table_allowed);
}

static void own_utf8(lua_State *L)
{
    own_noted(L, LUA_UTF8LIBNAME, utf8_allowed);
}

/* math.randomseed, seeded from the run's seed: [..., lua's math, safe] -> the same. */
static void own_math(lua_State *L)
{
    lua_getfield(L, -2, "randomseed");                     /* [math, safe, randomseed] */
    random_seed *rs = lua_newuserdatauv(L, sizeof *rs, 0); /* [..., randomseed, box] */
    memset(rs, 0, sizeof *rs);
    rs->seed = MC_DEFAULT_SEED;
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, SEED_KEY);
    lua_pushcclosure(L, sandbox_randomseed, 2); /* [math, safe, own randomseed] */
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, RANDOMSEED_KEY);
    lua_setfield(L, -2, "randomseed");
}

/* Builds the model's global table from the allow list, on a fresh table: what Lua's
 * libraries hold beyond the list (today or in a later version) is never reachable. */
static int open_safe_libs(lua_State *L)
{
    static const struct {
        const char *name;
        lua_CFunction open;
        const char *const *allowed;
        void (*own)(lua_State *L); /* the sandbox's own functions in the library, or NULL */
    } libs[] = {
        {LUA_STRLIBNAME, luaopen_string, string_allowed, own_string},
        {LUA_TABLIBNAME, luaopen_table, table_allowed, own_table},
        {LUA_MATHLIBNAME, luaopen_math, math_allowed, own_math},
        {LUA_UTF8LIBNAME, luaopen_utf8, utf8_allowed, own_utf8},
        {LUA_COLIBNAME, luaopen_coroutine, coroutine_allowed, own_coroutine},
        {LUA_OSLIBNAME, luaopen_os, os_allowed, NULL},
    };
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, NOTED_KEY); /* own_noted's originals */
    lua_newtable(L);                               /* [G] */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);  /* [G, lua's globals] */
    copy_fields(L, -1, -2, base_allowed);
    lua_getfield(L, -1, "load");
    lua_pushcclosure(L, sandbox_load, 1);
    lua_setfield(L, -3, "load");
    lua_getfield(L, -1, "setmetatable");
    lua_pushcclosure(L, sandbox_setmetatable, 1);
    lua_setfield(L, -3, "setmetatable");
    lua_pop(L, 1); /* [G] */
    static const luaL_Reg own[] = {{"print", sandbox_print},
                                   {"xpcall", sandbox_xpcall},
                                   {"collectgarbage", sandbox_collectgarbage},
                                   {"require", sandbox_require},
                                   {NULL, NULL}};
    luaL_setfuncs(L, own, 0);
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
        luaL_requiref(L, libs[i].name, libs[i].open, 0); /* [G, lib] */
        lua_newtable(L);                                 /* [G, lib, safe] */
        copy_fields(L, -2, -1, libs[i].allowed);
        if (libs[i].own)
            libs[i].own(L);
        lua_setfield(L, -3, libs[i].name); /* [G, lib] */
        lua_pop(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, LUA_GNAME);                       /* G._G = G */
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);  /* [] the globals of every chunk */
    lua_getfield(L, LUA_REGISTRYINDEX, NOTED_KEY);        /* Lua's whole libraries: gone, */
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE); /* the originals of own_noted kept */
    lua_pushliteral(L, "");                               /* [""] */
    lua_getmetatable(L, -1);                              /* ["", string mt] */
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_setfield(L, -2, "__index"); /* ("").dump is absent too */
    lua_pop(L, 2);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);
    lua_pushliteral(L, ""); /* the key made now: marking a message later allocates nothing */
    lua_setfield(L, LUA_REGISTRYINDEX, WHERE_LOCATED);
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

/* ---- running a model -------------------------------------------------------------------- */

/* Cuts the string at the top of the stack to max bytes (whole UTF-8 characters) and a
 * note, when longer. */
static void cap_message(lua_State *L, size_t max)
{
    size_t len;
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!s || len <= max)
        return;
    size_t keep = max;
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    lua_pushlstring(L, s, keep);
    lua_pushfstring(L, "... (message cut at %d bytes)", (int)max);
    lua_concat(L, 2); /* [message, cut] */
    lua_replace(L, -2);
}

/* The message of an error that is not a string: where it was raised and what it is. */
static const char *non_string_error(lua_State *L)
{
    char origin[256];
    return lua_pushfstring(L, "%s: error object is a %s value",
                           where_origin(L, origin, sizeof origin), luaL_typename(L, 1));
}

/* The error at 1 as the message reckon reports: a limit's as it is; a string located by
 * the stack (where_locate); anything else named with its place; cut to the limit. */
static void final_message(lua_State *L)
{
    lua_settop(L, 1);
    if (quota_hit(L))
        return;
    if (!lua_isstring(L, 1)) {
        non_string_error(L);
        where_mark(L);
    } else
        where_locate(L, 1);
    bool located = where_is_marked(L, -1);
    cap_message(L, SANDBOX_MESSAGE_MAX);
    if (located)
        where_mark(L); /* the cut message is still reckon's */
}

static int traceback_handler(lua_State *L)
{
    final_message(L);
    luaL_traceback(L, L, lua_tostring(L, -1), 1);
    return 1;
}

/* Without a traceback. */
static int message_handler(lua_State *L)
{
    final_message(L);
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

/* Whether msg starts with the message reckon located last (a traceback may follow it). */
static bool starts_located(lua_State *L, const char *msg)
{
    lua_getfield(L, LUA_REGISTRYINDEX, WHERE_LOCATED); /* [..., located] */
    size_t n = 0;
    const char *located = lua_tolstring(L, -1, &n);
    bool yes = located && n > 0 && strncmp(msg, located, n) == 0;
    lua_pop(L, 1);
    return yes;
}

/* Leaves only the error message above base, cut to max bytes, prefixed with path unless
 * it is located: by reckon (trusted false: an error the model raised) or, for a chunk that
 * did not compile (trusted), by Lua's parser, which names path. */
static int fail_with(lua_State *L, int base, const char *path, size_t max, bool trusted)
{
    const char *msg = lua_tostring(L, -1);
    size_t n = strlen(path);
    bool located =
        msg && (trusted ? strncmp(msg, path, n) == 0 && msg[n] == ':' : starts_located(L, msg));
    if (!msg)
        lua_pushfstring(L, "%s: error object is a %s value", path, luaL_typename(L, -1));
    else if (!located)
        lua_pushfstring(L, "%s: %s", path, msg);
    else
        lua_pushvalue(L, -1); /* [..., message, final message] */
    cap_message(L, max);
    lua_replace(L, base + 1);
    lua_settop(L, base + 1);
    return -1;
}

/* Tests only (the CMake option RECKON_TEST_HOOKS, as engine/cli/test_hooks.h's): with
 * RECKON_TEST_LOAD_PAUSE=P, a load waits at two points, before the model is opened (at the
 * pipe P.open) and after it was opened and checked, before it is read (at P.read), until a
 * writer has opened and closed that pipe, so that a test can swap the file in between.  A
 * pipe of its own a point: a writer for the second cannot meet the first's reader still
 * draining.  A point whose pipe does not exist does not wait. */
#ifndef RECKON_TEST_HOOKS
static void test_pause(const char *point)
{
    (void)point;
}
#else
static void test_pause(const char *point)
{
    const char *prefix = getenv("RECKON_TEST_LOAD_PAUSE");
    char pipe[4096];
    if (!prefix || snprintf(pipe, sizeof pipe, "%s.%s", prefix, point) >= (int)sizeof pipe)
        return;
    int fd = open(pipe, O_RDONLY | O_CLOEXEC);
    char buf[64];
    while (fd >= 0 && read(fd, buf, sizeof buf) > 0)
        continue;
    if (fd >= 0)
        close(fd);
}
#endif

/* Why the model m, open as fd (or not: fd < 0, errno set), may not run, or NULL. */
static const char *refusal(const sandbox_model *m, int fd)
{
    struct stat st;
    if (fd < 0)
        return errno == ELOOP ? "it is a symbolic link" : strerror(errno);
    if (fstat(fd, &st) != 0)
        return strerror(errno);
    if (!S_ISREG(st.st_mode))
        return "it is not a plain file (a pipe or a device is never run as a model)";
    if (m->walked && st.st_nlink > 1)
        return "it has other hard links";
    if (m->walked && (st.st_dev != m->dev || st.st_ino != m->ino))
        return "it is another file than the one the walk found";
    return NULL;
}

/* Opens the model m once, never through a link the walk did not follow: a file named on
 * the command line through a link is resolved once (realpath) and the file it leads to
 * opened.  The descriptor, or -1 with the reason pushed. */
static int open_model(lua_State *L, const sandbox_model *m)
{
    const char *at = m->target ? m->target : m->path;
    const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
    int fd = open(at, flags);
    if (fd < 0 && errno == ELOOP && !m->walked) {
        char *real = realpath(at, NULL);
        fd = real ? open(real, flags) : -1;
        free(real);
    }
    const char *wrong = refusal(m, fd);
    if (!wrong)
        return fd;
    if (fd >= 0)
        close(fd);
    if (m->walked)
        lua_pushfstring(L, "%s: not run: the file changed since the folder was walked (%s)",
                        m->path, wrong);
    else
        lua_pushfstring(L, "%s: cannot run: %s", m->path, wrong);
    return -1;
}

/* Pushes the chunk of the model m, read from the one descriptor it is opened as; false
 * with the message pushed (trusted: *parsed, a message of Lua's parser). */
static bool load_model(lua_State *L, const sandbox_model *m, bool *parsed)
{
    *parsed = false;
    test_pause("open");
    int fd = open_model(L, m);
    if (fd < 0)
        return false;
    test_pause("read");
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        lua_pushfstring(L, "%s: cannot read: %s", m->path, strerror(errno));
        return false;
    }
    lua_pushfstring(L, "@%s", m->path);                     /* [chunkname] */
    int status = load_open_file(L, f, lua_tostring(L, -1)); /* [chunkname, chunk or message] */
    bool failed = ferror(f);
    fclose(f);
    lua_remove(L, -2);
    if (status == LUA_OK && failed) {
        lua_pop(L, 1);
        lua_pushfstring(L, "%s: cannot read: %s", m->path, strerror(EIO));
        return false;
    }
    *parsed = status != LUA_OK;
    return status == LUA_OK;
}

/* The model itself is being loaded, as a module it would require by its name ("m" for
 * models/m.lua) is: a require of it from inside is a cycle, not a second run of it. */
static void mark_loading(lua_State *L, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *file = slash ? slash + 1 : path;
    size_t len = strlen(file);
    if (len <= 4 || strcmp(file + len - 4, ".lua") != 0 || strcmp(file, "reckon.lua") == 0)
        return; /* require "reckon" is the engine's, whatever a model is called */
    lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY); /* [loaded] */
    lua_pushlstring(L, file, len - 4);              /* [loaded, name] */
    lua_pushboolean(L, 0);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

int sandbox_run_model(lua_State *L, const sandbox_model *m, int traceback)
{
    push_dir(L, m->path);
    lua_setfield(L, LUA_REGISTRYINDEX, DIR_KEY);
    quota_set_model(L, m->path);
    seed_random(L, m);
    int base = lua_gettop(L);
    /* the message, and a traceback of names that may be long too */
    size_t max = traceback ? 4 * SANDBOX_MESSAGE_MAX : SANDBOX_MESSAGE_MAX + strlen(m->path) + 64;
    lua_pushcfunction(L, traceback ? traceback_handler : message_handler); /* [handler] */
    bool parsed;
    if (!load_model(L, m, &parsed)) /* [handler, chunk or message] */
        return fail_with(L, base, m->path, SANDBOX_MESSAGE_MAX, true);
    mark_loading(L, m->path);
    if (lua_pcall(L, 0, LUA_MULTRET, base + 1) != LUA_OK)
        return fail_with(L, base, m->path, max, false);
    lua_remove(L, base + 1);
    return lua_gettop(L) - base;
}

int sandbox_run_file(lua_State *L, const char *path, int traceback)
{
    const sandbox_model m = {.path = path};
    return sandbox_run_model(L, &m, traceback);
}
