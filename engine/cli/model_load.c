/* model_load: finding model files, and running one in its own sandboxed state. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "budget.h"
#include "cli.h"
#include "reckon_lua.h"
#include "sandbox.h"

char *cli_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = budget_vformat(malloc, fmt, ap);
    va_end(ap);
    return s;
}

/* A growing list of model files. */
typedef struct file_list {
    model_file *files;
    size_t count, cap;
} file_list;

/* Adds a model; st: what the walk saw of it (NULL for a file named on the command line);
 * target: the real path a link the walk followed led to, or NULL. */
static bool list_add(file_list *list, const char *path, const char *name, const struct stat *st,
                     const char *target)
{
    if (!cli_grow((void **)&list->files, list->count, &list->cap, sizeof *list->files))
        return false;
    model_file *f = &list->files[list->count];
    f->path = strdup(path), f->name = strdup(name);
    f->target = target ? strdup(target) : NULL;
    f->walked = st != NULL;
    f->dev = st ? st->st_dev : 0, f->ino = st ? st->st_ino : 0;
    if (!f->path || !f->name || (target && !f->target)) {
        free(f->path), free(f->name), free(f->target);
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

/* The folders and files a walk has reached, by device and inode (an open-addressing hash
 * set), so that a link, a bind mount or a hard link never makes it visit one twice. */
typedef struct seen_set {
    struct seen_slot {
        dev_t dev;
        ino_t ino;
        bool used;
    } * slots;
    size_t n, cap; /* cap: a power of two, or 0 */
} seen_set;

/* Adds st's file: 1 when it is new, 0 when it was seen before, -1 out of memory. */
static int seen_add(seen_set *s, const struct stat *st)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        struct seen_slot *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            for (size_t h = (size_t)s->slots[i].ino & (cap - 1); s->slots[i].used;
                 h = (h + 1) & (cap - 1))
                if (!slots[h].used) {
                    slots[h] = s->slots[i];
                    break;
                }
        free(s->slots);
        s->slots = slots, s->cap = cap;
    }
    size_t h = ((size_t)st->st_ino * 31u + (size_t)st->st_dev) & (s->cap - 1);
    for (; s->slots[h].used; h = (h + 1) & (s->cap - 1))
        if (s->slots[h].ino == st->st_ino && s->slots[h].dev == st->st_dev)
            return 0;
    s->slots[h] = (struct seen_slot){st->st_dev, st->st_ino, true};
    s->n++;
    return 1;
}

/* A walk below one path of the command line.  Links are not followed as they are met: they
 * wait in `links` until every plain file and folder below the root was found, so that a
 * model reached both directly and through a link runs once, under its own name. */
typedef struct walk_state {
    file_list *list;
    seen_set *seen;
    const char *root; /* the path given, in messages */
    char *root_real;  /* its real path: a link is followed only to inside it */
    file_list links;  /* the links met and not yet followed (path, name) */
    size_t links_done;
    char *err;
    size_t err_size;
} walk_state;

static void skip(const char *path, const char *why)
{
    char *said = cli_format("%s: skipped: %s", path, why); /* a name in the folder: shown */
    cli_show_error("reckon", said ? said : why);
    free(said);
}

