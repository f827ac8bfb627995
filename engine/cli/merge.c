#define _DEFAULT_SOURCE /* flock */
/*
 * merge: a run's final files from its workers' parts.  Each model ran in a worker process
 * that left what it produced in WORK/<index>.part (part.h: its rows, summary, findings,
 * messages and failure).  The parts are read back in run order (the command line's, a
 * directory's models byte-sorted), whatever order the workers finished in, so the files
 * are the same for any -j.  Every final file is
 * finished (flushed and synced) before any is renamed into place: a failure leaves every
 * old file whole.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "part.h"
#include "publish.h"
#include "test_hooks.h"

/* Where a kill or a crash happened: "models/x.lua:12" when the hook saw a line of the
 * model's own file, else the model's path (and the line, of a required file, after). */
static char *place(const char *path, const char *where, const char *what)
{
    size_t n = strlen(path);
    if (where && strncmp(where, path, n) == 0 && where[n] == ':')
        return cli_format("%s: %s", where, what);
    if (where)
        return cli_format("%s: %s (the last line run: %s)", path, what, where);
    return cli_format("%s: %s", path, what);
}

char *merge_worker_failure(const char *path, const worker_result *r, double timeout,
                           const char **kind)
{
    char *what = NULL, *message = NULL;
    switch (r->outcome) {
    case WORKER_CRASHED:
        *kind = "crash";
        what = cli_format("the worker crashed: signal %d (%s)", r->signal, strsignal(r->signal));
        break;
    case WORKER_KILLED:
        *kind = "timeout";
        what = cli_format("killed after %.0f s: the time limit (--timeout); %s", timeout,
                          r->where_is_step ? "reckon was still working out what it declares: "
                                             "fewer user counts, months or samples, or a "
                                             "larger --timeout"
                                           : "stuck in a C function such as a pattern or "
                                             "string.rep?");
        break;
    case WORKER_LOST:
        *kind = "internal";
        what = cli_format("the worker could not be started");
        break;
    case WORKER_FAILED:
        if (r->code == EXIT_INTERNAL) {
            *kind = "internal";
            what = cli_format("the worker could not keep its results: %s",
                              r->reason ? r->reason : "(it said not why)");
        }
        break;
    default:
        break;
    }
    if (what)
        message = place(path, r->outcome == WORKER_FAILED ? NULL : r->where, what);
    free(what);
    return message;
}

/* What a worker said of its model's failure: its failure and kind sections. */
typedef struct said {
    char *failure; /* the message, or NULL */
    char *kind;    /* PART_KIND_LIMIT or PART_KIND_ERROR as written, or NULL */
} said;

/* What errors.csv says went wrong with a model that failed, given what its worker said; a
 * message of the worker's own starts with the model's path.  The kind is the worker's
 * (only "limit" and "error" are taken from it), never read from the message's words. */
static char *failure_of(const char *path, const said *w, const worker_result *r, double timeout,
                        const char **kind)
{
    char *message = merge_worker_failure(path, r, timeout, kind);
    if (message)
        return message;
    bool limit = w->kind && strcmp(w->kind, PART_KIND_LIMIT) == 0;
    *kind = limit ? PART_KIND_LIMIT : PART_KIND_ERROR;
    return cli_format("%s", w->failure && w->failure[0] ? w->failure : "the model failed");
}

/* Copies len bytes of f to out (a csvout), or when out is NULL to stream (text for a
 * terminal: shown, display.c). */
static bool copy_bytes(FILE *f, size_t len, csvout *out, FILE *stream)
{
    if (!out)
        return cli_show_copy(f, len, stream);
    char buf[65536];
    while (len > 0) {
        size_t want = len < sizeof buf ? len : sizeof buf;
        if (fread(buf, 1, want, f) != want)
            return false;
        csvout_raw(out, buf, want);
        len -= want;
    }
    return true;
}

/* A short section's text (the failure, the summary), NUL-terminated; NULL out of memory. */
static char *read_text(FILE *f, size_t len)
{
    char *text = malloc(len + 1);
    if (text && fread(text, 1, len, f) != len) {
        free(text);
        return NULL;
    }
    if (text)
        text[len] = '\0';
    return text;
}

/* Adds a summary section's rows to s. */
static bool load_summary(summary *s, FILE *f, size_t len)
{
    char *text = read_text(f, len);
    FILE *rows = text ? fmemopen(text, len ? len : 1, "r") : NULL;
    bool ok = rows && summary_load(s, rows);
    if (rows)
        fclose(rows);
    free(text);
    return ok;
}

