/*
 * spec: reading spec tables.  Options are taken by name and an unknown name is an error,
 * so that {uptp = 10} fails instead of silently taking a default.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

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

void spec_check_fields(lua_State *L, int idx, const char *kind, const char *const names[],
                       int list)
{
    idx = lua_absindex(L, idx);
    lua_Integer len = list ? (lua_Integer)lua_rawlen(L, idx) : 0;
    lua_pushnil(L); /* [nil] */
    while (lua_next(L, idx)) { /* [key, value] */
        lua_pop(L, 1);         /* [key] */
        if (list && is_list_index(L, -1, len))
            continue;
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *key = lua_tostring(L, -1);
            int known = 0;
            for (int i = 0; names[i] && !known; i++)
                known = strcmp(key, names[i]) == 0;
            if (known)
                continue;
            where_error(L, "%s: unknown field '%s' (expected %s)", kind, key,
                        expected_fields(L, names, list));
        }
        const char *type = luaL_typename(L, -1);
        where_error(L, "%s: unexpected key of type %s (expected %s)", kind, type,
                    expected_fields(L, names, list));
    }
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
        where_error(L, "%s must be a finite number (got %f)", what, x);
    return range_number(x);
}

/*
 * Pushes field name of the table at idx and returns true when it is present; when it is
 * absent pops it and returns false, raising "missing field" if it is required.
 */
static bool field_present(lua_State *L, int idx, const char *name, const char *what,
                          bool required)
{
    if (lua_getfield(L, idx, name) != LUA_TNIL) /* [value] */
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

int spec_choice(lua_State *L, int idx, const char *name, const char *what,
                const char *const choices[], int dflt)
{
    idx = lua_absindex(L, idx);
    if (!field_present(L, idx, name, what, false))
        return dflt;
    const char *s = lua_tostring(L, -1);
    for (int i = 0; s && lua_type(L, -1) == LUA_TSTRING && choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) {
            lua_pop(L, 1);
            return i;
        }
    const char *got = luaL_tolstring(L, -1, NULL); /* [..., value, got]: before the list is
                                                      pushed, whatever order C evaluates in */
    const char *list = list_names(L, choices);
    return where_error(L, "%s: %s must be one of %s (got %s)", what, name, list, got);
}
