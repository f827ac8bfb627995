/* publish: the run's final set of files, put in place together or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "publish.h"
#include "test_hooks.h"

static const char *const extra_names[] = {"findings.txt", "run.json", "results.json", "reckon.xlsx",
                                          "report.html"};

const char *publish_name(size_t i)
{
    return i < TABLES_N ? tables_spec_of(i)->file : extra_names[i - TABLES_N];
}

/* ok, with the core's message copied into err when not. */
static bool told(bool ok, const core_error *e, char *err, size_t err_size)
{
    if (!ok)
        snprintf(err, err_size, "%s", e->msg);
    return ok;
}

bool publish_open(final_files *ff, const char *dir, size_t i, char *err, size_t err_size)
{
    core_error e;
    csvout *out = csvout_open(dir, publish_name(i), &e);
    if (!out)
        return told(false, &e, err, err_size);
    ff->files[i] = out;
    return true;
}

void publish_abort(final_files *ff)
{
    for (size_t i = 0; i < PUBLISH_N; i++)
        csvout_abort(ff->files[i]);
    memset(ff, 0, sizeof *ff);
}

void publish_drop(final_files *ff, size_t i)
{
    csvout_abort(ff->files[i]);
    ff->files[i] = NULL;
}

csvout *publish_table_for(final_files *ff, const char *name)
{
    tables_id k = tables_named(name);
    if (k >= TABLES_N || k == TABLES_ERRORS)
        return NULL;
    ff->has_rows[k] = ff->files[k] != NULL;
    return ff->files[k];
}

bool publish_open_tables(final_files *ff, const char *dir, bool sampled, char *err, size_t size)
{
    bool ok = true;
    for (tables_id k = 0; ok && k < TABLES_N; k++) {
        if (!sampled && (k == TABLES_DISTRIBUTION || k == TABLES_SENSITIVITY))
            continue;
        const tables_spec *spec = tables_spec_of(k);
        ok = publish_open(ff, dir, k, err, size);
        if (ok)
            table_write_header(spec->columns, spec->n_columns, ff->files[k]);
    }
    if (!ok)
        publish_abort(ff);
    return ok;
}

bool publish_finish(final_files *ff, size_t i, char *err, size_t err_size)
{
    core_error e;
    bool ok = told(csvout_finish(ff->files[i], &e), &e, err, err_size);
    if (!ok) { /* finish freed that one */
        ff->files[i] = NULL;
        publish_abort(ff);
    }
    return ok;
}

bool publish_finish_tables(final_files *ff, char *err, size_t err_size)
{
    bool ok = true;
    for (size_t i = 0; ok && i < TABLES_N; i++) {
        if (ff->files[i] && !ff->has_rows[i])
            publish_drop(ff, i); /* a header alone says nothing: no file */
        if (ff->files[i])
            ok = publish_finish(ff, i, err, err_size);
    }
    return ok;
}

/* Syncs a folder so that renames in it survive a crash (EINVAL: it cannot be synced). */
static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* A hard link to the file at path beside it, named like a temporary CSV file of this run
 * (.NAME.PID.XXXXXX, so that merge_clean_stale knows it), or NULL with errno. */
static char *keep_copy(const char *dir, const char *name)
{
    char *final = cli_format("%s/%s", dir, name);
    for (int attempt = 0; final && attempt < 5; attempt++) {
        char *copy = cli_format("%s/.%s.%ld.XXXXXX", dir, name, (long)getpid());
        int fd = copy ? mkstemp(copy) : -1;
        if (fd >= 0) { /* the name is ours: the placeholder gives way to the link */
            close(fd);
            unlink(copy);
            if (link(final, copy) == 0) {
                free(final);
                return copy;
            }
        }
        int saved = errno;
        free(copy);
        errno = saved;
        if (fd < 0 || errno != EEXIST)
            break;
    }
    int saved = errno;
    free(final);
    errno = saved;
    return NULL;
}

