/* Importing benchmark artifacts: reads and hashes each file, converts its
 * records (import_formats.c), labels the points with the workload they
 * serve, divides by the GPUs of the run, groups them by model / isl / osl
 * and reduces each group to its Pareto frontier. */
#include "import_internal.h"
#include "load_internal.h"

#include <math.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tc_import_format_names[TC_IMPORT_COUNT + 1] = {
    "inferencex", "inferencex-csv", "vllm", "sglang", "aiperf", "genai-perf",
    "genai-perf-csv", "mlperf", "llmperf", NULL};

const char *const tc_import_keys[] = {"format", "files", "gpus", "prefill_gpus",
                                      "decode_gpus", NULL};
const char *const tc_import_key_help[] = {
    "one of: inferencex, inferencex-csv, vllm, sglang, aiperf, genai-perf, genai-perf-csv, "
    "mlperf, llmperf",
    "result files or patterns, relative to this file (like include:)",
    "GPUs of the run the files measured (the files' own count where they have one)",
    "a disaggregated run: its prefill GPUs (with decode_gpus, instead of gpus)",
    "a disaggregated run: its decode GPUs",
    NULL};

int tc_import_format_index(const char *name)
{
    for (int i = 0; tc_import_format_names[i]; i++)
        if (strcmp(name, tc_import_format_names[i]) == 0)
            return i;
    return -1;
}

int imp_push(imp_ctx *x, imp_rec *r)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 16;
        imp_rec *p = realloc(x->recs, cap * sizeof *p);
        if (!p) {
            free(r->model);
            x->oom = x->d->oom = 1;
            return -1;
        }
        x->recs = p;
        x->cap = cap;
    }
    x->recs[x->n++] = *r;
    return 0;
}

void imp_err(imp_ctx *x, int line, int col, const char *field, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tc_diags_add(x->d, x->path, line, col, field, "%s", msg);
    x->errors++;
}

void imp_note(imp_ctx *x, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < x->n_notes; i++)
        if (strcmp(x->notes[i], msg) == 0)
            return;
    if (x->n_notes == x->cap_notes) {
        size_t cap = x->cap_notes ? x->cap_notes * 2 : 4;
        char **p = realloc(x->notes, cap * sizeof *p);
        if (!p) {
            x->oom = x->d->oom = 1;
            return;
        }
        x->notes = p;
        x->cap_notes = cap;
    }
    if (!(x->notes[x->n_notes] = strdup(msg)))
        x->oom = x->d->oom = 1;
    else
        x->n_notes++;
}

