/* option: a named set of items, with the user counts and stated totals it declares. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "option.h"

const char *const option_categories[] = {"compute", "database", "cache",      "network", "storage",
                                         "data",    "ai",       "monitoring", "other",   NULL};

bool option_category_valid(const char *category)
{
    for (size_t i = 0; option_categories[i]; i++)
        if (strcmp(category, option_categories[i]) == 0)
            return true;
    return false;
}

option *option_new(const char *name, const char *origin, core_error *err)
{
    option *opt = budget_calloc(1, sizeof *opt);
    if (!opt) {
        error_oom(err);
        return NULL;
    }
    opt->name = budget_strdup(name);
    opt->origin = budget_strdup(origin ? origin : "");
    if (!opt->name || !opt->origin) {
        option_free(opt);
        error_oom(err);
        return NULL;
    }
    return opt;
}

bool option_check_item_name(const option *opt, const char *name, core_error *err)
{
    if (option_find_item(opt, name) != NAMES_NONE) /* one hashed look */
        return error_fail(err,
                          "option \"%s\": item \"%s\" appears twice: item names must "
                          "differ within an option",
                          opt->name, name);
    return true;
}

bool option_add_item(option *opt, const char *name, const char *category, const char *note,
                     cost_fn *cost, core_error *err)
{
    if (!option_check_item_name(opt, name, err))
        return false;
    if (!budget_grow((void **)&opt->items, opt->n_items, &opt->cap_items, sizeof opt->items[0]))
        return error_oom(err);
    item it = {budget_strdup(name), budget_strdup(category), budget_strdup(note ? note : ""), cost};
    if (!it.name || !it.category || !it.note ||
        names_add(&opt->item_names, it.name, opt->n_items, NULL) < 0) {
        budget_free(it.name), budget_free(it.category), budget_free(it.note);
        return error_oom(err);
    }
    cost_retain(cost);
    opt->items[opt->n_items++] = it;
    return true;
}

size_t option_find_item(const option *opt, const char *name)
{
    return names_find(&opt->item_names, name);
}

bool option_add_users(option *opt, double users, core_error *err)
{
    if (!budget_grow((void **)&opt->users, opt->n_users, &opt->cap_users, sizeof opt->users[0]))
        return error_oom(err);
    opt->users[opt->n_users++] = users;
    return true;
}

bool option_add_stated(option *opt, double users, range total, const char *source, core_error *err)
{
    if (!budget_grow((void **)&opt->stated, opt->n_stated, &opt->cap_stated, sizeof opt->stated[0]))
        return error_oom(err);
    char *copy = budget_strdup(source ? source : "");
    if (!copy)
        return error_oom(err);
    opt->stated[opt->n_stated++] = (stated_total){users, total, copy};
    return true;
}

bool option_add_check(option *opt, percentile_check check, core_error *err)
{
    size_t at = opt->n_checks + 1; /* counted from 1, as the model's author counts them */
    if (!(check.users >= 1) || !(check.percentile >= 0 && check.percentile <= 1))
        return error_fail(err,
                          "option \"%s\": checks[%zu]: users must be >= 1 and percentile "
                          "between 0 and 1 (0.9 is p90)",
                          opt->name, at);
    if (isinf(check.max) && isinf(check.min))
        return error_fail(err,
                          "option \"%s\": checks[%zu]: give max = (or min =): the limit the "
                          "percentile must respect",
                          opt->name, at);
    if (!budget_grow((void **)&opt->checks, opt->n_checks, &opt->cap_checks, sizeof opt->checks[0]))
        return error_oom(err);
    opt->checks[opt->n_checks++] = check;
    return true;
}

void option_free(option *opt)
{
    if (!opt)
        return;
    for (size_t i = 0; i < opt->n_items; i++) {
        budget_free(opt->items[i].name);
        budget_free(opt->items[i].category);
        budget_free(opt->items[i].note);
        cost_release(opt->items[i].cost);
    }
    for (size_t i = 0; i < opt->n_stated; i++)
        budget_free(opt->stated[i].source);
    names_free(&opt->item_names);
    budget_free(opt->items);
    budget_free(opt->users);
    budget_free(opt->stated);
    budget_free(opt->checks);
    budget_free(opt->name);
    budget_free(opt->origin);
    budget_free(opt);
}

void option_inputs(const option *opt, cost_input_set *set)
{
    for (size_t i = 0; i < opt->n_items; i++)
        cost_inputs(opt->items[i].cost, set);
}

cost_fn *option_total(const option *opt, core_error *err)
{
    cost_fn **terms = budget_array(opt->n_items, sizeof *terms);
    if (!terms) {
        error_oom(err);
        return NULL;
    }
    for (size_t i = 0; i < opt->n_items; i++)
        terms[i] = opt->items[i].cost;
    cost_fn *total = cost_total(terms, opt->n_items, err);
    budget_free(terms);
    return total;
}

static const char *option_name_at(const void *list, size_t i)
{
    return ((const option *const *)list)[i]->name;
}

bool option_named_twice(const option *const *options, size_t n, const option **twice,
                        core_error *err)
{
    size_t at;
    int found = names_first_repeat(options, n, option_name_at, &at);
    *twice = found > 0 ? options[at] : NULL;
    return found >= 0 || error_oom(err);
}
