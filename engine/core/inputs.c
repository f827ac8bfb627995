/* inputs: the uncertain inputs of one model, by id. */
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "inputs.h"

bool inputs_add(inputs *in, range *r, const char *label, const char *group, core_error *err)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? 2 * in->cap : 32;
        input *p = budget_realloc_array(in->list, cap, sizeof *p);
        if (!p)
            return error_oom(err);
        in->list = p, in->cap = cap;
    }
    input x = {*r, budget_strdup(label ? label : ""), group ? budget_strdup(group) : NULL};
    if (!x.label || (group && !x.group)) {
        budget_free(x.label), budget_free(x.group);
        return error_oom(err);
    }
    r->id = (int)in->n + 1;
    x.value.id = r->id;
    in->list[in->n++] = x;
    return true;
}

void inputs_free(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        budget_free(in->list[i].label), budget_free(in->list[i].group);
    budget_free(in->list);
    memset(in, 0, sizeof *in);
}
