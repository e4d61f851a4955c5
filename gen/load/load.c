/* The loader's entry points: read, parse, walk the schema, include bids,
 * cross-check (platforms, baseline), hash the inputs. */
#include "load_internal.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_platforms(tc_ld *c, const tc_node *root, tc_ld_scn *o)
{
    tc_scenario *s = o->s;
    if (s->n_platforms == 0) {
        tc_ld_err(c, root, "no platforms (expected a platforms: list or include: of bid files)");
        return;
    }
    const tc_node *wl = tc_ld_get(root, "workloads");
    if (wl && s->n_platforms * s->n_workloads > TC_LOAD_MAX_CELLS) {
        size_t old = tc_ld_push(c, "workloads");
        tc_ld_err(c, wl, "%zu platforms x %zu workloads make %zu bid-workload pairs (expected at "
                  "most %u)", s->n_platforms, s->n_workloads, s->n_platforms * s->n_workloads,
                  (unsigned)TC_LOAD_MAX_CELLS);
        tc_ld_pop(c, old);
    }
    if (!s->baseline) {
        if (s->platforms[0].id)
            s->baseline = tc_ld_strdup(c, s->platforms[0].id, strlen(s->platforms[0].id));
        return;
    }
    if (tc_scenario_platform_index(s, s->baseline) >= 0)
        return;
    char list[600] = "";
    size_t o2 = 0;
    for (size_t i = 0; i < s->n_platforms && o2 < sizeof list; i++)
        if (s->platforms[i].id && tc_scenario_platform_index(s, s->platforms[i].id) == (int)i)
            o2 += (size_t)snprintf(list + o2, sizeof list - o2, "%s%s", o2 ? ", " : "",
                                   s->platforms[i].id);
    tc_esc e;
    size_t old = tc_ld_push(c, "scenario.baseline");
    tc_ld_err(c, o->baseline, "baseline \"%s\" is not a platform id (expected one of: %s)",
              tc_ld_esc(&e, s->baseline, strlen(s->baseline)), list);
    tc_ld_pop(c, old);
}

typedef struct { size_t rank, index; const tc_diag *it; } tc_diag_key;

static int diag_cmp(const void *a, const void *b)
{
    const tc_diag_key *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->it->line != y->it->line)
        return x->it->line < y->it->line ? -1 : 1;
    if (x->it->col != y->it->col)
        return x->it->col < y->it->col ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Orders the diagnostics of this load as a reader scans the files: the
 * scenario first, then bid files in the order read; by line and column. */
static void sort_diags(tc_diags *d, size_t from, const char *scenario)
{
    size_t n = d->count - from;
    if (n == 0)
        return;     /* out of memory before any diagnostic: items may be NULL */
    tc_diag_key *k = malloc((n ? n : 1) * sizeof *k);
    tc_diag *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!k || !copy) {
        free(k);
        free(copy);
        return;     /* unsorted is still complete */
    }
    for (size_t i = 0; i < n; i++) {
        k[i].it = &d->items[from + i];
        k[i].index = i;
        k[i].rank = strcmp(k[i].it->file, scenario) == 0 ? 0 : i + 1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(d->items[from + j].file, k[i].it->file) == 0) {
                k[i].rank = k[j].rank;
                break;
            }
    }
    qsort(k, n, sizeof *k, diag_cmp);
    for (size_t i = 0; i < n; i++)
        copy[i] = *k[i].it;
    memcpy(d->items + from, copy, n * sizeof *copy);
    free(k);
    free(copy);
}

static void hex_digest(struct sha256_ctx *sha, char out[65])
{
    uint8_t dig[SHA256_DIGEST_SIZE];
    sha256_digest(sha, sizeof dig, dig);
    for (size_t i = 0; i < sizeof dig; i++)
        snprintf(out + 2 * i, 3, "%02x", dig[i]);
}

static int copy_overrides(tc_scenario *s, const tc_load_opts *opts)
{
    if (!opts || opts->n_overrides == 0)
        return 0;
    s->overrides = calloc(opts->n_overrides, sizeof *s->overrides);
    if (!s->overrides)
        return -1;
    for (size_t i = 0; i < opts->n_overrides; i++, s->n_overrides++)
        if (!(s->overrides[i] = strdup(opts->overrides[i])))
            return -1;
    return 0;
}

/* Walks a parsed scenario into s; against: a bid file walked in place of
 * the scenario's own platforms (removed from root by the caller), or NULL. */
static void walk(tc_ld *c, const tc_node *root, const char *path, const char *against,
                 tc_scenario *s, struct sha256_ctx *sha)
{
    tc_ld_scn o = {.s = s};
    if (root->kind == TC_NODE_SCALAR && root->len == 0) {
        tc_ld_err(c, root, "the file is empty (expected a mapping of keys)");
        return;
    }
    tc_ld_scenario(c, root, &o);
    const tc_node *inc = tc_ld_get(root, "include");
    if (against)
        tc_ld_include_file(c, against, NULL, s, sha);
    else if (inc) {
        size_t old = tc_ld_push(c, "include");
        tc_ld_includes(c, inc, path, s, sha);
        tc_ld_pop(c, old);
    }
    if (root->kind == TC_NODE_MAP)
        check_platforms(c, root, &o);
}

/* Walks a parsed file (root: may be changed by overrides) into *out. before:
 * the diagnostics count before this file was read. */
