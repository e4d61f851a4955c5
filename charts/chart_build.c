/* The chart descriptions of the per-platform figures: cost per million
 * tokens, tokens/s per MW, the iceberg, the tornado and Monte Carlo. */
#include "build_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_format.h"

const char *tc_pname(const tc_results *r, size_t i)
{
    const tc_platform *p = &r->scenario->platforms[i];
    return p->name && *p->name ? p->name : p->id;
}

const char *tc_basis_word(const tc_results *r)
{
    return tc_basis_terms[r->scenario->token_basis].name;
}

const char *tc_scenario_title(const tc_results *r)
{
    const tc_scenario *s = r->scenario;
    return s->title && *s->title ? s->title : s->file ? s->file : "";
}

/* Chart labels use the board rounding (tc_format.h), like the report's text. */
const char *tc_money_text(tc_chart *c, double v, const char *code)
{
    char buf[96];
    return tc_chart_str(c, "%s", tc_fmt_board_money(buf, sizeof buf, v, code));
}

const char *tc_money_si_text(tc_chart *c, double v, const char *code)
{
    return tc_money_text(c, v, code);
}


static int any_finite_metric(const tc_results *r, int mw)
{
    for (size_t i = 0; i < r->scenario->n_platforms; i++)
        if (isfinite(mw ? r->platforms[i].tokens_per_s_per_mw : r->platforms[i].cost_per_m_tokens))
            return 1;
    return 0;
}

/* Every bid may be drawn (a bid without the figure shows why). */
static const unsigned char *every_bid(const tc_results *r, tc_chart *c)
{
    size_t n = r->scenario->n_platforms;
    unsigned char *ok = tc_chart_alloc(c, n, 1);
    for (size_t i = 0; ok && i < n; i++)
        ok[i] = 1;
    return ok;
}

/* The bar of bid i at row j: its value, colour, label and why it has none. */
static void headline_bar(const tc_results *r, tc_chart *c, int mw, size_t i, size_t j)
{
    const tc_platform_result *p = &r->platforms[i], *b = &r->platforms[r->baseline];
    tc_series *se = &c->series[0];
    double v = mw ? p->tokens_per_s_per_mw : p->cost_per_m_tokens;
    double bv = mw ? b->tokens_per_s_per_mw : b->cost_per_m_tokens;
    c->cats[j].label = tc_pname(r, i);
    c->cats[j].emphasis = i == r->baseline;
    if (!isfinite(v))
        c->cats[j].note = p->in->pricing.kind == TC_PRICING_API ? "api: no GPUs, no power figure"
                        : "not covered";
    se->x[j] = isfinite(v) ? 0.0 : NAN;
    se->y[j] = v;
    se->colours[j] = i == r->baseline ? TC_GREY : TC_OI_BLUE;
    char num[64], rel[64];
    const char *val = mw ? tc_chart_str(c, "%s", tc_fmt_board_count(num, sizeof num, v))
                         : tc_money_text(c, v, r->scenario->currency);
    if (isfinite(v) && i != r->baseline && isfinite(bv) && bv != 0)
        val = tc_chart_str(c, "%s (%s)", val, tc_fmt_vs(rel, sizeof rel, v, bv));
    else if (i == r->baseline)
        val = tc_chart_str(c, "%s (baseline)", val);
    se->labels[j] = isfinite(v) ? val : NULL;
}

/* One bar per bid drawn, baseline grey and marked; shared by the two
 * headline charts. mw selects tokens/s per MW instead of cost. */
