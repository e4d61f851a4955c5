/* Sensitivity (tornado): each input that applies to a platform at
 * (1 - swing) and (1 + swing), clamped to its range, everything else held;
 * LCOT of a one-platform copy (the platform's LCOT does not depend on the
 * other bids), fleet rounding included, on the lean path (tc_plan: the
 * same doubles as tc_eval). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "tc_analysis.h"
#include "tc_plan.h"

/* The inputs of OUTPUTS.md, in the order rows are listed before sorting. */
typedef enum {
    IN_GPU_HOUR, IN_CAPEX, IN_API_PRICE, IN_THROUGHPUT, IN_UTILIZATION,
    IN_KWH_PRICE, IN_PUE, IN_KW, IN_DISCOUNT, IN_GROWTH, IN_COUNT
} input_id;

static const char *const input_names[IN_COUNT] = {
    "gpu_hour", "capex_per_node", "api_price", "throughput", "utilization",
    "price_per_kwh", "pue", "power_kw_per_gpu", "discount_rate", "growth",
};

static int uses_power(const tc_platform *p)
{
    const tc_pricing *pr = &p->pricing;
    return pr->kind == TC_PRICING_OWNED ||
           (pr->kind == TC_PRICING_CLOUD && !pr->includes_power);
}

/* Only inputs that can move p's LCOT: an api bid has no GPUs, and a cloud
 * price that includes power makes the power inputs irrelevant. */
static size_t applicable(const tc_platform *p, input_id *ids)
{
    size_t n = 0;
    tc_pricing_kind k = p->pricing.kind;
    ids[n++] = k == TC_PRICING_CLOUD ? IN_GPU_HOUR
             : k == TC_PRICING_OWNED ? IN_CAPEX : IN_API_PRICE;
    if (k != TC_PRICING_API) {
        ids[n++] = IN_THROUGHPUT;
        ids[n++] = IN_UTILIZATION;
    }
    if (uses_power(p)) {
        ids[n++] = IN_KWH_PRICE;
        ids[n++] = IN_PUE;
        ids[n++] = IN_KW;
    }
    ids[n++] = IN_DISCOUNT;
    ids[n++] = IN_GROWTH;
    return n;
}

size_t tc_sensitivity_inputs(const tc_platform *p, const char **names, size_t max)
{
    input_id ids[IN_COUNT];
    size_t n = applicable(p, ids);
    for (size_t i = 0; i < n && i < max; i++)
        names[i] = input_names[ids[i]];
    return n < max ? n : max;
}

/* dst = src * f clamped to src's range; f == 1 restores src exactly. */
static void scale(tc_num *dst, const tc_num *src, double f)
{
    double v = src->value * f;
    if (src->lo < src->hi)
        v = fmax(src->lo, fmin(src->hi, v));
    dst->value = f == 1 ? src->value : v;
}

static void scale_throughput(tc_platform *dst, const tc_platform *src, double f)
{
    for (size_t i = 0; i < src->n_perf; i++)
        for (size_t j = 0; j < src->perf[i].n_points; j++)
            scale(&dst->perf[i].points[j].throughput, &src->perf[i].points[j].throughput, f);
}

/* Sets input `in` of copy c (one platform: s->platforms[pi]) to its value
 * in s times f. */
static void apply(tc_scenario *c, const tc_scenario *s, size_t pi, input_id in, double f)
{
    tc_platform *d = &c->platforms[0];
    const tc_platform *p = &s->platforms[pi];
    switch (in) {
    case IN_GPU_HOUR: scale(&d->pricing.gpu_hour, &p->pricing.gpu_hour, f); break;
    case IN_CAPEX: scale(&d->pricing.capex_per_node, &p->pricing.capex_per_node, f); break;
    case IN_API_PRICE:
        scale(&d->pricing.input_per_m, &p->pricing.input_per_m, f);
        scale(&d->pricing.output_per_m, &p->pricing.output_per_m, f);
        break;
    case IN_THROUGHPUT: scale_throughput(d, p, f); break;
    case IN_UTILIZATION: scale(&c->utilization, &s->utilization, f); break;
    case IN_KWH_PRICE: scale(&c->price_per_kwh, &s->price_per_kwh, f); break;
    case IN_PUE: scale(&c->pue, &s->pue, f); break;
    case IN_KW: scale(&d->power_kw_per_gpu, &p->power_kw_per_gpu, f); break;
    case IN_DISCOUNT: scale(&c->discount_rate, &s->discount_rate, f); break;
    case IN_GROWTH: scale(&c->growth, &s->growth, f); break;
    case IN_COUNT: break;
    }
}

static void lcot_at(tc_plan *plan, tc_scenario *c, const tc_scenario *s, size_t pi,
                    input_id in, double f, double *out)
{
    apply(c, s, pi, in, f);
    tc_plan_eval(plan, out, NULL);
    apply(c, s, pi, in, 1);
}

/* Widest |high - low| first; insertion sort keeps the input order on ties. */
static void sort_rows(tc_tornado_row *rows, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        tc_tornado_row x = rows[i];
        double w = fabs(x.high - x.low);
        size_t j = i;
        for (; j > 0 && fabs(rows[j - 1].high - rows[j - 1].low) < w; j--)
            rows[j] = rows[j - 1];
        rows[j] = x;
    }
}

static tc_status platform_rows(const tc_scenario *s, size_t pi, double swing,
                               tc_tornado_row **rows, size_t *n_rows)
{
    input_id ids[IN_COUNT];
    size_t n = applicable(&s->platforms[pi], ids);
    tc_scenario *c = tc_analysis_copy(s, &pi, 1);
    tc_plan *plan = NULL;
    *rows = calloc(n, sizeof **rows);
    tc_status st = c && *rows ? tc_plan_new(c, NULL, 0, &plan) : TC_ERR_NOMEM;
    for (size_t k = 0; st == TC_OK && k < n; k++) {
        (*rows)[k].input = input_names[ids[k]];
        lcot_at(plan, c, s, pi, ids[k], 1 - swing, &(*rows)[k].low);
        lcot_at(plan, c, s, pi, ids[k], 1 + swing, &(*rows)[k].high);
    }
    tc_plan_free(plan);
    tc_analysis_copy_free(c);
    if (st == TC_OK) {
        sort_rows(*rows, n);
        *n_rows = n;
    }
    return st;
}

tc_status tc_sensitivity_run(const tc_scenario *s, const tc_results *r,
                             tc_sensitivity **out, char *err, size_t n)
{
    size_t np = s->n_platforms;
    tc_sensitivity *x = calloc(1, sizeof *x);
    if (x) {
        x->swing = s->analysis.swing;
        x->rows = calloc(np ? np : 1, sizeof *x->rows);
        x->n_rows = calloc(np ? np : 1, sizeof *x->n_rows);
    }
    tc_status st = x && x->rows && x->n_rows ? TC_OK : TC_ERR_NOMEM;
    for (size_t i = 0; st == TC_OK && i < np; i++) {
        if (!isfinite(r->platforms[i].levelized_cost_per_m_tokens))
            continue;   /* not covered: no LCOT to move */
        st = platform_rows(s, i, x->swing, &x->rows[i], &x->n_rows[i]);
        if (st != TC_OK && n)
            snprintf(err, n, "sensitivity of %s: %s", s->platforms[i].id, tc_strerror(st));
    }
    if (st != TC_OK) {
        tc_sensitivity_free(x, np);
        x = NULL;
    }
    *out = x;
    return st;
}
