/* The Inputs sheet: every input the evaluation used, one cell each, with its
 * unit, its source (the bid's provenance, or "default" when the default was
 * applied), where it was written, its `--set` key (the one convention of
 * errors, what-ifs and this sheet: platforms[h200].pricing.cloud.gpu_hour,
 * 0-based list indexes) and a defined name that the formulas of every other
 * sheet use. Inputs that shape the sheets or select data (the horizon, the
 * workloads' shares and sequence lengths) are grey and locked: changing one
 * needs a new render; every other input is a blue, unlocked cell. */
#include <stdio.h>
#include <string.h>

#include "xlsx.h"

enum { XI_NAME, XI_VALUE, XI_UNIT, XI_SOURCE, XI_KEY, XI_WHERE, XI_NOTE, XI_NCOLS };

static const char fixed_note[] = "change it in the scenario and render again";

typedef struct {
    const char *key, *base;     /* logical key, name wanted */
    double value;
    lxw_format *fmt;
    const char *unit, *source, *path;   /* path: the --set key when the table has none */
    const char *file;           /* where written, with line (0: not known) */
    int line;
    const tc_num *num;          /* when set: given / distribution / line from it */
    int fixed;                  /* structural: grey, with fixed_note */
} in_row;

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

static void dist_note(const tc_num *v, char *buf, size_t n)
{
    static const char *const kinds[] = { "", "triangular low %g, mode %g, high %g",
        "uniform low %g, high %g%.0s", "normal mean %g, sd %g%.0s", "lognormal median %g, p90 %g%.0s" };
    buf[0] = '\0';
    if (v && v->dist > TC_DIST_NONE && v->dist <= TC_DIST_LOGNORMAL) {
        char d[200];
        snprintf(d, sizeof d, kinds[v->dist], v->p1, v->p2, v->p3);
        snprintf(buf, n, "distribution: %s (the point estimate is used here)", d);
    }
}

/* The inputs table's item whose value lives at home (a tc_num, int or
 * double of the scenario), or NULL (includes_power, claims, scoring: keys
 * the table does not list). Rows come in table order, so the search starts
 * where the last one was found: linear in all. */
static const tc_input *item_at(xl_ctx *c, const void *home)
{
    const tc_inputs *t = c->keys;
    for (size_t k = 0; home && k < t->n; k++) {
        size_t j = (c->key_at + k) % t->n;
        const tc_input *in = &t->items[j];
        if ((const void *)in->num == home || (const void *)in->integer == home
            || (const void *)in->real == home) {
            c->key_at = j + 1;
            return in;
        }
    }
    return NULL;
}

static void put(xl_ctx *c, lxw_row_t *r, const in_row *in)
{
    int given = !in->num || in->num->given;
    int line = in->num ? in->num->line : in->line;
    char where[300] = "", note[300];
    if (given && in->file && line > 0)
        snprintf(where, sizeof where, "%s:%d", base_name(in->file), line);
    dist_note(in->num, note, sizeof note);
    if (in->fixed)
        snprintf(note, sizeof note, "Structural: %s.", fixed_note);
    const char *name = xl_define(c, in->key, in->base, "Inputs", *r, XI_VALUE);
    xl_str(c, c->inputs, *r, XI_NAME, name, c->f.text);
    xl_num(c, c->inputs, *r, XI_VALUE, in->num ? in->num->value : in->value, in->fmt);
    xl_str(c, c->inputs, *r, XI_UNIT, in->unit, c->f.text);
    xl_str(c, c->inputs, *r, XI_SOURCE, given ? in->source : "default", c->f.text);
    xl_str(c, c->inputs, *r, XI_KEY, in->path, c->f.text);
    xl_str(c, c->inputs, *r, XI_WHERE, where, c->f.text);
    xl_str(c, c->inputs, *r, XI_NOTE, note[0] ? note : NULL, c->f.text);
    if (in->fixed)
        xl_note(c, c->inputs, *r, XI_VALUE, "Shapes the sheets or selects data: %s.", fixed_note);
    (*r)++;
}

static void put_at(xl_ctx *c, lxw_row_t *r, const in_row *in0, const void *home)
{
    in_row in = *in0;
    const tc_input *item = item_at(c, home ? home : in.num);
    if (item) {     /* one vocabulary: the table's key and structural flag */
        in.path = item->key;
        in.fixed = tc_input_info_of(item->kind)->structural;
    }
    const xl_formats *f = &c->f;
    if (in.fixed)
        in.fmt = in.fmt == f->in_pct || in.fmt == f->fixed_pct ? f->fixed_pct
                 : in.fmt == f->in_int || in.fmt == f->fixed_int ? f->fixed_int : f->fixed_num;
    else if (in.fmt == f->fixed_pct || in.fmt == f->fixed_int || in.fmt == f->fixed_num)
        in.fmt = in.fmt == f->fixed_pct ? f->in_pct : in.fmt == f->fixed_int ? f->in_int : f->in_num;
    put(c, r, &in);
}

