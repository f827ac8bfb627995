/*
 * change: what an optimisation or a migration does to an option, and so what it saves a
 * month.  A change has a one-off cost and effects:
 *
 *   scale    items matched by name or by category get their cost times a factor
 *            (compute x 0.7 saves 30% of the compute items);
 *   remove   items matched by name or category are dropped;
 *   add      new items are added (a new service the change needs);
 *   replace  the whole option is replaced by another one (a migration).
 *
 * The monthly saving is built as a cost function of users, so that it is evaluated over a
 * timeline like any cost.  It is built from the affected items only (saving = item x (1 -
 * factor), + removed - added), not as "before - after", so that a range shared by both
 * sides does not widen the saving's low..high.  A replacement's saving is the old total less
 * the new one, two independent options.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_CHANGE_H
#define RECKON_CHANGE_H

#include "option.h"

typedef struct change_scale {
    char *target; /* an item name or a category */
    range factor; /* the cost afterwards as a fraction of before: 0.7 saves 30% */
} change_scale;

typedef struct change {
    char *name;           /* "Polars optimisation" */
    char *origin;         /* "file:line" of its definition */
    char *note;           /* its assumptions, in words; "" when none */
    range one_off;        /* what it costs once */
    cost_fn *one_off_fn;  /* the same as a cost function at 0 users, for Monte Carlo lanes;
                             one reference, or NULL */
    change_scale *scales; /* n_scales factors */
    size_t n_scales;
    char **removes; /* n_removes item names or categories */
    size_t n_removes;
    option *adds;          /* items added (an option used as a list of items), or NULL */
    const option *replace; /* the option that replaces the one changed, or NULL (not owned) */
    char **only;           /* the names of the options it applies to; n_only == 0: all */
    size_t n_only;
    size_t cap_scales, cap_removes, cap_only; /* room allocated for each list */
    names scale_targets;  /* scales[].target to the first scale of that target */
    names remove_targets; /* removes[] to their index */
    names only_names;     /* only[] to their index */
} change;

change *change_new(const char *name, const char *origin, const char *note, range one_off,
                   core_error *err);
void change_free(change *c);
/* Adds a factor for target; false with err when the factor breaks change_check's rule or
 * out of memory. */
bool change_add_scale(change *c, const char *target, range factor, core_error *err);
bool change_add_remove(change *c, const char *target, core_error *err);
bool change_add_only(change *c, const char *option_name, core_error *err);

/* The rules of a whole change, once its effects are added: every scale factor a number
 * >= 0 that does not span 1; at least one effect; and a replace alone, with no other
 * effect.  False with a message naming the change in err. */
bool change_check(const change *c, core_error *err);

/* Whether c applies to opt (its `only` list is empty or names opt). */
bool change_applies(const change *c, const option *opt);

/*
 * The saving a month of c on opt as a new cost function of users (*saving, one reference),
 * and whether any effect touched opt.  A target that matches no item of opt is no error
 * (a change written for several options need not touch each); *touched says whether any did.
 */
bool change_saving(const change *c, const option *opt, cost_fn **saving, bool *touched,
                   core_error *err);

#endif
