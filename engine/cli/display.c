/*
 * display: text from a model as it reaches a terminal.
 *
 * Everything reckon writes to standard output or standard error that a model can put words
 * in (its print output, its error message, findings, warnings, names in the summary, paths
 * of files a walk found) goes through here, always, whether or not the stream is a
 * terminal: so a log file holds what the screen showed, and tests see what users see.  A
 * byte is shown as it is when it is part of a printable UTF-8 character, a newline or a
 * tab; every other byte is written as \xNN:
 *
 *   - the C0 controls (ESC, CR, backspace, bell, ...) and DEL;
 *   - the C1 controls U+0080..U+009F (CSI is U+009B), each byte of their encoding;
 *   - the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 *     U+2066..U+2069), which reorder what a line shows;
 *   - every byte that is not part of well-formed UTF-8 (a lone 0x9B is CSI to a
 *     terminal that reads Latin-1).
 *
 * A backslash is left as it is: the escaping makes text harmless, not reversible.  The CSV
 * files are not changed: they keep the model's text byte for byte, quoted.
 */
#define _GNU_SOURCE /* fopencookie */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The length of the character at p[0..n) when it is shown as it is (1 to 4); 0 when its
 * first byte is to be escaped; -1 when p starts a character that the end of n cuts. */
static int plain_length(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return (c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t' ? 1 : 0;
    int len = c >= 0xC2 && c <= 0xDF   ? 2
              : c >= 0xE0 && c <= 0xEF ? 3
              : c >= 0xF0 && c <= 0xF4 ? 4
                                       : 0;
    if (len == 0)
        return 0;
    uint32_t cp = c & (0x3Fu >> (len - 1));
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000}; /* no overlong form */
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0xA0 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return 0;
    return len;
}

/* Writes text[0..len) to `to`, shown; returns the bytes taken: all of them, but a character
 * cut by the end of the text when more is true (the rest of it is still to come). */
static size_t show_some(FILE *to, const char *text, size_t len, bool more)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, plain = 0; /* p[plain..i) is shown as it is, not written yet */
    while (i < len) {
        int n = plain_length(p + i, len - i);
        if (n < 0 && more)
            break;
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        fwrite(p + plain, 1, i - plain, to);
        fprintf(to, "\\x%02x", p[i]);
        plain = ++i;
    }
    fwrite(p + plain, 1, i - plain, to);
    return i;
}

void cli_show_line(FILE *to, const char *text)
{
    show_some(to, text, strlen(text), false);
    fputc('\n', to);
}

void cli_show_error(const char *who, const char *text)
{
    fprintf(stderr, "%s: ", who);
    cli_show_line(stderr, text);
}

bool cli_show_copy(FILE *from, size_t len, FILE *to)
{
    char buf[65536];
    size_t kept = 0; /* buf[0..kept): read, not yet written (a cut character) */
    while (len > 0) {
        size_t want = len < sizeof buf - kept ? len : sizeof buf - kept;
        if (fread(buf + kept, 1, want, from) != want)
            return false;
        len -= want;
        kept += want;
        size_t took = to ? show_some(to, buf, kept, len > 0) : kept;
        memmove(buf, buf + took, kept - took);
        kept -= took;
    }
    return true;
}

/* ---- a stream that shows what is written to it ----------------------------------------- */

typedef struct shown {
    FILE *to;     /* where the shown text goes */
    char held[4]; /* the start of a character cut between two writes */
    size_t n_held;
} shown;

/* Takes the held bytes and as much of bytes as completes their character; returns how many
 * of bytes it took. */
static size_t finish_held(shown *s, const char *bytes, size_t n)
{
    char joined[8];
    size_t k = n < 3 ? n : 3, total = s->n_held + k;
    memcpy(joined, s->held, s->n_held);
    memcpy(joined + s->n_held, bytes, k);
    size_t took = show_some(s->to, joined, total, true);
    if (took < s->n_held) { /* still cut: then n < 3, and all of bytes is held with it */
        memmove(s->held, joined + took, total - took);
        s->n_held = total - took;
        return n;
    }
    s->n_held = 0;
    return took - (total - k);
}

static ssize_t shown_write(void *cookie, const char *bytes, size_t n)
{
    shown *s = cookie;
    size_t used = s->n_held ? finish_held(s, bytes, n) : 0;
    if (used < n) {
        size_t took = show_some(s->to, bytes + used, n - used, true);
        s->n_held = n - used - took; /* fewer than 4: the start of one character */
        memcpy(s->held, bytes + used + took, s->n_held);
    }
    return (ssize_t)n;
}

static int shown_close(void *cookie)
{
    shown *s = cookie;
    show_some(s->to, s->held, s->n_held, false);
    int status = fflush(s->to);
    free(s);
    return status;
}

FILE *cli_show_stream(FILE *to)
{
    shown *s = calloc(1, sizeof *s);
    FILE *f =
        s ? fopencookie(s, "w", (cookie_io_functions_t){.write = shown_write, .close = shown_close})
          : NULL;
    if (!f) {
        free(s);
        return NULL;
    }
    s->to = to;
    setvbuf(f, NULL, _IONBF, 0); /* each write reaches `to` at once, in order with others */
    return f;
}

/* ---- one string ---------------------------------------------------------------------- */

char *cli_display(const char *text, size_t max)
{
    size_t len = strlen(text);
    if (len > (SIZE_MAX - 8) / 4)
        return NULL;
    char *d = malloc(4 * len + 8);
    if (!d)
        return NULL;
    const unsigned char *p = (const unsigned char *)text;
    size_t n = 0, columns = 0;
    for (size_t i = 0; i < len;) {
        if (max && columns >= max) {
            memcpy(d + n, "\xe2\x80\xa6", 3); /* ... */
            n += 3;
            break;
        }
        int k = plain_length(p + i, len - i);
        if (k > 0) {
            memcpy(d + n, p + i, (size_t)k);
            n += (size_t)k, i += (size_t)k, columns++;
        } else {
            n += (size_t)snprintf(d + n, 5, "\\x%02x", p[i]);
            i++, columns += 4;
        }
    }
    d[n] = '\0';
    return d;
}