static void section(xl_ctx *c, lxw_row_t *r, const char *title)
{
    (*r)++;
    for (lxw_col_t k = 0; k < XI_NCOLS; k++)
        xl_str(c, c->inputs, *r, k, k == 0 ? title : "", c->f.section);
    (*r)++;
}

static void scenario_rows(xl_ctx *c, lxw_row_t *r)
{
    const tc_scenario *s = c->s;
    char money_kwh[40], money_kwm[48], money_m[48];
    snprintf(money_kwh, sizeof money_kwh, "%s per kWh", s->currency);
    snprintf(money_kwm, sizeof money_kwm, "%s per IT kW-month", s->currency);
    snprintf(money_m, sizeof money_m, "%s per million tokens", s->currency);
    const char *f = base_name(s->file);
    section(c, r, "Assumptions (applied to every platform)");
    put_at(c, r, &(in_row){ "horizon_years", "horizon_years", s->horizon_years, c->f.fixed_int,
        "years", "scenario", "assumptions.horizon_years", NULL, 0, NULL, 1 }, &s->horizon_years);
    put_at(c, r, &(in_row){ "discount_rate", "discount_rate", 0, c->f.in_pct, "per year", "scenario",
        "assumptions.discount_rate", f, 0, &s->discount_rate, 0 }, NULL);
    put_at(c, r, &(in_row){ "utilization", "utilization", 0, c->f.in_pct, "share of capacity",
        "scenario", "assumptions.utilization", f, 0, &s->utilization, 0 }, NULL);
    put_at(c, r, &(in_row){ "price_per_kwh", "price_per_kwh", 0, c->f.in_money, money_kwh, "scenario",
        "assumptions.electricity.price_per_kwh", f, 0, &s->price_per_kwh, 0 }, NULL);
    put_at(c, r, &(in_row){ "escalation", "escalation", 0, c->f.in_pct, "per year", "scenario",
        "assumptions.electricity.escalation", f, 0, &s->escalation, 0 }, NULL);
    put_at(c, r, &(in_row){ "pue", "pue", 0, c->f.in_num, "facility power / IT power", "scenario",
        "assumptions.pue", f, 0, &s->pue, 0 }, NULL);
    put_at(c, r, &(in_row){ "facility_per_kw_month", "facility_per_kw_month", 0, c->f.in_money,
        money_kwm, "scenario", "assumptions.facility_per_kw_month", f, 0, &s->facility_per_kw_month, 0 }, NULL);
    if (s->site_power_mw.given)
        put_at(c, r, &(in_row){ "site_power_mw", "site_power_mw", 0, c->f.in_num, "MW", "scenario",
            "assumptions.site_power_mw", f, 0, &s->site_power_mw, 0 }, NULL);
    if (s->token_price_per_m.given)
        put_at(c, r, &(in_row){ "token_price_per_m", "token_price_per_m", 0, c->f.in_money, money_m,
            "scenario", "assumptions.token_price_per_m", f, 0, &s->token_price_per_m, 0 }, NULL);
    section(c, r, "Demand");
    put_at(c, r, &(in_row){ "tokens_per_day", "tokens_per_day", 0, c->f.in_int,
        s->token_basis == TC_BASIS_TOTAL ? "tokens per day (total basis)" : "tokens per day (output basis)",
        "scenario", "demand.tokens_per_day", f, 0, &s->tokens_per_day, 0 }, NULL);
    put_at(c, r, &(in_row){ "growth", "growth", 0, c->f.in_pct, "per year", "scenario",
        "demand.growth", f, 0, &s->growth, 0 }, NULL);
}

