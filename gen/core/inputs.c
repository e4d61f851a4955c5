/* The table of a scenario's numeric inputs (tc_inputs.h): the one place
 * their ranges are defined; the loader validates against it
 * (gen/load/load_value.c), the analyses clamp and search inside it.
 *
 * Why these ranges keep every figure finite (METHOD.md's formulas at their
 * worst corners; H <= 15, so an exponent y - 1 is at most 14):
 * - throughput per GPU in [1e-3, 1e9], converted between bases by
 *   (isl + osl) / osl or its inverse (<= 1e7 + 1): T_i in [1e-10, 1e16]
 *   (interpolation stays between two points); the mix T, a weighted
 *   harmonic mean with shares summing to 1, too.
 * - T_y = T (1 + uplift)^(y-1), uplift in [-0.9, 10]: >= 1e-24;
 *   D_y = tokens_per_day (1 + growth)^(y-1), growth in [-0.9, 10]:
 *   in [1e-14, 1e18 * 11^14 = 4e32] tokens a day.
 * - GPUs G_y <= D_y / 86400 / (T_y u) + gpus_per_node, u >= 0.01: < 5e53.
 * - per GPU-year: rent 8760 * 1e9 * (1 + 10)^14 = 4e27; energy 1000 kW *
 *   PUE 5 * 1e9 * 8760 * (1 + 1)^14 = 7e20; facility 1.2e13; software
 *   1e9; per node 2e15 of capex, maintenance at most that a year. A year's
 *   cash < 5e53 * 5e27 = 3e81; api spend 365 * 4e32 * 2e16 (the cost per M
 *   (1e7 * 1e9 + 1e7 * 1e9) / 1) / 1e6 * 4e14 < 1e60.
 * - fifteen years, discounted by (1 + r)^-y in [2^-15, 1]: TCO, NPV < 1e83.
 * - NPV of tokens >= 365 * 1 / 2 (year 1 alone, r < 1): LCOT < 1e87.
 * - cost per GPU-hour <= 2e15 * CRF (<= 2) / 8760 + 2e15 + 1e9 / 8760 +
 *   energy 5e12 + facility 1.4e9 < 3e15; cost per M tokens <= 3e15 /
 *   (1e-10 * 0.01 * 3600) * 1e6 < 1e30; tokens/s per MW <= 1e16 / 1e-3 *
 *   1e3 = 1e22. Every product stays below 1e90, far under 1.8e308.
 * - the small end: no nonzero input is below TC_INPUT_TINY (1e-9), so a
 *   positive cost per GPU-hour is at least ~4e-36 (capex 1e-9 over 1e5
 *   GPUs, residual 1 - 2^-53, over 30 years and 8760 hours) and PFLOPS per
 *   dollar-hour <= 1e6 / 4e-36; a positive LCOT is >= 1e-54, so the
 *   runner-up's LCOT ratio is < 1e141. The CRF is 1/L when (1 + r)^L
 *   rounds to 1 (tc_eval_crf), never r / 0.
 * What remains is a division by a cost of exactly 0 (a bid priced at 0 in
 * every part: its PFLOPS per dollar, the LCOT ratio to a winner at 0),
 * which the post-evaluation check (tc_results_nonfinite) refuses, naming
 * the input.
 * Money bounds: 1e9 for prices per unit, 1e15 for amounts, in the
 * scenario's currency: far above any bid in USD, and room for currencies
 * of 1e4-1e5 units to the dollar. */
#include "tc_inputs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N TC_IN_FMT_NUMBER
#define M TC_IN_FMT_MONEY
#define P TC_IN_FMT_PERCENT
#define PRICE 1e9       /* per unit: GPU-hour, kWh, kW-month, million tokens, GPU-year */
#define AMOUNT 1e15     /* per node, per year, once */
#define LEN 1e7         /* tokens per request */
/* name, label, phrase, unit, fmt, lo, hi, lo_open, hi_open, integer, structural, decides,
 * noun, typical */
