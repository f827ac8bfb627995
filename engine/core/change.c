/* change: an optimisation or a migration, and the monthly saving it makes on an option. */
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "change.h"

change *change_new(const char *name, const char *origin, const char *note, range one_off)
{
    change *c = budget_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = budget_strdup(name);
    c->origin = budget_strdup(origin ? origin : "");
    c->note = budget_strdup(note ? note : "");
    c->one_off = one_off;
    if (!c->name || !c->origin || !c->note) {
        change_free(c);
        return NULL;
    }
    return c;
}

static void free_strings(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        budget_free(list[i]);
    budget_free(list);
}

void change_free(change *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_scales; i++)
        budget_free(c->scales[i].target);
    budget_free(c->scales);
    free_strings(c->removes, c->n_removes);
    free_strings(c->only, c->n_only);
    option_free(c->adds);
    cost_release(c->one_off_fn);
    budget_free(c->name);
    budget_free(c->origin);
    budget_free(c->note);
    budget_free(c);
}

/* Appends a copy of s to the list; false when out of memory. */
static bool push_string(char ***list, size_t *n, const char *s)
{
    char **p = budget_realloc(*list, (*n + 1) * sizeof *p);
    if (!p)
        return false;
    *list = p;
    if (!(p[*n] = budget_strdup(s)))
        return false;
    (*n)++;
    return true;
}

bool change_add_scale(change *c, const char *target, range factor, cost_error *err)
{
    if (!range_is_finite(&factor) || factor.lo < 0)
        return cost_fail(err, "change \"%s\": the factor for %s must be a number >= 0", c->name,
                         target);
    if (factor.lo < 1 && factor.hi > 1)
        return cost_fail(err, "change \"%s\": the factor for %s spans 1 (%.10g to %.10g); say "
                              "whether the change saves (below 1) or costs more (above 1)",
                         c->name, target, factor.lo, factor.hi);
    change_scale *p = budget_realloc(c->scales, (c->n_scales + 1) * sizeof *p);
    if (!p)
        return cost_fail(err, "out of memory");
    c->scales = p;
    char *copy = budget_strdup(target);
    if (!copy)
        return cost_fail(err, "out of memory");
    c->scales[c->n_scales++] = (change_scale){copy, factor};
    return true;
}

bool change_add_remove(change *c, const char *target)
{
    return push_string(&c->removes, &c->n_removes, target);
}

bool change_add_only(change *c, const char *option_name)
{
    return push_string(&c->only, &c->n_only, option_name);
}

bool change_applies(const change *c, const option *opt)
{
    if (c->n_only == 0)
        return true;
    for (size_t i = 0; i < c->n_only; i++)
        if (strcmp(c->only[i], opt->name) == 0)
            return true;
    return false;
}

bool change_matches(const char *target, const item *it)
{
    return strcmp(target, it->name) == 0 || strcmp(target, it->category) == 0;
}

/* acc += f (or acc -= f when subtract), taking over acc's reference. */
static bool accumulate(cost_fn **acc, cost_fn *f, bool subtract, cost_error *err)
{
    cost_fn *next = subtract ? cost_difference(*acc, f) : cost_sum(*acc, f);
    if (!next)
        return cost_fail(err, "out of memory");
    cost_release(*acc);
    *acc = next;
    return true;
}

/* The scale that applies to it: one naming the item wins over one naming its category. */
static const change_scale *scale_for(const change *c, const item *it)
{
    const change_scale *by_category = NULL;
    for (size_t s = 0; s < c->n_scales; s++) {
        if (strcmp(c->scales[s].target, it->name) == 0)
            return &c->scales[s];
        if (strcmp(c->scales[s].target, it->category) == 0)
            by_category = &c->scales[s];
    }
    return by_category;
}

/* The saving of one item: removed, it saves its whole cost (a removal wins over a scale);
 * scaled by k, cost x (1 - k) (a negative saving, cost x (k - 1) subtracted, when k > 1). */
static bool item_saving(const change *c, const item *it, cost_fn **acc, bool *touched,
                        cost_error *err)
{
    for (size_t r = 0; r < c->n_removes; r++)
        if (change_matches(c->removes[r], it)) {
            *touched = true;
            return accumulate(acc, it->cost, false, err);
        }
    const change_scale *scale = scale_for(c, it);
    if (scale) {
        *touched = true;
        range k = scale->factor;
        bool saves = k.hi <= 1; /* saves cost x (1 - k); else costs cost x (k - 1) more */
        cost_fn *scaled = cost_scale_affine(it->cost, k, saves ? 1 : -1, saves ? -1 : 1, err);
        bool ok = scaled && accumulate(acc, scaled, !saves, err);
        cost_release(scaled);
        return ok;
    }
    return true;
}

bool change_saving(const change *c, const option *opt, cost_fn **saving, bool *touched,
                   cost_error *err)
{
    *touched = false;
    *saving = NULL;
    if (c->replace) {
        cost_fn *before = option_total(opt, err);
        cost_fn *after = before ? option_total(c->replace, err) : NULL;
        *saving = after ? cost_difference(before, after) : NULL;
        cost_release(before);
        cost_release(after);
        *touched = *saving != NULL;
        return *saving != NULL || cost_fail(err, "out of memory");
    }
    cost_fn *acc = cost_fixed(range_number(0), err);
    bool ok = acc != NULL;
    for (size_t i = 0; ok && i < opt->n_items; i++)
        ok = item_saving(c, &opt->items[i], &acc, touched, err);
    for (size_t i = 0; ok && c->adds && i < c->adds->n_items; i++) {
        *touched = true;
        ok = accumulate(&acc, c->adds->items[i].cost, true, err);
    }
    if (!ok) {
        cost_release(acc);
        return false;
    }
    *saving = acc;
    return true;
}
