/* inputs: the uncertain inputs of one model, by id. */
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

bool inputs_add(inputs *in, range *r, const char *label, const char *group)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? 2 * in->cap : 32;
        input *p = realloc(in->list, cap * sizeof *p);
        if (!p)
            return false;
        in->list = p, in->cap = cap;
    }
    input x = {*r, strdup(label ? label : ""), group ? strdup(group) : NULL};
    if (!x.label || (group && !x.group)) {
        free(x.label), free(x.group);
        return false;
    }
    r->id = (int)in->n + 1;
    x.value.id = r->id;
    in->list[in->n++] = x;
    return true;
}

void inputs_free(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->list[i].label), free(in->list[i].group);
    free(in->list);
    memset(in, 0, sizeof *in);
}
