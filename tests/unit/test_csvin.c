/*
 * csvin: CSV input parsed strictly, each fault with its message, line and column; line
 * endings, byte order marks and quoting that must not change what is read; the limits;
 * and plain decimal numbers, accepted and rejected.
 *
 * Columns count characters from 1 (a UTF-8 sequence is one); lines count from 1.
 */
#include <float.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "csvin.h"

/* A literal with its length (it may hold a NUL). */
#define TEXT(s) s, sizeof(s) - 1

/* ---- helpers ---- */

/* Parses text that must be valid, failing the test with the message otherwise. */
static void parse_ok(const char *text, size_t len, csvin_table *t)
{
    csvin_error err;
    if (!csvin_parse(text, len, "t.csv", t, &err)) {
        print_error("unexpected failure: %s\n", err.error.msg);
        fail();
    }
}

/* Two tables hold the same names, cells and places. */
static void assert_same_table(const csvin_table *a, const csvin_table *b)
{
    assert_int_equal(a->n_columns, b->n_columns);
    assert_int_equal(a->n_rows, b->n_rows);
    assert_int_equal(a->header_line, b->header_line);
    for (size_t c = 0; c < a->n_columns; c++)
        assert_string_equal(a->header[c], b->header[c]);
    for (size_t r = 0; r < a->n_rows; r++) {
        assert_int_equal(a->row_line[r], b->row_line[r]);
        for (size_t c = 0; c < a->n_columns; c++) {
            size_t i = r * a->n_columns + c;
            assert_string_equal(a->cells[i], b->cells[i]);
            assert_int_equal(a->cell_line[i], b->cell_line[i]);
            assert_int_equal(a->cell_column[i], b->cell_column[i]);
        }
    }
}

/* ---- faults ---- */

typedef struct {
    const char *text;
    size_t len;
    const char *msg; /* the whole message */
    size_t line, column;
} fault_case;

static void check_faults(const fault_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        csvin_table t;
        csvin_error err;
        memset(&err, 0x55, sizeof err);
        bool ok = csvin_parse(cases[i].text, cases[i].len, "t.csv", &t, &err);
        if (ok || strcmp(err.error.msg, cases[i].msg) != 0 || err.line != cases[i].line ||
            err.column != cases[i].column) {
            print_error("case %zu: expected \"%s\" (%zu:%zu), got %s \"%s\" (%zu:%zu)\n", i,
                        cases[i].msg, cases[i].line, cases[i].column, ok ? "success" : "",
                        ok ? "" : err.error.msg, err.line, err.column);
            if (ok)
                csvin_free(&t);
            fail();
        }
        /* a failed parse leaves the table empty */
        assert_null(t.header);
        assert_null(t.cells);
        assert_null(t.storage);
        assert_int_equal(t.n_rows, 0);
        csvin_free(&t);
    }
}