/* Whether real lies inside (or is) the folder dir (both real paths). */
static bool inside(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(real, dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static bool walk_dir(walk_state *w, const char *dir, const char *rel);

/* One entry below the root, of what lstat (or, for a link followed, stat) said. */
static bool walk_entry(walk_state *w, const char *path, const char *name, const char *base,
                       const struct stat *st, const char *target)
{
    if (S_ISDIR(st->st_mode)) {
        int fresh = seen_add(w->seen, st);
        if (fresh == 0 && target)
            skip(path, "a link to a folder already walked");
        return fresh < 0 ? false : fresh == 0 ? true : walk_dir(w, path, name);
    }
    if (!ends_with_lua(base) || base[0] == '_') /* _x.lua: shared, required */
        return true;
    if (!S_ISREG(st->st_mode)) {
        skip(path, "not a regular file (a pipe or a device is never run as a model)");
        return true;
    }
    if (st->st_nlink > 1) { /* its other name may lie outside the folder, as for require */
        skip(path, "a file with other hard links (it may be a file outside the folder)");
        return true;
    }
    int fresh = seen_add(w->seen, st);
    if (fresh == 0)
        skip(path, "the same file as a model already found under another name");
    return fresh < 0 ? false : fresh == 0 ? true : list_add(w->list, path, name, st, target);
}

/* Follows the link at path, when it leads to inside the root. */
static bool follow_link(walk_state *w, const char *path, const char *name)
{
    char *real = realpath(path, NULL);
    struct stat st;
    bool ok = true;
    if (!real || stat(path, &st) != 0) {
        if (errno == ENOMEM)
            ok = false;
        else
            skip(path, "a link that leads nowhere");
    } else if (!inside(real, w->root_real)) {
        char *why = cli_format("a link that leads outside %s (to %s)", w->root, real);
        skip(path, why ? why : "a link that leads outside the folder given");
        free(why);
    } else {
        const char *slash = strrchr(name, '/');
        ok = walk_entry(w, path, name, slash ? slash + 1 : name, &st, real);
    }
    free(real);
    return ok;
}

/* Adds every *.lua below dir (rel: its path below the root given), in byte order; queues
 * the links. */
static bool walk_dir(walk_state *w, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(w->err, w->err_size, "cannot read directory %s: %s", dir, strerror(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files and reckon's own temporary files */
        ok = cli_grow((void **)&names, n, &cap, sizeof *names);
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
        else if (lstat(path, &st) != 0)
            skip(path, strerror(errno)); /* removed while we looked */
        else if (S_ISLNK(st.st_mode))
            ok = list_add(&w->links, path, name, NULL, NULL);
        else
            ok = walk_entry(w, path, name, names[i], &st, NULL);
        free(path), free(name);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return ok;
}

/* Walks the folder given as path (tidied): every plain file and folder first, then the
 * links, each followed once and only to inside the folder. */
static bool walk(file_list *list, seen_set *seen, const char *path, char *err, size_t err_size)
{
    walk_state w = {list, seen, path, realpath(path, NULL), {0}, 0, err, err_size};
    struct stat st;
    bool ok = w.root_real && stat(path, &st) == 0 && seen_add(seen, &st) >= 0;
    if (!ok && !err[0])
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
    ok = ok && walk_dir(&w, path, "");
    for (; ok && w.links_done < w.links.count; w.links_done++) { /* grows as links are walked */
        model_file link = w.links.files[w.links_done];           /* the list may move meanwhile */
        ok = follow_link(&w, link.path, link.name);
    }
    models_free(w.links.files, w.links.count);
    free(w.root_real);
    if (!ok && !err[0])
        snprintf(err, err_size, "out of memory listing %s", path);
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

static bool collect_one(file_list *list, seen_set *seen, const char *arg, char *err,
                        size_t err_size)
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
        ok = walk(list, seen, path, err, err_size);
    else { /* a file named on the command line is run, wherever a link to it leads */
        const char *slash = strrchr(path, '/');
        ok = list_add(list, path, slash ? slash + 1 : path, NULL, NULL);
        if (!ok)
            snprintf(err, err_size, "out of memory");
    }
    free(path);
    return ok;
}

static int compare_files(const void *a, const void *b)
{
    return strcmp((*(model_file *const *)a)->name, (*(model_file *const *)b)->name);
}

/* Two models of the same name would mix their rows: sorted, so as not to be quadratic. */
static bool names_differ(const file_list *list, char *err, size_t err_size)
{
    model_file **by_name = malloc((list->count ? list->count : 1) * sizeof *by_name);
    if (!by_name) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    for (size_t i = 0; i < list->count; i++)
        by_name[i] = &list->files[i];
    if (list->count > 1)
        qsort(by_name, list->count, sizeof *by_name, compare_files);
    bool ok = true;
    for (size_t i = 1; ok && i < list->count; i++)
        if (strcmp(by_name[i - 1]->name, by_name[i]->name) == 0) {
            const model_file *a = by_name[i - 1] < by_name[i] ? by_name[i - 1] : by_name[i];
            const model_file *b = a == by_name[i] ? by_name[i - 1] : by_name[i];
            snprintf(err, err_size,
                     "%s and %s would both be named %s in the CSV files: run "
                     "models of the same name from separate runs or one directory",
                     a->path, b->path, a->name);
            ok = false;
        }
    free(by_name);
    return ok;
}

bool models_collect(char *const *paths, int n, model_file **files, size_t *count, char *err,
                    size_t err_size)
{
    file_list list = {0};
    seen_set seen = {0};
    err[0] = '\0';
    bool ok = true;
    for (int i = 0; i < n && ok; i++)
        ok = collect_one(&list, &seen, paths[i], err, err_size);
    free(seen.slots);
    ok = ok && names_differ(&list, err, err_size);
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
        free(files[i].path), free(files[i].name), free(files[i].target);
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
        return fail(m, error,
                    cli_format("%s: result %zu is a %s, not an option made by "
                               "r.option{...} or an analysis made by r.analysis{...}",
                               path, i + 1, luaL_typename(L, -1)));
    m->options[m->n_options++] = opt;
    return true;
}

/* The message of two of a model's `what` (options, analyses) named name, the second at
 * origin. */
static char *named_twice(const char *origin, const char *what, const char *name)
{
    return cli_format("%s: two %s are named \"%.200s\"%s; names must differ within a model", origin,
                      what, name, strlen(name) > 200 ? "..." : "");
}

/* Fails when two of the model's options, or two of its analyses, share a name (their rows
 * would share every key), naming the first (in the model's order) that an earlier one
 * shares it with (one hashed pass in the core). */
static bool check_names_differ(loaded_model *m, char **error)
{
    const option *opt;
    const analysis *an;
    if (!option_named_twice(m->options, m->n_options, &opt, NULL) ||
        !analysis_named_twice(m->analyses, m->n_analyses, &an, NULL))
        return fail(m, error, NULL);
    if (opt)
        return fail(m, error, named_twice(opt->origin, "options", opt->name));
    if (an)
        return fail(m, error, named_twice(an->origin, "analyses", an->name));
    return true;
}

/* Collects what the model returned at idx: an option, an analysis, or a list of them. */
static bool collect_results(loaded_model *m, const char *path, int idx, char **error)
{
    lua_State *L = m->L;
    bool single = wrap_option_test(L, idx) || wrap_analysis_test(L, idx);
    size_t n = single ? 1 : lua_istable(L, idx) ? (size_t)lua_rawlen(L, idx) : 0;
    if (n == 0)
        return fail(m, error,
                    cli_format("%s: the model must return r.option{...}, "
                               "r.analysis{...} or a list of them (it returned %s)",
                               path,
                               lua_istable(L, idx) ? "an empty table" : luaL_typename(L, idx)));
    if (n <= 100000) {
        m->options = calloc(n, sizeof *m->options);
        m->analyses = calloc(n, sizeof *m->analyses);
    }
    if (!m->options || !m->analyses || !lua_checkstack(L, (int)n + 5))
        return fail(m, error, cli_format("%s: too many results (%zu) or out of memory", path, n));
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

bool model_load(const model_file *f, FILE *print_to, const quota *limits, uint64_t seed,
                loaded_model *m, char **error)
{
    const char *path = f->path;
    memset(m, 0, sizeof *m);
    m->L = sandbox_new(print_to, limits);
    if (!m->L)
        return fail(m, error, NULL);
    sandbox_seed(m->L, seed);
    const sandbox_model file = {path, f->target, f->walked, f->dev, f->ino, f->name};
    int results = sandbox_run_model(m->L, &file, 0);
    const char *limit = sandbox_limit_hit(m->L); /* even if the script caught it */
    if (limit) {
        fail(m, error, strdup(limit));
        m->limit_hit = true; /* after fail: it clears m */
        return false;
    }
    if (results < 0)
        return fail(m, error,
                    strdup(lua_tostring(m->L, -1) ? lua_tostring(m->L, -1)
                                                  : "error object is not a string"));
    if (results != 1)
        return fail(m, error,
                    cli_format("%s: the model must return one value, r.option{...} or "
                               "a list of options (it returned %d)",
                               path, results));
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