static tc_status build_headline(const tc_results *r, tc_chart *c, int mw)
{
    size_t n = r->scenario->n_platforms, m = 0;
    if (!any_finite_metric(r, mw))
        return TC_OK;
    c->type = TC_PLOT_HBAR;
    const unsigned char *ok = every_bid(r, c);
    size_t *idx = tc_chart_alloc(c, n, sizeof *idx);
    if (!ok || !idx || tc_chart_pick(r, c, ok, idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    c->cats = tc_chart_alloc(c, m, sizeof *c->cats);
    tc_series *se = tc_chart_add_series(c, mw ? "tokens/s per MW" : "cost per million tokens",
                                        TC_OI_BLUE, m);
    tc_rgb *colours = tc_chart_alloc(c, m, sizeof *colours);
    if (!c->cats || !se || !colours)
        return TC_ERR_NOMEM;
    c->n_cats = m;
    se->colours = colours;
    for (size_t j = 0; j < m; j++)
        headline_bar(r, c, mw, idx[j], j);
    return TC_OK;
}

tc_status tc_build_cost(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    c->title = "Cost per million tokens, by platform";
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 year 1, workload mix, at %.0f%% utilization",
                               tc_scenario_title(r), s->utilization.value * 100.0);
    c->x.label = tc_chart_str(c, "%s per million %s tokens (lower is better)", s->currency,
                              tc_basis_word(r));
    c->x.fmt = TC_FMT_MONEY;
    c->x.currency = s->currency;
    c->x.include_zero = 1;
    c->footnote = tc_chart_str(c, "Relative figures against the baseline, %s (grey bar).",
                               tc_pname(r, r->baseline));
    return build_headline(r, c, 0);
}

tc_status tc_build_tokens_mw(const tc_results *r, tc_chart *c)
{
    c->title = "Tokens per second per MW of facility power";
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 workload mix at load, PUE %.2f",
                               tc_scenario_title(r), r->scenario->pue.value);
    c->x.label = tc_chart_str(c, "%s tokens/s per MW (higher is better)", tc_basis_word(r));
    c->x.fmt = TC_FMT_PLAIN;
    c->x.include_zero = 1;
    c->footnote = tc_chart_str(c, "Relative figures against the baseline, %s (grey bar).",
                               tc_pname(r, r->baseline));
    return build_headline(r, c, 1);
}

static const char *ratio_text(tc_chart *c, double v)
{
    char buf[32];
    return tc_chart_str(c, "%s", tc_fmt_times(buf, sizeof buf, v));
}

static int iceberg_ok(const tc_platform_result *p)
{
    return isfinite(p->pflops_per_dollar_hour) && p->pflops_per_dollar_hour > 0 &&
           isfinite(p->cost_per_m_tokens) && p->cost_per_m_tokens > 0;
}

/* The subtitle states the point with the platform of largest cost advantage. */
static void iceberg_subtitle(const tc_results *r, tc_chart *c, const tc_series *f,
                             const tc_series *k, const size_t *idx)
{
    size_t best = 0;
    for (size_t i = 1; i < c->n_cats; i++)
        if (-k->y[i] > -k->y[best])
            best = i;
    if (idx[best] == r->baseline) {
        c->subtitle = tc_chart_str(c, "Relative to %s: no platform has a lower cost per token",
                                   tc_pname(r, r->baseline));
        return;
    }
    const char *per = tc_currency_word(r->scenario->currency);
    c->subtitle = tc_chart_str(c, "%s has %s the peak FLOPS per %s of %s, but %s its tokens per %s",
                               tc_pname(r, idx[best]), ratio_text(c, f->y[best]), per,
                               tc_pname(r, r->baseline), ratio_text(c, -k->y[best]), per);
}

