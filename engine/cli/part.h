/*
 * part: a worker's results for one model, in one file of sections, each a fixed-width
 * header "NAME LENGTH\n" then LENGTH bytes.  One file a model keeps a batch of small models
 * cheap on slow file systems.  The sections, each at most once:
 *
 *   items.csv, totals.csv, ...  CSV rows of that final file (named by tables.h's registry)
 *   PART_SUMMARY                the summary's rows (summary_save)
 *   PART_FINDINGS               the findings in words
 *   PART_MESSAGES               what the model printed and reckon's warnings (capped)
 *   PART_FAILURE                the model's failure message (capped), when it failed
 *   PART_KIND                   that failure's kind in errors.csv: PART_KIND_LIMIT or
 *                               PART_KIND_ERROR (the worker knows it; no message is parsed)
 *
 * A worker of reckon check writes PART_MESSAGES, PART_FAILURE (as run's), PART_STDOUT (what
 * check prints of the model) and PART_WARNINGS (how many self-check warnings, in decimal).
 */
#ifndef RECKON_PART_H
#define RECKON_PART_H

#include <stdbool.h>
#include <stdio.h>

#define PART_SUMMARY "summary"
#define PART_FINDINGS "findings"
#define PART_MESSAGES "messages"
#define PART_FAILURE "failure"
#define PART_KIND "kind"
#define PART_STDOUT "stdout"
#define PART_WARNINGS "warnings"
#define PART_KIND_LIMIT "limit" /* a limit of the sandbox's or of the run's (--max-...) */
#define PART_KIND_ERROR "error" /* anything else the model did wrong */

/* Starts a section whose length is not known yet; *at remembers where to write it. */
bool part_begin(FILE *f, const char *name, long *at);
/* Ends the section begun at `at`: its length is what was written since (f must be open
 * for reading too: the header is read back). */
bool part_end(FILE *f, long at);
/* A whole section at once. */
bool part_write(FILE *f, const char *name, const void *bytes, size_t len);

/* Reads the next header into name (size bytes) and *len: 1; 0 at the end of a whole part;
 * -1 on a header that is cut short or garbled (a worker that died while writing). */
int part_next(FILE *f, char *name, size_t size, size_t *len);

/* A stream that keeps at most `max` bytes, in memory, and drops the rest: a model that
 * prints 100 MB cannot fill the work folder. */
typedef struct part_capture {
    FILE *f;    /* write here (never fails: what is past the cap is dropped) */
    char *buf;  /* max + 1 bytes: the byte past max tells a cut */
    size_t len; /* kept so far */
    size_t max; /* the most kept */
} part_capture;

bool part_capture_open(part_capture *c, size_t max);
/* Adds what was kept as the section `name` (none when empty), with a note saying where it
 * was cut when it was; closes c. */
bool part_capture_write(part_capture *c, FILE *part, const char *name);
void part_capture_close(part_capture *c);

/* A stream kept in memory, like open_memstream, but in blocks of the core's allocator
 * (budget.h): while a model runs, what is written to it is charged to the model's memory
 * limit, and a write past it fails (the stream's error flag).  Opened with a spill path,
 * what is written past its first PART_SPILL_AT bytes goes to a file made there (and
 * unlinked at once) instead: the rows of a long sweep, bounded by --max-csv, not by memory. */
typedef struct part_buffer {
    FILE *f;                /* write here */
    char *buf;              /* what was written, a budget block (NULL: nothing yet) */
    size_t len;             /* bytes in buf */
    size_t cap;             /* bytes allocated */
    const char *spill_path; /* NULL: everything in memory */
    FILE *spill;            /* what followed buf, once it was full */
    size_t spilled;         /* bytes in spill */
} part_buffer;

enum { PART_SPILL_AT = 1 << 20 };

bool part_buffer_open(part_buffer *b);
/* spill_path must outlive b; the file is made only when it is needed. */
bool part_buffer_open_spilling(part_buffer *b, const char *spill_path);
/* Adds what was written as the section `name` (none when empty); closes and frees b.
 * False when a write to b failed, or the section could not be written. */
bool part_buffer_write(part_buffer *b, FILE *part, const char *name);
void part_buffer_close(part_buffer *b);

/* A whole section of text cut to at most max bytes, a note saying so when it was. */
bool part_write_capped(FILE *f, const char *name, const char *text, size_t len, size_t max);

#endif
