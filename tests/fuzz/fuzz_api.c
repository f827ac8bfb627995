/*
 * fuzz_api: libFuzzer harness for the Lua API a model sees: every r.* constructor and
 * method, called with random Lua values in a sandboxed state (sandbox_new, with memory and
 * instruction limits), under AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DRECKON_FUZZ=ON
 *     cmake --build build-fuzz --target fuzz_api
 *     build-fuzz/tests/fuzz/fuzz_api -max_total_time=60 corpus-copy/
 *
 * (tests/fuzz/run.sh does all of that.)  The input bytes are a little program over a pool
 * of at most POOL values (a Lua table, slot k the k-th value made; new values replace old
 * ones round the pool).  Each step takes an opcode byte (op % 10):
 *
 *   0 number    a special (NaN, infinities, -0, 2^53, 2^61, 2^63, DBL_MAX, ...), a small
 *               integer, or eight raw bytes
 *   1 string    a field name or word reckon knows ("rate", "upto", "compute", "linear",
 *               "prices.csv", ...), or up to 32 raw bytes (NUL included)
 *   2 table     a new empty table, or a list of pool values (up to 8)
 *   3 set       pool[a][pool[b]] = pool[c], raw (so a table may hold itself: cycles)
 *   4 meta      setmetatable(pool[a], one of the hostile metatables of HOSTILE below:
 *               __len of 2^61, -1, NaN or a string, an __index that answers differently
 *               each time or raises, a __newindex that raises, __pairs, __call, ...)
 *   5 function  one of the Lua functions of HOSTILE (cost functions that return a number,
 *               NaN, a range made inside, a string, raise, call coroutines, recurse into
 *               reckon)
 *   6 call      one of reckon's functions (every r.*: fixed, linear, power, points, step,
 *               graduated, volume, instances, range, sum, max, min, option, analysis,
 *               change, growth.*, crossovers, payback, fin.*, csv.read, csv.number) with
 *               0..6 pool values as arguments, in lua_pcall; its first result joins the pool
 *   7 method    on pool[a]: call it, eval, of, + - * / with pool[b], tostring, reads of
 *               the range, option and module fields (low, mid, high, dist, mode, id, name,
 *               item_count, or pool[b]), pairs over it and its iterator from any key, #,
 *               rawlen, and a[b] = c (the pool starts with the module and r.fin, r.csv,
 *               r.growth, r.categories)
 *   8 spec      a spec table built for a constructor (its real field names, values from
 *               the pool, sometimes a list of tables), so that deep checks are reached
 *   9 engine    collects garbage (coroutines die), then evaluates from C every cost and
 *               option in the pool, as the engine does after a model has run
 *
 * FUZZ_API_TRACE=1 in the environment prints what each call gave (to read a seed).
 *
 * Contracts checked (abort() on a breach, so that the fuzzer keeps the input):
 *   - nothing that reckon does crashes or trips a sanitizer, whatever the values;
 *   - every call returns, in lua_pcall, with the stack as it was plus its results;
 *   - an error reckon raises is a string (a message), unless the value raised was the
 *     hostile function's own;
 *   - evaluating a cost from C either succeeds with finite lo <= mid <= hi or fails with a
 *     message;
 *   - lua_close frees everything (LeakSanitizer reports what it misses).
 */
#include <float.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "option.h"
#include "reckon_lua.h"
#include "sandbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz_api"
#include "fuzz_check.h"

enum {
    POOL = 32,       /* values the program works on */
    MAX_STEPS = 256, /* steps a input runs at most */
    MAX_ARGS = 6     /* arguments a call passes at most */
};

/*
 * The hostile Lua side, loaded once a state as the "model" (fuzz.lua in the fuzz folder,
 * so that messages have a file and line).  It returns the metatables and the functions.
 */