tc_status tc_build_iceberg(const tc_results *r, tc_chart *c)
{
    size_t n = r->scenario->n_platforms, m = 0;
    const tc_platform_result *b = &r->platforms[r->baseline];
    unsigned char *ok = tc_chart_alloc(c, n, 1);
    size_t *idx = tc_chart_alloc(c, n, sizeof *idx);
    if (!ok || !idx)
        return TC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        m += ok[i] = (unsigned char)iceberg_ok(&r->platforms[i]);
    if (!iceberg_ok(b) || m < 2)
        return TC_OK;
    c->type = TC_PLOT_VBAR;
    const char *per = tc_currency_word(r->scenario->currency);
    c->footnote = tc_chart_str(c, "Both relative to the baseline %s (1.0x). Above the line: peak "
                               "PFLOPS per %s-hour. Below: cost per million tokens, inverted.",
                               tc_pname(r, r->baseline), per);
    if (tc_chart_pick(r, c, ok, idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    c->title = tc_chart_str(c, "FLOPS per %s vs cost per token", per);
    c->y.label = "advantage over the baseline (x-fold)";
    c->y.fmt = TC_FMT_RATIO;
    c->y.abs_labels = 1;
    c->y.include_zero = 1;
    c->cats = tc_chart_alloc(c, m, sizeof *c->cats);
    c->top_labels = tc_chart_alloc(c, m, sizeof *c->top_labels);
    c->bottom_labels = tc_chart_alloc(c, m, sizeof *c->bottom_labels);
    tc_series *f = tc_chart_add_series(c, tc_chart_str(c, "\xe2\x86\x91 peak FLOPS per %s (what the "
                                                    "spec sheet says)", per), TC_OI_SKY, m);
    tc_series *k = f ? tc_chart_add_series(c, tc_chart_str(c, "\xe2\x86\x93 tokens per %s (what the "
                                                        "workload gets)", per), TC_OI_BLUE, m) : NULL;
    if (!c->cats || !c->top_labels || !c->bottom_labels || !k)
        return TC_ERR_NOMEM;
    f = &c->series[0];
    c->n_cats = m;
    for (size_t j = 0; j < m; j++) {
        const tc_platform_result *p = &r->platforms[idx[j]];
        c->cats[j].label = tc_pname(r, idx[j]);
        c->cats[j].emphasis = idx[j] == r->baseline;
        f->y[j] = p->pflops_per_dollar_hour / b->pflops_per_dollar_hour;
        k->y[j] = -(b->cost_per_m_tokens / p->cost_per_m_tokens);
        c->top_labels[j] = ratio_text(c, f->y[j]);
        c->bottom_labels[j] = ratio_text(c, -k->y[j]);
    }
    f->in_legend = k->in_legend = 1;
    iceberg_subtitle(r, c, f, k, idx);
    return TC_OK;
}

static const char *input_label(const char *key)
{
    static const char *const names[][2] = {
        {"gpu_hour", "GPU-hour price"}, {"capex_per_node", "capex per node"},
        {"api_price", "API token prices"}, {"throughput", "throughput"},
        {"utilization", "utilization"}, {"price_per_kwh", "electricity price"},
        {"pue", "PUE"}, {"power_kw_per_gpu", "power per GPU"},
        {"discount_rate", "discount rate"}, {"growth", "demand growth"},
    };
    for (size_t i = 0; key && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(key, names[i][0]) == 0)
            return names[i][1];
    return key ? key : "?";
}

#define TC_TORNADO_BARS 10     /* the chart shows the widest ten; the report's table all */

tc_status tc_build_tornado(const tc_results *r, tc_chart *c)
{
    const tc_sensitivity *sens = r->sensitivity;
    size_t pi = r->n_ranking ? r->ranking[0] : r->baseline;
    if (!sens || !sens->rows || !sens->n_rows || sens->n_rows[pi] == 0)
        return TC_OK;
    const tc_tornado_row *rows = sens->rows[pi];
    size_t n = sens->n_rows[pi] < TC_TORNADO_BARS ? sens->n_rows[pi] : TC_TORNADO_BARS;
    double base = r->platforms[pi].levelized_cost_per_m_tokens;
    const char *cur = r->scenario->currency;
    c->type = TC_PLOT_HBAR;
    c->title = tc_chart_str(c, "What moves the levelized cost of %s", tc_pname(r, pi));
    c->subtitle = n < sens->n_rows[pi]
        ? tc_chart_str(c, "The %zu widest of %zu inputs, each moved by \xc2\xb1%.0f%% on its own, "
                       "everything else held", n, sens->n_rows[pi], sens->swing * 100.0)
        : tc_chart_str(c, "Each input moved by \xc2\xb1%.0f%% on its own, everything else held",
                       sens->swing * 100.0);
    c->x.label = tc_chart_str(c, "levelized cost, %s per million %s tokens", cur, tc_basis_word(r));
    c->x.fmt = TC_FMT_MONEY;
    c->x.currency = cur;
    c->cats = tc_chart_alloc(c, n, sizeof *c->cats);
    c->refs = tc_chart_alloc(c, 1, sizeof *c->refs);
    tc_series *lo = tc_chart_add_series(c, tc_chart_str(c, "input \xe2\x88\x92%.0f%%", sens->swing * 100),
                                        TC_OI_ORANGE, n);
    tc_series *hi = lo ? tc_chart_add_series(c, tc_chart_str(c, "input +%.0f%%", sens->swing * 100),
                                             TC_OI_BLUE, n) : NULL;
    if (!c->cats || !c->refs || !hi)
        return TC_ERR_NOMEM;
    lo = &c->series[0];
    c->n_cats = n;
    for (size_t i = 0; i < n; i++) {
        c->cats[i].label = rows[i].label ? rows[i].label : input_label(rows[i].input);
        lo->x[i] = hi->x[i] = base;
        lo->y[i] = rows[i].low;
        hi->y[i] = rows[i].high;
        lo->labels[i] = tc_money_text(c, rows[i].low, cur);
        hi->labels[i] = tc_money_text(c, rows[i].high, cur);
    }
    lo->in_legend = hi->in_legend = 1;
    c->refs[0] = (tc_refline){1, base, tc_chart_str(c, "base %s", tc_money_text(c, base, cur)),
                              TC_GREY_DARK, 0};
    c->n_refs = 1;
    return TC_OK;
}

static tc_status mc_series(tc_chart *c, size_t n)
{
    /* the mean (hollow) under the median (filled), so both stay visible */
    tc_series *s = tc_chart_add_series(c, "P5\xe2\x80\x93P95 range", TC_OI_SKY, n);
    s = s ? tc_chart_add_series(c, "mean", TC_OI_VERMILLION, n) : NULL;
    s = s ? tc_chart_add_series(c, "median (P50)", TC_OI_BLUE, n) : NULL;
    if (!s)
        return TC_ERR_NOMEM;
    c->series[0].style = TC_STYLE_RANGE;
    c->series[1].style = c->series[2].style = TC_STYLE_POINT;
    c->series[1].marker = TC_MARK_DIAMOND;
    c->series[2].marker = TC_MARK_CIRCLE;
    for (int i = 0; i < 3; i++)
        c->series[i].in_legend = 1;
    return TC_OK;
}

tc_status tc_build_monte_carlo(const tc_results *r, tc_chart *c)
{
    const tc_monte_carlo *mc = r->monte_carlo;
    size_t n = r->scenario->n_platforms;
    const char *cur = r->scenario->currency;
    if (!mc || !mc->lcot)
        return TC_OK;
    c->type = TC_PLOT_HBAR;
    c->title = "Levelized cost under uncertainty (Monte Carlo)";
    char draws[64];
    tc_fmt_num(draws, sizeof draws, (double)mc->samples, 0);
    c->subtitle = tc_chart_str(c, "%s draws, seed %llu \xe2\x80\x94 %s", draws, mc->seed,
                               tc_scenario_title(r));
    c->x.label = tc_chart_str(c, "levelized cost, %s per million %s tokens", cur, tc_basis_word(r));
    c->x.fmt = TC_FMT_MONEY;
    c->x.currency = cur;
    c->x.include_zero = 0;     /* fitted to the bids' ranges, so each range shows */
    const unsigned char *ok = every_bid(r, c);
    size_t *idx = tc_chart_alloc(c, n, sizeof *idx), m = 0, k = 0, out = 0;
    if (!ok || !idx || tc_chart_pick(r, c, ok, idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    c->cats = tc_chart_alloc(c, m, sizeof *c->cats);
    double peaks[m + 1];
    size_t who[m + 1];
    for (size_t j = 0; j < m; j++)
        if (isfinite(mc->lcot[idx[j]].p95)) {
            who[k] = idx[j];
            peaks[k++] = mc->lcot[idx[j]].p95;
        }
    c->y_cap = tc_offscale_cap(peaks, k, &out);
    if (c->y_cap > 0)
        c->footnote = tc_chart_str(c, "\xe2\x96\xb2 %s is off scale: its P95 is %s, over 5x the "
                                   "other bids'.%s%s", tc_pname(r, who[out]),
                                   tc_money_text(c, peaks[out], cur), c->footnote ? " " : "",
                                   c->footnote ? c->footnote : "");
    if (!c->cats || mc_series(c, m) != TC_OK)
        return TC_ERR_NOMEM;
    c->n_cats = m;
    for (size_t j = 0; j < m; j++) {
        size_t i = idx[j];
        const tc_quantiles *q = &mc->lcot[i];
        c->cats[j].label = tc_pname(r, i);
        c->cats[j].note = isfinite(q->p50) ? NULL : "not covered";
        c->series[0].x[j] = q->p5;
        c->series[0].y[j] = q->p95;
        c->series[1].y[j] = q->mean;
        c->series[2].y[j] = q->p50;
        double pc = mc->p_cheapest ? mc->p_cheapest[i] * 100.0 : NAN;
        if (isfinite(q->p50) && isfinite(pc))
            c->series[0].labels[j] = tc_chart_str(c, "P50 %s, cheapest in %s of draws",
                                                  tc_money_text(c, q->p50, cur),
                                                  pc > 0 && pc < 0.5 ? "<1%"
                                                  : pc > 99.5 && pc < 100 ? ">99%"
                                                  : tc_chart_str(c, "%.0f%%", pc));
    }
    return TC_OK;
}

typedef tc_status (*build_fn)(const tc_results *r, tc_chart *c);

static const build_fn builders[TC_CHART_KIND_COUNT] = {
    [TC_CHART_COST_PER_M] = tc_build_cost,
    [TC_CHART_TOKENS_PER_MW] = tc_build_tokens_mw,
    [TC_CHART_ICEBERG] = tc_build_iceberg,
    [TC_CHART_CURVES] = tc_build_curves,
    [TC_CHART_TCO_STACK] = tc_build_tco_stack,
    [TC_CHART_CUMULATIVE] = tc_build_cumulative,
    [TC_CHART_SITE_POWER] = tc_build_site_power,
    [TC_CHART_TORNADO] = tc_build_tornado,
    [TC_CHART_MONTE_CARLO] = tc_build_monte_carlo,
};

tc_status tc_chart_build(const tc_results *r, tc_chart_kind k, tc_chart **out)
{
    *out = NULL;
    if ((unsigned)k >= TC_CHART_KIND_COUNT || !r || !r->scenario ||
        r->scenario->n_platforms == 0)
        return TC_ERR_INVALID;
    tc_chart *c = calloc(1, sizeof *c);
    if (!c)
        return TC_ERR_NOMEM;
    c->kind = k;
    tc_status st = builders[k](r, c);
    if (st == TC_OK && c->failed)
        st = TC_ERR_NOMEM;
    if (st != TC_OK || (c->n_cats == 0 && c->n_series == 0)) {
        tc_chart_free(c);
        return st;
    }
    *out = c;
    return TC_OK;
}

int tc_chart_applies(const tc_results *r, tc_chart_kind k)
{
    tc_chart *c = NULL;
    if (tc_chart_build(r, k, &c) != TC_OK)
        return 0;
    int yes = c != NULL;
    tc_chart_free(c);
    return yes;
}
