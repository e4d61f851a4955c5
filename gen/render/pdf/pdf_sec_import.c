/* The report's imported benchmark results: every imported point with its
 * file, SHA-256 and record, the disaggregated split and measured power
 * beside the bid's stated power, and the points dropped as dominated. */
#include "pdf.h"

#include <stdio.h>

static size_t imported_points(const tc_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_platforms; i++)
        for (size_t k = 0; k < s->platforms[i].n_perf; k++)
            if (s->platforms[i].perf[k].import_format)
                n += s->platforms[i].perf[k].n_points;
    return n;
}

/* "8 + 16 (prefill + decode)"; "0.95 kW (stated 0.85), 3.17 J/token" */
static void extras(char *buf, size_t n, const tc_platform *p, const tc_point *pt)
{
    size_t o = 0;
    buf[0] = '\0';
    if (pt->prefill_gpus)
        o += (size_t)snprintf(buf, n, "%d prefill + %d decode GPUs; ", pt->prefill_gpus,
                              pt->decode_gpus);
    if (pt->kw_per_gpu > 0 && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%.3g kW/GPU measured (bid %.3g); %.3g J/token; ",
                              pt->kw_per_gpu, p->power_kw_per_gpu.value, pt->joules_per_token);
    if (o >= 2 && o < n)
        buf[o - 2] = '\0';
}

static void entry_rows(pdf_table *t, const tc_platform *p, const tc_perf *e, int first)
{
    for (size_t j = 0; j < e->n_points && t->d->st == TC_OK; j++) {
        const tc_point *pt = &e->points[j];
        const tc_import_file *f = &e->files[pt->file - 1];
        char bid[300] = "", point[80], sha[24], more[200];
        if (j == 0)
            snprintf(bid, sizeof bid, "%s%s%s (%s)", first ? p->name : "", first ? ": " : "",
                     e->model, e->import_format);
        snprintf(point, sizeof point, "%.4g / %.5g", pt->interactivity.value,
                 pt->throughput.value);
        snprintf(sha, sizeof sha, "%.16s", f->sha256);
        extras(more, sizeof more, p, pt);
        const char *cells[] = {bid, point, f->name, pt->record, sha, more};
        pdf_table_row(t, cells, 0);
    }
}

static void dropped(tc_pdf *d, const tc_platform *p, const tc_perf *e)
{
    for (size_t j = 0; j < e->n_dropped; j++) {
        const tc_dropped_point *x = &e->dropped[j];
        char buf[700];
        snprintf(buf, sizeof buf, "- Dropped as dominated (%s, %s): %.4g tok/s/user, %.5g "
                 "tok/s/GPU, from %s, %s", p->name, e->model, x->interactivity, x->throughput,
                 e->files[x->file - 1].name, x->record);
        pdf_block(d, buf);
    }
}

void pdf_sec_imported(tc_pdf *d)
{
    pdf_col cols[] = {{"Bid and workload", 0.18, PDF_LEFT},
                      {"tok/s/user / tok/s/GPU", 0.13, PDF_LEFT}, {"File", 0.17, PDF_LEFT},
                      {"Record", 0.11, PDF_LEFT}, {"SHA-256 (first 16)", 0.14, PDF_LEFT},
                      {"Run", 0.27, PDF_LEFT}};
    size_t n = imported_points(d->s);
    if (n == 0)
        return;
    pdf_subtitle(d, pdf_say(d, "assumptions", "imported_title"));
    pdf_block(d, pdf_say(d, "assumptions", "imported_intro"));
    pdf_table t;
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform *p = &d->s->platforms[i];
        int first = 1;
        for (size_t k = 0; k < p->n_perf; k++)
            if (p->perf[k].import_format) {
                entry_rows(&t, p, &p->perf[k], first);
                first = 0;
            }
    }
    pdf_table_end(&t);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++)
        for (size_t k = 0; k < d->s->platforms[i].n_perf; k++)
            dropped(d, &d->s->platforms[i], &d->s->platforms[i].perf[k]);
}
