/* model_load: finding model files, and running one in its own sandboxed state. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "cli.h"
#include "reckon_lua.h"
#include "sandbox.h"

char *cli_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* A growing list of model files. */
typedef struct file_list {
    model_file *files;
    size_t count, cap;
} file_list;

static bool list_add(file_list *list, const char *path, const char *name)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 16;
        model_file *p = realloc(list->files, cap * sizeof *p);
        if (!p)
            return false;
        list->files = p, list->cap = cap;
    }
    model_file *f = &list->files[list->count];
    f->path = strdup(path), f->name = strdup(name);
    if (!f->path || !f->name) {
        free(f->path), free(f->name);
        return false;
    }
    list->count++;
    return true;
}

static bool ends_with_lua(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".lua") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every *.lua below dir (rel: its path below the root given), in byte order. */
static bool walk(file_list *list, const char *dir, const char *rel, char *err, size_t err_size)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_size, "cannot read directory %s: %s", dir, strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files and reckon's own temporary files */
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            char **p = realloc(names, cap * sizeof *p);
            ok = p != NULL;
            if (ok)
                names = p;
        }
        if (ok && !(names[n++] = strdup(e->d_name)))
            ok = false, n--;
    }
    closedir(d);
    if (n > 0) /* qsort wants a real array even for none */
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n && ok; i++) {
        char *path = cli_format("%s/%s", dir, names[i]);
        char *name = rel[0] ? cli_format("%s/%s", rel, names[i]) : strdup(names[i]);
        struct stat st;
        if (!path || !name)
            ok = false;
        else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            ok = walk(list, path, name, err, err_size);
        else if (ends_with_lua(names[i]) && names[i][0] != '_') /* _x.lua: shared, required */
            ok = list_add(list, path, name);
        free(path), free(name);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (!ok && !err[0])
        snprintf(err, err_size, "out of memory listing %s", dir);
    return ok;
}

/* "models/" -> "models"; "./x.lua" -> "x.lua". */
static char *tidy_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    char *s = strdup(p);
    if (!s)
        return NULL;
    for (size_t n = strlen(s); n > 1 && s[n - 1] == '/'; n--)
        s[n - 1] = '\0';
    return s;
}

