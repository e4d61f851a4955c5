/* A performance entry's `import:` mapping: the artifacts' paths (patterns
 * relative to the file, found by the include: code, so the same rules
 * apply), the GPUs of the run, and the entry's model / isl / osl as labels. */
#include "load_internal.h"
#include "tc_import.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char **paths;
    const char **names;         /* into paths: the part after the file's folder */
    size_t n, cap;
} ld_files;

static int files_add(ld_files *f, const char *path, size_t dir)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        char **p = realloc(f->paths, cap * sizeof *p);
        const char **q = p ? realloc(f->names, cap * sizeof *q) : NULL;
        if (p)
            f->paths = p;
        if (!q)
            return -1;
        f->names = q;
        f->cap = cap;
    }
    if (!(f->paths[f->n] = strdup(path)))
        return -1;
    f->names[f->n] = f->paths[f->n] + (strlen(path) > dir ? dir : 0);
    f->n++;
    return 0;
}

static void files_free(ld_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->paths[i]);
    free(f->paths);
    free(f->names);
}

/* The files: list, each item expanded like an include: pattern. */
static void ld_files_list(tc_ld *c, const tc_node *l, ld_files *f)
{
    const char *slash = strrchr(c->file, '/');
    size_t dir = slash ? (size_t)(slash - c->file) + 1 : 0;
    size_t old = tc_ld_push(c, "files");
    if (tc_ld_seq(c, l) && l->n_kids == 0)
        tc_ld_err(c, l, "expected at least one file");
    for (size_t i = 0; l->kind == TC_NODE_SEQ && i < l->n_kids; i++) {
        size_t o2 = tc_ld_push_index(c, i);
        glob_t g;
        if (tc_ld_glob(c, l->kids[i], c->file, &g)) {
            int abs = l->kids[i]->text[0] == '/';
            for (size_t k = 0; k < g.gl_pathc && !c->oom; k++)
                if (files_add(f, g.gl_pathv[k], abs ? 0 : dir) != 0)
                    c->oom = c->d->oom = 1;
            globfree(&g);
        }
        tc_ld_pop(c, o2);
    }
    tc_ld_pop(c, old);
}

static void ld_gpus(tc_ld *c, const tc_node *im, tc_import_opts *o)
{
    double g = 0, p = 0, d = 0;
    tc_ld_int_key(c, im, "gpus", &TC_R_GPUS, TC_LD_OPTIONAL, 0, &g);
    tc_ld_int_key(c, im, "prefill_gpus", &TC_R_GPUS, TC_LD_OPTIONAL, 0, &p);
    tc_ld_int_key(c, im, "decode_gpus", &TC_R_GPUS, TC_LD_OPTIONAL, 0, &d);
    if ((p > 0) != (d > 0))
        tc_ld_err(c, im, "prefill_gpus and decode_gpus go together (a disaggregated run has both)");
    else if (g > 0 && p > 0)
        tc_ld_err(c, im, "gpus and prefill_gpus/decode_gpus cannot both be given "
                  "(expected one of them)");
    o->gpus = (int)g;
    o->prefill_gpus = (int)p;
    o->decode_gpus = (int)d;
}

/* Moves the one entry read into e (the entry's own keys stay). */
static void take(tc_ld *c, const tc_node *im, tc_import_result *r, tc_perf *e)
{
    if (r->n_entries != 1) {
        char list[400] = "";
        for (size_t i = 0, o = 0; i < r->n_entries && o < sizeof list; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s isl %.0f osl %.0f",
                                  i ? "; " : "", r->entries[i].model, r->entries[i].isl,
                                  r->entries[i].osl);
        tc_ld_err(c, im, "the files hold %zu workloads (%s): give model, isl and osl, or one "
                  "entry per workload", r->n_entries, list);
        return;
    }
    tc_perf *x = &r->entries[0];
    if (!e->model) {
        e->model = x->model;
        x->model = NULL;
    }
    e->isl = x->isl;
    e->osl = x->osl;
#define MOVE(f) do { e->f = x->f; x->f = 0; } while (0)
    MOVE(points); MOVE(n_points); MOVE(import_format); MOVE(files); MOVE(n_files);
    MOVE(dropped); MOVE(n_dropped); MOVE(notes); MOVE(n_notes);
#undef MOVE
    e->has_interactivity = 1;
    for (size_t i = 0; i < e->n_points; i++) {
        e->points[i].interactivity.line = e->points[i].throughput.line = im->line;
        e->points[i].interactivity.col = e->points[i].throughput.col = im->col;
    }
}

void tc_ld_import(tc_ld *c, const tc_node *entry, tc_perf *e)
{
    const tc_node *im = tc_ld_get(entry, "import");
    size_t old = tc_ld_push(c, "import");
    int fmt = -1;
    tc_import_opts o = {.model = e->model, .isl = e->isl, .osl = e->osl};
    ld_files f = {0};
    size_t errors = c->errors;
    if (tc_ld_map(c, im, tc_import_keys)) {
        const tc_node *fm = tc_ld_require(c, im, "format");
        if (fm)
            tc_ld_enum_key(c, im, "format", tc_import_format_names, -1, &fmt);
        ld_gpus(c, im, &o);
        const tc_node *l = tc_ld_require(c, im, "files");
        if (l)
            ld_files_list(c, l, &f);
    }
    size_t before = c->d->count;
    if (fmt >= 0 && f.n && c->errors == errors && !c->oom) {
        tc_import_result r;
        tc_status st = tc_import_read((tc_import_format)fmt, (const char *const *)f.paths,
                                      f.names, f.n, &o, c->sha, &r, c->d);
        if (st == TC_OK)
            take(c, im, &r, e);
        c->read_err |= st == TC_ERR_READ;
        c->oom |= st == TC_ERR_NOMEM;
        c->errors += c->d->count - before;
        tc_import_result_free(&r);
    }
    files_free(&f);
    tc_ld_pop(c, old);
}