/* Keeps a short section's text in *into (the failure, its kind). */
static bool keep_text(char **into, FILE *f, size_t len)
{
    free(*into);
    *into = read_text(f, len);
    return *into != NULL;
}

/* One section of a part: rows into their final file (only when the model succeeded),
 * messages to stderr, findings to `findings`, the summary into s, the failure and its kind
 * into w; a section of no use is skipped. */
static bool merge_section(FILE *f, const char *name, size_t len, bool ok_model, final_files *ff,
                          summary *s, FILE *findings, said *w)
{
    csvout *dest = ok_model ? publish_table_for(ff, name) : NULL;
    if (strcmp(name, PART_MESSAGES) == 0)
        return copy_bytes(f, len, NULL, stderr);
    if (strcmp(name, PART_FINDINGS) == 0)
        return copy_bytes(f, len, NULL, ok_model ? findings : NULL);
    if (strcmp(name, PART_FAILURE) == 0)
        return keep_text(&w->failure, f, len);
    if (strcmp(name, PART_KIND) == 0)
        return keep_text(&w->kind, f, len);
    if (strcmp(name, PART_SUMMARY) == 0 && ok_model)
        return load_summary(s, f, len);
    if (dest)
        return copy_bytes(f, len, dest, NULL);
    return fseek(f, (long)len, SEEK_CUR) == 0;
}

/* One model's part, section by section (merge_section); removes it. */
static bool merge_part(const merge_input *in, size_t k, final_files *ff, summary *s, FILE *findings,
                       said *w)
{
    char *path = cli_format("%s/%zu.part", in->work, k);
    FILE *f = path ? fopen(path, "rb") : NULL;
    bool ok_model = in->results[k].outcome == WORKER_OK, ok = true;
    char name[64];
    size_t len;
    int next = f ? 1 : -1; /* 0 once read to the end of a whole part */
    while (f && ok && (next = part_next(f, name, sizeof name, &len)) == 1)
        ok = merge_section(f, name, len, ok_model, ff, s, findings, w);
    if (f)
        fclose(f);
    if (path)
        unlink(path);
    free(path);
    /* A worker that failed may have died while writing: what it left is read as far as it
     * goes.  A worker that succeeded must have left a whole part, or its rows are lost. */
    return ok_model ? ok && next == 0 : true;
}

/* A failed model's row in errors.csv, and its whole message on stderr. */
static void add_failure(const merge_input *in, size_t k, const said *w, csvout *errors)
{
    const char *kind;
    const worker_result *r = &in->results[k];
    char *message = failure_of(in->files[k].path, w, r, in->timeout, &kind);
    if (message && (r->outcome != WORKER_FAILED || r->code == EXIT_INTERNAL))
        cli_show_line(stderr, message); /* the worker could not say it */
    else if (message)
        cli_show_line(stderr, w->failure ? w->failure : message); /* the whole of it */
    char *nl = message ? strchr(message, '\n') : NULL;
    if (nl) /* errors.csv keeps a message's first line */
        *nl = '\0';
    csvout_text(errors, in->files[k].name);
    csvout_text(errors, kind);
    csvout_text(errors, message ? message : "");
    csvout_end_row(errors);
    free(message);
}

/* Whether the run was interrupted, with err saying so. */
static bool interrupted_at(char *err, size_t err_size)
{
    int sig = workers_interrupted();
    if (sig)
        snprintf(err, err_size, "interrupted by signal %d (%s)", sig, strsignal(sig));
    return sig != 0;
}

/* Every model's part into ff, in run order; false with err when one cannot be read or the
 * run was interrupted. */
static bool merge_parts(const merge_input *in, final_files *ff, summary *s, FILE *findings,
                        size_t *failed, char *err, size_t err_size)
{
    *failed = 0;
    for (size_t k = 0; k < in->n; k++) {
        said w = {0};
        bool ok = true;
        if (interrupted_at(err, err_size))
            ok = false;
        else if (!merge_part(in, k, ff, s, findings, &w)) {
            snprintf(err, err_size, "cannot read the part of %s", in->files[k].path);
            ok = false;
        } else if (in->results[k].outcome != WORKER_OK) {
            add_failure(in, k, &w, ff->files[TABLES_ERRORS]);
            ff->has_rows[TABLES_ERRORS] = true;
            (*failed)++;
        }
        free(w.failure), free(w.kind);
        if (!ok)
            return false;
    }
    return true;
}