static const char HOSTILE[] =
    "local r = require 'reckon'\n"
    "local n = 0\n"
    "local function flip() n = n + 1; return n end\n"
    "local metas = {\n"
    "  { __len = function() return 2 ^ 61 end },\n"
    "  { __len = function() return -1 end, __index = function(_, k) return { k, 1 } end },\n"
    "  { __len = function() return 0 / 0 end },\n"
    "  { __len = function() return 'many' end },\n"
    "  { __index = function() if flip() % 2 == 0 then return { 'cost' } end return { {} } end },\n"
    "  { __index = function() error('hostile __index') end },\n"
    "  { __index = function(_, k) return flip() end, __len = function() return flip() end },\n"
    "  { __newindex = function() error('hostile __newindex') end },\n"
    "  { __pairs = function() error('hostile __pairs') end },\n"
    "  { __call = function(_, x) return x end, __tostring = function() error('tostring') end },\n"
    "  { __index = function() return r.range(1, 2) end },\n"
    "  { __eq = function() return true end, __lt = function() error('lt') end },\n"
    "}\n"
    "local saved\n"
    "local fns = {\n"
    "  function(x) return x end,\n"
    "  function(x) return 0 / 0 end,\n"
    "  function(x) return r.range(x, 2 * x + 1) end,\n"
    "  function(x) return r.range(1, 2) end,\n"
    "  function(x) return 'text' end,\n"
    "  function(x) error('hostile cost') end,\n"
    "  function(x) error({}) end,\n"
    "  function(x) return coroutine.wrap(function() return r.fixed(2)(x) end)() end,\n"
    "  function(x) local co = coroutine.create(function() return x end); "
    "return select(2, coroutine.resume(co)) end,\n"
    "  function(x) saved = saved or r.sum{ function(y) return y end }; return saved(x) end,\n"
    "  function(x) return r.max(x, 1, 2) end,\n"
    "  function(x) return math.huge end,\n"
    "  function(x) return 1e308 * 10 end,\n"
    "  function(x) coroutine.yield(x) end,\n"
    "  function(...) return select('#', ...) end,\n"
    "}\n"
    "local function call(f, ...) local v = f(...) return v end -- a line of the model's\n"
    "return metas, fns, call\n";

/* Where the fuzz model "lives": a folder with a CSV file for r.csv.read. */
static char folder[64];

static const char *const FILES[][2] = {
    {"prices.csv", "item,cost\nweb,25\ndb,1.5e3\n"},
    {"words.csv", "a,b\nx,\n\"q\"\"\",2\n"},
};
enum { N_FILES = sizeof FILES / sizeof FILES[0] };

/* At exit: the folder and its files go. */
static void remove_folder(void)
{
    char path[128];
    for (size_t i = 0; i < N_FILES; i++) {
        snprintf(path, sizeof path, "%s%s", folder, FILES[i][0]);
        unlink(path);
    }
    rmdir(folder);
}

static void make_folder(void)
{
    if (folder[0])
        return;
    snprintf(folder, sizeof folder, "/tmp/reckon-fuzz-api.XXXXXX");
    CHECK(mkdtemp(folder) != NULL, "mkdtemp failed");
    strcat(folder, "/");
    atexit(remove_folder);
    for (size_t i = 0; i < N_FILES; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s%s", folder, FILES[i][0]);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL, "cannot write %s", path);
        fputs(FILES[i][1], f);
        fclose(f);
    }
}

/* The calls the program may make: a path in the module (NULL-terminated). */
static const char *const FUNCTIONS[][3] = {
    {"fixed"},
    {"linear"},
    {"power"},
    {"points"},
    {"step"},
    {"graduated"},
    {"volume"},
    {"instances"},
    {"range"},
    {"sum"},
    {"max"},
    {"min"},
    {"option"},
    {"analysis"},
    {"change"},
    {"growth", "compound"},
    {"growth", "linear"},
    {"growth", "logistic"},
    {"growth", "points"},
    {"crossovers"},
    {"payback"},
    {"fin", "npv"},
    {"fin", "irr"},
    {"fin", "pmt"},
    {"fin", "pv"},
    {"fin", "fv"},
    {"fin", "xnpv"},
    {"fin", "xirr"},
    {"csv", "read"},
    {"csv", "number"},
};
enum { N_FUNCTIONS = sizeof FUNCTIONS / sizeof FUNCTIONS[0] };