static void quotes(void **state)
{
    (void)state;
    static const fault_case cases[] = {
        /* an unterminated quote: at its opening quote, line 2 column 3 */
        {TEXT("a,b\n1,\"x\n"),
         "t.csv:2:3: unterminated quoted field (its closing quote is missing)", 2, 3},
        /* ... however much follows it */
        {TEXT("a,b\n1,\"x\n2,3\n4,5"),
         "t.csv:2:3: unterminated quoted field (its closing quote is missing)", 2, 3},
        {TEXT("a,b\n1,\""), "t.csv:2:3: unterminated quoted field (its closing quote is missing)",
         2, 3},
        /* a quote inside an unquoted field: x"y, the quote is column 4 */
        {TEXT("a,b\n1,x\"y\n"),
         "t.csv:2:4: stray quote in an unquoted field (quote the whole field and write a quote "
         "inside it as \"\")",
         2, 4},
        /* a space before an opening quote makes the field unquoted: the quote is stray */
        {TEXT("a,b\n1, \"x\"\n"),
         "t.csv:2:4: stray quote in an unquoted field (quote the whole field and write a quote "
         "inside it as \"\")",
         2, 4},
        /* "x"y: the quote after x (column 5) is neither doubled nor the field's end */
        {TEXT("a,b\n1,\"x\"y\n"),
         "t.csv:2:5: stray quote in a quoted field (write a quote inside quotes as \"\")", 2, 5},
        {TEXT("a,b\n1,\"He said \"hi\"\"\n"),
         "t.csv:2:12: stray quote in a quoted field (write a quote inside quotes as \"\")", 2, 12},
        /* "x" followed by a space: the space, column 6 */
        {TEXT("a,b\n1,\"x\" \n"), "t.csv:2:6: space after the closing quote of a quoted field", 2,
         6},
        /* in the header */
        {TEXT("a\"b,c\n"),
         "t.csv:1:2: stray quote in an unquoted field (quote the whole field and write a quote "
         "inside it as \"\")",
         1, 2},
        /* after a quoted line break: line 3 is `y",z"q`, the stray quote is column 5 */
        {TEXT("a,b\n\"x\ny\",z\"q\n"),
         "t.csv:3:5: stray quote in an unquoted field (quote the whole field and write a quote "
         "inside it as \"\")",
         3, 5},
        /* columns are characters: "é" is two bytes, one column */
        {TEXT("a,b\n\xC3\xA9,x\"y\n"),
         "t.csv:2:4: stray quote in an unquoted field (quote the whole field and write a quote "
         "inside it as \"\")",
         2, 4},
    };
    check_faults(cases, sizeof cases / sizeof cases[0]);
}

static void field_counts(void **state)
{
    (void)state;
    static const fault_case cases[] = {
        {TEXT("a,b,c\n1,2\n"), "t.csv:2:1: row has 2 fields, the header has 3", 2, 1},
        {TEXT("a,b\n1,2,3\n"), "t.csv:2:1: row has 3 fields, the header has 2", 2, 1},
        {TEXT("a,b\n1\n"), "t.csv:2:1: row has 1 field, the header has 2", 2, 1},
        {TEXT("a,b\n1,2,\n"), "t.csv:2:1: row has 3 fields, the header has 2", 2, 1},
        /* the last row without its line end */
        {TEXT("a,b\n1,2\n3"), "t.csv:3:1: row has 1 field, the header has 2", 3, 1},
        /* CRLF: one line end each */
        {TEXT("a,b\r\n1,2\r\n3,4,5\r\n"), "t.csv:3:1: row has 3 fields, the header has 2", 3, 1},
        /* a lone CR ends a line too */
        {TEXT("a,b\r1,2\r3\r"), "t.csv:3:1: row has 1 field, the header has 2", 3, 1},
        /* blank lines are skipped, but counted */
        {TEXT("a,b\n\n\n1,2,3\n"), "t.csv:4:1: row has 3 fields, the header has 2", 4, 1},
        /* a row is placed where it starts, even when a quoted field spans lines */
        {TEXT("a,b\n\"x\ny\",1,2\n"), "t.csv:2:1: row has 3 fields, the header has 2", 2, 1},
        /* the row after one with a quoted line break */
        {TEXT("a,b\n\"x\ny\",1\n2\n"), "t.csv:4:1: row has 1 field, the header has 2", 4, 1},
    };
    check_faults(cases, sizeof cases / sizeof cases[0]);
}