static const tc_input_info info[TC_IN_KIND_COUNT] = {
    [TC_IN_HORIZON_YEARS] = {"horizon_years", "Horizon", "horizon", "years", N, 1, 15, 0, 0, 1, 1, 0,
                             "an integer", 5},
    [TC_IN_DISCOUNT_RATE] = {"discount_rate", "Discount rate", "discount rate", "per year", P,
                             0, 1, 0, 1, 0, 0, 1, "a rate", 0.08},
    [TC_IN_UTILIZATION] = {"utilization", "Utilization", "utilization", "of provisioned GPUs", P,
                           0.01, 1, 0, 0, 0, 0, 1, "a fraction", 0.7},
    [TC_IN_PRICE_PER_KWH] = {"price_per_kwh", "Electricity price", "electricity price", "per kWh",
                             M, 0, PRICE, 0, 0, 0, 0, 1, "a price per kWh", 0.1},
    [TC_IN_ESCALATION] = {"escalation", "Electricity escalation", "electricity escalation",
                          "per year", P, -0.5, 1, 0, 0, 0, 0, 1, "a rate", 0},
    [TC_IN_PUE] = {"pue", "PUE", "PUE", "", N, 1, 5, 0, 0, 0, 0, 1, "a number", 1.3},
    [TC_IN_FACILITY_PER_KW_MONTH] = {"facility_per_kw_month", "Facility cost", "facility cost",
                                     "per kW-month", M, 0, PRICE, 0, 0, 0, 0, 1, "a number", 0},
    [TC_IN_SITE_POWER_MW] = {"site_power_mw", "Site power", "site power", "MW", N,
                             0.001, 1e5, 0, 0, 0, 0, 0, "a power", 10},
    [TC_IN_TOKEN_PRICE_PER_M] = {"token_price_per_m", "Token price", "token price",
                                 "per million tokens", M, 0, PRICE, 0, 0, 0, 0, 0, "a number", 2},
    [TC_IN_TOKENS_PER_DAY] = {"tokens_per_day", "Demand", "demand", "tokens per day", N,
                              1, 1e18, 0, 0, 0, 0, 1, "a number", 5e9},
    [TC_IN_GROWTH] = {"growth", "Demand growth", "demand growth", "per year", P,
                      -0.9, 10, 0, 0, 0, 0, 1, "a rate", 0},
    [TC_IN_WL_ISL] = {"isl", "Input length", "input length", "tokens", N, 0, LEN, 0, 0, 1, 1, 0,
                      "an integer", 1024},
    [TC_IN_WL_OSL] = {"osl", "Output length", "output length", "tokens", N, 1, LEN, 0, 0, 1, 1, 0,
                      "an integer", 1024},
    [TC_IN_WL_SHARE] = {"share", "Share of demand", "share", "of demand", P, 0, 1, 1, 0, 0, 1, 0,
                        "a share", 1},
    [TC_IN_WL_MIN_INTERACTIVITY] = {"min_interactivity", "Interactivity SLO", "interactivity SLO",
                                    "tokens/s per user", N, 0.001, 1e6, 0, 0, 0, 0, 0,
                                    "a number", 50},
    [TC_IN_GPUS_PER_NODE] = {"gpus_per_node", "GPUs per node", "GPUs per node", "GPUs", N,
                             1, 100000, 0, 0, 1, 0, 0, "an integer", 8},
    [TC_IN_PEAK_PFLOPS] = {"peak_pflops", "Peak PFLOPS", "peak PFLOPS", "PFLOPS per GPU", N,
                           0.001, 1e6, 0, 0, 0, 0, 0, "a number", 10},
    [TC_IN_POWER_KW_PER_GPU] = {"power_kw_per_gpu", "Power per GPU", "power per GPU", "kW", N,
                                0.001, 1000, 0, 0, 0, 0, 1, "a power", 1.5},
    [TC_IN_IDLE_POWER_FRACTION] = {"idle_power_fraction", "Idle power fraction",
                                   "idle power fraction", "of full power", P, 0, 1, 0, 0, 0, 0, 1,
                                   "a fraction", 1},
    [TC_IN_SOFTWARE_UPLIFT] = {"software_uplift", "Software uplift", "software uplift",
                               "more throughput", P, -0.9, 10, 0, 0, 0, 0, 1, "a rate", 0},
    [TC_IN_GPU_HOUR] = {"gpu_hour", "GPU-hour price", "price", "per GPU-hour", M,
                        0, PRICE, 0, 0, 0, 0, 1, "a number", 2},
    [TC_IN_CAPEX_PER_NODE] = {"capex_per_node", "Capex per node", "capex", "per node", M,
                              0, AMOUNT, 0, 0, 0, 0, 1, "a number", 3e6},
    [TC_IN_NETWORK_CAPEX_PER_NODE] = {"network_capex_per_node", "Network capex per node",
                                      "network capex", "per node", M, 0, AMOUNT, 0, 0, 0, 0, 1,
                                      "a number", 0},
    [TC_IN_AMORTIZATION_YEARS] = {"amortization_years", "Amortization", "amortization", "years",
                                  N, 1, 30, 0, 0, 1, 0, 1, "an integer", 4},
    [TC_IN_RESIDUAL_VALUE] = {"residual_value", "Residual value", "residual value", "of capex",
                              P, 0, 1, 0, 0, 0, 0, 1, "a fraction", 0},
    [TC_IN_MAINTENANCE_RATE] = {"maintenance_rate", "Maintenance rate", "maintenance rate",
                                "of capex per year", P, 0, 1, 0, 0, 0, 0, 1, "a fraction", 0},
    [TC_IN_SOFTWARE_PER_GPU_YEAR] = {"software_per_gpu_year", "Software per GPU-year",
                                     "software cost", "per GPU-year", M, 0, PRICE, 0, 0, 0, 0, 1,
                                     "a number", 0},
    [TC_IN_INPUT_PER_M] = {"input_per_m", "API input price", "input price",
                           "per million input tokens", M, 0, PRICE, 0, 0, 0, 0, 1, "a number", 0.5},
    [TC_IN_OUTPUT_PER_M] = {"output_per_m", "API output price", "output price",
                            "per million output tokens", M, 0, PRICE, 0, 0, 0, 0, 1, "a number", 2},
    [TC_IN_ANNUAL_CHANGE] = {"annual_change", "Annual price change", "annual price change",
                             "per year", P, -0.9, 10, 0, 0, 0, 0, 1, "a rate", 0},
    [TC_IN_OTHER_PER_YEAR] = {"other_per_year", "Other costs per year", "other cost",
                              "per year", M, 0, AMOUNT, 0, 0, 0, 0, 1, "a number", 0},
    [TC_IN_ONE_TIME] = {"one_time", "One-time cost", "one-time cost", "", M,
                        0, AMOUNT, 0, 0, 0, 0, 1, "a number", 0},
    [TC_IN_PERF_ISL] = {"isl", "Input length", "input length", "tokens", N, 0, LEN, 0, 0, 1, 1, 0,
                        "an integer", 1024},
    [TC_IN_PERF_OSL] = {"osl", "Output length", "output length", "tokens", N, 1, LEN, 0, 0, 1, 1, 0,
                        "an integer", 1024},
    [TC_IN_POINT_INTERACTIVITY] = {"interactivity", "Interactivity", "interactivity",
                                   "tokens/s per user", N, 0.001, 1e6, 0, 0, 0, 0, 0,
                                   "a number", 50},
    [TC_IN_POINT_THROUGHPUT] = {"throughput", "Throughput", "throughput", "tokens/s per GPU", N,
                                0.001, 1e9, 0, 0, 0, 0, 1, "a number", 1000},
};
#undef N
#undef M
#undef P
#undef PRICE
#undef AMOUNT
#undef LEN

