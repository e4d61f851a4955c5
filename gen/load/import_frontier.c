/* The points read, grouped into one entry per model / isl / osl (in the
 * order first seen) and reduced to the Pareto frontier: a point with
 * lower-or-equal interactivity and lower-or-equal throughput than another
 * is dropped (of two equal points, the later), and listed as dropped. */
#include "import_internal.h"
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

static int same_workload(const imp_rec *a, const imp_rec *b)
{
    return strcmp(a->model, b->model) == 0 && a->isl == b->isl && a->osl == b->osl;
}

typedef struct { double x, y; size_t i; } fr_key;

/* Interactivity down, throughput down, read order up. */
static int fr_cmp(const void *a, const void *b)
{
    const fr_key *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? 1 : -1;
    if (p->y != q->y)
        return p->y < q->y ? 1 : -1;
    return (p->i > q->i) - (p->i < q->i);
}

/* drop[i] = 1 for the dominated records idx[i]: in the order of fr_cmp, a
 * point is dominated exactly when one before it has as much throughput
 * (it has as much interactivity too, or is an equal point read earlier).
 * n log n, so a sweep of thousands of runs stays fast. */
static int mark_dominated(const imp_rec *r, const size_t *idx, size_t n, char *drop)
{
    fr_key *k = malloc(n * sizeof *k);
    if (!k)
        return -1;
    for (size_t i = 0; i < n; i++)
        k[i] = (fr_key){r[idx[i]].interactivity, r[idx[i]].output_tps, i};
    qsort(k, n, sizeof *k, fr_cmp);
    double best = -1;
    for (size_t j = 0; j < n; j++) {
        drop[k[j].i] = k[j].y <= best;
        if (k[j].y > best)
            best = k[j].y;
    }
    free(k);
    return 0;
}

static void to_point(const imp_rec *r, tc_point *pt)
{
    const tc_input_info *x = tc_input_info_of(TC_IN_POINT_INTERACTIVITY);
    const tc_input_info *y = tc_input_info_of(TC_IN_POINT_THROUGHPUT);
    pt->interactivity = (tc_num){.value = r->interactivity, .given = 1, .lo = x->lo, .hi = x->hi};
    pt->throughput = (tc_num){.value = r->output_tps, .given = 1, .lo = y->lo, .hi = y->hi};
    pt->file = r->file;
    memcpy(pt->record, r->record, sizeof pt->record);
    pt->prefill_gpus = r->prefill_gpus;
    pt->decode_gpus = r->decode_gpus;
    pt->kw_per_gpu = r->kw_per_gpu;
    pt->joules_per_token = r->joules_per_token;
}

static int by_interactivity(const void *a, const void *b)
{
    const tc_point *x = a, *y = b;
    return (x->interactivity.value > y->interactivity.value)
           - (x->interactivity.value < y->interactivity.value);
}

/* The points and dropped points of the records idx[0..n). */
static int frontier(const imp_rec *r, const size_t *idx, size_t n, tc_perf *e)
{
    e->points = calloc(n, sizeof *e->points);
    e->dropped = calloc(n, sizeof *e->dropped);
    char *drop = calloc(n, 1);
    if (!e->points || !e->dropped || !drop || mark_dominated(r, idx, n, drop) != 0) {
        free(drop);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const imp_rec *p = &r[idx[i]];
        if (!drop[i]) {
            to_point(p, &e->points[e->n_points++]);
            continue;
        }
        tc_dropped_point *d = &e->dropped[e->n_dropped++];
        d->interactivity = p->interactivity;
        d->throughput = p->output_tps;
        d->file = p->file;
        memcpy(d->record, p->record, sizeof d->record);
    }
    free(drop);
    qsort(e->points, e->n_points, sizeof *e->points, by_interactivity);
    e->has_interactivity = 1;
    return 0;
}

static int copy_meta(const imp_ctx *x, const tc_import_file *files, size_t n_files,
                     const imp_rec *first, tc_perf *e)
{
    e->model = strdup(first->model);
    e->isl = first->isl;
    e->osl = first->osl;
    e->basis = TC_BASIS_OUTPUT;
    e->evidence = TC_EVIDENCE_MEASURED;
    e->import_format = strdup(tc_import_format_names[x->fmt]);
    e->files = calloc(n_files, sizeof *e->files);
    e->notes = calloc(x->n_notes ? x->n_notes : 1, sizeof *e->notes);
    if (!e->model || !e->import_format || !e->files || !e->notes)
        return -1;
    for (; e->n_files < n_files; e->n_files++) {
        e->files[e->n_files] = files[e->n_files];
        if (!(e->files[e->n_files].name = strdup(files[e->n_files].name)))
            return -1;
    }
    for (; e->n_notes < x->n_notes; e->n_notes++)
        if (!(e->notes[e->n_notes] = strdup(x->notes[e->n_notes])))
            return -1;
    return 0;
}

/* One entry per workload into out; -1: out of memory. */
int imp_group(const imp_ctx *x, const tc_import_file *files, size_t n_files, tc_import_result *out)
{
    size_t *idx = malloc(x->n * sizeof *idx);
    char *done = calloc(x->n, 1);
    out->entries = calloc(x->n, sizeof *out->entries);
    int rc = idx && done && out->entries ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < x->n; i++) {
        if (done[i])
            continue;
        size_t n = 0;
        for (size_t j = i; j < x->n; j++)
            if (!done[j] && same_workload(&x->recs[i], &x->recs[j])) {
                idx[n++] = j;
                done[j] = 1;
            }
        tc_perf *e = &out->entries[out->n_entries++];
        rc = copy_meta(x, files, n_files, &x->recs[i], e) ? -1 : frontier(x->recs, idx, n, e);
    }
    free(idx);
    free(done);
    return rc;
}