static void headers_and_bytes(void **state)
{
    (void)state;
    static const fault_case cases[] = {
        {TEXT(""), "t.csv:1:1: the file is empty: its first row must name the columns", 1, 1},
        {TEXT("\n\r\n\n"), "t.csv:1:1: the file is empty: its first row must name the columns", 1,
         1},
        {TEXT("\xEF\xBB\xBF"), "t.csv:1:1: the file is empty: its first row must name the columns",
         1, 1},
        {TEXT("a,,c\n1,2,3\n"),
         "t.csv:1:3: column 2 of the header has no name (line 1, character 3)", 1, 3},
        {TEXT("a,b,a\n"),
         "t.csv:1:5: column name 'a' is in the header twice: columns 1 and 3 (line 1, "
         "characters 1 and 5)",
         1, 5},
        /* the duplicates are columns 1 and 2: the place (1:3) is the second's character */
        {TEXT("a,a,b\n1,2,3\n"),
         "t.csv:1:3: column name 'a' is in the header twice: columns 1 and 2 (line 1, "
         "characters 1 and 3)",
         1, 3},
        {TEXT("a, b\n"), "t.csv:1:3: column name ' b' starts or ends with a space", 1, 3},
        {TEXT("\"a \",b\n"), "t.csv:1:1: column name 'a ' starts or ends with a space", 1, 1},
        /* the byte order mark is not a column: the empty name is at column 3 */
        {TEXT("\xEF\xBB\xBF"
              "a,,c\n"),
         "t.csv:1:3: column 2 of the header has no name (line 1, character 3)", 1, 3},
        /* NUL bytes, anywhere: unquoted, quoted, in the header */
        {TEXT("a,b\n1,\0\n"), "t.csv:2:3: NUL byte (this is not a text file, or it is UTF-16)", 2,
         3},
        {TEXT("a,b\n1,\"x\0\"\n"), "t.csv:2:5: NUL byte (this is not a text file, or it is UTF-16)",
         2, 5},
        {TEXT("\0a,b\n"), "t.csv:1:1: NUL byte (this is not a text file, or it is UTF-16)", 1, 1},
        /* UTF-16, either byte order */
        {TEXT("\xFF\xFE"
              "a\0,\0b\0"),
         "t.csv:1:1: the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\")", 1, 1},
        {TEXT("\xFE\xFF\0a\0,\0b"),
         "t.csv:1:1: the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\")", 1, 1},
    };
    check_faults(cases, sizeof cases / sizeof cases[0]);
}

/* A string of n copies of piece after head (and tail), for the limits. */
static char *repeat(const char *head, const char *piece, size_t n, const char *tail, size_t *len)
{
    size_t h = strlen(head), p = strlen(piece), t = strlen(tail);
    char *s = malloc(h + n * p + t + 1);
    assert_non_null(s);
    memcpy(s, head, h);
    for (size_t i = 0; i < n; i++)
        memcpy(s + h + i * p, piece, p);
    memcpy(s + h + n * p, tail, t + 1);
    *len = h + n * p + t;
    return s;
}

/* The fault of n pieces after head (see repeat). */
static void expect_fault(const char *head, const char *piece, size_t n, const char *msg,
                         size_t line, size_t column)
{
    size_t len;
    char *text = repeat(head, piece, n, "", &len);
    fault_case c = {text, len, msg, line, column};
    check_faults(&c, 1);
    free(text);
}