/* Publishes ff under the folder's exclusive lock.  The renames are one run's at a time:
 * two runs into one folder leave the whole set of one of them, never a mix.  Converting
 * the shared lock (held for the temporary files' sake) releases it before waiting, so two
 * runs waiting for each other cannot deadlock; while it is released, another run's
 * cleanup may take the folder's lock, and this run's temporary files are kept from it by
 * their own locks (csvout). */
static bool publish_locked(const merge_input *in, final_files *ff, char *err, size_t err_size)
{
    test_hook_publish_gap(in->out_lock);
    while (in->out_lock >= 0 && flock(in->out_lock, LOCK_EX) != 0 && errno == EINTR)
        if (workers_interrupted())
            break;
    workers_hold_interrupts(); /* a signal from here on is after the run, or before it */
    bool ok = !interrupted_at(err, err_size) && publish_all(ff, in->out_dir, err, err_size);
    if (!ok)
        publish_abort(ff);
    while (in->out_lock >= 0 && flock(in->out_lock, LOCK_SH) != 0 && errno == EINTR)
        continue;
    if (ok)
        test_hook_published();
    if (in->private_out || !ok)
        workers_release_interrupts();
    return ok;
}

bool merge_run(const merge_input *in, summary *s, FILE *findings, size_t *failed, char *err,
               size_t err_size)
{
    final_files ff = {0};
    if (!publish_open_tables(&ff, in->out_dir, in->sampled, err, err_size))
        return false;
    if (!merge_parts(in, &ff, s, findings, failed, err, err_size)) {
        publish_abort(&ff);
        return false;
    }
    if (test_hook_is("RECKON_TEST_SUMMARY_KEPT", "1")) /* tests: the parent's rows are bounded */
        fprintf(stderr, "summary rows kept: %zu\n", summary_kept(s));
    if (!publish_finish_tables(&ff, err, err_size) ||
        !extras_write(&ff, in, findings, err, err_size))
        return false;
    size_t len = 0;
    in->written[0] = '\0';
    for (size_t i = 0; i < PUBLISH_N && len < CLI_WRITTEN_MAX; i++)
        if (ff.files[i])
            len += (size_t)snprintf(in->written + len, CLI_WRITTEN_MAX - len, "%s%s",
                                    len ? ", " : "", publish_name(i));
    return publish_locked(in, &ff, err, err_size);
}

/* rm -r path (a work folder of reckon's own). */
/* rm -r of a folder reckon made: never through a symbolic link (a link is removed, not
 * followed), and only what the current user owns. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || st.st_uid != geteuid())
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *d = opendir(path);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = cli_format("%s/%s", path, e->d_name);
            if (child)
                remove_tree(child);
            free(child);
        }
        closedir(d);
        rmdir(path);
    }
}

void merge_remove_work(const char *work, int lock)
{
    if (work)
        remove_tree(work);
    if (lock >= 0)
        close(lock); /* only now: a folder unlocked is anyone's to remove */
}

/* Where parts are kept: in memory (/dev/shm) where there is such a folder, since a batch of
 * small models makes many small files; else the temporary folder, else DIR itself. */
static const char *work_base(const char *out_dir)
{
    if (access("/dev/shm", W_OK | X_OK) == 0)
        return "/dev/shm";
    const char *tmp = getenv("TMPDIR");
    if (tmp && *tmp && access(tmp, W_OK | X_OK) == 0)
        return tmp;
    return access("/tmp", W_OK | X_OK) == 0 || !out_dir ? "/tmp" : out_dir;
}

/* The marker reckon leaves in each work folder it makes: a later run removes a folder named
 * like a work folder only when the marker is in it (a user's folder of that name is left). */
#define WORK_MARKER ".reckon-work-folder"

