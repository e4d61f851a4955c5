/* tokcost check --against SCENARIO.yaml BID.yaml...: each bid validated,
 * then evaluated alone under the committee's assumptions and workloads, as
 * the vendor's self-check before submitting: coverage of every workload at
 * its SLO, the headline figures, the claims checked, what the committee will
 * flag; with -o DIR, the one-page bid sheet DIR/<bid stem>/bid_sheet.pdf. */
#include "tc_format.h"
#include "tc_load.h"
#include "tc_render.h"
#include "tc_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_warn_one_point(const tc_results *r)
{
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        const tc_platform_result *p = &r->platforms[i];
        for (size_t w = 0; w < r->scenario->n_workloads; w++) {
            const tc_wl_result *x = &p->workloads[w];
            if (x->perf_index < 0 || !x->in->min_interactivity.given)
                continue;
            const tc_perf *e = &p->in->perf[x->perf_index];
            if (e->n_points == 1)
                fprintf(stderr, "%s:%d:%d: platforms[%s].performance[%d]: warning: one point "
                        "only, but workload %s has an SLO of %g tokens/s per user (expected "
                        "points on both sides of it)\n", p->in->file, e->line, e->col, p->in->id,
                        x->perf_index, x->in->id, x->in->min_interactivity.value);
        }
    }
}

/* How the throughput at the SLO was found, for the coverage lines. */
static void how_said(char *buf, size_t n, const tc_wl_result *w)
{
    char lo[32], hi[32];
    tc_fmt_num(lo, sizeof lo, w->x_lo, 0);
    tc_fmt_num(hi, sizeof hi, w->x_hi, 0);
    switch (w->how) {
    case TC_TPUT_INTERP: snprintf(buf, n, "between the points at %s and %s", lo, hi); break;
    case TC_TPUT_FLAT: snprintf(buf, n, "the curve's first point, at %s", lo); break;
    case TC_TPUT_MAX: snprintf(buf, n, "no SLO: the curve's largest throughput"); break;
    case TC_TPUT_SINGLE: snprintf(buf, n, "the one figure given, SLO not checked"); break;
    default: buf[0] = '\0'; break;
    }
}

static void coverage(FILE *f, const tc_results *r)
{
    fprintf(f, "\nCoverage of the RFP's workloads (throughput per GPU at each SLO):\n");
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        const tc_platform_result *p = &r->platforms[i];
        for (size_t k = 0; k < r->scenario->n_workloads; k++) {
            const tc_wl_result *w = &p->workloads[k];
            char slo[48] = "no SLO", tput[32], how[96];
            if (w->in->min_interactivity.given)
                snprintf(slo, sizeof slo, "SLO %g tok/s", w->in->min_interactivity.value);
            fprintf(f, "  %-12s %-14s %-16s ", k == 0 ? p->in->id : "", w->in->id, slo);
            if (!w->covered)
                fprintf(f, "does not cover: %s\n", w->reason ? w->reason : "no data");
            else if (w->how == TC_TPUT_API)
                fprintf(f, "covered (api: tokens are bought, no GPUs)\n");
            else {
                how_said(how, sizeof how, w);
                fprintf(f, "%s tok/s per GPU (%s)\n",
                        tc_fmt_num(tput, sizeof tput, w->tokens_per_s_per_gpu, 0), how);
            }
        }
    }
}

/* Prints the flags of every platform; returns -1 when out of memory. */
static int flags_section(FILE *f, const tc_results *r)
{
    fprintf(f, "\nWhat the committee will flag:\n");
    size_t total = 0;
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        char **fl;
        size_t n = cli_flags(r, i, &fl);
        if (n == (size_t)-1)
            return -1;
        for (size_t k = 0; k < n; k++)
            fprintf(f, "  - %s: %s\n", r->scenario->platforms[i].id, fl[k]);
        total += n;
        cli_flags_free(fl, n);
    }
    if (total == 0)
        fprintf(f, "  nothing\n");
    return 0;
}

/* The flags of every platform of r, for the bid sheet. */
static int all_flags(const tc_results *r, char ***fl, size_t *n)
{
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        n[i] = cli_flags(r, i, &fl[i]);
        if (n[i] == (size_t)-1) {
            n[i] = 0;
            return -1;
        }
    }
    return 0;
}

static int write_sheet(const cli_args *a, const char *bid, const tc_results *r)
{
    size_t np = r->scenario->n_platforms;
    char *stem = cli_file_stem(bid);
    size_t len = stem ? strlen(a->out_dir) + strlen(stem) + 2 : 0;
    char *dir = stem ? malloc(len) : NULL;
    char ***fl = calloc(np ? np : 1, sizeof *fl);
    size_t *n = calloc(np ? np : 1, sizeof *n);
    tc_status st = TC_ERR_NOMEM;
    char err[1024] = "";
    if (dir && fl && n && all_flags(r, fl, n) == 0) {
        snprintf(dir, len, "%s/%s", a->out_dir, stem);
        const char *inputs[] = {a->against, bid};
        tc_render_opts opts = {.templates_dir = a->templates_dir};
        st = tc_render_bid_sheet(r, (char *const *const *)fl, n, dir, inputs, 2, &opts, err,
                                 sizeof err);
    }
    if (st != TC_OK)
        fprintf(stderr, "tokcost: %s\n", err[0] ? err : tc_strerror(st));
    for (size_t i = 0; fl && n && i < np; i++)
        cli_flags_free(fl[i], n[i]);
    free(fl);
    free(n);
    free(stem);
    free(dir);
    return cli_exit_for(st);
}

static int against_one(const cli_args *a, const char *bid)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_load_opts lo = {a->sets, a->n_sets};
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    tc_status st = tc_load_against(a->against, bid, &lo, &s, &d);
    cli_report(bid, st, &d);
    tc_diags_free(&d);
    int rc = cli_evaluate_loaded(bid, st, s, &r);
    if (rc == TC_EXIT_OK) {
        cli_warn_one_point(r);
        if (!a->quiet) {
            printf("%s: valid; evaluated alone under the assumptions and workloads of %s\n\n",
                   bid, a->against);
            /* ranks, shares of "cheapest" and break-evens compare bids: not shown alone */
            tc_results view = *r;
            view.scoring = NULL;
            view.monte_carlo = NULL;
            view.break_even = NULL;
            view.n_break_even = 0;
            tc_table_print(stdout, &view);
            coverage(stdout, r);
            if (flags_section(stdout, r) != 0) {
                fprintf(stderr, "tokcost: %s: %s\n", bid, tc_strerror(TC_ERR_NOMEM));
                rc = TC_EXIT_WRITE;
            }
        }
        if (rc == TC_EXIT_OK && a->out_set)
            rc = write_sheet(a, bid, r);
    }
    tc_results_free(r);
    tc_scenario_free(s);
    return rc;
}

int cli_check_against(const cli_args *a)
{
    cli_files f;
    int worst = cli_files_expand(a, &f);
    for (size_t i = 0; worst != TC_EXIT_USAGE && i < f.n; i++) {
        if (i > 0 && !a->quiet)
            printf("\n");
        int rc = against_one(a, f.paths[i]);
        worst = rc > worst ? rc : worst;
    }
    cli_files_free(&f);
    return worst;
}