static const char *const WORDS[] = {
    "name",
    "items",
    "cost",
    "category",
    "note",
    "users",
    "stated",
    "checks",
    "total",
    "source",
    "percentile",
    "rate",
    "base",
    "coef",
    "exp",
    "interp",
    "extrapolate",
    "below",
    "above",
    "upto",
    "free",
    "fee",
    "capacity",
    "price",
    "min",
    "max",
    "dist",
    "mode",
    "group",
    "options",
    "timeline",
    "months",
    "start",
    "growth",
    "budgets",
    "cumulative_budgets",
    "discount_rate",
    "rate_conversion",
    "revenue_per_user",
    "changes",
    "one_off",
    "scale",
    "remove",
    "add",
    "replace",
    "monthly",
    "annual",
    "conversion",
    "per_month",
    "ceiling",
    "from",
    "to",
    "points",
    "spacing",
    "numbers",
    "compute",
    "other",
    "database",
    "linear",
    "loglog",
    "clamp",
    "error",
    "log",
    "uniform",
    "pert",
    "normal",
    "triangular",
    "compound",
    "simple",
    "prices.csv",
    "words.csv",
    "../x.csv",
    "2024-01-31",
    "2025-02-29",
    "low",
    "mid",
    "high",
    "id",
    "item_count",
    "",
    "eval",
    "of",
    "x",
};
enum { N_WORDS = sizeof WORDS / sizeof WORDS[0] };

static const double SPECIAL[] = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    2.0,
    10.0,
    1000.0,
    1e6,
    1e12,
    9007199254740992.0,
    2305843009213693952.0 /* 2^61 */,
    9223372036854775808.0 /* 2^63 */,
    1e300,
    DBL_MAX,
    -DBL_MAX,
    DBL_MIN,
    4.9406564584124654e-324,
    NAN,
    INFINITY,
    -INFINITY,
    0.1,
    1200,
    1201,
    100000,
    1000001,
    -1e300,
    0.9,
    1.1,
};
enum { N_SPECIAL = sizeof SPECIAL / sizeof SPECIAL[0] };

/* Field names of the spec of each constructor, for op 8 (the first entry: the function). */
static const char *const SPECS[][12] = {
    {"linear", "rate", "base"},
    {"power", "coef", "exp"},
    {"points", "interp", "extrapolate"},
    {"step", "upto", "cost"},
    {"graduated", "free", "upto", "rate"},
    {"volume", "upto", "rate", "fee"},
    {"instances", "capacity", "price", "min", "max"},
    {"option", "name", "items", "users", "stated", "checks"},
    {"analysis", "name", "options", "users", "timeline", "budgets", "cumulative_budgets",
     "discount_rate", "rate_conversion", "revenue_per_user", "changes"},
    {"change", "name", "one_off", "scale", "remove", "add", "replace", "options", "note"},
    {"range", "dist", "mode", "name", "group"},
};
enum { N_SPECS = sizeof SPECS / sizeof SPECS[0] };

/* The state of one input. */
typedef struct program {
    lua_State *L;
    int pool;   /* stack index of the pool table */
    int metas;  /* stack index of the hostile metatables */
    int fns;    /* stack index of the hostile functions */
    int call;   /* stack index of call(f, ...), a Lua function: reckon sees a model's line */
    int module; /* stack index of the module */
    int next;   /* the pool slot the next value takes (0..POOL-1) */
} program;

/* [value] -> []: the value joins the pool. */
static void keep(program *p)
{
    lua_rawseti(p->L, p->pool, p->next + 1);
    p->next = (p->next + 1) % POOL;
}

static void push_pool(program *p, uint8_t b)
{
    lua_rawgeti(p->L, p->pool, b % POOL + 1);
}

static void push_number(program *p, reader *r)
{
    uint8_t tag = take_byte(r);
    switch (tag % 3) {
    case 0:
        lua_pushnumber(p->L, SPECIAL[(tag / 3) % N_SPECIAL]);
        break;
    case 1:
        lua_pushinteger(p->L, (lua_Integer)(tag / 3) - 4);
        break;
    default: {
        uint8_t raw[8];
        for (int i = 0; i < 8; i++)
            raw[i] = take_byte(r);
        double d;
        memcpy(&d, raw, sizeof d);
        lua_pushnumber(p->L, d);
    }
    }
}