const tc_input_info *tc_input_info_of(tc_input_kind k)
{
    return (unsigned)k < TC_IN_KIND_COUNT ? &info[k] : NULL;
}

int tc_input_in_range(tc_input_kind k, double v)
{
    const tc_input_info *i = tc_input_info_of(k);
    if (!i || v != v)
        return 0;
    if (i->lo_open ? !(v > i->lo) : !(v >= i->lo))
        return 0;
    if (i->hi_open ? !(v < i->hi) : !(v <= i->hi))
        return 0;
    return !i->integer || v == (double)(long long)v;
}

/* A growing table; ok drops to 0 on the first allocation failure. */
typedef struct {
    tc_inputs *t;
    size_t cap;
    int ok;
} builder;

/* Appends an item whose key is printf(fmt, ...); where/what set by caller. */
static tc_input *add(builder *b, tc_input_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static tc_input *add(builder *b, tc_input_kind kind, const char *fmt, ...)
{
    if (!b->ok)
        return NULL;
    if (b->t->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        tc_input *grown = realloc(b->t->items, cap * sizeof *grown);
        if (!grown) {
            b->ok = 0;
            return NULL;
        }
        b->t->items = grown;
        b->cap = cap;
    }
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *key = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (key)
        vsnprintf(key, (size_t)len + 1, fmt, ap2);
    va_end(ap2);
    if (!key) {
        b->ok = 0;
        return NULL;
    }
    tc_input *in = &b->t->items[b->t->n++];
    *in = (tc_input){ .kind = kind, .key = key, .platform = -1, .workload = -1,
                      .perf = -1, .point = -1 };
    return in;
}

static void add_num(builder *b, tc_input_kind k, const char *section, const tc_num *x)
{
    tc_input *in = add(b, k, "%s%s", section, info[k].name);
    if (in)
        in->num = (tc_num *)x;
}

static void scenario_inputs(builder *b, const tc_scenario *s)
{
    tc_input *in = add(b, TC_IN_HORIZON_YEARS, "assumptions.horizon_years");
    if (in)
        in->integer = (int *)&s->horizon_years;
    add_num(b, TC_IN_DISCOUNT_RATE, "assumptions.", &s->discount_rate);
    add_num(b, TC_IN_UTILIZATION, "assumptions.", &s->utilization);
    add_num(b, TC_IN_PRICE_PER_KWH, "assumptions.electricity.", &s->price_per_kwh);
    add_num(b, TC_IN_ESCALATION, "assumptions.electricity.", &s->escalation);
    add_num(b, TC_IN_PUE, "assumptions.", &s->pue);
    add_num(b, TC_IN_FACILITY_PER_KW_MONTH, "assumptions.", &s->facility_per_kw_month);
    if (s->site_power_mw.given)
        add_num(b, TC_IN_SITE_POWER_MW, "assumptions.", &s->site_power_mw);
    if (s->token_price_per_m.given)
        add_num(b, TC_IN_TOKEN_PRICE_PER_M, "assumptions.", &s->token_price_per_m);
    add_num(b, TC_IN_TOKENS_PER_DAY, "demand.", &s->tokens_per_day);
    add_num(b, TC_IN_GROWTH, "demand.", &s->growth);
}

static void workload_inputs(builder *b, const tc_scenario *s, size_t wi)
{
    const tc_workload *w = &s->workloads[wi];
    tc_input_kind kinds[] = {TC_IN_WL_ISL, TC_IN_WL_OSL, TC_IN_WL_SHARE, TC_IN_WL_MIN_INTERACTIVITY};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        if (kinds[k] == TC_IN_WL_MIN_INTERACTIVITY && !w->min_interactivity.given)
            continue;
        tc_input *in = add(b, kinds[k], "workloads[%s].%s", w->id, info[kinds[k]].name);
        if (!in)
            return;
        in->workload = (int)wi;
        if (kinds[k] == TC_IN_WL_ISL || kinds[k] == TC_IN_WL_OSL)
            in->real = (double *)(kinds[k] == TC_IN_WL_ISL ? &w->isl : &w->osl);
        else
            in->num = (tc_num *)(kinds[k] == TC_IN_WL_SHARE ? &w->share : &w->min_interactivity);
    }
}