static void workload_rows(xl_ctx *c, lxw_row_t *r, size_t i)
{
    const tc_workload *w = &c->s->workloads[i];
    const char *f = base_name(c->s->file);
    char title[300], key[64], base[300], path[300];
    snprintf(title, sizeof title, "Workload %s: %s", w->id, w->name ? w->name : "");
    section(c, r, title);
#define WROW(field, val, fm, unit, num, fixed, home) do { \
        snprintf(key, sizeof key, "w%zu." field, i); \
        snprintf(base, sizeof base, "%s_" field, w->id); \
        snprintf(path, sizeof path, "workloads[%s]." field, w->id); \
        put_at(c, r, &(in_row){ key, base, val, fm, unit, "scenario", path, f, w->line, num, fixed }, \
               home); \
    } while (0)
    /* shares are fixed: they must sum to 1, so one alone cannot change */
    WROW("share", 0, c->f.fixed_pct, "share of tokens", &w->share, 1, NULL);
    WROW("isl", w->isl, c->f.fixed_int, "input tokens per request", NULL, 1, &w->isl);
    WROW("osl", w->osl, c->f.fixed_int, "output tokens per request", NULL, 1, &w->osl);
    if (w->min_interactivity.given)
        WROW("min_interactivity", 0, c->f.in_num, "SLO: output tokens/s per user",
             &w->min_interactivity, 0, NULL);
#undef WROW
}

/* One platform input: key "p<i>.<field>", name "<id>_<field>". */
static void prow(xl_ctx *c, lxw_row_t *r, size_t i, const char *field, const char *group,
                 double v, const tc_num *num, lxw_format *fm, const char *unit)
{
    const tc_platform *p = &c->s->platforms[i];
    char key[64], base[300], path[300];
    snprintf(key, sizeof key, "p%zu.%s", i, field);
    snprintf(base, sizeof base, "%s_%s", p->id, field);
    snprintf(path, sizeof path, "platforms[%s].%s%s", p->id, group, field);
    const char *src = p->source ? p->source : "bid";
    const void *home = strcmp(field, "gpus_per_node") == 0 ? (const void *)&p->gpus_per_node
                       : strcmp(field, "amortization_years") == 0
                       ? (const void *)&p->pricing.amortization_years : NULL;
    put_at(c, r, &(in_row){ key, base, v, fm, unit, src, path, p->file, p->line, num, 0 }, home);
}

static void pricing_rows(xl_ctx *c, lxw_row_t *r, size_t i)
{
    const tc_pricing *pp = &c->s->platforms[i].pricing;
    const char *cur = c->s->currency;
    char u1[64], u2[64], u3[64], u4[64];
    snprintf(u1, sizeof u1, "%s per GPU-hour", cur);
    snprintf(u2, sizeof u2, "%s per node", cur);
    snprintf(u3, sizeof u3, "%s per GPU-year", cur);
    snprintf(u4, sizeof u4, "%s per year", cur);
    if (pp->kind == TC_PRICING_CLOUD) {
        prow(c, r, i, "gpu_hour", "pricing.cloud.", 0, &pp->gpu_hour, c->f.in_money, u1);
        prow(c, r, i, "includes_power", "pricing.cloud.", pp->includes_power, NULL, c->f.in_int,
             "1: power and facility are in the price; 0: added");
        prow(c, r, i, "annual_change", "pricing.cloud.", 0, &pp->annual_change, c->f.in_pct, "per year");
    } else if (pp->kind == TC_PRICING_OWNED) {
        prow(c, r, i, "capex_per_node", "pricing.owned.", 0, &pp->capex_per_node, c->f.in_money, u2);
        prow(c, r, i, "network_capex_per_node", "pricing.owned.", 0, &pp->network_capex_per_node,
             c->f.in_money, u2);
        prow(c, r, i, "amortization_years", "pricing.owned.", pp->amortization_years, NULL,
             c->f.in_int, "years (equipment life, whole years)");
        prow(c, r, i, "residual_value", "pricing.owned.", 0, &pp->residual_value, c->f.in_pct,
             "share of capex at end of life");
        prow(c, r, i, "maintenance_rate", "pricing.owned.", 0, &pp->maintenance_rate, c->f.in_pct,
             "share of installed capex per year");
        prow(c, r, i, "software_per_gpu_year", "pricing.owned.", 0, &pp->software_per_gpu_year,
             c->f.in_money, u3);
    } else {
        snprintf(u1, sizeof u1, "%s per million input tokens", cur);
        snprintf(u2, sizeof u2, "%s per million output tokens", cur);
        prow(c, r, i, "input_per_m", "pricing.api.", 0, &pp->input_per_m, c->f.in_money, u1);
        prow(c, r, i, "output_per_m", "pricing.api.", 0, &pp->output_per_m, c->f.in_money, u2);
        prow(c, r, i, "annual_change", "pricing.api.", 0, &pp->annual_change, c->f.in_pct, "per year");
    }
    /* inside the pricing form's map, like every pricing key */
    const char *form = pp->kind == TC_PRICING_CLOUD ? "pricing.cloud."
                       : pp->kind == TC_PRICING_OWNED ? "pricing.owned." : "pricing.api.";
    prow(c, r, i, "other_per_year", form, 0, &pp->other_per_year, c->f.in_money, u4);
    prow(c, r, i, "one_time", form, 0, &pp->one_time, c->f.in_money, cur);
}