static void mark_work(const char *work)
{
    char *marker = cli_format("%s/" WORK_MARKER, work);
    int fd = marker ? open(marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
    if (fd >= 0)
        close(fd);
    free(marker);
}

/* Whether n is "<digits><sep>XXXXXX" exactly (XXXXXX: mkstemp's six letters or digits). */
static bool pid_and_six(const char *n, char sep)
{
    size_t d = strspn(n, "0123456789");
    if (d == 0 || n[d] != sep)
        return false;
    const char *six = n + d + 1;
    return strlen(six) == 6 &&
           strspn(six, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == 6;
}

/* Whether the entry named name of dir is a work folder reckon made: its exact name
 * (.reckon-work-[stdout-]PID-XXXXXX) and its marker inside, a plain file. */
static bool work_folder(const char *dir, const char *name)
{
    static const char prefix[] = ".reckon-work-";
    const char *n = name;
    if (strncmp(n, prefix, sizeof prefix - 1) != 0)
        return false;
    n += sizeof prefix - 1;
    if (strncmp(n, "stdout-", 7) == 0)
        n += 7;
    if (!pid_and_six(n, '-'))
        return false;
    struct stat st;
    char *marker = cli_format("%s/%s/" WORK_MARKER, dir, name);
    bool ours = marker && lstat(marker, &st) == 0 && S_ISREG(st.st_mode);
    free(marker);
    return ours;
}

/* Takes the lock of the folder at path (flock on the folder itself, without waiting):
 * shared while a run uses it (so that the run can take out_dir's lock when out_dir is
 * that folder, with -o -), exclusive to remove it; a descriptor to keep, or -1 when
 * another process holds it. */
static int lock_folder(const char *path, int how)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (flock(fd, how | LOCK_NB) != 0) {
        int saved = errno;
        close(fd);
        errno = saved; /* EWOULDBLOCK: another process holds it */
        return -1;
    }
    return fd;
}

char *merge_locked_folder(const char *base, const char *kind, int *lock)
{
    for (int attempt = 0; attempt < 10; attempt++) {
        char *work = cli_format("%s/.reckon-work-%s%ld-XXXXXX", base, kind, (long)getpid());
        if (!work || !mkdtemp(work)) {
            free(work);
            return NULL;
        }
        /* Between mkdtemp and the lock, another run may take the folder for a dead one's
         * and remove it: then the folder locked is gone (no links) and we try again. */
        struct stat st;
        *lock = lock_folder(work, LOCK_SH);
        mark_work(work);
        if (*lock >= 0 && fstat(*lock, &st) == 0 && st.st_nlink > 0)
            return work;
        if (*lock < 0 && errno != EWOULDBLOCK && errno != EINTR)
            return work; /* a file system without locks: the folder is used unlocked */
        if (*lock >= 0)
            close(*lock);
        *lock = -1;
        free(work);
    }
    return NULL;
}

char *merge_work_folder(const char *out_dir, int *lock)
{
    return merge_locked_folder(work_base(out_dir), "", lock);
}

void merge_clean_work_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (!work_folder(dir, e->d_name))
            continue; /* not reckon's */
        char *path = cli_format("%s/%s", dir, e->d_name);
        int lock = path ? lock_folder(path, LOCK_EX) : -1;
        if (lock >= 0) /* its run is gone, whatever its pid says in this namespace */
            remove_tree(path);
        if (lock >= 0)
            close(lock);
        free(path);
    }
    closedir(d);
}

/* Whether n is a temporary CSV file (or a kept copy) of a run: ".NAME.PID.XXXXXX" (csvout.c,
 * keep_copy) where NAME is one of the final files' names; no other file is touched. */
static bool temp_csv(const char *n)
{
    if (n[0] != '.')
        return false;
    for (size_t i = 0; i < PUBLISH_N; i++) {
        size_t len = strlen(publish_name(i));
        if (strncmp(n + 1, publish_name(i), len) == 0 && n[1 + len] == '.' &&
            pid_and_six(n + 2 + len, '.'))
            return true;
    }
    return false;
}

/* Removes the temporary file (or anything else of that name) at path when it is a dead
 * run's: a live run holds the lock of each of its temporary files (csvout.c), even while
 * it waits for the folder's lock to publish. */
static void remove_dead_temp(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 || st.st_uid != geteuid())
        return;
    if (S_ISREG(st.st_mode))
        csvout_remove_if_dead(path);
    else
        remove_tree(path); /* a link or a folder of that name: never a live file */
}

int merge_lock_output(const char *out_dir)
{
    int fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    /* Alone in out_dir (no other run holds its lock, none is publishing), a temporary file
     * there whose own lock can be taken is a dead run's; with another run alive, none is
     * touched.  A run waiting to publish holds no lock on out_dir for a moment (converting
     * its lock): its temporary files' own locks keep them. */
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        merge_clean_work_in(out_dir); /* runs that kept their parts there */
        DIR *d = opendir(out_dir);
        for (struct dirent *e; d && (e = readdir(d));) {
            if (!temp_csv(e->d_name))
                continue;
            char *path = cli_format("%s/%s", out_dir, e->d_name);
            if (path)
                remove_dead_temp(path);
            free(path);
        }
        if (d)
            closedir(d);
    }
    while (flock(fd, LOCK_SH) != 0 && errno == EINTR) /* shared by the runs writing there */
        if (workers_interrupted())
            break;
    return fd;
}

void merge_clean_stale(const char *out_dir)
{
    merge_clean_work_in(work_base(out_dir));
}
