/* Defined names of the workbook: a logical key ("p0.gpu_hour") maps to the
 * Excel name shown to the reviewer ("h200_gpu_hour"). Names are made safe and
 * unique (Excel compares them case-insensitively) before they are defined.
 *
 * libxlsxwriter 1.1.4 keeps its defined names in a list sorted by lower-cased
 * name and inserts each one by walking from the head, unless it sorts before
 * the head: n names in any other order cost n^2 / 2 comparisons (1,000 bids,
 * about 40,000 names: 43 s). So the names are kept here and handed over at the
 * end in descending order, each one the library's new head; its list, and so
 * the file, is the same as before. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsx.h"

typedef struct {
    char *key, *name, *ref;
} entry;

struct xl_names {
    entry *by_key;      /* open addressing on key */
    char **by_name;     /* open addressing on lower-cased name */
    size_t cap, count;
};

static unsigned long hash(const char *s, int fold)
{
    unsigned long h = 1469598103ul;
    for (; *s; s++)
        h = (h ^ (unsigned char)(fold ? tolower((unsigned char)*s) : *s)) * 1099511628211ul;
    return h;
}

xl_names *xl_names_new(void)
{
    xl_names *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 256;
    t->by_key = calloc(t->cap, sizeof *t->by_key);
    t->by_name = calloc(t->cap, sizeof *t->by_name);
    if (!t->by_key || !t->by_name) {
        xl_names_free(t);
        return NULL;
    }
    return t;
}

void xl_names_free(xl_names *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->by_key && i < t->cap; i++) {
        free(t->by_key[i].key);
        free(t->by_key[i].name);
        free(t->by_key[i].ref);
    }
    free(t->by_key);
    free(t->by_name);   /* its strings are the entries' names */
    free(t);
}

static entry *slot_key(const xl_names *t, const char *key)
{
    size_t i = hash(key, 0) & (t->cap - 1);
    while (t->by_key[i].key && strcmp(t->by_key[i].key, key) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->by_key[i];
}

static char **slot_name(const xl_names *t, const char *name)
{
    size_t i = hash(name, 1) & (t->cap - 1);
    while (t->by_name[i] && strcasecmp(t->by_name[i], name) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->by_name[i];
}

/* Doubles both tables when half full. 0 on allocation failure. */
static int grow(xl_names *t)
{
    if (t->count * 2 < t->cap)
        return 1;
    xl_names big = { calloc(t->cap * 2, sizeof(entry)), calloc(t->cap * 2, sizeof(char *)),
                     t->cap * 2, t->count };
    if (!big.by_key || !big.by_name) {
        free(big.by_key);
        free(big.by_name);
        return 0;
    }
    for (size_t i = 0; i < t->cap; i++)
        if (t->by_key[i].key) {
            *slot_key(&big, t->by_key[i].key) = t->by_key[i];
            *slot_name(&big, t->by_key[i].name) = t->by_key[i].name;
        }
    free(t->by_key);
    free(t->by_name);
    *t = big;
    return 1;
}

const char *xl_name_of(const xl_ctx *c, const char *key)
{
    return slot_key(c->names, key)->name;
}

/* The sanitized base, with "_2", "_3", ... until no other name equals it. */
static void unique(const xl_names *t, const char *base, char *out, size_t n)
{
    xl_name_sanitize(base, out, n);
    char stem[XL_NAME_MAX + 1], cand[XL_NAME_MAX + 24];
    size_t len = strlen(out) < XL_NAME_MAX - 8 ? strlen(out) : XL_NAME_MAX - 8;
    memcpy(stem, out, len);
    stem[len] = '\0';
    for (int k = 2; *slot_name(t, out) && k < 1000000; k++) {
        int w = snprintf(cand, sizeof cand, "%s_%d", stem, k);   /* <= 255 by construction */
        if (w > 0 && (size_t)w < n)
            memcpy(out, cand, (size_t)w + 1);
    }
}

const char *xl_define(xl_ctx *c, const char *key, const char *base,
                      const char *sheet, lxw_row_t r, lxw_col_t col)
{
    xl_names *t = c->names;
    if (!xl_ok(c))
        return NULL;
    if (slot_key(t, key)->key) {
        xl_fail(c, TC_ERR_RENDER, "workbook: internal: name key %s defined twice", key);
        return NULL;
    }
    char name[XL_NAME_MAX + 1], ref[128], cellref[64];
    unique(t, base, name, sizeof name);
    xl_ref(cellref, sizeof cellref, sheet, r, col);
    snprintf(ref, sizeof ref, "=%s", cellref);
    entry e = { strdup(key), strdup(name), strdup(ref) };
    if (!e.key || !e.name || !e.ref || !grow(t)) {
        free(e.key);
        free(e.name);
        free(e.ref);
        xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return NULL;
    }
    *slot_key(t, key) = e;
    *slot_name(t, e.name) = e.name;
    t->count++;
    return e.name;
}

/* The library's order (lower-cased names, strcmp), descending. */
static int later_first(const void *a, const void *b)
{
    const char *x = (*(const entry *const *)a)->name, *y = (*(const entry *const *)b)->name;
    for (; *x && tolower((unsigned char)*x) == tolower((unsigned char)*y); x++, y++)
        ;
    return tolower((unsigned char)*y) - tolower((unsigned char)*x);
}

void xl_names_commit(xl_ctx *c)
{
    xl_names *t = c->names;
    entry **all = xl_ok(c) ? malloc((t->count ? t->count : 1) * sizeof *all) : NULL;
    if (!all) {
        if (xl_ok(c))
            xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < t->cap; i++)
        if (t->by_key[i].key)
            all[n++] = &t->by_key[i];
    qsort(all, n, sizeof *all, later_first);
    for (size_t i = 0; i < n && xl_ok(c); i++)
        xl_check(c, workbook_define_name(c->wb, all[i]->name, all[i]->ref), "define name");
    free(all);
}