static void limits(void **state)
{
    (void)state;
    size_t len;
    csvin_table t;
    char msg[256];

    /* a field of exactly CSVIN_MAX_FIELD bytes is read, one more byte is not */
    char *text = repeat("a\n", "x", CSVIN_MAX_FIELD, "\n", &len);
    parse_ok(text, len, &t);
    assert_int_equal(strlen(t.cells[0]), CSVIN_MAX_FIELD);
    csvin_free(&t);
    free(text);
    snprintf(msg, sizeof msg, "t.csv:2:1: field is longer than %d bytes", CSVIN_MAX_FIELD);
    expect_fault("a\n", "x", CSVIN_MAX_FIELD + 1, msg, 2, 1);
    /* a quoted one, caught while it is read: the closing quote is likely missing */
    snprintf(msg, sizeof msg,
             "t.csv:2:3: field is longer than %d bytes (is its closing quote "
             "missing?)",
             CSVIN_MAX_FIELD);
    expect_fault("a,b\n1,\"", "y,\n", CSVIN_MAX_FIELD, msg, 2, 3);

    /* CSVIN_MAX_COLUMNS names are allowed; one more is refused: the names c0000, c0001, ...
     * take 6 columns each with their comma, so name 1025 starts at column 1024 * 6 + 1 */
    text = malloc(CSVIN_MAX_COLUMNS * 8 + 16);
    assert_non_null(text);
    len = 0;
    for (size_t i = 0; i < CSVIN_MAX_COLUMNS; i++)
        len += (size_t)sprintf(text + len, "%sc%04zu", i ? "," : "", i);
    parse_ok(text, len, &t);
    assert_int_equal(t.n_columns, CSVIN_MAX_COLUMNS);
    csvin_free(&t);
    len += (size_t)sprintf(text + len, ",c%04d", CSVIN_MAX_COLUMNS);
    snprintf(msg, sizeof msg, "t.csv:1:%d: the header has more than %d columns",
             CSVIN_MAX_COLUMNS * 6 + 1, CSVIN_MAX_COLUMNS);
    fault_case wide = {text, len, msg, 1, CSVIN_MAX_COLUMNS * 6 + 1};
    check_faults(&wide, 1);
    free(text);

    /* CSVIN_MAX_ROWS data rows are allowed; the next one is refused on its line */
    text = repeat("a\n", "1\n", CSVIN_MAX_ROWS, "", &len);
    parse_ok(text, len, &t);
    assert_int_equal(t.n_rows, CSVIN_MAX_ROWS);
    assert_int_equal(t.row_line[CSVIN_MAX_ROWS - 1], CSVIN_MAX_ROWS + 1);
    csvin_free(&t);
    free(text);
    snprintf(msg, sizeof msg, "t.csv:%d:1: more than %d data rows", CSVIN_MAX_ROWS + 2,
             CSVIN_MAX_ROWS);
    expect_fault("a\n", "1\n", CSVIN_MAX_ROWS + 1, msg, CSVIN_MAX_ROWS + 2, 1);

    /* CSVIN_MAX_CELLS: with 5 columns the cell after 800,000 rows is one too many; it is the
     * first cell of data row 800,001, line 800,002 */
    snprintf(msg, sizeof msg, "t.csv:%d:1: more than %d data cells", CSVIN_MAX_CELLS / 5 + 2,
             CSVIN_MAX_CELLS);
    expect_fault("a,b,c,d,e\n", "1,2,3,4,5\n", CSVIN_MAX_CELLS / 5 + 1, msg,
                 CSVIN_MAX_CELLS / 5 + 2, 1);
}

/* ---- what reads the same ---- */

static void line_endings_read_the_same(void **state)
{
    (void)state;
    /* LF, CRLF, a lone CR, each with and without the last line end; the quoted line break
     * is written with the file's own line end and reads as LF in all of them */
    static const struct {
        const char *text;
        size_t len;
    } files[] = {
        {TEXT("name,note,cost\nbasic,\"two\nlines\",5\npro,\"a, b\",10\n")},
        {TEXT("name,note,cost\nbasic,\"two\nlines\",5\npro,\"a, b\",10")},
        {TEXT("name,note,cost\r\nbasic,\"two\r\nlines\",5\r\npro,\"a, b\",10\r\n")},
        {TEXT("name,note,cost\r\nbasic,\"two\r\nlines\",5\r\npro,\"a, b\",10")},
        {TEXT("\xEF\xBB\xBFname,note,cost\r\nbasic,\"two\r\nlines\",5\r\npro,\"a, b\",10\r\n")},
        {TEXT("\xEF\xBB\xBFname,note,cost\nbasic,\"two\nlines\",5\npro,\"a, b\",10")},
    };
    csvin_table first;
    parse_ok(files[0].text, files[0].len, &first);
    assert_int_equal(first.n_columns, 3);
    assert_int_equal(first.n_rows, 2);
    assert_int_equal(first.header_line, 1);
    assert_string_equal(first.header[0], "name");
    assert_string_equal(first.header[2], "cost");
    assert_string_equal(first.cells[1], "two\nlines");
    assert_string_equal(first.cells[4], "a, b");
    assert_int_equal(first.row_line[0], 2);
    assert_int_equal(first.row_line[1], 4);
    /* "5" follows the quoted line break: line 3, `lines",5`, column 8 */
    assert_int_equal(first.cell_line[2], 3);
    assert_int_equal(first.cell_column[2], 8);
    for (size_t i = 1; i < sizeof files / sizeof files[0]; i++) {
        csvin_table t;
        parse_ok(files[i].text, files[i].len, &t);
        assert_same_table(&first, &t);
        csvin_free(&t);
    }
    csvin_free(&first);
}

