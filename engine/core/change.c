/* change: an optimisation or a migration, and the monthly saving it makes on an option. */
#include <stdlib.h>

#include "budget.h"
#include "change.h"

change *change_new(const char *name, const char *origin, const char *note, range one_off,
                   core_error *err)
{
    change *c = budget_calloc(1, sizeof *c);
    if (!c) {
        error_oom(err);
        return NULL;
    }
    c->name = budget_strdup(name);
    c->origin = budget_strdup(origin ? origin : "");
    c->note = budget_strdup(note ? note : "");
    c->one_off = one_off;
    if (!c->name || !c->origin || !c->note) {
        change_free(c);
        error_oom(err);
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
    names_free(&c->scale_targets);
    names_free(&c->remove_targets);
    names_free(&c->only_names);
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

/* Appends a copy of s to the list (and to its set); false when out of memory. */
static bool push_string(char ***list, size_t *n, size_t *cap, names *set, const char *s)
{
    if (!budget_grow((void **)list, *n, cap, sizeof **list))
        return false;
    char *copy = budget_strdup(s);
    if (!copy || names_add(set, copy, *n, NULL) < 0) {
        budget_free(copy);
        return false;
    }
    (*list)[(*n)++] = copy;
    return true;
}

/* A factor is a number >= 0 wholly on one side of 1: a change saves or costs more. */
static bool check_factor(const change *c, const char *target, range factor, core_error *err)
{
    if (!range_is_finite(&factor) || factor.lo < 0)
        return error_fail(err, "change \"%s\": the factor for %s must be a number >= 0", c->name,
                          target);
    if (factor.lo < 1 && factor.hi > 1)
        return error_fail(err,
                          "change \"%s\": the factor for %s spans 1 (%.10g to %.10g); say "
                          "whether the change saves (below 1) or costs more (above 1)",
                          c->name, target, factor.lo, factor.hi);
    return true;
}

bool change_check(const change *c, core_error *err)
{
    for (size_t i = 0; i < c->n_scales; i++)
        if (!check_factor(c, c->scales[i].target, c->scales[i].factor, err))
            return false;
    bool alters = c->n_scales + c->n_removes > 0 || c->adds;
    if (!alters && !c->replace)
        return error_fail(err, "change \"%s\": say what it does: scale, remove, add or replace",
                          c->name);
    if (alters && c->replace)
        return error_fail(err,
                          "change \"%s\": replace stands alone; make the other effects a "
                          "change of their own",
                          c->name);
    return true;
}

bool change_add_scale(change *c, const char *target, range factor, core_error *err)
{
    if (!check_factor(c, target, factor, err))
        return false;
    if (!budget_grow((void **)&c->scales, c->n_scales, &c->cap_scales, sizeof *c->scales))
        return error_oom(err);
    char *copy = budget_strdup(target);
    if (!copy || names_add(&c->scale_targets, copy, c->n_scales, NULL) < 0) {
        budget_free(copy);
        return error_oom(err);
    }
    c->scales[c->n_scales++] = (change_scale){copy, factor};
    return true;
}

bool change_add_remove(change *c, const char *target, core_error *err)
{
    return push_string(&c->removes, &c->n_removes, &c->cap_removes, &c->remove_targets, target) ||
           error_oom(err);
}

bool change_add_only(change *c, const char *option_name, core_error *err)
{
    return push_string(&c->only, &c->n_only, &c->cap_only, &c->only_names, option_name) ||
           error_oom(err);
}

bool change_applies(const change *c, const option *opt)
{
    return c->n_only == 0 || names_find(&c->only_names, opt->name) != NAMES_NONE;
}

/* Whether any of c's removes names the item or its category (one hashed look a name). */
static bool change_removes(const change *c, const item *it)
{
    return names_find(&c->remove_targets, it->name) != NAMES_NONE ||
           names_find(&c->remove_targets, it->category) != NAMES_NONE;
}

/* The terms of a saving, each with a reference: those it adds and those it subtracts. */
typedef struct terms {
    cost_fn **list;
    size_t n, cap;
} terms;

/* Appends f (taking a reference of its own). */
static bool push_term(terms *t, cost_fn *f, core_error *err)
{
    if (!budget_grow((void **)&t->list, t->n, &t->cap, sizeof *t->list))
        return error_oom(err);
    cost_retain(f);
    t->list[t->n++] = f;
    return true;
}

static void terms_free(terms *t)
{
    for (size_t i = 0; i < t->n; i++)
        cost_release(t->list[i]);
    budget_free(t->list);
}

/* The scale that applies to it: one naming the item wins over one naming its category (of
 * scales naming the same target, the first). */
static const change_scale *scale_for(const change *c, const item *it)
{
    size_t s = names_find(&c->scale_targets, it->name);
    if (s == NAMES_NONE)
        s = names_find(&c->scale_targets, it->category);
    return s == NAMES_NONE ? NULL : &c->scales[s];
}

/* The saving of one item: removed, it saves its whole cost (a removal wins over a scale);
 * scaled by k, cost x (1 - k) (a negative saving, cost x (k - 1) subtracted, when k > 1). */
static bool item_saving(const change *c, const item *it, terms *plus, terms *minus, bool *touched,
                        core_error *err)
{
    if (change_removes(c, it)) {
        *touched = true;
        return push_term(plus, it->cost, err);
    }
    const change_scale *scale = scale_for(c, it);
    if (scale) {
        *touched = true;
        range k = scale->factor;
        bool saves = k.hi <= 1; /* saves cost x (1 - k); else costs cost x (k - 1) more */
        cost_fn *scaled = cost_scale_affine(it->cost, k, saves ? 1 : -1, saves ? -1 : 1, err);
        bool ok = scaled && push_term(saves ? plus : minus, scaled, err);
        cost_release(scaled);
        return ok;
    }
    return true;
}

bool change_saving(const change *c, const option *opt, cost_fn **saving, bool *touched,
                   core_error *err)
{
    *touched = false;
    *saving = NULL;
    if (c->replace) {
        cost_fn *before = option_total(opt, err);
        cost_fn *after = before ? option_total(c->replace, err) : NULL;
        *saving = after ? cost_difference(before, after, err) : NULL;
        cost_release(before);
        cost_release(after);
        *touched = *saving != NULL;
        return *saving != NULL;
    }
    /* saving = (the terms saved) - (the terms added): two totals, however many items */
    terms plus = {0}, minus = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < opt->n_items; i++)
        ok = item_saving(c, &opt->items[i], &plus, &minus, touched, err);
    for (size_t i = 0; ok && c->adds && i < c->adds->n_items; i++) {
        *touched = true;
        ok = push_term(&minus, c->adds->items[i].cost, err);
    }
    cost_fn *saved = ok ? cost_total(plus.list, plus.n, err) : NULL;
    cost_fn *added = saved && minus.n ? cost_total(minus.list, minus.n, err) : NULL;
    if (saved && minus.n)
        *saving = added ? cost_difference(saved, added, err) : NULL;
    else
        *saving = saved, saved = NULL;
    cost_release(saved);
    cost_release(added);
    terms_free(&plus);
    terms_free(&minus);
    return *saving != NULL;
}