static tc_status load_tree(const char *path, const char *buf, size_t len, tc_node *root,
                           const tc_load_opts *opts, const char *against, tc_scenario **out,
                           tc_diags *d, size_t before)
{
    size_t n_ov = opts ? opts->n_overrides : 0;
    unsigned char *deferred = calloc(n_ov ? n_ov : 1, 1);
    tc_ld_apply_overrides(root, opts, d, deferred);
    tc_scenario *s = deferred ? calloc(1, sizeof *s) : NULL;
    struct sha256_ctx sha;
    sha256_init(&sha);
    sha256_update(&sha, len, (const uint8_t *)buf);
    tc_ld c;
    tc_ld_ids ids = {0};
    tc_ld_init(&c, path, d);
    c.sha = &sha;
    c.opts = opts;
    c.deferred = deferred;
    c.platform_ids = &ids;
    tc_ld_placeholders(&c, root);
    if (s) {
        walk(&c, root, path, against, s, &sha);
        tc_ld_report_deferred(opts, d, deferred);
        hex_digest(&sha, s->input_sha256);
        s->file = strdup(path);
    }
    if (!s || !s->file || copy_overrides(s, opts) != 0)
        c.oom = 1;
    free(deferred);
    tc_ld_ids_free(&ids);
    if (c.oom || d->oom || d->count != before) {
        sort_diags(d, before, path);
        tc_scenario_free(s);
        return (c.oom || d->oom) ? TC_ERR_NOMEM : c.read_err ? TC_ERR_READ : TC_ERR_INVALID;
    }
    *out = s;
    return TC_OK;
}

tc_status tc_load_scenario_buffer(const char *path, const char *buf, size_t len,
                                  const tc_load_opts *opts, tc_scenario **out, tc_diags *d)
{
    *out = NULL;
    size_t before = d->count;
    tc_node *root;
    tc_status st = tc_yaml_read(path, buf, len, &root, d);
    if (st != TC_OK)
        return st;
    st = load_tree(path, buf, len, root, opts, NULL, out, d, before);
    tc_node_free(root);
    return st;
}

/* Removes key (and its value) from map, if there. */
static void drop_key(tc_node *map, const char *key)
{
    for (size_t i = 0; map && map->kind == TC_NODE_MAP && i + 1 < map->n_kids; i += 2) {
        if (!tc_node_is(map->kids[i], key))
            continue;
        tc_node_free(map->kids[i]);
        tc_node_free(map->kids[i + 1]);
        memmove(map->kids + i, map->kids + i + 2, (map->n_kids - i - 2) * sizeof *map->kids);
        map->n_kids -= 2;
        return;
    }
}

tc_status tc_load_against(const char *scenario, const char *bid, const tc_load_opts *opts,
                          tc_scenario **out, tc_diags *d)
{
    char *buf;
    size_t len, before = d->count;
    tc_node *root;
    *out = NULL;
    tc_status st = tc_ld_slurp(scenario, &buf, &len, d);
    if (st != TC_OK)
        return st;
    st = tc_yaml_read(scenario, buf, len, &root, d);
    if (st == TC_OK) {
        /* the committee's platforms and baseline are other bids: not this one's business */
        drop_key(root, "platforms");
        drop_key(root, "include");
        drop_key((tc_node *)tc_ld_get(root, "scenario"), "baseline");
        st = load_tree(scenario, buf, len, root, opts, bid, out, d, before);
        tc_node_free(root);
    }
    free(buf);
    return st;
}

tc_status tc_load_scenario(const char *path, const tc_load_opts *opts,
                           tc_scenario **out, tc_diags *diags)
{
    char *buf;
    size_t len;
    *out = NULL;
    tc_status st = tc_ld_slurp(path, &buf, &len, diags);
    if (st != TC_OK)
        return st;
    st = tc_load_scenario_buffer(path, buf, len, opts, out, diags);
    free(buf);
    return st;
}

/* A bid file: a mapping with platforms and no scenario. (Not "only
 * platforms": a bid that wrongly sets assumptions is still checked as a bid,
 * so that the message says what a bid file may hold.) */
static int is_bid(const tc_node *root)
{
    return root->kind == TC_NODE_MAP && tc_ld_get(root, "platforms") && !tc_ld_get(root, "scenario");
}

static tc_status check_bid(const char *path, tc_node *root, tc_diags *d)
{
    size_t before = d->count;
    tc_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return TC_ERR_NOMEM;
    tc_ld c;
    tc_ld_ids ids = {0};
    tc_ld_init(&c, path, d);
    c.platform_ids = &ids;
    tc_ld_placeholders(&c, root);
    tc_ld_bid_file(&c, root, s);
    tc_ld_ids_free(&ids);
    tc_scenario_free(s);
    if (c.oom || d->oom)
        return TC_ERR_NOMEM;
    return d->count != before ? TC_ERR_INVALID : TC_OK;
}

tc_status tc_check_buffer(const char *path, const char *buf, size_t len, tc_diags *diags)
{
    tc_node *root;
    size_t before = diags->count;
    tc_status st = tc_yaml_read(path, buf, len, &root, diags);
    if (st == TC_OK && is_bid(root)) {
        st = check_bid(path, root, diags);
        if (st == TC_OK && diags->count != before)
            st = TC_ERR_INVALID;    /* anchors, tags: reported by the reader */
        sort_diags(diags, before, path);
    } else if (st == TC_OK) {
        tc_scenario *s = NULL;
        st = load_tree(path, buf, len, root, NULL, NULL, &s, diags, before);
        tc_scenario_free(s);
    }
    tc_node_free(root);
    return st;
}

tc_status tc_check_file(const char *path, tc_diags *diags)
{
    char *buf;
    size_t len;
    tc_status st = tc_ld_slurp(path, &buf, &len, diags);
    if (st != TC_OK)
        return st;
    st = tc_check_buffer(path, buf, len, diags);
    free(buf);
    return st;
}