static void push_string(program *p, reader *r)
{
    uint8_t tag = take_byte(r);
    if (tag & 1) {
        lua_pushstring(p->L, WORDS[(tag >> 1) % N_WORDS]);
        return;
    }
    char buf[32];
    size_t n = (size_t)(tag >> 1) % sizeof buf;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)take_byte(r);
    lua_pushlstring(p->L, buf, n);
}

static void push_table(program *p, reader *r)
{
    uint8_t tag = take_byte(r);
    int n = tag % 9;
    lua_createtable(p->L, n, 0);
    for (int i = 1; i <= n; i++) {
        push_pool(p, take_byte(r));
        lua_rawseti(p->L, -2, i);
    }
}

/* pool[a][pool[b]] = pool[c], raw, when pool[a] is a table and pool[b] a valid key. */
static void set_field(program *p, reader *r)
{
    lua_State *L = p->L;
    push_pool(p, take_byte(r)); /* [t] */
    push_pool(p, take_byte(r)); /* [t, k] */
    push_pool(p, take_byte(r)); /* [t, k, v] */
    int kt = lua_type(L, -2);
    bool key_ok = kt != LUA_TNIL && !(kt == LUA_TNUMBER && isnan(lua_tonumber(L, -2)));
    if (lua_type(L, -3) == LUA_TTABLE && key_ok)
        lua_rawset(L, -3); /* [t] */
    else
        lua_pop(L, 2);
    lua_pop(L, 1);
}

static void set_meta(program *p, reader *r)
{
    lua_State *L = p->L;
    push_pool(p, take_byte(r)); /* [t] */
    uint8_t which = take_byte(r);
    if (lua_type(L, -1) == LUA_TTABLE) {
        lua_rawgeti(L, p->metas, (lua_Integer)(which % lua_rawlen(L, p->metas)) + 1);
        lua_setmetatable(L, -2);
    }
    lua_pop(L, 1);
}

static void push_function(program *p, reader *r)
{
    lua_rawgeti(p->L, p->fns, (lua_Integer)(take_byte(r) % lua_rawlen(p->L, p->fns)) + 1);
}

/* Pushes the module's function at path. */
static void push_api(program *p, const char *const path[3])
{
    lua_State *L = p->L;
    lua_pushvalue(L, p->module);
    for (int i = 0; i < 3 && path[i]; i++) {
        lua_getfield(L, -1, path[i]); /* through the sealed module's __index */
        lua_remove(L, -2);
    }
}

/* Calls the function below n arguments at the top, in lua_pcall; its first result (or the
 * error) joins the pool.  Checks that the stack comes back as it was. */
static void protected_call(program *p, int n, bool hostile_errors)
{
    lua_State *L = p->L;
    int base = lua_gettop(L) - n - 1;
    int status = lua_pcall(L, n, 1, 0);
    CHECK(lua_gettop(L) == base + 1, "a call left %d values, not 1", lua_gettop(L) - base);
    static int trace = -1; /* FUZZ_API_TRACE=1: print what each call gave, to read a seed */
    if (trace < 0)
        trace = getenv("FUZZ_API_TRACE") != NULL;
    if (trace)
        fprintf(stderr, "fuzz_api: %s %s: %s\n", status == LUA_OK ? "ok" : "error",
                luaL_typename(L, -1), lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "");
    if (status != LUA_OK && !hostile_errors && !sandbox_limit_hit(L))
        CHECK(lua_type(L, -1) == LUA_TSTRING, "an error of reckon's is a %s, not a string",
              luaL_typename(L, -1));
    keep(p);
}

