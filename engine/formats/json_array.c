/* json_array: a JSON array made one element at a time (json_array.h). */
#include "json_array.h"

json_t *formats_json_array(size_t n, formats_element element, const void *ctx)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, element(ctx, i)) != 0) { /* a NULL element fails too */
            json_decref(a);
            return NULL;
        }
    return a;
}
