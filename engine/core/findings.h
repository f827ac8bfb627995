/*
 * findings: plain-words findings, one line each, for a person: what an analysis or a Monte
 * Carlo run found ("Cheapest from 1,000 users: VPS up to 12,000 users, then AWS ECS ..."),
 * and the numbers they are written with.
 *
 *     findings f = {0};
 *     char n[FINDINGS_NUMBER_MAX];
 *     findings_add(&f, "covers its cost from %s users.", findings_people(12345, n));
 *     findings_free(&f);
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_FINDINGS_H
#define RECKON_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "numfmt.h"

typedef struct findings {
    char **lines; /* n lines, each its own allocation */
    size_t n, cap;
} findings;

/* Appends a line printed from fmt; false out of memory. */
bool findings_add(findings *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void findings_free(findings *f);

/* A line written in parts, of any length (a sentence over many crossings or budgets is
 * never cut), then added whole with findings_add_line. */
typedef struct findings_line {
    char *text; /* NUL-terminated; NULL before the first part */
    size_t len, cap;
    bool failed; /* a part found no memory: the line is not whole */
} findings_line;

/* Appends a part printed from fmt; false (and the line failed) when out of memory. */
bool findings_line_add(findings_line *l, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Adds the line to f (it is emptied either way); false when out of memory now or before. */
bool findings_add_line(findings *f, findings_line *l);
void findings_line_free(findings_line *l);

/* Room for any number written for a person: every digit of a double, commas, sign, '$'. */
#define FINDINGS_NUMBER_MAX NUMFMT_GROUPED_MAX

/* "12,345": x rounded to a whole number with thousands separators; buf holds
 * FINDINGS_NUMBER_MAX bytes, and is returned. */
const char *findings_people(double x, char *buf);
/* "$1,000", or "$1,000.50" when there are cents; buf holds FINDINGS_NUMBER_MAX bytes. */
const char *findings_dollars(double x, char *buf);

#endif
