/* findings: plain-words lines for a person, and the numbers they are written with. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "budget.h"
#include "findings.h"

bool findings_add(findings *f, const char *fmt, ...)
{
    if (!budget_grow_from((void **)&f->lines, f->n, &f->cap, sizeof *f->lines, 16))
        return false;
    va_list ap;
    va_start(ap, fmt);
    char *line = budget_vformat(budget_malloc, fmt, ap);
    va_end(ap);
    if (!line)
        return false;
    f->lines[f->n++] = line;
    return true;
}

void findings_free(findings *f)
{
    for (size_t i = 0; i < f->n; i++)
        budget_free(f->lines[i]);
    budget_free(f->lines);
    memset(f, 0, sizeof *f);
}

const char *findings_people(double x, char *buf)
{
    numfmt_grouped(x, 0, buf);
    return buf;
}

const char *findings_dollars(double x, char *buf)
{
    enum { MAX = FINDINGS_NUMBER_MAX };
    char whole[MAX];
    findings_people(floor(x), whole);
    double cents = numfmt_round(x - floor(x), 2);
    if (cents > 0 && cents < 1)
        snprintf(buf, MAX, "$%.*s.%02d", MAX - 8, whole, (int)lround(cents * 100));
    else
        snprintf(buf, MAX, "$%.*s", MAX - 8, findings_people(numfmt_round(x, 0), whole));
    return buf;
}
