/*
 * csvout: bytes on disk, atomic replacement, and failures that must not publish a file.
 * Each test runs in its own folder made by mkdtemp under /tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "csvout.h"

/* ---- helpers ---- */

static int make_dir(void **state)
{
    char *dir = strdup("/tmp/test_csvout.XXXXXX");
    if (!dir || !mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

/* Removes every file in the folder (the tests make no subfolders), then the folder. */
static int remove_dir(void **state)
{
    char *dir = *state;
    chmod(dir, 0700);
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    int rc = rmdir(dir);
    free(dir);
    return rc;
}

/* The whole file as a NUL-terminated string (NULL if it cannot be read); *len its size. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, cap * 2 + 1);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* How many entries the folder holds, and how many of them are hidden (temporary files). */
static void count_entries(const char *dir, int *all, int *hidden)
{
    *all = *hidden = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        (*all)++;
        if (e->d_name[0] == '.')
            (*hidden)++;
    }
    closedir(d);
}

static void assert_file_equals(const char *dir, const char *name, const char *want)
{
    size_t len = 0;
    char *got = slurp(dir, name, &len);
    assert_non_null(got);
    if (len != strlen(want) || memcmp(got, want, len) != 0) {
        print_error("%s/%s holds:\n[%s]\nexpected:\n[%s]\n", dir, name, got, want);
        free(got);
        fail();
    }
    free(got);
}

static void write_one_row_file(const char *dir, const char *name, const char *cell)
{
    core_error err = {0};
    csvout *out = csvout_open(dir, name, &err);
    assert_non_null(out);
    csvout_text(out, cell);
    csvout_end_row(out);
    assert_true(csvout_commit(out, &err));
}

/* ---- tests ---- */

static void writes_exact_bytes(void **state)
{
    const char *dir = *state;
    core_error err = {0};
    csvout *out = csvout_open(dir, "totals.csv", &err);
    assert_non_null(out);

    csvout_text(out, "model");
    csvout_text(out, "note");
    csvout_text(out, "low");
    csvout_text(out, "count");
    csvout_end_row(out);

    csvout_text(out, "models/aws.lua");
    csvout_text(out, "a \"b\",c");
    csvout_money(out, 1850);
    csvout_number(out, 0.185, 6);
    csvout_end_row(out);

    csvout_text(out, "=SUM(A1)");
    csvout_text(out, "-5 users");
    csvout_money(out, -0.001);
    csvout_number(out, 12.0, 3);
    csvout_end_row(out);

    csvout_text(out, "");
    csvout_text(out, " padded");
    csvout_money(out, 2.675);
    csvout_number(out, 1e-12, 9);
    csvout_end_row(out);

    csvout_text(out, "line\nbreak");
    csvout_text(out, "@x, y");
    csvout_money(out, 0);
    csvout_number(out, 1234567.895, 2);
    csvout_end_row(out);

    csvout_text(out, "+1");
    csvout_text(out, "\tTab");
    csvout_text(out, "\rX");
    csvout_text(out, "trailing ");
    csvout_end_row(out);

    csvout_text(out, NULL);
    csvout_text(out, "-\"q\"");
    csvout_money(out, -1234.5);
    csvout_number(out, -0.0, 2);
    csvout_end_row(out);

    assert_true(csvout_commit(out, &err));
    assert_file_equals(dir, "totals.csv",
                       "model,note,low,count\r\n"
                       "models/aws.lua,\"a \"\"b\"\",c\",1850.00,0.185\r\n"
                       "'=SUM(A1),'-5 users,0.00,12\r\n"
                       ",\" padded\",2.68,0\r\n"
                       "\"line\nbreak\",\"'@x, y\",0.00,1234567.9\r\n"
                       "'+1,\"'\tTab\",\"'\rX\",\"trailing \"\r\n"
                       ",\"'-\"\"q\"\"\",-1234.50,0\r\n");
}

static void empty_file(void **state)
{
    const char *dir = *state;
    core_error err = {0};
    csvout *out = csvout_open(dir, "empty.csv", &err);
    assert_non_null(out);
    assert_true(csvout_commit(out, &err));
    assert_file_equals(dir, "empty.csv", "");
}

static void commit_leaves_no_temporary_file(void **state)
{
    const char *dir = *state;
    write_one_row_file(dir, "a.csv", "x");
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 1);
    assert_int_equal(hidden, 0);

    struct stat st;
    char path[4096];
    snprintf(path, sizeof path, "%s/a.csv", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
}

static void commit_replaces_previous_file(void **state)
{
    const char *dir = *state;
    write_one_row_file(dir, "a.csv", "old");
    write_one_row_file(dir, "a.csv", "new");
    assert_file_equals(dir, "a.csv", "new\r\n");
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 1);
}

