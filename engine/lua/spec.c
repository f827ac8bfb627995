/*
 * spec: reading spec tables.  Options are taken by name and an unknown name is an error,
 * so that {uptp = 10} fails instead of silently taking a default.
 *
 * A spec table is the model's, and it may carry a metatable: every read here is raw
 * (lua_rawlen, lua_rawget, lua_rawgeti, lua_next), so no __index or __len of the model's
 * runs while reckon reads it, and each field is read once.  A list has at most
 * SPEC_MAX_LIST entries, and a size computed from a length is checked before it is
 * allocated.  A name or a note given to reckon may not hold a zero byte (it would cut the
 * text short in C and in the CSV files).
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quota.h"
#include "reckon_lua.h"

/* "upto, cost" from a NULL-terminated list, for messages. */
static const char *list_names(lua_State *L, const char *const names[])
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; names[i]; i++) {
        if (i > 0)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, names[i]);
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* "upto, cost", "upto, cost, or list entries", or "only list entries". */
static const char *expected_fields(lua_State *L, const char *const names[], int list)
{
    if (!names[0])
        return list ? "only list entries" : "no fields";
    const char *fields = list_names(L, names);
    return list ? lua_pushfstring(L, "%s, or list entries", fields) : fields;
}

static int is_list_index(lua_State *L, int key, lua_Integer len)
{
    if (!lua_isinteger(L, key))
        return 0;
    lua_Integer i = lua_tointeger(L, key);
    return i >= 1 && i <= len;
}

/* Whether the string at v is exactly s (a zero byte inside it does not end it). */
static bool string_is(lua_State *L, int v, const char *s)
{
    size_t len;
    const char *text = lua_tolstring(L, v, &len);
    return len == strlen(s) && memcmp(text, s, len) == 0;
}

void spec_args(lua_State *L, int n)
{
    lua_settop(L, n);
    if (!lua_checkstack(L, SPEC_STACK))
        luaL_error(L, "stack overflow (too many nested calls into reckon)");
}

/* Whether the key at a comes before the one at b in the order unknown keys are reported
 * in: strings first, by their bytes; then other keys by their type's name.  Lua visits a
 * table's keys in an order that changes from run to run, so the first key met would not
 * repeat. */