/* Whether the files at a and b are one (same device and inode). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return lstat(a, &sa) == 0 && lstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Whether dir holds a plain file (or a link) named name: a final file of an earlier run. */
static bool old_file(const char *dir, const char *name)
{
    struct stat st;
    char *path = cli_format("%s/%s", dir, name);
    bool found = path && lstat(path, &st) == 0 && !S_ISDIR(st.st_mode);
    free(path);
    return found;
}

/* Publishes every finished file of ff, or none.  First every final name is checked (a
 * folder in the way fails before anything is renamed) and every old file is kept as a
 * hard link beside it; then the files are renamed into place one by one, and when one
 * rename fails the files already renamed are put back: the old ones from their copies,
 * the new ones (that had no old file) removed.  A final file of reckon's that this run did
 * not make (distribution.csv of an earlier run with --samples) is removed in its turn, and
 * put back from its copy like the others: the folder holds one run's set, never a mix.
 * The copies are removed at the end.  Only
 * a crash of reckon itself in the middle of the renames can leave a mixed set. */
/* The final names of ff's files in finals, and a copy of each old file in copies; false
 * when a folder is in the way or a copy cannot be kept. */
static bool prepare_finals(const final_files *ff, const char *dir, char **finals, char **copies,
                           char *err, size_t err_size)
{
    for (size_t i = 0; i < PUBLISH_N; i++) {
        struct stat st;
        const char *name = publish_name(i);
        if (!ff->files[i] && !old_file(dir, name))
            continue; /* not made by this run, and none of an earlier run's to remove */
        finals[i] = cli_format("%s/%s", dir, name);
        if (!finals[i]) {
            snprintf(err, err_size, "out of memory");
            return false;
        } else if (lstat(finals[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(err, err_size, "%s: cannot replace: %s", finals[i], strerror(EISDIR));
            return false;
        } else if (lstat(finals[i], &st) == 0 && !(copies[i] = keep_copy(dir, name))) {
            snprintf(err, err_size,
                     "%s: cannot keep a copy of the old file while the new "
                     "ones are put in place: %s",
                     finals[i], strerror(errno));
            return false;
        }
    }
    return true;
}

bool publish_all(final_files *ff, const char *dir, char *err, size_t err_size)
{
    char *finals[PUBLISH_N] = {0}, *copies[PUBLISH_N] = {0};
    size_t renamed = 0; /* the files 0..renamed-1 are in place */
    bool ok = prepare_finals(ff, dir, finals, copies, err, err_size);
    for (size_t i = 0; ok && i < PUBLISH_N; i++, renamed++) {
        csvout *out = ff->files[i];
        ff->files[i] = NULL;
        if (!out && copies[i] && unlink(finals[i]) != 0) {
            snprintf(err, err_size, "%s: cannot remove the file of an earlier run: %s", finals[i],
                     strerror(errno));
            ok = false;
            break;
        }
        if (!out)
            continue;
        if (test_hook_is("RECKON_TEST_PUBLISH_FAIL", publish_name(i))) {
            csvout_abort(out);
            snprintf(err, err_size, "%s: cannot replace: (a test's failure)", finals[i]);
            ok = false;
        } else {
            core_error e;
            ok = told(csvout_publish(out, &e), &e, err, err_size);
        }
        if (!ok && (copies[i] ? !same_file(finals[i], copies[i]) : access(finals[i], F_OK) == 0))
            renamed++; /* renamed, but its folder could not be synced: put back too */
        if (!ok)
            break;
    }
    if (!ok) {
        publish_abort(ff);
        for (size_t i = 0; i < renamed; i++) {
            if (!finals[i])
                continue;
            if (copies[i] && rename(copies[i], finals[i]) == 0) {
                free(copies[i]);
                copies[i] = NULL;
            } else if (!copies[i]) {
                unlink(finals[i]);
            }
        }
        sync_folder(dir);
        size_t len = strlen(err);
        if (len + 1 < err_size)
            snprintf(err + len, err_size - len, " (no file was replaced)");
    }
    for (size_t i = 0; i < PUBLISH_N; i++) {
        if (copies[i])
            unlink(copies[i]);
        free(copies[i]);
        free(finals[i]);
    }
    memset(ff, 0, sizeof *ff);
    return ok;
}