int imp_name_ok(const char *s, size_t len)
{
    if (len == 0 || strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

int imp_opt(const imp_row *r, const char *key, double *v)
{
    return r->num(r, key, v);
}

int imp_need(const imp_row *r, const char *key, double *v)
{
    int rc = r->num(r, key, v);
    if (rc == 0)
        imp_err(r->x, r->line, r->col, key, "missing field \"%s\" (%s files have it)", key,
                tc_import_format_names[r->x->fmt]);
    return rc;
}

void imp_bad(const imp_row *r, const char *key, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    r->where(r, key, &line, &col);
    imp_err(r->x, line, col, key, "%s", msg);
}

void imp_bad_text(const imp_row *r, const char *key, const char *text, const char *what)
{
    char *t = tc_escape(text, strlen(text), 40);
    if (!t) {
        r->x->oom = r->x->d->oom = 1;
        return;
    }
    imp_bad(r, key, "\"%s\" is not %s", t, what);
    free(t);
}

static void hex(const uint8_t *dig, char out[65])
{
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", dig[i]);
}

/* Reads, hashes and converts one file. */
static void read_one(imp_ctx *x, const char *path, tc_import_file *f, struct sha256_ctx *all)
{
    char *buf;
    size_t len;
    x->path = path;
    tc_status st = tc_ld_slurp(path, &buf, &len, x->d);
    if (st != TC_OK) {
        x->errors++;
        return;
    }
    struct sha256_ctx one;
    uint8_t dig[SHA256_DIGEST_SIZE];
    sha256_init(&one);
    sha256_update(&one, len, (const uint8_t *)buf);
    sha256_digest(&one, sizeof dig, dig);
    hex(dig, f->sha256);
    if (all)
        sha256_update(all, len, (const uint8_t *)buf);
    int csv = x->fmt == TC_IMPORT_INFERENCEX_CSV || x->fmt == TC_IMPORT_GENAI_PERF_CSV
              || x->fmt == TC_IMPORT_MLPERF;
    if (csv)
        imp_read_csv(x, buf, len);
    else
        imp_read_json(x, buf, len);
    free(buf);
}

/* Replaces *have by the label given, with a warning when the file says otherwise. */
static int label_text(imp_ctx *x, imp_rec *r, const char *given)
{
    if (given && r->model && strcmp(given, r->model) != 0) {
        char *a = tc_escape(r->model, strlen(r->model), 60);
        char *b = tc_escape(given, strlen(given), 60);
        if (a && b)
            imp_note(x, "the files record model \"%s\", labelled \"%s\"", a, b);
        else
            x->oom = x->d->oom = 1;
        free(a);
        free(b);
    }
    if (given) {
        free(r->model);
        if (!(r->model = strdup(given))) {
            x->oom = x->d->oom = 1;
            return 0;
        }
    }
    return 1;
}

static void label_len(imp_ctx *x, const char *what, double given, double *have)
{
    if (given > 0 && *have > 0 && given != *have)
        imp_note(x, "the files record %s %.10g, labelled %.10g", what, *have, given);
    if (given > 0)
        *have = given;
    if (*have != floor(*have)) {
        imp_note(x, "the files record %s %.10g, rounded to %.0f tokens", what, *have,
                 floor(*have + 0.5));
        *have = floor(*have + 0.5);
    }
}

/* A label the file does not have and none was given: said once per import. */
static void unlabelled(imp_ctx *x, const imp_rec *r, int *said, const char *what, const char *flag,
                       const char *key)
{
    if (!*said)
        imp_err(x, r->line, r->col, "", "the %s is not recorded in %s files (give %s on the "
                "command line, or %s in the bid)", what, tc_import_format_names[x->fmt], flag, key);
    *said = 1;
}

typedef struct { int model, isl, osl, gpus; } said_t;

/* 1 when r->output_tps is per GPU now. */
static int divide(imp_ctx *x, imp_rec *r, said_t *said)
{
    const tc_import_opts *o = x->o;
    int split = o->prefill_gpus + o->decode_gpus;
    if (r->per_gpu) {
        if (o->gpus || split)
            imp_note(x, "the GPUs given are not used (%s throughput is per GPU already)",
                     tc_import_format_names[x->fmt]);
        return 1;
    }
    int g = o->gpus ? o->gpus : split ? split : r->gpus;
    if (o->gpus && r->gpus && o->gpus != r->gpus)
        imp_note(x, "the files record %d GPUs, labelled %d", r->gpus, o->gpus);
    if (!g) {
        unlabelled(x, r, &said->gpus, "number of GPUs", "--gpus N", "import: {gpus: N}");
        return 0;
    }
    r->output_tps /= g;
    if (split) {
        r->prefill_gpus = o->prefill_gpus;
        r->decode_gpus = o->decode_gpus;
    }
    return 1;
}

/* An imported point obeys the ranges a bid's own point does (the inputs'
 * table), so that no import can make a figure overflow either. */
static void point_in_range(imp_ctx *x, const imp_rec *r)
{
    static const tc_input_kind kinds[] = {TC_IN_POINT_THROUGHPUT, TC_IN_POINT_INTERACTIVITY};
    const double v[] = {r->output_tps, r->interactivity};
    for (size_t k = 0; k < 2; k++) {
        const tc_input_info *i = tc_input_info_of(kinds[k]);
        if (!tc_input_in_range(kinds[k], v[k]))
            imp_err(x, r->line, r->col, i->name, "%.10g %s is out of range (expected %s)", v[k],
                    i->unit, TC_LD_IN(kinds[k])->expect);
    }
}

static void label(imp_ctx *x, const char *const *paths)
{
    said_t said = {0};
    for (size_t i = 0; i < x->n && !x->oom; i++) {
        imp_rec *r = &x->recs[i];
        x->path = paths[r->file - 1];
        if (!label_text(x, r, x->o->model))
            return;
        label_len(x, "isl", x->o->isl, &r->isl);
        label_len(x, "osl", x->o->osl, &r->osl);
        if (!r->model)
            unlabelled(x, r, &said.model, "model", "--model NAME", "model: NAME");
        if (!(r->isl > 0))
            unlabelled(x, r, &said.isl, "input length", "--isl N", "isl: N");
        if (!(r->osl > 0))
            unlabelled(x, r, &said.osl, "output length", "--osl N", "osl: N");
        if (divide(x, r, &said))
            point_in_range(x, r);
    }
}

static void ctx_free(imp_ctx *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->recs[i].model);
    free(x->recs);
    for (size_t i = 0; i < x->n_notes; i++)
        free(x->notes[i]);
    free(x->notes);
}

void tc_import_result_free(tc_import_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_entries; i++)
        tc_perf_free(&r->entries[i]);
    free(r->entries);
    r->entries = NULL;
    r->n_entries = 0;
}

