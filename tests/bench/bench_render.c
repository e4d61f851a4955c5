/* Where a render's time goes: loads, evaluates and analyses one scenario,
 * then renders it again and again in this process, one output format at a
 * time and all together, and prints the median of each in ms. Only the
 * formats this build has a renderer for are measured (tc_render_available),
 * so the same program follows the renderers as they land.
 * usage: bench_render SCENARIO.yaml OUTDIR [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../analyze_text.h"
#include "tc_render.h"
#include "tc_load.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, by_value);
    return t[n / 2];
}

/* Load, evaluation and analyses into *s, *r; returns the time or -1. */
static double prepare(const char *path, tc_scenario **s, tc_results **r)
{
    double t0 = now_ms();
    tc_diags d;
    char err[1024] = "";
    tc_diags_init(&d);
    tc_status st = tc_load_scenario(path, NULL, s, &d);
    tc_diags_print(&d, stderr);
    tc_diags_free(&d);
    if (st == TC_OK && (st = tc_eval(*s, r)) == TC_OK)
        st = tc_test_analyze(*s, *r, err, sizeof err);
    if (st != TC_OK) {
        fprintf(stderr, "bench_render: %s: %s\n", path, err[0] ? err : tc_strerror(st));
        return -1;
    }
    return now_ms() - t0;
}

static double time_formats(const tc_results *r, const char *dir, unsigned formats, int runs)
{
    double *t = malloc((size_t)runs * sizeof *t);
    tc_render_opts opts = {0};
    char err[2048] = "";
    for (int i = 0; t && i < runs; i++) {
        double t0 = now_ms();
        if (tc_render_scenario(r, dir, formats, &opts, err, sizeof err) != TC_OK) {
            fprintf(stderr, "bench_render: %s\n", err);
            free(t);
            return -1;
        }
        t[i] = now_ms() - t0;
    }
    double m = t ? median(t, runs) : -1;
    free(t);
    return m;
}

int main(int argc, char **argv)
{
    static const struct { unsigned bit; const char *name; } fmts[] = {
        {TC_FMT_JSON, "json"}, {TC_FMT_PDF, "pdf"}, {TC_FMT_XLSX, "xlsx"},
        {TC_FMT_PNG, "png"}, {TC_FMT_SVG, "svg"}, {TC_FMT_PNG | TC_FMT_SVG, "png+svg"},
    };
    if (argc < 3) {
        fprintf(stderr, "usage: bench_render SCENARIO.yaml OUTDIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 21;
    runs = runs < 1 ? 1 : runs;
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    double prep = prepare(argv[1], &s, &r);
    if (prep < 0)
        return 1;
    printf("  in-process, %s, median of %d: load+eval+analyses %.1f ms (once)", argv[1], runs, prep);
    unsigned avail = tc_render_available();
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        if ((fmts[i].bit & avail) != fmts[i].bit || (i == 5 && !(avail & TC_FMT_SVG)))
            continue;
        double ms = time_formats(r, argv[2], fmts[i].bit, runs);
        if (ms < 0)
            return 1;
        printf(", %s %.1f", fmts[i].name, ms);
    }
    double all = time_formats(r, argv[2], avail, runs);
    printf(", all %.1f ms\n", all);
    tc_results_free(r);
    tc_scenario_free(s);
    return all < 0;
}
