/* The ids read so far, for the duplicate-id check: an open-addressing table
 * over the id strings (owned by the scenario being read), so that the check
 * costs one probe per bid or workload instead of a comparison with every
 * one before it (quadratic: 100,000 bids, 5e9 comparisons). */
#include <stdlib.h>
#include <string.h>

#include "load_internal.h"

static size_t hash(const char *s)
{
    size_t h = 1469598103u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static tc_ld_id_slot *slot(const tc_ld_ids *t, const char *id)
{
    size_t i = hash(id) & (t->cap - 1);
    while (t->slot[i].id && strcmp(t->slot[i].id, id) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->slot[i];
}

/* Doubles the table when half full (or makes the first one). */
static int grow(tc_ld_ids *t)
{
    if (t->cap && 2 * (t->n + 1) <= t->cap)
        return 1;
    tc_ld_ids big = {calloc(t->cap ? 2 * t->cap : 64, sizeof *big.slot), t->cap ? 2 * t->cap : 64,
                     t->n};
    if (!big.slot)
        return 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slot[i].id)
            *slot(&big, t->slot[i].id) = t->slot[i];
    free(t->slot);
    *t = big;
    return 1;
}

int tc_ld_ids_add(tc_ld_ids *t, const char *id, size_t at, size_t *first)
{
    if (!grow(t))
        return -1;
    tc_ld_id_slot *s = slot(t, id);
    if (s->id) {
        *first = s->at;
        return 1;
    }
    *s = (tc_ld_id_slot){id, at};
    t->n++;
    return 0;
}

void tc_ld_ids_free(tc_ld_ids *t)
{
    free(t->slot);
    *t = (tc_ld_ids){0};
}
