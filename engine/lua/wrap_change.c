/*
 * wrap_change: r.change{...}, what an optimisation or a migration does, held in a
 * "reckon.change" userdata that owns a core change (change.h).  The option it replaces
 * with is kept alive through its user value.
 *
 *   r.change{ name =, one_off =, scale = { target = factor }, remove = { target },
 *             add = { items }, replace = option, options = { "option name" }, note = "..." }
 */
#include <stdio.h>

#include "change.h"
#include "reckon_lua.h"

#define CHANGE_MT "reckon.change"

static change **check_change_box(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, CHANGE_MT);
}

/* The one-off cost: anything a cost function accepts, taken at 0 users.  Leaves the cost
 * userdata on the stack (it owns *fn, which is not retained here). */
static range one_off_cost(lua_State *L, int spec, const char *what, cost_fn **fn)
{
    if (spec_field(L, spec, "one_off") == LUA_TNIL) /* [one_off] */
        where_error(L, "%s: missing field 'one_off' (what the change costs once)", what);
    const range *given = wrap_range_test(L, -1);
    if ((lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) < 0) || (given && given->lo < 0))
        where_error(L, "%s: one_off must not be negative", what);
    cost_fn *f = wrap_cost_to(L, -1, what);
    double x = 0, lo, mid, hi;
    core_error err;
    lua_State *saved = reckon_enter(L); /* a Lua function in it runs on this thread */
    bool ok = cost_eval(f, &x, 1, &lo, &mid, &hi, &err);
    reckon_leave(L, saved);
    if (!ok)
        where_error(L, "%s: one_off: %s", what, err.msg);
    if (lo < 0)
        where_error(L, "%s: one_off must not be negative", what);
    *fn = f;
    return (range){.lo = lo, .mid = mid, .hi = hi, .dist = RANGE_INTERVAL90, .mode = mid};
}

/* The scale's factors, in the order of their names' bytes (the same every run). */
static void read_scale(lua_State *L, change *c, int idx)
{
    luaL_checktype(L, idx, LUA_TTABLE);
    size_t n;
    const spec_name *names = spec_sorted_names(L, idx, &n, "scale"); /* [scratch] */
    if (!names)
        where_error(L,
                    "change \"%s\": scale takes item names or categories as keys "
                    "(scale = { compute = 0.7 })",
                    c->name);
    for (size_t i = 0; i < n; i++) {
        lua_pushlstring(L, names[i].text, names[i].len); /* [scratch, name] */
        lua_pushvalue(L, -1);
        lua_rawget(L, idx); /* [scratch, name, factor] */
        char what[300];
        snprintf(what, sizeof what, "change \"%s\": scale: a name", c->name);
        const char *target = spec_to_name(L, -2, what);
        snprintf(what, sizeof what, "change \"%s\": scale.%s", c->name, target);
        range factor = spec_to_range(L, -1, what);
        core_error err;
        if (!change_add_scale(c, target, factor, &err))
            where_error(L, "%s", err.msg);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

static void read_names(lua_State *L, change *c, int idx, const char *field,
                       bool (*add)(change *, const char *, core_error *))
{
    if (lua_type(L, idx) != LUA_TTABLE)
        where_error(L, "change \"%s\": %s must be a list of names", c->name, field);
    size_t n = spec_length(L, idx, field);
    for (size_t i = 1; i <= n; i++) {
        if (lua_rawgeti(L, idx, (lua_Integer)i) != LUA_TSTRING)
            where_error(L, "change \"%s\": %s[%d] must be a string", c->name, field, (int)i);
        char what[300];
        snprintf(what, sizeof what, "change \"%s\": %s[%d]", c->name, field, (int)i);
        core_error err;
        if (!add(c, spec_to_name(L, -1, what), &err))
            luaL_error(L, "%s", err.msg);
        lua_pop(L, 1);
    }
}

/* add = { {name =, category =, cost =}, ... }: the items of an option made here, read by
 * r.option's own item reader (never the model's r.option). */
static void read_adds(lua_State *L, change *c, int idx)
{
    char name[300];
    snprintf(name, sizeof name, "%s (added)", c->name);
    char origin[256];
    core_error err;
    c->adds = option_new(name, where_origin(L, origin, sizeof origin), &err);
    if (!c->adds)
        luaL_error(L, "%s", err.msg);
    wrap_option_read_items(L, c->adds, idx);
}

/* r.change{name =, one_off =, scale =, remove =, add =, replace =, options =} */
static int change_new_lua(lua_State *L)
{
    static const char *const fields[] = {"name",    "one_off", "scale", "remove", "add",
                                         "replace", "options", "note",  NULL};
    spec_args(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    spec_check_fields(L, 1, "change", fields, 0);
    if (spec_field(L, 1, "name") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        return where_error(L, "change: name must be a non-empty string");
    const char *name = spec_to_name(L, -1, "change: name"); /* [spec, name] */
    char what[300], origin[256];
    snprintf(what, sizeof what, "change \"%s\"", name);
    cost_fn *one_off_fn = NULL;
    range one_off = one_off_cost(L, 1, what, &one_off_fn); /* [spec, name, one_off] */
    int note_type = spec_field(L, 1, "note");              /* [spec, name, one_off, note] */
    if (note_type != LUA_TNIL && note_type != LUA_TSTRING)
        return where_error(L, "%s: note must be a string", what);
    char note_what[320];
    snprintf(note_what, sizeof note_what, "%s: note", what);
    const char *note = note_type == LUA_TNIL ? NULL : spec_to_name(L, -1, note_what);
    change **box = lua_newuserdatauv(L, sizeof *box, 1); /* [spec, name, one_off, note, change] */
    *box = NULL;
    luaL_setmetatable(L, CHANGE_MT);
    core_error err;
    *box = change_new(name, where_origin(L, origin, sizeof origin), note, one_off, &err);
    if (!*box)
        luaL_error(L, "%s", err.msg);
    change *c = *box;
    cost_retain(one_off_fn); /* from here the change owns a reference */
    c->one_off_fn = one_off_fn;
    int top = lua_gettop(L);
    if (spec_field(L, 1, "scale") != LUA_TNIL)
        read_scale(L, c, lua_gettop(L));
    if (spec_field(L, 1, "remove") != LUA_TNIL)
        read_names(L, c, lua_gettop(L), "remove", change_add_remove);
    if (spec_field(L, 1, "options") != LUA_TNIL)
        read_names(L, c, lua_gettop(L), "options", change_add_only);
    if (spec_field(L, 1, "add") != LUA_TNIL)
        read_adds(L, c, lua_gettop(L));
    if (spec_field(L, 1, "replace") != LUA_TNIL) {
        c->replace = wrap_option_test(L, -1);
        if (!c->replace)
            return where_error(L, "%s: replace must be an option made by r.option{...}", what);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, top, 1); /* the change keeps the replacing option alive */
    }
    lua_settop(L, top);
    if (!change_check(c, &err))
        return where_error(L, "%s", err.msg);
    return 1;
}

static int change_gc(lua_State *L)
{
    change **box = check_change_box(L, 1);
    change_free(*box);
    *box = NULL;
    return 0;
}

change *wrap_change_test(lua_State *L, int idx)
{
    change **box = luaL_testudata(L, idx, CHANGE_MT);
    return box ? *box : NULL;
}

void wrap_change_open(lua_State *L)
{
    luaL_newmetatable(L, CHANGE_MT); /* [module, mt] */
    lua_pushcfunction(L, change_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_pushcfunction(L, change_new_lua);
    lua_setfield(L, -2, "change");
}
