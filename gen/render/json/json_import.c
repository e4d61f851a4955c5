/* The performance entries of a platform whose points were imported from
 * benchmark artifacts, so that a checker can trace every point to the
 * file, its SHA-256 and the record it came from. Only platforms with an
 * imported entry get the key: the results of hand-typed bids keep their
 * bytes. */
#include "json_import.h"

#include <math.h>

static void put(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (!obj || !v || json_object_set_new(obj, key, v) != 0)
        *bad = 1;
}

static void push(json_t *arr, json_t *v, int *bad)
{
    if (!arr || !v || json_array_append_new(arr, v) != 0)
        *bad = 1;
}

/* 0 stands for "not measured" in the model: null here. */
static json_t *measured(double v)
{
    return v > 0 && isfinite(v) ? json_real(v) : json_null();
}

int json_has_import(const tc_platform *p)
{
    for (size_t i = 0; i < p->n_perf; i++)
        if (p->perf[i].import_format)
            return 1;
    return 0;
}

static void put_source(json_t *o, const tc_perf *e, int file, const char *record, int *bad)
{
    const tc_import_file *f = file > 0 ? &e->files[file - 1] : NULL;
    put(o, "file", f ? json_string(f->name) : json_null(), bad);
    put(o, "sha256", f ? json_string(f->sha256) : json_null(), bad);
    put(o, "record", f ? json_string(record) : json_null(), bad);
}

static json_t *point_obj(const tc_perf *e, const tc_point *pt, int *bad)
{
    json_t *o = json_object();
    put(o, "interactivity", e->has_interactivity ? json_real(pt->interactivity.value)
                                                 : json_null(), bad);
    put(o, "throughput", json_real(pt->throughput.value), bad);
    put_source(o, e, pt->file, pt->record, bad);
    put(o, "prefill_gpus", pt->prefill_gpus ? json_integer(pt->prefill_gpus) : json_null(), bad);
    put(o, "decode_gpus", pt->decode_gpus ? json_integer(pt->decode_gpus) : json_null(), bad);
    put(o, "measured_kw_per_gpu", measured(pt->kw_per_gpu), bad);
    put(o, "joules_per_output_token", measured(pt->joules_per_token), bad);
    return o;
}

static json_t *import_obj(const tc_perf *e, int *bad)
{
    if (!e->import_format)
        return json_null();
    json_t *o = json_object(), *files = json_array(), *dropped = json_array();
    json_t *notes = json_array();
    put(o, "format", json_string(e->import_format), bad);
    for (size_t i = 0; i < e->n_files; i++) {
        json_t *f = json_object();
        put(f, "file", json_string(e->files[i].name), bad);
        put(f, "sha256", json_string(e->files[i].sha256), bad);
        push(files, f, bad);
    }
    for (size_t i = 0; i < e->n_dropped; i++) {
        json_t *d = json_object();
        put(d, "interactivity", json_real(e->dropped[i].interactivity), bad);
        put(d, "throughput", json_real(e->dropped[i].throughput), bad);
        put_source(d, e, e->dropped[i].file, e->dropped[i].record, bad);
        push(dropped, d, bad);
    }
    for (size_t i = 0; i < e->n_notes; i++)
        push(notes, json_string(e->notes[i]), bad);
    put(o, "files", files, bad);
    put(o, "dropped", dropped, bad);
    put(o, "notes", notes, bad);
    return o;
}

json_t *json_import_performance(const tc_platform *p, int *bad)
{
    json_t *list = json_array();
    for (size_t i = 0; i < p->n_perf; i++) {
        const tc_perf *e = &p->perf[i];
        json_t *o = json_object(), *pts = json_array();
        put(o, "model", json_string(e->model), bad);
        put(o, "isl", json_real(e->isl), bad);
        put(o, "osl", json_real(e->osl), bad);
        put(o, "basis", json_string(e->basis == TC_BASIS_TOTAL ? "total" : "output"), bad);
        put(o, "evidence", json_string(tc_evidence_names[e->evidence]), bad);
        put(o, "import", import_obj(e, bad), bad);
        for (size_t k = 0; k < e->n_points; k++)
            push(pts, point_obj(e, &e->points[k], bad), bad);
        put(o, "points", pts, bad);
        push(list, o, bad);
    }
    return list;
}
