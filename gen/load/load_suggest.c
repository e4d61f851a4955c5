/* What an unknown key most likely means: a key of another level written
 * here ("gpu_hour" at the platform: it belongs under pricing.cloud), or a
 * misspelling of a key ("gpu_hours": did you mean "gpu_hour"?). And the
 * FILL placeholders of the bid template left unfilled. */
#include "load_internal.h"

#include <stdio.h>
#include <string.h>

static const tc_ld_where *const tables[] = {tc_ld_where_scenario, tc_ld_where_analysis,
                                            tc_ld_where_platform, tc_ld_where_perf};
#define N_TABLES (sizeof tables / sizeof tables[0])
#define MAX_FOUND 3

/* Whether `at` shares the first segment of `here` (the same platform, the
 * same section): a misspelling is looked for only there. */
static int near(const char *at, const char *here)
{
    size_t first = strcspn(here, ".[");
    return strncmp(at, here, first) == 0 && strcspn(at, ".[") == first;
}

/* The keys of w, NULL-terminated (buf: room for TC_LD_MAX_TERMS + 1). */
static const char *const *where_keys(const tc_ld_where *w, const char **buf)
{
    return w->keys ? w->keys : tc_ld_term_names(w->terms, w->n_terms, buf);
}

/* c->path with every [N] as [] (the form of tc_ld_where.at). */
static void normalize(const char *path, char *out, size_t n)
{
    size_t o = 0;
    for (const char *p = path; *p && o + 3 < n; p++) {
        out[o++] = *p;
        if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
        }
    }
    out[o] = '\0';
}

/* Edit distance with adjacent transpositions, for keys (short: capped at 63). */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[64][64];
    la = la < 63 ? la : 63;
    lb = lb < 63 ? lb : 63;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* How far a misspelling may be from the key meant: one edit in four letters. */
static size_t tolerance(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

/* The closest of keys to k within tolerance, or NULL. */
static const char *closest(const tc_node *k, const char *const *keys, size_t *best)
{
    const char *pick = NULL;
    for (size_t i = 0; keys[i]; i++) {
        size_t dd = distance(k->text, k->len, keys[i], strlen(keys[i]));
        if (dd <= tolerance(k->len) && dd < *best) {
            *best = dd;
            pick = keys[i];
        }
    }
    return pick;
}

/* Where `at` is, said from here: inside the same platform relative to it
 * ("pricing.cloud"; the platform itself: "platforms[0]"), else the whole
 * path; list items without their [] ("workloads"). */
static void where_said(const tc_ld *c, const char *at, char *out, size_t n)
{
    size_t o = 0;
    if (strncmp(at, "platforms[]", 11) == 0 && strncmp(c->path, "platforms[", 10) == 0) {
        if (at[11] != '.') {
            snprintf(out, n, "%.*s", (int)strcspn(c->path, "]") + 1, c->path);
            return;
        }
        at += 12;
    }
    for (const char *p = at; *p && o + 1 < n; p++)
        if (*p != '[' && *p != ']')
            out[o++] = *p;
    out[o] = '\0';
}

/* The locations other than here whose keys hold k; those near here (see
 * near()) when any are. */
static size_t locations(const tc_node *k, const char *here, const char **found)
{
    size_t n = 0;
    for (int pass = 0; pass < 2 && n == 0; pass++)
        for (size_t t = 0; t < N_TABLES; t++)
            for (const tc_ld_where *w = tables[t]; w->at && n < MAX_FOUND; w++) {
                const char *buf[TC_LD_MAX_TERMS + 1];
                const char *const *keys = where_keys(w, buf);
                if (strcmp(w->at, here) == 0 || (pass == 0 && !near(w->at, here)))
                    continue;
                for (size_t i = 0; keys[i]; i++)
                    if (tc_node_is(k, keys[i]))
                        found[n++] = w->at;
            }
    return n;
}

/* "pricing.cloud, pricing.owned or pricing.api" */
static void join(const tc_ld *c, const char **at, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o < size; i++) {
        char one[200];
        where_said(c, at[i], one, sizeof one);
        o += (size_t)snprintf(out + o, size - o, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                              one);
    }
}

