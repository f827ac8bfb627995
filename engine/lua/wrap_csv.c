/*
 * wrap_csv: r.csv, CSV input files that a model reads from its own folder (engine/core/
 * csvin.c parses them).
 *
 *   local plans = r.csv.read("plans.csv", { numbers = { "upto", "cost" } })
 *   -- plans[1] = { plan = "Starter", upto = 5000, cost = 25 }  (keys: the header's names)
 *   local rows, columns = r.csv.read("growth.csv")   -- every cell a string; columns the
 *                                                    -- header's names in order
 *   r.csv.number("1234.50")   --> 1234.5
 *   r.csv.number("1,234.50")  --> nil
 *
 * r.csv.read(name [, {numbers = {column, ...}}]):
 *   - name is a plain file name ending in .csv, in the folder of the model being run
 *     (WHERE_MODEL_DIR): no '/' or '\', not starting with '.', so no "..", no absolute
 *     path and no hidden file.  A symbolic link is refused (it could lead out of the
 *     folder), and so is a file with other hard links (one may be outside), anything but
 *     a regular file, or a file over MAX_FILE_BYTES.
 *   - Each row is a table keyed by the header's names.  A cell is a string, except in the
 *     columns listed in numbers, where it must be a plain decimal (csvin_number): it is
 *     then a number, an integer when written without a point or an exponent (as Lua's
 *     tonumber does).  The header's names come back as a second value.
 *   - Every error is raised with the model's file and line, then the CSV's own place when
 *     the fault is in the file: "model.lua:5: prices.csv:3:7: column 'cost': '1,234.50'
 *     is not a plain decimal number".
 *
 * r.csv.number(s): s as a number when it is a plain decimal, else nil.
 *
 * While a read runs, the open file and the parsed table are held by a "reckon.csvin"
 * userdata whose __gc releases them, so that an error (out of memory included) leaks
 * nothing; a fault found in the table is raised only after the table is freed.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvin.h"
#include "reckon_lua.h"

#define CSVIN_MT "reckon.csvin"
#define MAX_FILE_BYTES ((size_t)64 << 20) /* 64 MiB */

/* What a read holds until it is done. */
typedef struct read_box {
    int fd;            /* the open file, or -1 */
    csvin_table table; /* the parsed file, or empty */
} read_box;

/* Closes the file and frees the table; safe twice. */
static void release(read_box *box)
{
    if (box->fd >= 0)
        close(box->fd);
    box->fd = -1;
    csvin_free(&box->table);
}

static int box_gc(lua_State *L)
{
    release(luaL_checkudata(L, 1, CSVIN_MT));
    return 0;
}