/* Adds platform pi's item of kind k under "platforms[ID].<mid>". */
static tc_input *add_plat(builder *b, const tc_platform *p, int pi, tc_input_kind k,
                          const char *mid)
{
    tc_input *in = add(b, k, "platforms[%s].%s%s", p->id, mid, info[k].name);
    if (in)
        in->platform = pi;
    return in;
}

static void plat_num(builder *b, const tc_platform *p, int pi, tc_input_kind k,
                     const char *mid, const tc_num *x)
{
    tc_input *in = add_plat(b, p, pi, k, mid);
    if (in)
        in->num = (tc_num *)x;
}

static void hardware_inputs(builder *b, const tc_platform *p, int pi)
{
    tc_input *in = add_plat(b, p, pi, TC_IN_GPUS_PER_NODE, "");
    if (in)
        in->integer = (int *)&p->gpus_per_node;
    if (p->peak_pflops.given)
        plat_num(b, p, pi, TC_IN_PEAK_PFLOPS, "", &p->peak_pflops);
    plat_num(b, p, pi, TC_IN_POWER_KW_PER_GPU, "", &p->power_kw_per_gpu);
    plat_num(b, p, pi, TC_IN_IDLE_POWER_FRACTION, "", &p->idle_power_fraction);
    plat_num(b, p, pi, TC_IN_SOFTWARE_UPLIFT, "", &p->software_uplift);
}