static void quoting(void **state)
{
    (void)state;
    csvin_table t;
    /* commas, doubled quotes, line breaks and empty quoted fields inside quotes */
    parse_ok(TEXT("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n\"one\ntwo\",\"\"\"\",\",\"\n"), &t);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.cells[0], "x, y");
    assert_string_equal(t.cells[1], "say \"hi\"");
    assert_string_equal(t.cells[2], "");
    assert_string_equal(t.cells[3], "one\ntwo");
    assert_string_equal(t.cells[4], "\"");
    assert_string_equal(t.cells[5], ",");
    /* the second row's cells: "one (line 3, column 1); the rest on line 4 `two","""",","` */
    assert_int_equal(t.cell_line[3], 3);
    assert_int_equal(t.cell_column[3], 1);
    assert_int_equal(t.cell_line[4], 4);
    assert_int_equal(t.cell_column[4], 6);
    assert_int_equal(t.cell_line[5], 4);
    assert_int_equal(t.cell_column[5], 11);
    csvin_free(&t);

    /* spaces are kept; empty unquoted fields are empty strings; a trailing comma is one */
    parse_ok(TEXT("a,b,c\n 1 ,\t2, \n,,\n"), &t);
    assert_int_equal(t.n_rows, 2);
    assert_string_equal(t.cells[0], " 1 ");
    assert_string_equal(t.cells[1], "\t2");
    assert_string_equal(t.cells[2], " ");
    for (size_t i = 3; i < 6; i++)
        assert_string_equal(t.cells[i], "");
    assert_int_equal(t.cell_column[4], 2);
    csvin_free(&t);

    /* a header alone: no rows; blank lines before it move it down */
    parse_ok(TEXT("\n\nmonth,users\n\n"), &t);
    assert_int_equal(t.n_rows, 0);
    assert_int_equal(t.n_columns, 2);
    assert_int_equal(t.header_line, 3);
    csvin_free(&t);

    /* UTF-8 text is kept as it is, and counted in characters */
    parse_ok(TEXT("plan,\xE2\x82\xAC\n\xC3\xA9t\xC3\xA9,5\n"), &t);
    assert_string_equal(t.header[1], "\xE2\x82\xAC");
    assert_string_equal(t.cells[0], "\xC3\xA9t\xC3\xA9");
    assert_int_equal(t.cell_column[1], 5);
    csvin_free(&t);

    /* without a NUL at the end: only len bytes are read */
    parse_ok("a,b\n1,2\nGARBAGE", 7, &t);
    assert_int_equal(t.n_rows, 1);
    assert_string_equal(t.cells[1], "2");
    csvin_free(&t);

    /* freeing twice, and an empty table */
    csvin_free(&t);
    csvin_free(NULL);
}

/* ---- numbers ---- */

typedef struct {
    const char *text;
    double want;
} number_case;

