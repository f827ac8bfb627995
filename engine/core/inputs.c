/* inputs: the uncertain inputs of one model, by id. */
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "inputs.h"

bool inputs_add(inputs *in, range *r, const char *label, const char *group, core_error *err)
{
    if (!budget_grow_from((void **)&in->list, in->n, &in->cap, sizeof *in->list, 32))
        return error_oom(err);
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
