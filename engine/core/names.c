/* names: a hashed set of borrowed strings (open addressing, linear probing). */
#include <string.h>

#include "budget.h"
#include "names.h"
#include "rng.h"

/* Seeded with the address of the slots (new at each growth, unknown to a model), so that a
 * model cannot choose names that all land in one slot. */
static size_t hash(const names *set, const char *name)
{
    return (size_t)rng_hash((uint64_t)(uintptr_t)set->slots, name, strlen(name));
}

/* The slot of name, or the empty slot where it would go (cap > 0). */
static names_slot *slot_of(const names *set, const char *name)
{
    size_t mask = set->cap - 1;
    for (size_t i = hash(set, name) & mask;; i = (i + 1) & mask) {
        names_slot *s = &set->slots[i];
        if (!s->name || strcmp(s->name, name) == 0)
            return s;
    }
}

/* Doubles the slots (kept at most half full), rehashing what is there. */
static int grow(names *set)
{
    size_t cap = set->cap ? 2 * set->cap : 16;
    names_slot *slots = budget_calloc(cap, sizeof *slots);
    if (!slots || cap < set->cap) {
        budget_free(slots);
        return -1;
    }
    names bigger = {slots, set->n, cap};
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].name)
            *slot_of(&bigger, set->slots[i].name) = set->slots[i];
    budget_free(set->slots);
    *set = bigger;
    return 0;
}

int names_add(names *set, const char *name, size_t value, size_t *first)
{
    if (set->cap) {
        names_slot *s = slot_of(set, name);
        if (s->name) {
            if (first)
                *first = s->value;
            return 0;
        }
    }
    if (2 * (set->n + 1) > set->cap && grow(set) < 0)
        return -1;
    *slot_of(set, name) = (names_slot){name, value};
    set->n++;
    return 1;
}

size_t names_find(const names *set, const char *name)
{
    if (!set->cap)
        return NAMES_NONE;
    const names_slot *s = slot_of(set, name);
    return s->name ? s->value : NAMES_NONE;
}

void names_free(names *set)
{
    budget_free(set->slots);
    *set = (names){0};
}

int names_first_repeat(const void *list, size_t n, const char *(*name_at)(const void *, size_t),
                       size_t *at)
{
    names seen = {0};
    int added = 1;
    size_t i = 0;
    for (; i < n && added > 0; i++)
        added = names_add(&seen, name_at(list, i), i, NULL);
    names_free(&seen);
    if (added == 0)
        *at = i - 1;
    return added < 0 ? -1 : added == 0;
}
