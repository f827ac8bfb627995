/* findings: plain-words lines for a person, and the numbers they are written with. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
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

bool findings_line_add(findings_line *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *part = l->failed ? NULL : budget_vformat(budget_malloc, fmt, ap);
    va_end(ap);
    size_t n = part ? strlen(part) : 0;
    size_t need = l->len + n + 1;
    if (part && need > l->cap) {
        size_t cap = l->cap ? l->cap : 256;
        while (cap < need && cap <= SIZE_MAX / 2)
            cap *= 2;
        char *grown = cap >= need ? budget_realloc(l->text, cap) : NULL;
        if (grown)
            l->text = grown, l->cap = cap;
        else
            budget_free(part), part = NULL;
    }
    if (!part)
        return !(l->failed = true);
    memcpy(l->text + l->len, part, n + 1);
    l->len += n;
    budget_free(part);
    return true;
}

bool findings_add_line(findings *f, findings_line *l)
{
    bool ok = !l->failed && l->text && findings_add(f, "%s", l->text);
    findings_line_free(l);
    return ok;
}

void findings_line_free(findings_line *l)
{
    budget_free(l->text);
    *l = (findings_line){0};
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