static bool reported_before(lua_State *L, int a, int b)
{
    bool sa = lua_type(L, a) == LUA_TSTRING, sb = lua_type(L, b) == LUA_TSTRING;
    if (sa != sb)
        return sa;
    if (!sa)
        return strcmp(luaL_typename(L, a), luaL_typename(L, b)) < 0;
    size_t na, nb;
    const char *ka = lua_tolstring(L, a, &na), *kb = lua_tolstring(L, b, &nb);
    int c = memcmp(ka, kb, na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}

/* Whether the key at k is one the spec takes: a list index, or one of names. */
static bool known_key(lua_State *L, int k, const char *const names[], int list, lua_Integer len)
{
    if (list && is_list_index(L, k, len))
        return true;
    if (lua_type(L, k) != LUA_TSTRING)
        return false;
    for (int i = 0; names[i]; i++)
        if (string_is(L, k, names[i]))
            return true;
    return false;
}

void spec_check_fields(lua_State *L, int idx, const char *kind, const char *const names[], int list)
{
    idx = lua_absindex(L, idx);
    lua_Integer len = list ? (lua_Integer)lua_rawlen(L, idx) : 0;
    int worst = lua_gettop(L) + 1; /* the unknown key reported: the first in reported_before */
    lua_pushnil(L);
    lua_pushnil(L);            /* [worst, key] */
    while (lua_next(L, idx)) { /* [worst, key, value] */
        lua_pop(L, 1);         /* [worst, key] */
        if (!known_key(L, -1, names, list, len) &&
            (lua_isnil(L, worst) || reported_before(L, -1, worst))) {
            lua_pushvalue(L, -1);
            lua_replace(L, worst);
        }
    }
    if (lua_isnil(L, worst)) {
        lua_pop(L, 1);
        return;
    }
    if (lua_type(L, worst) == LUA_TSTRING) {
        size_t n;
        const char *key = lua_tolstring(L, worst, &n);
        if (memchr(key, '\0', n))
            where_error(L, "%s: a field's name contains a zero byte ('%s...')", kind, key);
        where_error(L, "%s: unknown field '%s' (expected %s)", kind, key,
                    expected_fields(L, names, list));
    }
    where_error(L, "%s: unexpected key of type %s (expected %s)", kind, luaL_typename(L, worst),
                expected_fields(L, names, list));
}

/* qsort's order of spec_names: by their bytes. */
static int name_order(const void *a, const void *b)
{
    const spec_name *x = a, *y = b;
    int c = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

spec_name *spec_sorted_names(lua_State *L, int idx, size_t *n, const char *what)
{
    idx = lua_absindex(L, idx);
    size_t count = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            return lua_pop(L, 1), NULL;
        count++;
    }
    size_t bytes = spec_size(L, count ? count : 1, sizeof(spec_name), what);
    spec_name *names = lua_newuserdatauv(L, bytes, 1); /* [scratch] */
    int scratch = lua_gettop(L);
    /* The texts are anchored by a table of their own, the scratch's user value: the model's
     * table may be weak, and an entry it drops (its value collected by the allocations made
     * while the names are used) would take its key's text with it. */
    lua_createtable(L, count > INT_MAX ? 0 : (int)count, 0); /* [scratch, anchor] */
    size_t k = 0;
    bool more = true;
    lua_pushnil(L);
    while (k < count && (more = lua_next(L, idx) != 0)) { /* [scratch, anchor, key, value] */
        lua_pop(L, 1);
        names[k].text = lua_tolstring(L, -1, &names[k].len);
        lua_pushvalue(L, -1);
        lua_rawseti(L, scratch + 1, (lua_Integer)++k);
    }
    if (more)
        lua_pop(L, 1); /* the last key: the walk stopped before lua_next said the end */
    lua_setiuservalue(L, scratch, 1); /* [scratch] */
    qsort(names, k, sizeof *names, name_order);
    *n = k;
    return names;
}

int spec_field(lua_State *L, int idx, const char *name)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, name);   /* [name] */
    return lua_rawget(L, idx); /* [value] */
}

size_t spec_length(lua_State *L, int idx, const char *what)
{
    size_t n = lua_rawlen(L, idx);
    if (n > SPEC_MAX_LIST)
        where_error(L, "%s: a list may have at most %d entries (this one has %I)", what,
                    (int)SPEC_MAX_LIST, (lua_Integer)n);
    /* A long list takes long to read and check, in C, where the count hook never fires:
     * the line is noted first, so that a watchdog kill there names it (not the last line
     * the hook saw). */
    if (n > SPEC_LONG_LIST)
        quota_note_line(L);
    return n;
}

size_t spec_size(lua_State *L, size_t n, size_t size, const char *what)
{
    if (size != 0 && n > SIZE_MAX / size)
        where_error(L, "%s: too many entries", what);
    return n * size;
}

void *spec_scratch(lua_State *L, size_t n, size_t size, const char *what)
{
    size_t bytes = spec_size(L, n, size, what);
    return lua_newuserdatauv(L, bytes ? bytes : 1, 0); /* [scratch] */
}

const char *spec_to_name(lua_State *L, int v, const char *what)
{
    size_t len;
    const char *s = lua_tolstring(L, v, &len);
    if (!s)
        where_error(L, "%s must be a string (got %s)", what, luaL_typename(L, v));
    if (memchr(s, '\0', len))
        where_error(L, "%s contains a zero byte", what);
    if (len > SPEC_MAX_TEXT) /* copied into every row that names it: bounded, so a model's
                                output stays in proportion to what it asks for */
        where_error(L, "%s is %I bytes long; a name or note may have at most %d", what,
                    (lua_Integer)len, (int)SPEC_MAX_TEXT);
    return s;
}