static void abort_keeps_previous_file(void **state)
{
    const char *dir = *state;
    write_one_row_file(dir, "a.csv", "old");
    core_error err = {0};
    csvout *out = csvout_open(dir, "a.csv", &err);
    assert_non_null(out);
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 2); /* a.csv and the temporary file, hidden */
    assert_int_equal(hidden, 1);
    csvout_text(out, "new");
    csvout_end_row(out);
    csvout_abort(out);
    assert_file_equals(dir, "a.csv", "old\r\n");
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 1);
    assert_int_equal(hidden, 0);
}

static void abort_without_previous_file(void **state)
{
    const char *dir = *state;
    core_error err = {0};
    csvout *out = csvout_open(dir, "b.csv", &err);
    assert_non_null(out);
    csvout_text(out, "x");
    csvout_abort(out);
    csvout_abort(NULL);
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 0);
}

static void commit_null(void **state)
{
    (void)state;
    core_error err = {0};
    assert_false(csvout_commit(NULL, &err));
    assert_true(err.msg[0] != '\0');
}

static void open_missing_dir(void **state)
{
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/no/such/dir", (const char *)*state);
    core_error err = {0};
    assert_null(csvout_open(missing, "totals.csv", &err));
    assert_non_null(strstr(err.msg, missing));
    assert_non_null(strstr(err.msg, "totals.csv"));
    assert_non_null(strstr(err.msg, strerror(ENOENT)));
}

static void open_dir_is_a_file(void **state)
{
    const char *dir = *state;
    write_one_row_file(dir, "plain", "x");
    char path[4096];
    snprintf(path, sizeof path, "%s/plain", dir);
    core_error err = {0};
    assert_null(csvout_open(path, "totals.csv", &err));
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, strerror(ENOTDIR)));
}

static void open_read_only_dir(void **state)
{
    const char *dir = *state;
    if (geteuid() == 0)
        skip(); /* root writes anywhere */
    assert_int_equal(chmod(dir, 0500), 0);
    core_error err = {0};
    csvout *out = csvout_open(dir, "totals.csv", &err);
    chmod(dir, 0700);
    assert_null(out);
    assert_non_null(strstr(err.msg, dir));
    assert_non_null(strstr(err.msg, strerror(EACCES)));
}

static void open_bad_name(void **state)
{
    const char *dir = *state;
    core_error err = {0};
    assert_null(csvout_open(dir, "sub/totals.csv", &err));
    assert_non_null(strstr(err.msg, "sub/totals.csv"));
    assert_null(csvout_open(dir, "", &err));
    assert_null(csvout_open(dir, "..", &err));
    assert_null(csvout_open(dir, NULL, &err));
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 0);
}

/*
 * Writes `rows` rows under a file size limit of 4096 bytes (SIGXFSZ ignored, so a write
 * past it fails with EFBIG), and checks that commit reports it and publishes nothing.
 */
static void check_write_failure(const char *dir, int rows)
{
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {4096, old.rlim_max};

    core_error err = {0};
    csvout *out = csvout_open(dir, "big.csv", &err);
    assert_non_null(out);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    for (int i = 0; i < rows; i++) {
        csvout_text(out, "models/some_model.lua");
        csvout_money(out, i * 1.25);
        csvout_number(out, i / 7.0, 6);
        csvout_end_row(out);
    }
    bool ok = csvout_commit(out, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, old_handler);

    assert_false(ok);
    assert_non_null(strstr(err.msg, "big.csv"));
    assert_non_null(strstr(err.msg, strerror(EFBIG)));
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 0);
}

