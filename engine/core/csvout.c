/*
 * csvout: a CSV file written to DIR/.NAME.PID.XXXXXX (locked while it lives) and renamed
 * over DIR/NAME at commit.
 *
 * Write errors are not reported cell by cell: the first one is remembered (with its
 * errno) and commit refuses to publish the file, so a full disk never leaves a
 * truncated CSV under the final name.  The temporary file is made by mkstemp with mode
 * 0600; commit widens it to 0644 before the rename (umask is process-wide and changing
 * it to read it back would race with other threads creating files).
 */
#define _GNU_SOURCE /* mkostemp, flock */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "budget.h"
#include "csvout.h"
#include "numfmt.h"

#define BUFFER_SIZE (1 << 20)
#define PENDING_SIZE (16 << 10)
#define FILE_MODE 0644

struct csvout {
    FILE *file;                 /* the temporary file, fully buffered through buffer */
    char *buffer;               /* BUFFER_SIZE bytes given to setvbuf; freed after fclose */
    char *temp_path;            /* DIR/.NAME.XXXXXX as filled in by mkstemp */
    char *final_path;           /* DIR/NAME */
    char *dir;                  /* DIR, opened and synced after the rename */
    char *scratch;              /* a text cell with its leading apostrophe, for csv_fwrite */
    size_t scratch_size;        /* bytes allocated at scratch */
    bool mid_row;               /* a cell has been written on this row: the next needs a comma */
    int write_errno;            /* the errno of the first failed write, 0 while all is well */
    const char *refused;        /* the first cell that must not be written, in words; NULL: none */
    bool stream;                /* rows to a stream the caller owns: no file of its own */
    bool finished;              /* flushed, synced and closed: ready to publish */
    size_t bytes;               /* about how many bytes were written (quotes doubled not counted) */
    csvout_cap *cap;            /* what the writes are charged to, or NULL */
    int lock_fd;                /* the temporary file, open and flock-ed until renamed or removed;
                                   -1 for a stream (or a file system without locks) */
    size_t pending_len;         /* bytes in pending, not yet handed to file */
    char pending[PENDING_SIZE]; /* cells gathered here and handed to stdio a block at a time:
                                   one fwrite a cell was most of the time of a long sweep */
};

/* Hands the pending bytes to the file, in order before anything written to it directly. */
static void flush_pending(csvout *out);

/* "DIR/NAME" in a new string, or NULL. */
static char *join_path(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + 1 + strlen(prefix) + strlen(name) + strlen(suffix) + 1;
    char *path = budget_malloc(len);
    if (path)
        snprintf(path, len, "%s/%s%s%s", dir, prefix, name, suffix);
    return path;
}

/* The message, and errno set to errnum: a caller that reports errno (a worker's part) says
 * the cause that was met, not what a later call left. */
static void set_error(core_error *err, const char *path, const char *what, int errnum)
{
    error_fail(err, "%s: %s: %s", path, what, strerror(errnum));
    errno = errnum;
}

static void free_out(csvout *out)
{
    budget_free(out->buffer);
    budget_free(out->temp_path);
    budget_free(out->final_path);
    budget_free(out->dir);
    budget_free(out->scratch);
    if (out->lock_fd >= 0)
        close(out->lock_fd); /* only now: an unlocked temporary file is a dead run's */
    budget_free(out);
}

/* Closes and removes the temporary file (if still open) and frees out. */
static void discard(csvout *out)
{
    if (out->stream) { /* the stream is the caller's: it has what was written, as it came */
        flush_pending(out);
        free_out(out);
        return;
    }
    if (out->file)
        fclose(out->file);
    unlink(out->temp_path);
    free_out(out);
}

FILE *csvout_file(csvout *out)
{
    flush_pending(out);
    return out->stream ? NULL : out->file;
}

const char *csvout_temp_path(const csvout *out)
{
    return out->stream ? NULL : out->temp_path;
}

csvout *csvout_stream(FILE *stream)
{
    csvout *out = budget_calloc(1, sizeof *out);
    if (!out)
        return NULL;
    out->file = stream;
    out->stream = true;
    out->lock_fd = -1;
    return out;
}

/* Takes the lock of the temporary file just made at fd, for its whole life (a descriptor of
 * its own, since the stream's is closed when the file is finished); false when a cleanup
 * took the file between mkstemp and the lock (it is gone, or going): then another name is
 * tried.  On a file system without locks the file is used unlocked. */
static bool lock_new(csvout *out, int fd)
{
    struct stat st;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0)
        return errno != EWOULDBLOCK && errno != EINTR;
    if (fstat(fd, &st) != 0 || st.st_nlink == 0)
        return false;
    out->lock_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return out->lock_fd >= 0;
}

/* Makes and locks the temporary file at out->temp_path (its last six bytes XXXXXX); its
 * descriptor, or -1 with errno. */
static int make_locked(csvout *out)
{
    size_t len = strlen(out->temp_path);
    for (int attempt = 0; attempt < 10; attempt++) {
        memcpy(out->temp_path + len - 6, "XXXXXX", 6);
        int fd = mkostemp(out->temp_path, O_CLOEXEC);
        if (fd < 0 || lock_new(out, fd))
            return fd;
        close(fd); /* not unlinked: the name is the cleanup's now */
    }
    errno = EAGAIN;
    return -1;
}