static void call_api(program *p, reader *r)
{
    const char *const *path = FUNCTIONS[take_byte(r) % N_FUNCTIONS];
    int n = take_byte(r) % (MAX_ARGS + 1);
    bool direct = n & 1 && take_byte(r) & 1; /* from C, or through a line of Lua */
    if (!direct)
        lua_pushvalue(p->L, p->call);
    push_api(p, path);
    for (int i = 0; i < n; i++)
        push_pool(p, take_byte(r));
    protected_call(p, direct ? n : n + 1, true); /* a hostile function may raise anything */
}

static const char *const FIELDS[] = {"low", "mid",  "high",       "dist", "mode",
                                     "id",  "name", "item_count", "eval", "of"};

/* A Lua function calling a method or operator, so that Lua's own dispatch is used. */
static const char METHODS[] =
    "local op, a, b, c = ...\n"
    "if op == 0 then return a(b)\n"
    "elseif op == 1 then return a:eval(b)\n"
    "elseif op == 2 then return a:of(b)\n"
    "elseif op == 3 then return a + b\n"
    "elseif op == 4 then return a - b\n"
    "elseif op == 5 then return a * b\n"
    "elseif op == 6 then return b * a\n"
    "elseif op == 7 then return a / b\n"
    "elseif op == 8 then return tostring(a)\n"
    "elseif op == 9 then return a[b]\n"
    "elseif op == 10 then return a[c]\n"
    "elseif op == 11 then local n = 0; for k, v in pairs(a) do n = n + 1 end; return n\n"
    "elseif op == 12 then return #a\n"
    "elseif op == 13 then return a(b, c, b)\n"
    "elseif op == 14 then return a.eval(b, c)\n"
    "elseif op == 15 then local f, s = pairs(a); return f(s, b)\n"
    "elseif op == 16 then a[b] = c; return a\n"
    "elseif op == 17 then return rawlen(a)\n"
    "else return a:eval(b, c) end\n";

static void call_method(program *p, reader *r, int methods)
{
    lua_State *L = p->L;
    uint8_t op = take_byte(r) % 19;
    lua_pushvalue(L, methods);
    lua_pushinteger(L, op);
    push_pool(p, take_byte(r));
    push_pool(p, take_byte(r));
    lua_pushstring(L, FIELDS[take_byte(r) % (sizeof FIELDS / sizeof FIELDS[0])]);
    protected_call(p, 4, true);
}

/* A spec table for a constructor, with its own field names and values from the pool. */
static void build_spec(program *p, reader *r)
{
    lua_State *L = p->L;
    const char *const *spec = SPECS[take_byte(r) % N_SPECS];
    uint8_t mask = take_byte(r), list = take_byte(r);
    lua_newtable(L); /* [spec] */
    for (int i = 1; i < 12 && spec[i]; i++) {
        if (!(mask & (1u << (i % 8))))
            continue;
        push_pool(p, take_byte(r));
        lua_setfield(L, -2, spec[i]);
    }
    for (int i = 1; i <= list % 4; i++) { /* list entries: tables of pool values */
        lua_createtable(L, 2, 2);
        for (int k = 1; k <= 2; k++) {
            push_pool(p, take_byte(r));
            lua_rawseti(L, -2, k);
        }
        for (int k = 1; k < 5 && spec[k]; k++) {
            if (take_byte(r) & 1) {
                push_pool(p, take_byte(r));
                lua_setfield(L, -2, spec[k]);
            }
        }
        lua_rawseti(L, -2, i);
    }
    if (list & 4) { /* or call the constructor with it straight away */
        push_api(p, (const char *const[3]){spec[0]}); /* [spec, fn] */
        lua_insert(L, -2);                            /* [fn, spec] */
        protected_call(p, 1, true);
        return;
    }
    keep(p);
}