static bool collect_one(file_list *list, const char *arg, char *err, size_t err_size)
{
    struct stat st;
    char *path = tidy_path(arg);
    if (!path) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    bool ok = false;
    if (stat(path, &st) != 0)
        snprintf(err, err_size, "%s: %s", arg, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        ok = walk(list, path, "", err, err_size);
    else {
        const char *slash = strrchr(path, '/');
        ok = list_add(list, path, slash ? slash + 1 : path);
        if (!ok)
            snprintf(err, err_size, "out of memory");
    }
    free(path);
    return ok;
}

bool models_collect(char *const *paths, int n, model_file **files, size_t *count, char *err,
                    size_t err_size)
{
    file_list list = {0};
    err[0] = '\0';
    bool ok = true;
    for (int i = 0; i < n && ok; i++)
        ok = collect_one(&list, paths[i], err, err_size);
    for (size_t i = 0; ok && i < list.count; i++)
        for (size_t j = i + 1; ok && j < list.count; j++)
            if (strcmp(list.files[i].name, list.files[j].name) == 0) {
                snprintf(err, err_size, "%s and %s would both be named %s in the CSV files: run "
                         "models of the same name from separate runs or one directory",
                         list.files[i].path, list.files[j].path, list.files[i].name);
                ok = false;
            }
    if (ok && list.count == 0) {
        snprintf(err, err_size, "no model files (*.lua) found");
        ok = false;
    }
    if (!ok) {
        models_free(list.files, list.count);
        return false;
    }
    *files = list.files;
    *count = list.count;
    return true;
}

void models_free(model_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(files[i].path), free(files[i].name);
    free(files);
}

/* ---- running a model ------------------------------------------------------------------- */

static bool fail(loaded_model *m, char **error, char *message)
{
    *error = message ? message : strdup("out of memory");
    model_close(m);
    return false;
}

/* Adds the option or analysis at the top of the stack (left there: it anchors it). */
static bool collect_one_result(loaded_model *m, const char *path, size_t i, char **error)
{
    lua_State *L = m->L;
    const option *opt = wrap_option_test(L, -1);
    const analysis *a = opt ? NULL : wrap_analysis_test(L, -1);
    if (a) {
        m->analyses[m->n_analyses++] = a;
        return true;
    }
    if (!opt)
        return fail(m, error, cli_format("%s: result %zu is a %s, not an option made by "
                                         "r.option{...} or an analysis made by r.analysis{...}",
                                         path, i + 1, luaL_typename(L, -1)));
    m->options[m->n_options++] = opt;
    return true;
}

/* An option's name and its place in the model's results. */
typedef struct named {
    const char *name;
    size_t i;
} named;

static int compare_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Fails when two of the model's options share a name, naming the first option (in the
 * model's order) that an earlier one shares it with; sorted, so 100,000 options are quick. */
static bool check_names_differ(loaded_model *m, char **error)
{
    size_t n = m->n_options;
    named *v = malloc((n + 1) * sizeof *v);
    if (!v)
        return fail(m, error, NULL);
    for (size_t i = 0; i < n; i++)
        v[i] = (named){m->options[i]->name, i};
    qsort(v, n, sizeof *v, compare_named);
    size_t second = n; /* the earliest option named like one before it */
    for (size_t k = 1; k < n; k++)
        if (strcmp(v[k].name, v[k - 1].name) == 0 && v[k].i < second)
            second = v[k].i;
    free(v);
    if (second == n)
        return true;
    const option *opt = m->options[second];
    return fail(m, error, cli_format("%s: two options are named \"%.200s\"%s; names must "
                                     "differ within a model", opt->origin, opt->name,
                                     strlen(opt->name) > 200 ? "..." : ""));
}

/* Collects what the model returned at idx: an option, an analysis, or a list of them. */
static bool collect_results(loaded_model *m, const char *path, int idx, char **error)
{
    lua_State *L = m->L;
    bool single = wrap_option_test(L, idx) || wrap_analysis_test(L, idx);
    size_t n = single ? 1 : lua_istable(L, idx) ? (size_t)lua_rawlen(L, idx) : 0;
    if (n == 0)
        return fail(m, error, cli_format("%s: the model must return r.option{...}, "
                                         "r.analysis{...} or a list of them (it returned %s)",
                                         path, lua_istable(L, idx) ? "an empty table"
                                                                   : luaL_typename(L, idx)));
    if (n <= 100000) {
        m->options = calloc(n, sizeof *m->options);
        m->analyses = calloc(n, sizeof *m->analyses);
    }
    if (!m->options || !m->analyses || !lua_checkstack(L, (int)n + 5))
        return fail(m, error, cli_format("%s: too many results (%zu) or out of memory", path,
                                         n));
    for (size_t i = 0; i < n; i++) {
        if (single)
            lua_pushvalue(L, idx);
        else
            lua_rawgeti(L, idx, (lua_Integer)i + 1);
        if (!collect_one_result(m, path, i, error))
            return false;
    }
    return check_names_differ(m, error);
}

bool model_load(const char *path, FILE *print_to, const quota *limits, uint64_t seed,
                loaded_model *m, char **error)
{
    memset(m, 0, sizeof *m);
    m->L = sandbox_new(print_to, limits);
    if (!m->L)
        return fail(m, error, NULL);
    sandbox_seed(m->L, seed);
    int results = sandbox_run_file(m->L, path, 0);
    const char *limit = sandbox_limit_hit(m->L); /* even if the script caught it */
    if (limit)
        return fail(m, error, strdup(limit));
    if (results < 0)
        return fail(m, error, strdup(lua_tostring(m->L, -1) ? lua_tostring(m->L, -1)
                                                             : "error object is not a string"));
    if (results != 1)
        return fail(m, error, cli_format("%s: the model must return one value, r.option{...} or "
                                         "a list of options (it returned %d)", path, results));
    return collect_results(m, path, lua_gettop(m->L), error);
}

void model_close(loaded_model *m)
{
    free(m->options);
    free(m->analyses);
    if (m->L)
        sandbox_close(m->L);
    memset(m, 0, sizeof *m);
}
