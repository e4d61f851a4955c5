/* Cost per token by workload, with SLO feasibility; fleet, power and site fit. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>

#include "tc_format.h"

static const char *how_text(const tc_wl_result *w)
{
    if (!w->covered)
        return NULL;
    switch (w->how) {
    case TC_TPUT_FLAT: return "yes: at or below the lowest measured point";
    case TC_TPUT_INTERP: return "yes: interpolated between measured points";
    case TC_TPUT_MAX: return "yes: no SLO, best measured throughput";
    case TC_TPUT_SINGLE: return "yes: one measured point";
    case TC_TPUT_API: return "yes: priced per token";
    default: return "yes";
    }
}

static void workload_title(tc_pdf *d, const tc_workload *w)
{
    char line[512], share[32], slo[96], num[32], in[32], out[32];
    pdf_pct(share, sizeof share, w->share.value, 0);
    if (w->min_interactivity.given)
        snprintf(slo, sizeof slo, "SLO: at least %s output tokens/s per user",
                 tc_fmt_num(num, sizeof num, w->min_interactivity.value, 0));
    else
        snprintf(slo, sizeof slo, "no SLO");
    snprintf(line, sizeof line, "Model %s  \xc2\xb7  %s input and %s output tokens per request  "
             "\xc2\xb7  %s of tokens  \xc2\xb7  %s", w->model, tc_fmt_num(in, sizeof in, w->isl, 0),
             tc_fmt_num(out, sizeof out, w->osl, 0), share, slo);
    pdf_subtitle(d, w->name ? w->name : w->id);
    pdf_note(d, line);
}

static void workload_table(tc_pdf *d, size_t wi)
{
    pdf_col cols[] = {{"Bid", 0.30, PDF_LEFT}, {"Tokens/s per GPU at the SLO", 0.14, PDF_RIGHT},
                      {"Cost per M tokens", 0.14, PDF_RIGHT}, {"Serves the workload", 0.42, PDF_LEFT}};
    pdf_table t;
    workload_title(d, &d->s->workloads[wi]);
    pdf_table_start(&t, d, cols, 4);
    for (size_t i = 0; i < d->s->n_platforms; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        const tc_wl_result *w = &p->workloads[wi];
        char tput[64], cost[64], why[400];
        if (w->covered)
            snprintf(why, sizeof why, "%s", how_text(w));
        else
            snprintf(why, sizeof why, "no: %s", w->reason ? w->reason : "not covered");
        const char *cells[] = {p->in->name,
                               w->covered ? tc_fmt_num(tput, sizeof tput, w->tokens_per_s_per_gpu, 0) : "n/a",
                               w->covered ? pdf_board(cost, sizeof cost, d, w->cost_per_m_tokens) : "n/a",
                               why};
        pdf_table_row(&t, cells, p == pdf_best(d) ? PDF_ROW_MARK : 0);
    }
    pdf_table_end(&t);
}

static void mix_table(tc_pdf *d)
{
    pdf_col cols[] = {{"Bid", 0.40, PDF_LEFT}, {"Mix tokens/s per GPU", 0.20, PDF_RIGHT},
                      {"Mix cost per M tokens", 0.20, PDF_RIGHT}, {"Serves every workload", 0.20, PDF_CENTER}};
    pdf_table t;
    pdf_subtitle(d, pdf_say(d, "workloads", "mix_title"));
    pdf_note(d, pdf_say(d, "workloads", "mix_intro"));
    pdf_table_start(&t, d, cols, 4);
    for (size_t i = 0; i < d->s->n_platforms; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        char tput[64], cost[64];
        const char *cells[] = {p->in->name, tc_fmt_num(tput, sizeof tput, p->tokens_per_s_per_gpu, 0),
                               pdf_board(cost, sizeof cost, d, p->cost_per_m_tokens),
                               p->covered ? "yes" : "no"};
        pdf_table_row(&t, cells, p == pdf_best(d) ? PDF_ROW_MARK : 0);
    }
    pdf_table_end(&t);
}

void pdf_sec_workloads(tc_pdf *d)
{
    pdf_title(d, pdf_say(d, "workloads", "title"));
    pdf_block(d, pdf_say(d, "workloads", "intro"));
    for (size_t w = 0; w < d->s->n_workloads && d->st == TC_OK; w++)
        workload_table(d, w);
    mix_table(d);
    pdf_chart_titled(d, pdf_say(d, "workloads", "chart_title"), TC_CHART_CURVES, 330);
}

static const char *site_text(char *buf, size_t n, const tc_platform_result *p)
{
    if (p->site_fits < 0)
        snprintf(buf, n, "n/a");
    else if (p->site_fits)
        snprintf(buf, n, "fits");
    else
        snprintf(buf, n, "over from year %d", p->site_first_year_over);
    return buf;
}

static void fleet_row(tc_pdf *d, pdf_table *t, const tc_platform_result *p)
{
    int h = d->s->horizon_years;
    char c[6][64];
    int have = p->years != NULL && h > 0;
    tc_fmt_num(c[0], sizeof c[0], have ? p->years[0].gpus_installed : NAN, 0);
    tc_fmt_num(c[1], sizeof c[1], have ? p->years[h - 1].gpus_installed : NAN, 0);
    tc_fmt_num(c[2], sizeof c[2], have ? p->years[h - 1].nodes_installed : NAN, 0);
    tc_fmt_num(c[3], sizeof c[3], p->peak_facility_mw, 2);
    site_text(c[4], sizeof c[4], p);
    tc_fmt_si(c[5], sizeof c[5], p->site_max_tokens_per_day);
    const char *cells[] = {p->in->name, c[0], c[1], c[2], c[3], c[4], c[5]};
    pdf_table_row(t, cells, p == pdf_best(d) ? PDF_ROW_MARK : 0);
}

void pdf_sec_fleet(tc_pdf *d)
{
    char last_gpus[64], last_nodes[64];
    snprintf(last_gpus, sizeof last_gpus, "GPUs, year %d", d->s->horizon_years);
    snprintf(last_nodes, sizeof last_nodes, "Nodes, year %d", d->s->horizon_years);
    pdf_col cols[] = {{"Bid", 0.30, PDF_LEFT},        {"GPUs, year 1", 0.10, PDF_RIGHT},
                      {last_gpus, 0.10, PDF_RIGHT},   {last_nodes, 0.10, PDF_RIGHT},
                      {"Peak facility MW", 0.11, PDF_RIGHT}, {"Site fit", 0.15, PDF_LEFT},
                      {"Max tokens/day at the site", 0.14, PDF_RIGHT}};
    pdf_table t;
    pdf_title(d, pdf_say(d, "fleet", "title"));
    pdf_block(d, pdf_say(d, "fleet", "intro"));
    pdf_block(d, pdf_say(d, "fleet", d->s->site_power_mw.given ? "site" : "no_site"));
    pdf_table_start(&t, d, cols, 7);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++)
        fleet_row(d, &t, &d->r->platforms[i]);
    pdf_table_end(&t);
    pdf_chart_titled(d, pdf_say(d, "fleet", "chart_title"), TC_CHART_SITE_POWER, 220);
}