static void pricing_inputs(builder *b, const tc_platform *p, int pi)
{
    const tc_pricing *pr = &p->pricing;
    char mid[16];
    snprintf(mid, sizeof mid, "pricing.%s.", tc_pricing_terms[pr->kind].name);
    if (pr->kind == TC_PRICING_CLOUD) {
        plat_num(b, p, pi, TC_IN_GPU_HOUR, mid, &pr->gpu_hour);
    } else if (pr->kind == TC_PRICING_OWNED) {
        plat_num(b, p, pi, TC_IN_CAPEX_PER_NODE, mid, &pr->capex_per_node);
        plat_num(b, p, pi, TC_IN_NETWORK_CAPEX_PER_NODE, mid, &pr->network_capex_per_node);
        tc_input *in = add_plat(b, p, pi, TC_IN_AMORTIZATION_YEARS, mid);
        if (in)
            in->integer = (int *)&pr->amortization_years;
        plat_num(b, p, pi, TC_IN_RESIDUAL_VALUE, mid, &pr->residual_value);
        plat_num(b, p, pi, TC_IN_MAINTENANCE_RATE, mid, &pr->maintenance_rate);
        plat_num(b, p, pi, TC_IN_SOFTWARE_PER_GPU_YEAR, mid, &pr->software_per_gpu_year);
    } else {
        plat_num(b, p, pi, TC_IN_INPUT_PER_M, mid, &pr->input_per_m);
        plat_num(b, p, pi, TC_IN_OUTPUT_PER_M, mid, &pr->output_per_m);
    }
    if (pr->kind != TC_PRICING_OWNED)
        plat_num(b, p, pi, TC_IN_ANNUAL_CHANGE, mid, &pr->annual_change);
    plat_num(b, p, pi, TC_IN_OTHER_PER_YEAR, mid, &pr->other_per_year);
    plat_num(b, p, pi, TC_IN_ONE_TIME, mid, &pr->one_time);
}

/* The points of entry ei; the one-point form is "performance[I].throughput". */
static void perf_inputs(builder *b, const tc_platform *p, int pi, size_t ei)
{
    const tc_perf *e = &p->perf[ei];
    char mid[64];
    snprintf(mid, sizeof mid, "performance[%zu].", ei);
    tc_input *in;
    for (int k = 0; k < 2 && (in = add_plat(b, p, pi, k ? TC_IN_PERF_OSL : TC_IN_PERF_ISL, mid)); k++) {
        in->perf = (int)ei;
        in->real = (double *)(k ? &e->osl : &e->isl);
    }
    for (size_t j = 0; j < e->n_points; j++) {
        if (e->has_interactivity)
            snprintf(mid, sizeof mid, "performance[%zu].points[%zu].", ei, j);
        for (int k = !e->has_interactivity; k < 2; k++) {
            in = add_plat(b, p, pi, k ? TC_IN_POINT_THROUGHPUT : TC_IN_POINT_INTERACTIVITY, mid);
            if (!in)
                return;
            in->perf = (int)ei;
            in->point = (int)j;
            in->num = (tc_num *)(k ? &e->points[j].throughput : &e->points[j].interactivity);
        }
    }
}

tc_inputs *tc_inputs_new(const tc_scenario *s)
{
    builder b = {calloc(1, sizeof *b.t), 0, 1};
    if (!b.t)
        return NULL;
    scenario_inputs(&b, s);
    for (size_t i = 0; i < s->n_workloads; i++)
        workload_inputs(&b, s, i);
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_platform *p = &s->platforms[i];
        if (p->pricing.kind != TC_PRICING_API)
            hardware_inputs(&b, p, (int)i);
        pricing_inputs(&b, p, (int)i);
        for (size_t e = 0; e < p->n_perf; e++)
            perf_inputs(&b, p, (int)i, e);
    }
    if (!b.ok) {
        tc_inputs_free(b.t);
        return NULL;
    }
    return b.t;
}

void tc_inputs_free(tc_inputs *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->items[i].key);
    free(t->items);
    free(t);
}

const tc_input *tc_inputs_find(const tc_inputs *t, const char *key)
{
    for (size_t i = 0; t && key && i < t->n; i++)
        if (strcmp(t->items[i].key, key) == 0)
            return &t->items[i];
    return NULL;
}

double tc_input_get(const tc_input *in)
{
    if (in->num)
        return in->num->value;
    return in->integer ? (double)*in->integer : *in->real;
}

void tc_input_set(const tc_input *in, double v)
{
    if (in->num)
        in->num->value = v;
    else if (in->integer)
        *in->integer = (int)v;
    else
        *in->real = v;
}