/* A misspelling of a key of another level near here: the closest, and where. */
static const char *closest_elsewhere(const tc_node *k, const char *here, const char **at)
{
    size_t best = (size_t)-1;
    const char *pick = NULL;
    for (size_t t = 0; t < N_TABLES; t++)
        for (const tc_ld_where *w = tables[t]; w->at; w++) {
            if (strcmp(w->at, here) == 0 || !near(w->at, here))
                continue;
            const char *buf[TC_LD_MAX_TERMS + 1];
            const char *p = closest(k, where_keys(w, buf), &best);
            if (p) {
                pick = p;
                *at = w->at;
            }
        }
    return pick;
}

void tc_ld_unknown_key(tc_ld *c, const tc_node *k, const char *const *keys)
{
    char list[600] = "", here[512], where[600];
    size_t o = 0;
    for (size_t i = 0; keys[i] && o < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", keys[i]);
    tc_esc e;
    const char *key = tc_ld_esc(&e, k->text, k->len);
    size_t ascii = 0;
    while (ascii < k->len && (unsigned char)k->text[ascii] < 0x80)
        ascii++;
    if (ascii < k->len) {
        /* A Cyrillic "а" prints like a Latin "a": say where the keys differ. */
        tc_ld_err(c, k, "unknown key \"%s\": non-ASCII character at byte %zu"
                  " (expected one of: %s)", key, ascii + 1, list);
        return;
    }
    normalize(c->path, here, sizeof here);
    const char *found[MAX_FOUND], *at = NULL, *meant;
    size_t n = locations(k, here, found), best = (size_t)-1;
    if (n == 1 && found[0][0] == '\0') {
        tc_ld_err(c, k, "key \"%s\" belongs at the top level of the file", key);
    } else if (n) {
        join(c, found, n, where, sizeof where);
        tc_ld_err(c, k, "key \"%s\" belongs under %s", key, where);
    } else if ((meant = closest(k, keys, &best))) {
        tc_ld_err(c, k, "unknown key \"%s\" (did you mean \"%s\"?)", key, meant);
    } else if ((meant = closest_elsewhere(k, here, &at))) {
        where_said(c, at, where, sizeof where);
        tc_ld_err(c, k, "unknown key \"%s\" (did you mean \"%s\" under %s?)", key, meant, where);
    } else {
        tc_ld_err(c, k, "unknown key \"%s\" (expected one of: %s)", key, list);
    }
}

static int is_fill(const tc_node *n)
{
    return n->kind == TC_NODE_SCALAR && !n->bad && n->len == 4 && memcmp(n->text, "FILL", 4) == 0;
}

/* The top-level lists whose items tc_ld_push_item names by id, so a
 * placeholder in them is named as the schema walk names other errors. */
static int ld_ids_list(const tc_ld *c)
{
    return strcmp(c->path, "platforms") == 0 || strcmp(c->path, "workloads") == 0;
}

void tc_ld_placeholders(tc_ld *c, tc_node *n)
{
    if (is_fill(n)) {
        tc_ld_err(c, n, "still a placeholder (replace FILL with a value)");
        n->bad = 1;
    }
    for (size_t i = 0; i < n->n_kids; i++) {
        tc_node *k = n->kids[i];
        size_t old = c->plen;
        if (n->kind == TC_NODE_SEQ && ld_ids_list(c))
            tc_ld_push_item(c, k, i);
        else if (n->kind == TC_NODE_SEQ)
            tc_ld_push_index(c, i);
        else if (i % 2 == 1 && n->kids[i - 1]->kind == TC_NODE_SCALAR && !n->kids[i - 1]->bad)
            tc_ld_push(c, n->kids[i - 1]->text);
        tc_ld_placeholders(c, k);
        tc_ld_pop(c, old);
    }
}
