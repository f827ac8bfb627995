/* part: a worker's results in one file of sections. */
#define _GNU_SOURCE /* fopencookie */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budget.h"
#include "part.h"

enum { NAME_WIDTH = 31, LENGTH_WIDTH = 20, HEADER = NAME_WIDTH + 1 + LENGTH_WIDTH + 1 };

static bool header(FILE *f, const char *name, size_t len)
{
    return fprintf(f, "%-*.*s %*zu\n", NAME_WIDTH, NAME_WIDTH, name, LENGTH_WIDTH, len) == HEADER;
}

bool part_begin(FILE *f, const char *name, long *at)
{
    *at = ftell(f);
    return *at >= 0 && header(f, name, 0);
}

bool part_end(FILE *f, long at)
{
    long end = ftell(f);
    if (end < at + HEADER)
        return false;
    char name[NAME_WIDTH + 1];
    if (fseek(f, at, SEEK_SET) != 0 || fread(name, 1, NAME_WIDTH, f) != NAME_WIDTH)
        return false;
    name[NAME_WIDTH] = '\0';
    for (int i = NAME_WIDTH - 1; i >= 0 && name[i] == ' '; i--)
        name[i] = '\0';
    return fseek(f, at, SEEK_SET) == 0 && header(f, name, (size_t)(end - at - HEADER)) &&
           fseek(f, end, SEEK_SET) == 0;
}

bool part_write(FILE *f, const char *name, const void *bytes, size_t len)
{
    return header(f, name, len) && (len == 0 || fwrite(bytes, 1, len, f) == len);
}

int part_next(FILE *f, char *name, size_t size, size_t *len)
{
    char line[HEADER + 1];
    size_t got = fread(line, 1, HEADER, f);
    if (got == 0 && feof(f) && !ferror(f))
        return 0; /* the end of a whole part */
    if (got != HEADER || line[HEADER - 1] != '\n')
        return -1;
    line[HEADER - 1] = '\0';
    size_t n = NAME_WIDTH;
    while (n > 0 && line[n - 1] == ' ')
        n--;
    if (n == 0 || n >= size)
        return -1;
    memcpy(name, line, n);
    name[n] = '\0';
    char *end;
    unsigned long long v = strtoull(line + NAME_WIDTH + 1, &end, 10);
    *len = (size_t)v;
    return end != line + NAME_WIDTH + 1 ? 1 : -1;
}

/* Past PART_SPILL_AT, writes go to the spill file, made at the first. */
static ssize_t spill_write(part_buffer *b, const char *bytes, size_t n)
{
    if (!b->spill) {
        b->spill = fopen(b->spill_path, "w+b");
        if (!b->spill)
            return -1;
        unlink(b->spill_path); /* it goes with the stream, whatever becomes of the worker */
    }
    if (fwrite(bytes, 1, n, b->spill) != n)
        return -1;
    b->spilled += n;
    return (ssize_t)n;
}

/* The capture's writes: the first max + 1 bytes are kept, the rest counted as written and
 * dropped, so that the stream never fails however much is printed into it. */
static ssize_t capture_write(void *cookie, const char *bytes, size_t n)
{
    part_capture *c = cookie;
    size_t room = c->max + 1 - c->len;
    size_t take = n < room ? n : room;
    memcpy(c->buf + c->len, bytes, take);
    c->len += take;
    return (ssize_t)n;
}

bool part_capture_open(part_capture *c, size_t max)
{
    c->max = max;
    c->len = 0;
    c->buf = malloc(max + 1);
    c->f = c->buf ? fopencookie(c, "w", (cookie_io_functions_t){.write = capture_write}) : NULL;
    if (!c->f) {
        free(c->buf);
        c->buf = NULL;
        return false;
    }
    return true;
}

bool part_write_capped(FILE *f, const char *name, const char *text, size_t len, size_t max)
{
    if (len <= max)
        return len == 0 || part_write(f, name, text, len);
    char note[96];
    int n = snprintf(note, sizeof note, "\n[reckon: cut here: only the first %zu bytes are kept]\n",
                     max);
    long at;
    return part_begin(f, name, &at) && fwrite(text, 1, max, f) == max &&
           fwrite(note, 1, (size_t)n, f) == (size_t)n && part_end(f, at);
}

bool part_capture_write(part_capture *c, FILE *part, const char *name)
{
    if (!c->f)
        return false;
    fclose(c->f); /* max + 1 bytes at most: a byte more than is kept tells a cut */
    c->f = NULL;
    bool ok = part_write_capped(part, name, c->buf, c->len, c->max);
    free(c->buf);
    c->buf = NULL;
    return ok;
}

void part_capture_close(part_capture *c)
{
    if (c->f)
        fclose(c->f);
    free(c->buf);
    c->f = NULL, c->buf = NULL;
}

/* The buffer's writes: all of them, in a block grown by doubling, or none (-1: the stream
 * fails) when the budget refuses the room. */
static ssize_t buffer_write(void *cookie, const char *bytes, size_t n)
{
    part_buffer *b = cookie;
    if (b->spill_path && (b->spill || n > PART_SPILL_AT - b->len))
        return spill_write(b, bytes, n);
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n && cap <= SIZE_MAX / 2)
            cap *= 2;
        char *grown = cap - b->len >= n ? budget_realloc(b->buf, cap) : NULL;
        if (!grown)
            return -1;
        b->buf = grown, b->cap = cap;
    }
    memcpy(b->buf + b->len, bytes, n);
    b->len += n;
    return (ssize_t)n;
}

bool part_buffer_open(part_buffer *b)
{
    *b = (part_buffer){0};
    b->f = fopencookie(b, "w", (cookie_io_functions_t){.write = buffer_write});
    return b->f != NULL;
}

bool part_buffer_open_spilling(part_buffer *b, const char *spill_path)
{
    bool ok = part_buffer_open(b);
    b->spill_path = spill_path;
    return ok;
}

/* Appends the spill file's bytes to f. */
static bool copy_spill(FILE *spill, size_t len, FILE *f)
{
    char chunk[65536];
    if (fflush(spill) != 0 || fseek(spill, 0, SEEK_SET) != 0)
        return false;
    for (size_t left = len; left > 0;) {
        size_t want = left < sizeof chunk ? left : sizeof chunk;
        if (fread(chunk, 1, want, spill) != want || fwrite(chunk, 1, want, f) != want)
            return false;
        left -= want;
    }
    return true;
}

/* The section: the header, what is in memory, then what was spilled. */
static bool write_whole(part_buffer *b, FILE *part, const char *name)
{
    size_t len = b->len + b->spilled;
    return len == 0 ||
           (header(part, name, len) && (b->len == 0 || fwrite(b->buf, 1, b->len, part) == b->len) &&
            (!b->spill || copy_spill(b->spill, b->spilled, part)));
}

bool part_buffer_write(part_buffer *b, FILE *part, const char *name)
{
    bool ok = b->f && !ferror(b->f);
    if (b->f)
        ok = fclose(b->f) == 0 && ok;
    b->f = NULL;
    ok = ok && write_whole(b, part, name);
    part_buffer_close(b);
    return ok;
}

void part_buffer_close(part_buffer *b)
{
    if (b->f)
        fclose(b->f);
    if (b->spill)
        fclose(b->spill);
    budget_free(b->buf);
    *b = (part_buffer){0};
}
