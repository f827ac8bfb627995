/*
 * option: one way to run the product, a named set of items.  An item is a named cost
 * function with a category and an optional source note.  An option may also record the
 * user counts its author cares about and totals stated elsewhere (a document's table), so
 * that a run can report where a stated total disagrees with the sum of its own items.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_OPTION_H
#define RECKON_OPTION_H

#include <stdbool.h>
#include <stddef.h>

#include "cost.h"
#include "names.h"

typedef struct item {
    char *name;     /* "RDS PostgreSQL" */
    char *category; /* one of option_categories */
    char *note;     /* where the figure comes from; "" when none */
    cost_fn *cost;  /* dollars a month as a function of users; one reference held */
} item;

typedef struct stated_total {
    double users; /* the user count the total is stated at */
    range total;  /* the total as stated (a range when the source gives one) */
    char *source; /* where it is stated; "" when none */
} stated_total;

/* A check on the distribution of the total: fail when its percentile at users is above max
 * (or below min).  Checked by Monte Carlo. */
typedef struct percentile_check {
    double users;      /* the user count */
    double percentile; /* 0..1: 0.9 is p90 */
    double max;        /* the most it may be; INFINITY for no limit */
    double min;        /* the least it may be; -INFINITY for no limit */
} percentile_check;

typedef struct option {
    char *name;   /* "AWS ECS" */
    char *origin; /* "file:line" of its definition */
    item *items;  /* n_items items, in the order given */
    size_t n_items;
    double *users; /* user counts the option declares; n_users may be 0 */
    size_t n_users;
    stated_total *stated; /* totals stated elsewhere, to check against the items */
    size_t n_stated;
    percentile_check *checks; /* checks on the total's distribution */
    size_t n_checks;
    size_t cap_items, cap_users, cap_stated, cap_checks; /* room allocated for each list */
    names item_names;                                    /* the items' names, to their index */
} option;

/* The categories an item may have, NULL-terminated. */
extern const char *const option_categories[];

bool option_category_valid(const char *category);

/* A new empty option; NULL with err when out of memory. */
option *option_new(const char *name, const char *origin, core_error *err);

/* Copies the strings and retains cost.  False with err when name is already an item's of opt
 * (option_check_item_name) or out of memory. */
bool option_add_item(option *opt, const char *name, const char *category, const char *note,
                     cost_fn *cost, core_error *err);
/* The rule on item names: each differs from those of opt's other items.  False with err
 * ("option \"A\": item \"web\" appears twice: ...") when name is taken. */
bool option_check_item_name(const option *opt, const char *name, core_error *err);
/* The index of opt's item named name, or NAMES_NONE: one hashed look. */
size_t option_find_item(const option *opt, const char *name);
/* The first of the n options whose name an earlier one has, into *twice (NULL when the names
 * all differ), in one hashed pass; false when out of memory. */
bool option_named_twice(const option *const *options, size_t n, const option **twice,
                        core_error *err);
/* Each add copies the strings; false with err when out of memory. */
bool option_add_users(option *opt, double users, core_error *err);
bool option_add_stated(option *opt, double users, range total, const char *source, core_error *err);
/* A check's users are >= 1, its percentile in 0..1, and it has a max or a min (or both);
 * false with err naming the check ("option \"A\": checks[2]: ...") or out of memory. */
bool option_add_check(option *opt, percentile_check check, core_error *err);

void option_free(option *opt); /* NULL is allowed */

/* Puts in set the uncertain inputs opt's items depend on. */
void option_inputs(const option *opt, cost_input_set *set);

/* The sum of opt's items as one cost function (a new reference); NULL with err on failure. */
cost_fn *option_total(const option *opt, core_error *err);

#endif