/* Pushes an empty box: made before anything is acquired. */
static read_box *new_box(lua_State *L)
{
    read_box *box = lua_newuserdatauv(L, sizeof *box, 0); /* [box] */
    box->fd = -1;
    memset(&box->table, 0, sizeof box->table);
    if (luaL_newmetatable(L, CSVIN_MT)) { /* [box, mt] */
        lua_pushcfunction(L, box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2); /* [box] */
    return box;
}

/* A cell's number: an integer for integer text below 2^53 (where a double is exact: the
 * text's own integer), else a float. */
static void push_number(lua_State *L, const char *cell, double v)
{
    if (!strpbrk(cell, ".eE") && fabs(v) < 9007199254740992.0)
        lua_pushinteger(L, (lua_Integer)v);
    else
        lua_pushnumber(L, v);
}

/* Raises unless name is a plain .csv file name. */
static void check_name(lua_State *L, const char *name, size_t len)
{
    if (strlen(name) != len) /* C would read only the part before it */
        where_error(L, "csv.read: a file name contains a zero byte (\"%s...\")", name);
    if (len == 0 || name[0] == '.' || strchr(name, '/') || strchr(name, '\\'))
        where_error(L,
                    "csv.read: \"%s\": a model reads only files in its own folder: give a "
                    "plain file name such as \"prices.csv\" (no '/', '\\' or leading '.')",
                    name);
    if (len < 5 || strcasecmp(name + len - 4, ".csv") != 0)
        where_error(L, "csv.read: \"%s\": only .csv files can be read", name);
}

/*
 * Checks the option table at 2 (nil or {numbers = {names}}) and replaces it with a copy of
 * its list of number columns, read once and raw (reckon's own table from here on, so that
 * no metamethod of the model's can answer differently later): [name, options] -> [name,
 * numbers].
 */
static void check_options(lua_State *L)
{
    static const char *const fields[] = {"numbers", NULL};
    static const char *const none[] = {NULL};
    lua_newtable(L); /* [name, options, numbers] */
    if (lua_isnil(L, 2)) {
        lua_replace(L, 2);
        return;
    }
    if (!lua_istable(L, 2))
        where_error(L, "csv.read: options must be a table {numbers = {...}} (got %s)",
                    luaL_typename(L, 2));
    spec_check_fields(L, 2, "csv.read", fields, 0);
    int type = spec_field(L, 2, "numbers"); /* [name, options, numbers, given] */
    if (type != LUA_TNIL) {
        if (type != LUA_TTABLE)
            where_error(L, "csv.read: numbers must be a list of column names (got %s)",
                        luaL_typename(L, -1));
        spec_check_fields(L, -1, "csv.read: numbers", none, 1);
        size_t n = spec_length(L, -1, "csv.read: numbers");
        for (size_t i = 1; i <= n; i++) {
            if (lua_rawgeti(L, 4, (lua_Integer)i) != LUA_TSTRING) /* [..., given, entry] */
                where_error(L, "csv.read: numbers: entry %d must be a column name (got %s)", (int)i,
                            luaL_typename(L, -1));
            spec_to_name(L, -1, "csv.read: numbers: a column name");
            lua_rawseti(L, 3, (lua_Integer)i); /* [..., given] */
        }
    }
    lua_settop(L, 3);  /* [name, options, numbers] */
    lua_replace(L, 2); /* [name, numbers] */
}

/* Opens dir..name into box->fd and reads it all into a new userdata: [...] -> [..., text]. */
static const char *read_file(lua_State *L, read_box *box, const char *name, size_t *len)
{
    lua_getfield(L, LUA_REGISTRYINDEX, WHERE_MODEL_DIR); /* [dir] */
    const char *dir = lua_tostring(L, -1);
    if (!dir) {
        release(box);
        where_error(L, "csv.read: the model's folder is not known here");
    }
    const char *path = lua_pushfstring(L, "%s%s", dir, name); /* [dir, path] */
    lua_remove(L, -2);                                        /* [path] */
    box->fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (box->fd < 0) {
        int e = errno;
        if (e == ELOOP || e == EMLINK)
            where_error(L,
                        "csv.read: \"%s\" is a symbolic link: a model reads only files in "
                        "its own folder",
                        path);
        where_error(L, "csv.read: cannot read \"%s\": %s", path, strerror(e));
    }
    struct stat st;
    if (fstat(box->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        release(box);
        where_error(L, "csv.read: \"%s\" is not a regular file", path);
    }
    if (st.st_nlink > 1) { /* another name of it may be anywhere on the file system */
        release(box);
        where_error(L,
                    "csv.read: \"%s\" has other hard links: a model reads only files in "
                    "its own folder (copy the file there)",
                    path);
    }
    if ((unsigned long long)st.st_size > MAX_FILE_BYTES) {
        release(box);
        where_error(L, "csv.read: \"%s\" is larger than %d MiB", path, (int)(MAX_FILE_BYTES >> 20));
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *text = lua_newuserdatauv(L, size ? size : 1, 0); /* [path, text] (Lua's memory) */
    while (got < size) {
        ssize_t n = read(box->fd, text + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            release(box);
            where_error(L, "csv.read: cannot read \"%s\": %s", path, strerror(e));
        }
        if (n == 0)
            break; /* shorter than it was: read what is there */
        got += (size_t)n;
    }
    close(box->fd);
    box->fd = -1;
    lua_remove(L, -2); /* [text] */
    *len = got;
    return text;
}

/* The index of the column called name, or -1. */
static int find_column(const csvin_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_columns; c++)
        if (strcmp(t->header[c], name) == 0)
            return (int)c;
    return -1;
}

/* Marks the number columns of the list at 2 (check_options's copy); false with a message in
 * msg when one is not in the header. */
static bool mark_numbers(lua_State *L, const char *file, const csvin_table *t, bool *is_number,
                         char *msg, size_t size)
{
    lua_pushvalue(L, 2); /* [numbers] */
    lua_Unsigned n = lua_rawlen(L, -1);
    for (lua_Unsigned i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i); /* [numbers, name] (checked: a string) */
        const char *name = lua_tostring(L, -1);
        int c = find_column(t, name);
        if (c < 0) {
            char shown[CSVIN_EXCERPT_MAX];
            csvin_excerpt(name, shown, sizeof shown);
            int used = snprintf(
                msg, size, "csv.read: numbers: %s has no column '%s' (its columns:", file, shown);
            for (size_t k = 0; k < t->n_columns && used >= 0 && (size_t)used < size; k++) {
                csvin_excerpt(t->header[k], shown, sizeof shown);
                used += snprintf(msg + used, size - (size_t)used, "%s '%s'", k ? "," : "", shown);
            }
            if (used >= 0 && (size_t)used < size)
                snprintf(msg + used, size - (size_t)used, ")");
            lua_pop(L, 2);
            return false;
        }
        is_number[c] = true;
        lua_pop(L, 1); /* [numbers] */
    }
    lua_pop(L, 1);
    return true;
}

/* Pushes the list of rows of t, stopping at the first cell of a number column that is not
 * a number: false then, with its message in msg. */
static bool push_rows(lua_State *L, const char *file, const csvin_table *t, const bool *is_number,
                      char *msg, size_t size)
{
    lua_createtable(L, (int)t->n_rows, 0); /* [rows] (at most CSVIN_MAX_ROWS) */
    for (size_t r = 0; r < t->n_rows; r++) {
        lua_createtable(L, 0, (int)t->n_columns); /* [rows, row] */
        for (size_t c = 0; c < t->n_columns; c++) {
            size_t at = r * t->n_columns + c;
            const char *cell = t->cells[at];
            double v;
            if (!is_number[c]) {
                lua_pushstring(L, cell);
            } else if (csvin_number(cell, &v)) {
                push_number(L, cell, v);
            } else {
                char column[CSVIN_EXCERPT_MAX], shown[CSVIN_EXCERPT_MAX];
                csvin_excerpt(t->header[c], column, sizeof column);
                csvin_excerpt(cell, shown, sizeof shown);
                if (*cell)
                    snprintf(msg, size,
                             "%s:%zu:%zu: column '%s': '%s' is not a plain decimal "
                             "number",
                             file, t->cell_line[at], t->cell_column[at], column, shown);
                else
                    snprintf(msg, size,
                             "%s:%zu:%zu: column '%s': an empty cell is not a "
                             "number",
                             file, t->cell_line[at], t->cell_column[at], column);
                lua_pop(L, 2);
                return false;
            }
            lua_setfield(L, -2, t->header[c]); /* [rows, row] */
        }
        lua_rawseti(L, -2, (lua_Integer)r + 1); /* [rows] */
    }
    return true;
}

/* r.csv.read(name [, {numbers = {column, ...}}]) -> rows, columns */
static int csv_read(lua_State *L)
{
    spec_args(L, 2);
    if (lua_type(L, 1) != LUA_TSTRING)
        return where_error(L, "csv.read: the file name must be a string (got %s)",
                           luaL_typename(L, 1));
    size_t len;
    const char *name = lua_tolstring(L, 1, &len);
    check_name(L, name, len);
    check_options(L);           /* [name, numbers] */
    read_box *box = new_box(L); /* [name, numbers, box] */
    size_t size;
    const char *text = read_file(L, box, name, &size); /* [name, numbers, box, text] */
    csvin_error err;
    if (!csvin_parse(text, size, name, &box->table, &err))
        return where_error(L, "%s", err.error.msg);
    const csvin_table *t = &box->table;
    bool is_number[CSVIN_MAX_COLUMNS] = {false};
    char msg[768];
    if (!mark_numbers(L, name, t, is_number, msg, sizeof msg) ||
        !push_rows(L, name, t, is_number, msg, sizeof msg)) {
        release(box);
        return where_error(L, "%s", msg);
    }                                         /* [name, numbers, box, text, rows] */
    lua_createtable(L, (int)t->n_columns, 0); /* [..., rows, columns] */
    for (size_t c = 0; c < t->n_columns; c++) {
        lua_pushstring(L, t->header[c]);
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    release(box);
    return 2;
}

/* r.csv.number(s) -> the number, or nil */
static int csv_number(lua_State *L)
{
    spec_args(L, 1);
    if (lua_type(L, 1) != LUA_TSTRING)
        return where_error(L, "csv.number: expects a string (got %s)", luaL_typename(L, 1));
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    double v;
    if (strlen(s) == len && csvin_number(s, &v))
        push_number(L, s, v);
    else
        lua_pushnil(L);
    return 1;
}

void wrap_csv_open(lua_State *L)
{
    static const luaL_Reg fns[] = {{"read", csv_read}, {"number", csv_number}, {NULL, NULL}};
    luaL_newlib(L, fns);        /* [module, csv] */
    lua_setfield(L, -2, "csv"); /* [module] */
}