static void numbers_accepted(void **state)
{
    (void)state;
    static const number_case cases[] = {
        {"0", 0},
        {"5", 5},
        {"-5", -5},
        {"5.", 5},
        {".5", 0.5},
        {"-.5", -0.5},
        {"0.1", 0.1},
        {"1234.50", 1234.5},
        {"007", 7},
        {"00.250", 0.25},
        {"1e3", 1000},
        {"1E3", 1000},
        {"1.5e+2", 150},
        {"2e-3", 0.002},
        {"-2.5E-1", -0.25},
        {"1e0", 1},
        {"0e999999999999999", 0},
        {"123456789012345678901234567890", 123456789012345678901234567890.0},
        {"9007199254740993", 9007199254740992.0}, /* 2^53 + 1: ties to even */
        {"1.7976931348623157e308", DBL_MAX},
        {"4.9406564584124654e-324", 4.9406564584124654e-324},
        {"2.2250738585072014e-308", DBL_MIN},
        {"1e-400", 0}, /* too small for a double: 0 */
        {"0.000000000000000000000000000001", 1e-30},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -12345;
        if (!csvin_number(cases[i].text, &v) || v != cases[i].want) {
            print_error("\"%s\": expected %.17g, got %.17g\n", cases[i].text, cases[i].want, v);
            fail();
        }
    }
    /* "-0" is 0, without its sign */
    double z = 1;
    assert_true(csvin_number("-0", &z));
    assert_true(z == 0 && !signbit(z));
    assert_true(csvin_number("-0.000e5", &z));
    assert_true(z == 0 && !signbit(z));
}

static void numbers_rejected(void **state)
{
    (void)state;
    static const char *const cases[] = {
        /* the list */
        "1,234.50",
        "$5",
        "12%",
        "(12.50)",
        "nan",
        "inf",
        "0x1A",
        /* more of the same kinds */
        "NaN",
        "-nan",
        "INF",
        "-inf",
        "Infinity",
        "0X1p3",
        "0x10",
        "1.5%",
        "5$",
        "-$5",
        "\342\202\2545", /* "€5": octal escapes stop at three digits */
        "(12)",
        "1 234",
        "1_000",
        "1'000",
        "1.234,50",
        "12,5",
        /* signs, spaces, empty */
        "",
        "-",
        "+",
        "+5",
        "--5",
        "-+5",
        "5-",
        " 5",
        "5 ",
        "\t5",
        "5\n",
        "- 5",
        /* points and exponents */
        ".",
        "-.",
        "1.2.3",
        "1..2",
        "e5",
        "1e",
        "1e+",
        "1e-",
        "1e5.5",
        "1e5e5",
        "1ee5",
        ".e5",
        "1.5e 3",
        /* other words */
        "12abc",
        "abc",
        "0b101",
        "1d3",
        "1f",
        "true",
        /* overflow */
        "1e999",
        "-1e999",
        "1e309",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = 42;
        if (csvin_number(cases[i], &v) || v != 42) {
            print_error("\"%s\" was accepted as %.17g\n", cases[i], v);
            fail();
        }
    }
    double v = 42;
    assert_false(csvin_number(NULL, &v));
}

/* Long numbers round as strtod rounds them (the C locale, a point). */
static void numbers_long(void **state)
{
    (void)state;
    /* 0.1000...0001 with 2000 digits, and 1 followed by 900 zeros then a 1 times 10^-901 */
    char text[4000], *s = text;
    s += sprintf(s, "0.1");
    for (int i = 0; i < 2000; i++)
        *s++ = '0';
    sprintf(s, "1");
    double v;
    assert_true(csvin_number(text, &v));
    assert_true(v == strtod(text, NULL));
    /* a halfway case between two doubles, decided by a digit past the 780th:
     * 2^53 + 1 = 9007199254740993 is halfway; "9007199254740993" then 800 zeros then 1
     * times 10^-801 is just above it and must round up */
    s = text;
    s += sprintf(s, "9007199254740993.");
    for (int i = 0; i < 800; i++)
        *s++ = '0';
    sprintf(s, "1");
    assert_true(csvin_number(text, &v));
    assert_true(v == 9007199254740994.0);
    assert_true(v == strtod(text, NULL));
}