/* Fits in the 1 MiB buffer: the failure shows at the flush in commit. */
static void write_failure_at_flush(void **state)
{
    check_write_failure(*state, 200);
}

/* Larger than the buffer: the failure happens while rows are written. */
static void write_failure_while_writing(void **state)
{
    check_write_failure(*state, 100000);
}

/* ';' and a tab are separators to LibreOffice's import: a cell holding one is quoted, so
 * that "see;=1+1" stays one text cell and never becomes the formula =1+1. */
static void quotes_semicolons_and_tabs(void **state)
{
    const char *dir = *state;
    static const struct {
        const char *cell, *written;
    } cases[] = {
        {"see;=1+1", "\"see;=1+1\""},
        {"a note; with a semicolon", "\"a note; with a semicolon\""},
        {"tab\there", "\"tab\there\""},
        {";", "\";\""},
        {"=1;2", "\"'=1;2\""},        /* a formula and a separator: both */
        {"plain text", "plain text"}, /* only what must be quoted is */
        {"x|y:z", "x|y:z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_one_row_file(dir, "q.csv", cases[i].cell);
        char want[128];
        snprintf(want, sizeof want, "%s\r\n", cases[i].written);
        assert_file_equals(dir, "q.csv", want);
    }
}

/* What cannot be written as it is fails the file, naming why, and leaves no file at all:
 * never an empty cell for a number that is not finite, never a cell cut at a NUL byte. */
static void expect_refused(const char *dir, void (*cell)(csvout *), const char *why)
{
    core_error err = {0};
    csvout *out = csvout_open(dir, "r.csv", &err);
    assert_non_null(out);
    csvout_text(out, "before");
    cell(out);
    csvout_text(out, "after");
    csvout_end_row(out);
    assert_false(csvout_commit(out, &err));
    assert_non_null(strstr(err.msg, "r.csv: not written: "));
    assert_non_null(strstr(err.msg, why));
    int all, hidden;
    count_entries(dir, &all, &hidden);
    assert_int_equal(all, 0);
}

static void nan_money(csvout *out)
{
    csvout_money(out, NAN);
}
static void infinite_number(csvout *out)
{
    csvout_number(out, -INFINITY, 2);
}
static void nul_in_text(csvout *out)
{
    csvout_text_len(out, "see\0=1+1", 8);
}
static void nul_in_raw(csvout *out)
{
    csvout_raw(out, "a,b\0c\r\n", 8);
}

static void refuses_what_it_cannot_write(void **state)
{
    const char *dir = *state;
    expect_refused(dir, nan_money, "a number is not finite");
    expect_refused(dir, infinite_number, "a number is not finite");
    expect_refused(dir, nul_in_text, "a text cell holds a NUL byte");
    expect_refused(dir, nul_in_raw, "the rows hold a NUL byte");
    /* the same through a stream: the part of a run */
    FILE *f = tmpfile();
    assert_non_null(f);
    csvout *out = csvout_stream(f);
    assert_non_null(out);
    csvout_money(out, NAN);
    core_error err = {0};
    assert_false(csvout_commit(out, &err));
    assert_non_null(strstr(err.msg, "a number is not finite"));
    fclose(f);
    /* text with its length but no NUL is written whole */
    write_one_row_file(dir, "ok.csv", "fine");
    out = csvout_open(dir, "len.csv", &err);
    assert_non_null(out);
    csvout_text_len(out, "abc;def", 7);
    csvout_end_row(out);
    assert_true(csvout_commit(out, &err));
    assert_file_equals(dir, "len.csv", "\"abc;def\"\r\n");
}

/* csvout_bytes counts what was written: cells, commas, quotes and line ends. */
static void counts_its_bytes(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    csvout *out = csvout_stream(f);
    assert_non_null(out);
    assert_int_equal(csvout_bytes(out), 0);
    csvout_text(out, "abc");    /* abc */
    csvout_text(out, "a,b");    /* ,"a,b" */
    csvout_text(out, "=1+1");   /* ,'=1+1 */
    csvout_money(out, 2);       /* ,2.00 */
    csvout_number(out, 1.5, 2); /* ,1.5 */
    csvout_end_row(out);        /* \r\n */
    size_t want = 3 + 6 + 6 + 5 + 4 + 2;
    assert_int_equal(csvout_bytes(out), want);
    core_error err = {0};
    assert_true(csvout_commit(out, &err));
    assert_int_equal((size_t)ftell(f), want);
    fclose(f);
}

/* Two files sharing a cap of 10 bytes: "abc" and a line end take 5, "x" and a line end 3
 * of the second file; "abcdef" (6 bytes) is then more than the 2 left: refused, the cap hit,
 * and every later write refused too, so both files are refused at commit. */
static void shares_a_cap(void **state)
{
    (void)state;
    FILE *f = tmpfile(), *g = tmpfile();
    assert_non_null(f);
    assert_non_null(g);
    csvout_cap cap = {.left = 10};
    csvout *a = csvout_stream(f), *b = csvout_stream(g);
    csvout_set_cap(a, &cap);
    csvout_set_cap(b, &cap);
    csvout_text(a, "abc");
    csvout_end_row(a);
    csvout_text(b, "x");
    csvout_end_row(b);
    assert_int_equal(cap.left, 2);
    assert_false(cap.hit);
    csvout_text(b, "abcdef");
    assert_true(cap.hit);
    assert_int_equal(cap.left, 2);
    csvout_text(a, "y"); /* would fit, but the rows are already cut */
    assert_int_equal(cap.left, 2);
    core_error err = {0};
    assert_false(csvout_commit(b, &err));
    assert_non_null(strstr(err.msg, "more bytes than it may write"));
    assert_false(csvout_commit(a, &err));
    assert_int_equal((size_t)ftell(f), 5); /* nothing past the cap reached the stream */
    assert_int_equal((size_t)ftell(g), 3);
    fclose(f), fclose(g);
}

/* The one temporary file in dir, as a path (static buffer), or fails. */
static const char *temporary_in(const char *dir)
{
    static char path[4096];
    DIR *d = opendir(dir);
    assert_non_null(d);
    path[0] = '\0';
    for (struct dirent *e; (e = readdir(d));)
        if (strncmp(e->d_name, ".t.csv.", 7) == 0)
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    closedir(d);
    assert_true(path[0] != '\0');
    return path;
}

/* A live file's temporary file is locked from open to publish, even once finished (as while
 * a run waits to publish): csvout_remove_if_dead leaves it.  A file of that name that no
 * csvout holds is removed. */
static void temporary_file_is_locked(void **state)
{
    const char *dir = *state;
    core_error err = {0};
    csvout *out = csvout_open(dir, "t.csv", &err);
    assert_non_null(out);
    char path[4096];
    snprintf(path, sizeof path, "%s", temporary_in(dir));
    assert_false(csvout_remove_if_dead(path));
    csvout_text(out, "a");
    csvout_end_row(out);
    assert_true(csvout_finish(out, &err));
    assert_false(csvout_remove_if_dead(path));
    assert_int_equal(access(path, F_OK), 0);
    assert_true(csvout_publish(out, &err));
    assert_file_equals(dir, "t.csv", "a\r\n");
    snprintf(path, sizeof path, "%s/.t.csv.1.abcdef", dir); /* a dead run's */
    FILE *dead = fopen(path, "w");
    assert_non_null(dead);
    fclose(dead);
    assert_true(csvout_remove_if_dead(path));
    assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_exact_bytes, make_dir, remove_dir),
        cmocka_unit_test(counts_its_bytes),
        cmocka_unit_test(shares_a_cap),
        cmocka_unit_test_setup_teardown(temporary_file_is_locked, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(empty_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(commit_leaves_no_temporary_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(commit_replaces_previous_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(abort_keeps_previous_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(abort_without_previous_file, make_dir, remove_dir),
        cmocka_unit_test(commit_null),
        cmocka_unit_test_setup_teardown(open_missing_dir, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(open_dir_is_a_file, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(open_read_only_dir, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(open_bad_name, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(write_failure_at_flush, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(write_failure_while_writing, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(quotes_semicolons_and_tabs, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(refuses_what_it_cannot_write, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
