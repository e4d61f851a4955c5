/* The node tree, and the walk's shared helpers: key path, diagnostics,
 * schema mappings (unknown, duplicate and missing keys). */
#include "load_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tc_node *tc_node_new(tc_node_kind kind, int line, int col)
{
    tc_node *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->line = line;
        n->col = col;
    }
    return n;
}

int tc_node_append(tc_node *parent, tc_node *kid)
{
    if (parent->n_kids == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        tc_node **k = realloc(parent->kids, cap * sizeof *k);
        if (!k)
            return -1;
        parent->kids = k;
        parent->cap = cap;
    }
    parent->kids[parent->n_kids++] = kid;
    return 0;
}

/* Recursion is bounded: the reader refuses trees deeper than
 * TC_LOAD_MAX_DEPTH. */
void tc_node_free(tc_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n_kids; i++)
        tc_node_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

int tc_node_is(const tc_node *n, const char *s)
{
    return n && n->kind == TC_NODE_SCALAR && !n->bad && n->len == strlen(s)
           && memcmp(n->text, s, n->len) == 0;
}

size_t tc_node_count(const tc_node *n)
{
    if (!n)
        return 0;
    return n->kind == TC_NODE_MAP ? n->n_kids / 2 : n->n_kids;
}

void tc_ld_init(tc_ld *c, const char *file, tc_diags *d)
{
    memset(c, 0, sizeof *c);
    c->file = file;
    c->d = d;
}

static size_t ld_append(tc_ld *c, const char *fmt, const char *s, size_t i)
{
    size_t old = c->plen;
    size_t room = sizeof c->path - c->plen;
    int n = s ? snprintf(c->path + c->plen, room, fmt, s)
              : snprintf(c->path + c->plen, room, fmt, i);
    if (n > 0)
        c->plen = (size_t)n < room ? c->plen + (size_t)n : sizeof c->path - 1;
    return old;
}

size_t tc_ld_push(tc_ld *c, const char *key)
{
    return ld_append(c, c->plen ? ".%s" : "%s", key, 0);
}

size_t tc_ld_push_index(tc_ld *c, size_t i)
{
    return ld_append(c, "[%zu]", NULL, i);
}

/* Items of id'd lists (platforms, workloads) are named by their id, as
 * --set and the workbook's Key column name them; an item without a valid
 * id keeps its 0-based index, the only name it has. */
size_t tc_ld_push_item(tc_ld *c, const tc_node *item, size_t i)
{
    const tc_node *id = tc_ld_get(item, "id");
    if (id && id->kind == TC_NODE_SCALAR && !id->bad && tc_ld_id_ok(id))
        return ld_append(c, "[%s]", id->text, 0);
    return tc_ld_push_index(c, i);
}

void tc_ld_pop(tc_ld *c, size_t len)
{
    c->plen = len;
    c->path[len] = '\0';
}

void tc_ld_err(tc_ld *c, const tc_node *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *file = at && at->set ? "--set" : c->file;
    tc_diags_add(c->d, file, at ? at->line : 1, at ? at->col : 1, c->path, "%s", msg);
    c->errors++;
}

const char *tc_ld_esc(tc_esc *e, const char *s, size_t len)
{
    char *x = tc_escape(s, len, 40);
    snprintf(e->s, sizeof e->s, "%s", x ? x : "?");
    free(x);
    return e->s;
}

const char *tc_ld_kind_name(const tc_node *n)
{
    if (n->kind == TC_NODE_MAP)
        return "a mapping";
    if (n->kind == TC_NODE_SEQ)
        return "a list";
    return n->len ? "a value" : "an empty value";
}

char *tc_ld_strdup(tc_ld *c, const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p) {
        c->oom = 1;
        c->d->oom = 1;
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Index of k in keys, or -1. */
static int ld_key_index(const char *const *keys, const tc_node *k)
{
    for (int i = 0; keys[i]; i++)
        if (tc_node_is(k, keys[i]))
            return i;
    return -1;
}

static void ld_duplicate(tc_ld *c, const tc_node *k, const tc_node *first)
{
    size_t old = tc_ld_push(c, k->text);
    tc_esc e;
    tc_ld_err(c, k, "duplicate key \"%s\" (first at line %d)",
              tc_ld_esc(&e, k->text, k->len), first->line);
    tc_ld_pop(c, old);
}

int tc_ld_map(tc_ld *c, const tc_node *n, const char *const *keys)
{
    if (n->bad)
        return 0;
    if (n->kind != TC_NODE_MAP) {
        tc_esc e;
        if (n->kind == TC_NODE_SCALAR && n->len)
            tc_ld_err(c, n, "expected a mapping, got \"%s\"", tc_ld_esc(&e, n->text, n->len));
        else
            tc_ld_err(c, n, "expected a mapping, got %s", tc_ld_kind_name(n));
        return 0;
    }
    /* first occurrence of each schema key: linear in the mapping's size */
    const tc_node *first[64] = {0};
    for (size_t i = 0; i + 1 < n->n_kids; i += 2) {
        const tc_node *k = n->kids[i];
        int ki = k->bad ? -2 : ld_key_index(keys, k);
        if (ki == -1)
            tc_ld_unknown_key(c, k, keys);
        else if (ki >= 0 && ki < 64 && first[ki])
            ld_duplicate(c, k, first[ki]);
        else if (ki >= 0 && ki < 64)
            first[ki] = k;
    }
    return 1;
}

const tc_node *tc_ld_get(const tc_node *map, const char *key)
{
    if (!map || map->kind != TC_NODE_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n_kids; i += 2)
        if (tc_node_is(map->kids[i], key))
            return map->kids[i + 1];
    return NULL;
}

const tc_node *tc_ld_require(tc_ld *c, const tc_node *map, const char *key)
{
    const tc_node *v = tc_ld_get(map, key);
    if (!v && map && map->kind == TC_NODE_MAP)
        tc_ld_err(c, map, "missing required key \"%s\"", key);
    return v;
}

int tc_ld_seq(tc_ld *c, const tc_node *n)
{
    if (n->bad)
        return 0;
    if (n->kind == TC_NODE_SEQ)
        return 1;
    tc_esc e;
    if (n->kind == TC_NODE_SCALAR && n->len)
        tc_ld_err(c, n, "expected a list, got \"%s\"", tc_ld_esc(&e, n->text, n->len));
    else
        tc_ld_err(c, n, "expected a list, got %s", tc_ld_kind_name(n));
    return 0;
}