/* Random plain decimals, short and long, read as strtod reads them (this test runs in the
 * C locale): the exact path for up to 15 digits and small exponents, strtod otherwise. */
static void numbers_match_strtod(void **state)
{
    (void)state;
    unsigned long long seed = 88172645463325252ull; /* xorshift64 */
    char text[128];
    for (int i = 0; i < 200000; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        unsigned long long bits = seed;
        char *s = text;
        if (bits & 1)
            *s++ = '-';
        int n_int = (int)((bits >> 1) % 12), n_frac = (int)((bits >> 5) % 12);
        if (n_int + n_frac == 0)
            n_int = 1;
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        unsigned long long digits = seed;
        for (int k = 0; k < n_int; k++, digits /= 10)
            *s++ = (char)('0' + digits % 10);
        if (n_frac || (bits >> 9) % 4 == 0)
            *s++ = '.';
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        digits = seed;
        for (int k = 0; k < n_frac; k++, digits /= 10)
            *s++ = (char)('0' + digits % 10);
        if ((bits >> 11) % 2)
            s += sprintf(s, "e%d", (int)((bits >> 12) % 700) - 350);
        *s = '\0';
        double want = strtod(text, NULL), got = 42;
        bool ok = csvin_number(text, &got);
        if (!isfinite(want)) {
            if (ok) {
                print_error("\"%s\" overflows, but was read as %.17g\n", text, got);
                fail();
            }
            continue;
        }
        if (want == 0)
            want = 0; /* no negative zero */
        if (!ok || got != want || signbit(got) != signbit(want)) {
            print_error("\"%s\": expected %.17g, got %s %.17g\n", text, want, ok ? "" : "failure",
                        got);
            fail();
        }
    }
}

static void numbers_ignore_the_locale(void **state)
{
    (void)state;
    if (!set_decimal_comma_locale()) {
        skip();
        return;
    }
    double v = 0;
    bool ok = csvin_number("1234.5", &v);
    bool comma = csvin_number("1234,5", &v);
    setlocale(LC_NUMERIC, "C");
    assert_true(ok);
    assert_false(comma);
    assert_true(v == 1234.5);
}

/* ---- messages ---- */

static void excerpts(void **state)
{
    (void)state;
    char buf[CSVIN_EXCERPT_MAX];
    csvin_excerpt("1,234.50", buf, sizeof buf);
    assert_string_equal(buf, "1,234.50");
    csvin_excerpt("a\nb\tc\r\x01", buf, sizeof buf);
    assert_string_equal(buf, "a\\nb\\tc\\r\\x01");
    csvin_excerpt("0123456789012345678901234567890123456789TAIL", buf, sizeof buf);
    assert_string_equal(buf, "0123456789012345678901234567890123456789...");
    /* not cut inside a character: the 40th byte starts "é", which is kept whole */
    csvin_excerpt("012345678901234567890123456789012345678\xC3\xA9xyz", buf, sizeof buf);
    assert_string_equal(buf, "012345678901234567890123456789012345678\xC3\xA9...");
    /* the worst case fits */
    char controls[100];
    memset(controls, 1, sizeof controls - 1);
    controls[sizeof controls - 1] = '\0';
    csvin_excerpt(controls, buf, sizeof buf);
    assert_int_equal(strlen(buf), 40 * 4 + 3);
    /* a small buffer is never overrun */
    csvin_excerpt("abcdef", buf, 4);
    assert_string_equal(buf, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quotes),
        cmocka_unit_test(field_counts),
        cmocka_unit_test(headers_and_bytes),
        cmocka_unit_test(limits),
        cmocka_unit_test(line_endings_read_the_same),
        cmocka_unit_test(quoting),
        cmocka_unit_test(numbers_accepted),
        cmocka_unit_test(numbers_rejected),
        cmocka_unit_test(numbers_long),
        cmocka_unit_test(numbers_match_strtod),
        cmocka_unit_test(numbers_ignore_the_locale),
        cmocka_unit_test(excerpts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