static int read_all(imp_ctx *x, const char *const *paths, const char *const *names,
                    tc_import_file *files, size_t n, void *sha)
{
    int read_err = 0;
    for (size_t i = 0; i < n && !x->oom; i++) {
        /* escaped: a control character in a file name cannot reach an output */
        const char *name = names ? names[i] : paths[i];
        if (!(files[i].name = tc_escape(name, strlen(name), strlen(name)))) {
            x->oom = x->d->oom = 1;
            break;
        }
        x->file = (int)i + 1;
        x->name = files[i].name;
        size_t before = x->d->count;
        size_t errors = x->errors;
        read_one(x, paths[i], &files[i], sha);
        /* a file that cannot be read at all (as opposed to a bad one) */
        if (x->errors != errors && files[i].sha256[0] == '\0' && x->d->count != before)
            read_err = 1;
    }
    return read_err;
}

tc_status tc_import_read(tc_import_format fmt, const char *const *paths,
                         const char *const *names, size_t n, const tc_import_opts *o,
                         void *sha, tc_import_result *out, tc_diags *d)
{
    static const tc_import_opts none = {0};
    imp_ctx x = {.fmt = fmt, .o = o ? o : &none, .d = d};
    memset(out, 0, sizeof *out);
    tc_import_file *files = calloc(n ? n : 1, sizeof *files);
    if (!files) {
        d->oom = 1;
        return TC_ERR_NOMEM;
    }
    int read_err = read_all(&x, paths, names, files, n, sha);
    if (!x.errors && !x.oom)
        label(&x, paths);
    if (!x.errors && !x.oom && x.n == 0 && n > 0) {
        x.path = paths[0];
        imp_err(&x, 1, 1, "", "no performance point in the %s file%s", tc_import_format_names[fmt],
                n > 1 ? "s" : "");
    }
    if (!x.errors && !x.oom && imp_group(&x, files, n, out) != 0)
        x.oom = d->oom = 1;
    if (x.errors || x.oom)
        tc_import_result_free(out);
    for (size_t i = 0; i < n; i++)
        free(files[i].name);
    free(files);
    ctx_free(&x);
    return x.oom || d->oom ? TC_ERR_NOMEM : read_err ? TC_ERR_READ : x.errors ? TC_ERR_INVALID : TC_OK;
}