bool csvout_remove_if_dead(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool dead = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0;
    dead = dead && unlink(path) == 0; /* removed while locked: no run can take it meanwhile */
    close(fd);
    return dead;
}

csvout *csvout_open(const char *dir, const char *name, core_error *err)
{
    if (!name || !*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        error_fail(err, "csv file name \"%s\" must be a plain file name", name ? name : "");
        return NULL;
    }
    if (!dir || !*dir)
        dir = ".";
    csvout *out = budget_calloc(1, sizeof *out);
    if (out)
        out->lock_fd = -1;
    char suffix[40]; /* .PID.XXXXXX: a later run removes it only once this run is gone */
    snprintf(suffix, sizeof suffix, ".%ld.XXXXXX", (long)getpid());
    if (!out || !(out->temp_path = join_path(dir, ".", name, suffix)) ||
        !(out->final_path = join_path(dir, "", name, "")) || !(out->dir = budget_strdup(dir)) ||
        !(out->buffer = budget_malloc(BUFFER_SIZE))) {
        if (out)
            free_out(out);
        set_error(err, name, "cannot start the file", ENOMEM);
        return NULL;
    }
    int fd = make_locked(out);
    if (fd < 0) {
        int e = errno;
        error_fail(err, "%s: cannot create a file in folder \"%s\": %s", name, dir, strerror(e));
        free_out(out);
        return NULL;
    }
    out->file = fdopen(fd, "wb");
    if (!out->file) {
        set_error(err, out->temp_path, "cannot open", errno);
        close(fd);
        discard(out);
        return NULL;
    }
    setvbuf(out->file, out->buffer, _IOFBF, BUFFER_SIZE);
    return out;
}

/* Remembers the first cell that must not be written; commit then refuses the file. */
static void refuse(csvout *out, const char *what)
{
    if (!out->refused)
        out->refused = what;
}

void csvout_set_cap(csvout *out, csvout_cap *cap)
{
    out->cap = cap;
}

/* Whether n more bytes may be written, charging them to the cap when there is one. */
static bool room(csvout *out, size_t n)
{
    csvout_cap *cap = out->cap;
    if (!cap)
        return true;
    if (cap->hit || n > cap->left) {
        cap->hit = true;
        refuse(out, "more bytes than it may write");
        return false;
    }
    cap->left -= n;
    return true;
}

/* Remembers the first failed write; commit reports it. */
static void note_write(csvout *out, bool ok)
{
    if (!ok && out->write_errno == 0)
        out->write_errno = errno ? errno : EIO;
}

static void flush_pending(csvout *out)
{
    if (out->pending_len == 0 || !out->file)
        return;
    errno = 0;
    note_write(out, fwrite(out->pending, 1, out->pending_len, out->file) == out->pending_len);
    out->pending_len = 0;
}

/* Bytes of a cell, after the room for them was charged. */
static void add_bytes(csvout *out, const char *bytes, size_t len)
{
    if (len > PENDING_SIZE - out->pending_len)
        flush_pending(out);
    if (len >= PENDING_SIZE) {
        errno = 0;
        note_write(out, fwrite(bytes, 1, len, out->file) == len);
    } else {
        memcpy(out->pending + out->pending_len, bytes, len);
        out->pending_len += len;
    }
    out->bytes += len;
}

static void put_bytes(csvout *out, const char *bytes, size_t len)
{
    if (room(out, len))
        add_bytes(out, bytes, len);
}

/* The comma between cells. */
static void start_cell(csvout *out)
{
    if (out->mid_row)
        put_bytes(out, ",", 1);
    out->mid_row = true;
}

/* RFC 4180 quoting is needed for a separator, a quote or a line break anywhere, and for
 * spaces at either end, which some spreadsheets would otherwise trim.  ';' and a tab are
 * separators too: LibreOffice's import splits on ',', ';' and tab unless told otherwise, and
 * would run "see;=1+1" as the formula =1+1. */
static bool needs_quotes(const char *text, size_t len)
{
    static const bool special[256] = {
        [','] = true, [';'] = true, ['\t'] = true, ['"'] = true, ['\r'] = true, ['\n'] = true};
    if (len == 0)
        return false;
    if (text[0] == ' ' || text[len - 1] == ' ')
        return true;
    for (size_t i = 0; i < len; i++)
        if (special[(unsigned char)text[i]])
            return true;
    return false;
}

/* A cell a spreadsheet would read as a formula. */
static bool looks_like_formula(const char *text)
{
    return text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
}