/* An imported point's source ("vllm: bench/a.json, record 1, line 1") and
 * note (its file's SHA-256, the measured power and the disaggregated
 * split); 0 for a point typed by hand. */
static int xl_import_source(const tc_perf *e, const tc_point *pt, char *src, size_t n,
                            char *note, size_t nn)
{
    if (!pt->file || (size_t)pt->file > e->n_files)
        return 0;
    const tc_import_file *f = &e->files[pt->file - 1];
    snprintf(src, n, "imported (%s): %s, %s", e->import_format, f->name, pt->record);
    size_t o = (size_t)snprintf(note, nn, "sha256 %s", f->sha256);
    if (pt->prefill_gpus && o < nn)
        o += (size_t)snprintf(note + o, nn - o, "; disaggregated: %d prefill + %d decode GPUs",
                              pt->prefill_gpus, pt->decode_gpus);
    if (pt->kw_per_gpu > 0 && o < nn)
        snprintf(note + o, nn - o, "; measured %.3g kW per GPU, %.3g J per output token",
                 pt->kw_per_gpu, pt->joules_per_token);
    return 1;
}

static int perf_used(const xl_ctx *c, size_t i, size_t k)
{
    for (size_t w = 0; w < c->s->n_workloads; w++)
        if (c->r->platforms[i].workloads[w].perf_index == (int)k)
            return 1;
    return 0;
}

static void perf_rows(xl_ctx *c, lxw_row_t *r, size_t i, size_t k)
{
    const tc_platform *p = &c->s->platforms[i];
    const tc_perf *e = &p->perf[k];
    const char *basis = tc_basis_terms[e->basis].name;
    char title[600], key[64], base[300], path[300], unit[64];
    snprintf(title, sizeof title, "Performance %s [%zu]: %s, isl %g, osl %g, %s basis%s%s", p->id,
             k, e->model, e->isl, e->osl, basis, e->config ? ", " : "", e->config ? e->config : "");
    section(c, r, title);
    snprintf(unit, sizeof unit, "tokens/s per GPU (%s basis)", basis);
    const char *bid_src = e->source ? e->source : p->source ? p->source : "bid";
    for (size_t j = 0; j < e->n_points; j++) {
        const tc_point *pt = &e->points[j];
        char isrc[400], inote[200];
        const char *src = xl_import_source(e, pt, isrc, sizeof isrc, inote, sizeof inote)
                              ? isrc : bid_src;
        const char *note = src == isrc ? inote : NULL;
        if (e->has_interactivity)
            snprintf(path, sizeof path, "platforms[%s].performance[%zu].points[%zu].interactivity",
                     p->id, k, j);
        else    /* the one-point form `throughput: N` */
            snprintf(path, sizeof path, "platforms[%s].performance[%zu].interactivity", p->id, k);
        if (e->has_interactivity) {
            snprintf(key, sizeof key, "p%zu.e%zu.x%zu", i, k, j);
            snprintf(base, sizeof base, "%s_perf%zu_pt%zu_interactivity", p->id, k + 1, j + 1);
            put_at(c, r, &(in_row){ key, base, 0, c->f.in_num, "output tokens/s per user", src,
                path, p->file, e->line, &pt->interactivity, 0 }, NULL);
            if (note)   /* an imported point's file hash (it has no distribution) */
                xl_str(c, c->inputs, *r - 1, XI_NOTE, note, c->f.text);
        }
        snprintf(key, sizeof key, "p%zu.e%zu.t%zu", i, k, j);
        snprintf(base, sizeof base, "%s_perf%zu_pt%zu_throughput", p->id, k + 1, j + 1);
        snprintf(strrchr(path, '.'), 16, ".throughput");
        put_at(c, r, &(in_row){ key, base, 0, c->f.in_num, unit, src, path, p->file, e->line,
            &pt->throughput, 0 }, NULL);
        if (note)
            xl_str(c, c->inputs, *r - 1, XI_NOTE, note, c->f.text);
    }
}

/* Claims are inputs too: a reviewer may test another claimed figure. The
 * stated precision (from how the number was written) stays as filed. */