/* What the engine does after a model: collect, then evaluate every cost and option. */
static void engine(program *p)
{
    lua_State *L = p->L;
    lua_gc(L, LUA_GCCOLLECT, 0);
    for (int k = 1; k <= POOL; k++) {
        lua_rawgeti(L, p->pool, k); /* [value] */
        cost_fn **box = luaL_testudata(L, -1, WRAP_COST_MT);
        const option *opt = wrap_option_test(L, -1);
        cost_fn *f = box ? *box : NULL;
        core_error err;
        memset(&err, 0, sizeof err);
        cost_fn *total = opt ? option_total(opt, &err) : NULL;
        const cost_fn *what = f ? f : total;
        if (what) {
            double x[3] = {0, 1000, 1e6}, lo[3], mid[3], hi[3];
            memset(&err, 0, sizeof err);
            if (cost_eval(what, x, 3, lo, mid, hi, &err)) {
                for (int i = 0; i < 3; i++)
                    CHECK(isfinite(lo[i]) && isfinite(mid[i]) && isfinite(hi[i]) &&
                              lo[i] <= mid[i] && mid[i] <= hi[i],
                          "a cost at %g: lo %g, mid %g, hi %g", x[i], lo[i], mid[i], hi[i]);
            } else {
                CHECK(err.msg[0] != '\0', "a cost failed without a message");
            }
        }
        cost_release(total);
        lua_pop(L, 1);
    }
}

/* A fresh sandboxed state with the module, the hostile values and an empty pool on the
 * stack: [module, metas, fns, call, pool, methods]. */
static lua_State *setup(program *p)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    quota limits = {.max_memory = (size_t)64 << 20, .max_instructions = 2000000, .max_seconds = 0};
    lua_State *L = sandbox_new(sink, &limits);
    CHECK(L != NULL, "sandbox_new failed");
    lua_pushstring(L, folder);
    lua_setfield(L, LUA_REGISTRYINDEX, WHERE_MODEL_DIR);
    char chunkname[128];
    snprintf(chunkname, sizeof chunkname, "@%sfuzz.lua", folder);
    CHECK(luaL_loadbufferx(L, HOSTILE, sizeof HOSTILE - 1, chunkname, "t") == LUA_OK,
          "the hostile chunk does not load: %s", lua_tostring(L, -1));
    CHECK(lua_pcall(L, 0, 3, 0) == LUA_OK, "the hostile chunk fails: %s", lua_tostring(L, -1));
    lua_getglobal(L, "require");
    lua_pushliteral(L, "reckon");
    CHECK(lua_pcall(L, 1, 1, 0) == LUA_OK, "require fails: %s", lua_tostring(L, -1));
    lua_insert(L, 1);            /* [module, metas, fns, call] */
    lua_createtable(L, POOL, 0); /* [module, metas, fns, call, pool] */
    snprintf(chunkname, sizeof chunkname, "@%smethods.lua", folder);
    CHECK(luaL_loadbufferx(L, METHODS, sizeof METHODS - 1, chunkname, "t") == LUA_OK,
          "the methods chunk does not load: %s", lua_tostring(L, -1));
    *p = (program){.L = L, .module = 1, .metas = 2, .fns = 3, .call = 4, .pool = 5, .next = 0};
    static const char *const tables[] = {"fin", "csv", "growth", "categories"};
    lua_pushvalue(L, p->module); /* the pool starts with the module and its tables */
    keep(p);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        lua_getfield(L, p->module, tables[i]);
        keep(p);
    }
    return L;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    make_folder();
    program p;
    lua_State *L = setup(&p);
    int methods = 6;
    reader r = {data, size};
    for (int step = 0; step < MAX_STEPS && r.left > 0; step++) {
        int top = lua_gettop(L);
        switch (take_byte(&r) % 10) {
        case 0:
            push_number(&p, &r);
            keep(&p);
            break;
        case 1:
            push_string(&p, &r);
            keep(&p);
            break;
        case 2:
            push_table(&p, &r);
            keep(&p);
            break;
        case 3:
            set_field(&p, &r);
            break;
        case 4:
            set_meta(&p, &r);
            break;
        case 5:
            push_function(&p, &r);
            keep(&p);
            break;
        case 6:
            call_api(&p, &r);
            break;
        case 7:
            call_method(&p, &r, methods);
            break;
        case 8:
            build_spec(&p, &r);
            break;
        default:
            engine(&p);
            break;
        }
        CHECK(lua_gettop(L) == top, "step %d left the stack at %d, not %d", step, lua_gettop(L),
              top);
    }
    engine(&p);
    sandbox_close(L);
    return 0;
}