/* Writes the cell "'" + text quoted by libcsv, through the scratch buffer. */
static void put_quoted_with_apostrophe(csvout *out, const char *text, size_t len)
{
    if (!room(out, len + 3))
        return;
    if (out->scratch_size < len + 1) {
        char *grown = budget_realloc(out->scratch, len + 1);
        if (!grown) {
            if (out->write_errno == 0)
                out->write_errno = ENOMEM;
            return;
        }
        out->scratch = grown;
        out->scratch_size = len + 1;
    }
    out->scratch[0] = '\'';
    memcpy(out->scratch + 1, text, len);
    flush_pending(out);
    errno = 0;
    note_write(out, csv_fwrite(out->file, out->scratch, len + 1) == 0);
    out->bytes += len + 3;
}

void csvout_text(csvout *out, const char *text)
{
    csvout_text_len(out, text ? text : "", text ? strlen(text) : 0);
}

void csvout_text_len(csvout *out, const char *text, size_t len)
{
    start_cell(out);
    if (memchr(text, '\0', len)) { /* never a cell cut short at it */
        refuse(out, "a text cell holds a NUL byte");
        return;
    }
    bool formula = looks_like_formula(text);
    if (!needs_quotes(text, len)) {
        if (formula)
            put_bytes(out, "'", 1);
        put_bytes(out, text, len);
    } else if (formula) {
        put_quoted_with_apostrophe(out, text, len);
    } else if (room(out, len + 2)) {
        flush_pending(out);
        errno = 0;
        note_write(out, csv_fwrite(out->file, text, len) == 0);
        out->bytes += len + 2;
    }
}

/* A number cell; a value that is not finite (a bug upstream: every figure is checked where
 * it is made) is refused, never written empty or as "nan". */
static void put_number(csvout *out, double x, int decimals, bool trim)
{
    start_cell(out);
    if (!isfinite(x)) {
        refuse(out, "a number is not finite");
        return;
    }
    char buf[NUMFMT_MAX];
    size_t len = trim ? numfmt_trim(x, decimals, buf) : numfmt_fixed(x, decimals, buf);
    put_bytes(out, buf, len);
}

void csvout_money(csvout *out, double dollars)
{
    put_number(out, dollars, 2, false);
}

void csvout_number(csvout *out, double x, int max_decimals)
{
    put_number(out, x, max_decimals, true);
}

void csvout_fixed(csvout *out, double x, int decimals)
{
    put_number(out, x, decimals, false);
}

void csvout_end_row(csvout *out)
{
    put_bytes(out, "\r\n", 2);
    out->mid_row = false;
}

/* Syncs the folder so that the rename itself survives a crash.  EINVAL means the file
 * system cannot sync a folder, which is no error of ours. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY);
    if (fd < 0)
        return errno;
    int result = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    close(fd);
    return result;
}

void csvout_raw(csvout *out, const char *bytes, size_t len)
{
    if (memchr(bytes, '\0', len)) {
        refuse(out, "the rows hold a NUL byte");
        return;
    }
    if (room(out, len))
        add_bytes(out, bytes, len);
}

size_t csvout_bytes(const csvout *out)
{
    return out ? out->bytes : 0;
}

bool csvout_finish(csvout *out, core_error *err)
{
    if (!out) {
        error_fail(err, "csvout_finish: no file");
        return false;
    }
    flush_pending(out); /* a stream keeps what came before a refusal, as it came */
    if (out->refused) {
        error_fail(err, "%s: not written: %s", out->stream ? "a part of the run" : out->final_path,
                   out->refused);
        discard(out);
        return false;
    }
    if (out->stream) {
        bool ok = !out->write_errno && !ferror(out->file) && fflush(out->file) == 0;
        if (!ok)
            set_error(err, "a part of the run", "write failed",
                      out->write_errno ? out->write_errno : EIO);
        out->finished = ok;
        if (!ok)
            discard(out);
        return ok;
    }
    const char *failed = NULL;
    int errnum = 0;
    if (out->write_errno || ferror(out->file))
        failed = "write failed", errnum = out->write_errno ? out->write_errno : EIO;
    else if (fflush(out->file) != 0)
        failed = "write failed", errnum = errno;
    else if (fchmod(fileno(out->file), FILE_MODE) != 0)
        failed = "cannot set permissions", errnum = errno;
    else if (fsync(fileno(out->file)) != 0)
        failed = "cannot sync to disk", errnum = errno;
    if (failed) {
        set_error(err, out->final_path, failed, errnum);
        discard(out);
        return false;
    }
    int closed = fclose(out->file);
    out->file = NULL;
    if (closed != 0) {
        set_error(err, out->final_path, "write failed", errno);
        discard(out);
        return false;
    }
    out->finished = true;
    return true;
}

bool csvout_commit(csvout *out, core_error *err)
{
    return csvout_finish(out, err) && csvout_publish(out, err);
}

bool csvout_publish(csvout *out, core_error *err)
{
    if (out->stream) {
        free_out(out);
        return true;
    }
    if (rename(out->temp_path, out->final_path) != 0) {
        set_error(err, out->final_path, "cannot replace", errno);
        discard(out);
        return false;
    }
    int sync_errno = sync_dir(out->dir);
    if (sync_errno)
        set_error(err, out->final_path, "written, but its folder cannot be synced", sync_errno);
    free_out(out);
    return sync_errno == 0;
}

void csvout_abort(csvout *out)
{
    if (out)
        discard(out);
}