static void claim_rows(xl_ctx *c, lxw_row_t *r, size_t i)
{
    const tc_platform *p = &c->s->platforms[i];
    char key[64], base[300], path[300];
    for (size_t k = 0; k < p->n_claims; k++) {
        const tc_claim *cl = &p->claims[k];
        const char *m = tc_metric_terms[cl->metric].name;
        snprintf(key, sizeof key, "p%zu.claim%zu", i, k);
        snprintf(base, sizeof base, "%s_claim_%s", p->id, m);
        snprintf(path, sizeof path, "platforms[%s].claims.%s", p->id, m);
        put_at(c, r, &(in_row){ key, base, cl->value, c->f.in_num, "claimed by the bidder",
            p->source ? p->source : "bid", path, p->file, cl->line, NULL, 0 }, NULL);
    }
}

static void platform_rows(xl_ctx *c, lxw_row_t *r, size_t i)
{
    const tc_platform *p = &c->s->platforms[i];
    char title[600];
    snprintf(title, sizeof title, "Platform %s: %s%s%s", p->id, p->name ? p->name : "",
             p->vendor ? " / " : "", p->vendor ? p->vendor : "");
    section(c, r, title);
    if (p->pricing.kind != TC_PRICING_API) {
        prow(c, r, i, "gpus_per_node", "", p->gpus_per_node, NULL, c->f.in_int, "GPUs per node");
        if (p->peak_pflops.given)
            prow(c, r, i, "peak_pflops", "", 0, &p->peak_pflops, c->f.in_num, "PFLOPS per GPU");
        prow(c, r, i, "power_kw_per_gpu", "", 0, &p->power_kw_per_gpu, c->f.in_num,
             "kW per GPU at load (all-in IT)");
        prow(c, r, i, "idle_power_fraction", "", 0, &p->idle_power_fraction, c->f.in_pct,
             "idle draw / load draw");
        prow(c, r, i, "software_uplift", "", 0, &p->software_uplift, c->f.in_pct,
             "throughput gain per year");
    }
    pricing_rows(c, r, i);
    claim_rows(c, r, i);
    for (size_t k = 0; k < p->n_perf; k++)
        if (perf_used(c, i, k))
            perf_rows(c, r, i, k);
}

/* Scoring weights and requirement bounds (when the scoring ran). */
static void scoring_rows(xl_ctx *c, lxw_row_t *r)
{
    const tc_analysis *a = &c->s->analysis;
    const char *f = base_name(c->s->file);
    char key[32], base[300], path[300];
    if (!c->r->scoring)
        return;
    section(c, r, "Scoring (RFP criteria and requirements)");
    for (size_t k = 0; k < a->n_criteria; k++) {
        snprintf(key, sizeof key, "sc.w%zu", k);
        snprintf(base, sizeof base, "score_weight_%s", tc_metric_terms[a->criteria[k].metric].name);
        snprintf(path, sizeof path, "analysis.scoring.criteria[%zu].weight", k);
        put(c, r, &(in_row){ key, base, a->criteria[k].weight, c->f.in_num,
            "weight (normalised to sum to 1)", "scenario", path, f, a->criteria[k].line, NULL, 0 });
    }
    for (size_t k = 0; k < a->n_requirements; k++) {
        const tc_requirement *q = &a->requirements[k];
        for (int side = 0; side < 2; side++) {
            if (!(side ? q->has_min : q->has_max))
                continue;
            snprintf(key, sizeof key, "sc.%s%zu", side ? "min" : "max", k);
            snprintf(base, sizeof base, "requirement_%s_%s", tc_metric_terms[q->metric].name,
                     side ? "min" : "max");
            snprintf(path, sizeof path, "analysis.scoring.requirements[%zu].%s", k,
                     side ? "min" : "max");
            put(c, r, &(in_row){ key, base, side ? q->min : q->max, c->f.in_num,
                side ? "lowest value a compliant bid may have" : "highest value a compliant bid may have",
                "scenario", path, f, q->line, NULL, 0 });
        }
    }
}

void xl_sheet_inputs(xl_ctx *c)
{
    static const xl_col cols[XI_NCOLS] = {
        { "Defined name", 34 }, { "Value", 16 }, { "Unit", 30 }, { "Source", 30 },
        { "Key", 60 }, { "Written at", 18 }, { "Note", 50 } };
    xl_headers(c, c->inputs, cols, XI_NCOLS);
    xl_page_setup(c, c->inputs, "Inputs");
    lxw_row_t r = 0;
    scenario_rows(c, &r);
    for (size_t w = 0; w < c->s->n_workloads; w++)
        workload_rows(c, &r, w);
    for (size_t i = 0; i < c->s->n_platforms; i++)
        platform_rows(c, &r, i);
    scoring_rows(c, &r);
}