const char *spec_string(lua_State *L, int idx, const char *name, const char *what, const char *dflt)
{
    int t = spec_field(L, idx, name); /* [value] (left on the stack: it anchors the string) */
    if (t == LUA_TNIL) {
        if (!dflt)
            where_error(L, "%s: missing field '%s'", what, name);
        return dflt;
    }
    if (t != LUA_TSTRING)
        where_error(L, "%s: %s must be a string (got %s)", what, name, luaL_typename(L, -1));
    lua_pushfstring(L, "%s: %s", what, name); /* [value, what] */
    const char *s = spec_to_name(L, -2, lua_tostring(L, -1));
    lua_pop(L, 1); /* [value] */
    return s;
}

const char *spec_not_finite(double x)
{
    return isnan(x) ? "NaN, not a number" : x > 0 ? "infinity" : "-infinity";
}

range spec_to_range(lua_State *L, int v, const char *what)
{
    const range *r = wrap_range_test(L, v);
    if (r)
        return *r;
    if (lua_type(L, v) != LUA_TNUMBER)
        where_error(L, "%s must be a number or r.range(low, high) (got %s)", what,
                    luaL_typename(L, v));
    double x = lua_tonumber(L, v);
    if (!isfinite(x))
        where_error(L, "%s must be a finite number (got %s)", what, spec_not_finite(x));
    return range_number(x);
}

/*
 * Pushes field name of the table at idx and returns true when it is present; when it is
 * absent pops it and returns false, raising "missing field" if it is required.
 */
static bool field_present(lua_State *L, int idx, const char *name, const char *what, bool required)
{
    if (spec_field(L, idx, name) != LUA_TNIL) /* [value] */
        return true;
    lua_pop(L, 1);
    if (required)
        where_error(L, "%s: missing field '%s'", what, name);
    return false;
}

range spec_range(lua_State *L, int idx, const char *name, const char *what, const range *dflt)
{
    idx = lua_absindex(L, idx);
    if (!field_present(L, idx, name, what, dflt == NULL))
        return *dflt;
    lua_pushfstring(L, "%s: %s", what, name); /* [value, what] */
    range r = spec_to_range(L, -2, lua_tostring(L, -1));
    lua_pop(L, 2);
    return r;
}

double spec_number(lua_State *L, int idx, const char *name, const char *what, const double *dflt)
{
    idx = lua_absindex(L, idx);
    if (!field_present(L, idx, name, what, dflt == NULL))
        return *dflt;
    if (lua_type(L, -1) != LUA_TNUMBER)
        where_error(L, "%s: %s must be a number (got %s)", what, name, luaL_typename(L, -1));
    double x = lua_tonumber(L, -1);
    if (!isfinite(x))
        where_error(L, "%s: %s must be a finite number", what, name);
    lua_pop(L, 1);
    return x;
}

int spec_to_choice(lua_State *L, int v, const char *what, const char *name,
                   const char *const choices[])
{
    for (int i = 0; lua_type(L, v) == LUA_TSTRING && choices[i]; i++)
        if (string_is(L, v, choices[i]))
            return i;
    const char *got = luaL_typename(L, v);
    if (lua_type(L, v) == LUA_TSTRING || lua_type(L, v) == LUA_TNUMBER) {
        lua_pushvalue(L, v); /* a copy: lua_tostring converts a number in place */
        got = lua_tostring(L, -1);
    }
    return where_error(L, "%s: %s must be one of %s (got %s)", what, name, list_names(L, choices),
                       got);
}

int spec_choice(lua_State *L, int idx, const char *name, const char *what,
                const char *const choices[], int dflt)
{
    idx = lua_absindex(L, idx);
    if (!field_present(L, idx, name, what, false))
        return dflt;
    int i = spec_to_choice(L, -1, what, name, choices);
    lua_pop(L, 1);
    return i;
}
