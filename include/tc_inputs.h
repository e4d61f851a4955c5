/* Every numeric input of a scenario, as one table: its `--set` key exactly
 * as `tokcost --set` takes it, where it lives in the model, its label, unit
 * and valid range, and whether it is structural (it shapes the sheets and
 * the evaluation's arrays: horizon, workload shares, input/output lengths).
 * Robustness and sensitivity iterate this table; the workbook's Inputs
 * sheet takes its `Key` column from it. Core layer: no I/O. */
#ifndef TC_INPUTS_H
#define TC_INPUTS_H

#include <stddef.h>
#include "tc_model.h"
#include "tc_status.h"

/* One kind per scenario key (a platform's or workload's key is one kind for
 * every platform or workload). Order: the order items are listed in. */
typedef enum {
    /* assumptions and demand */
    TC_IN_HORIZON_YEARS = 0, TC_IN_DISCOUNT_RATE, TC_IN_UTILIZATION, TC_IN_PRICE_PER_KWH,
    TC_IN_ESCALATION, TC_IN_PUE, TC_IN_FACILITY_PER_KW_MONTH, TC_IN_SITE_POWER_MW,
    TC_IN_TOKEN_PRICE_PER_M, TC_IN_TOKENS_PER_DAY, TC_IN_GROWTH,
    /* workloads[ID] */
    TC_IN_WL_ISL, TC_IN_WL_OSL, TC_IN_WL_SHARE, TC_IN_WL_MIN_INTERACTIVITY,
    /* platforms[ID]: hardware */
    TC_IN_GPUS_PER_NODE, TC_IN_PEAK_PFLOPS, TC_IN_POWER_KW_PER_GPU,
    TC_IN_IDLE_POWER_FRACTION, TC_IN_SOFTWARE_UPLIFT,
    /* platforms[ID].pricing.FORM */
    TC_IN_GPU_HOUR, TC_IN_CAPEX_PER_NODE, TC_IN_NETWORK_CAPEX_PER_NODE,
    TC_IN_AMORTIZATION_YEARS, TC_IN_RESIDUAL_VALUE, TC_IN_MAINTENANCE_RATE,
    TC_IN_SOFTWARE_PER_GPU_YEAR, TC_IN_INPUT_PER_M, TC_IN_OUTPUT_PER_M,
    TC_IN_ANNUAL_CHANGE, TC_IN_OTHER_PER_YEAR, TC_IN_ONE_TIME,
    /* platforms[ID].performance[I] */
    TC_IN_PERF_ISL, TC_IN_PERF_OSL, TC_IN_POINT_INTERACTIVITY, TC_IN_POINT_THROUGHPUT,
    TC_IN_KIND_COUNT
} tc_input_kind;

/* How a value reads: money in the scenario currency, a fraction shown as a
 * percentage, or a plain number. */
typedef enum { TC_IN_FMT_NUMBER = 0, TC_IN_FMT_MONEY, TC_IN_FMT_PERCENT } tc_input_fmt;

typedef struct {
    const char *name;       /* the key's last segment: "gpu_hour" */
    const char *label;      /* "GPU-hour price" */
    const char *phrase;     /* in a sentence after "its": "price" */
    const char *unit;       /* after the value ("per GPU-hour"); "" when none */
    tc_input_fmt fmt;
    double lo, hi;          /* valid range: finite, chosen so that no figure can
                             * overflow (gen/core/inputs.c proves it) */
    int lo_open, hi_open;   /* 1: the bound itself is not valid */
    int integer;            /* whole numbers only */
    int structural;         /* shapes the sheets: never varied by an analysis */
    int decides;            /* can move a bid's LCOT: robustness and sensitivity vary it */
    const char *noun;       /* what the range is of, in messages: "a rate" in
                             * "(expected a rate in [-0.9, 10])" */
    double typical;         /* a value in range any scenario can take (the
                             * post-evaluation check resets a culprit to it) */
} tc_input_info;

/* Nonzero magnitudes below this are refused as an underflow, whatever the
 * key (a price of 1e-300 is a typo, and it would make PFLOPS per dollar
 * overflow); the bounds' proof relies on it. */
#define TC_INPUT_TINY 1e-9

/* The kind's description; NULL outside 0..TC_IN_KIND_COUNT-1. */
const tc_input_info *tc_input_info_of(tc_input_kind k);
/* 1 when v is inside k's valid range (and whole for an integer kind). */
int tc_input_in_range(tc_input_kind k, double v);

typedef struct {
    tc_input_kind kind;
    char *key;              /* "platforms[h200].pricing.cloud.gpu_hour" */
    int platform;           /* index into s->platforms, -1 for scenario inputs */
    int workload;           /* index into s->workloads, else -1 */
    int perf, point;        /* performance entry and point, else -1 */
    /* exactly one is set: the value's home in the scenario */
    tc_num *num;
    int *integer;           /* horizon_years, gpus_per_node, amortization_years */
    double *real;           /* isl, osl */
} tc_input;

typedef struct {
    tc_input *items;
    size_t n;
} tc_inputs;

/* Lists every numeric input of s in table order: assumptions and demand,
 * then workloads, then each platform (hardware, pricing, performance).
 * Optional keys that were not written (site power, token price, an SLO,
 * peak PFLOPS) are not inputs of this scenario and are left out; keys
 * defaulted by SCENARIO.md are in. Pricing keys are those of the bid's form.
 * Indexes in keys are 0-based; platforms and workloads are named by id.
 * The items point into s: writing through them (tc_input_set) is for
 * callers that own s, such as an analysis working on its own copy.
 * NULL when out of memory. */
tc_inputs *tc_inputs_new(const tc_scenario *s);
void tc_inputs_free(tc_inputs *t);   /* accepts NULL */

/* The item whose key is key, or NULL. */
const tc_input *tc_inputs_find(const tc_inputs *t, const char *key);

double tc_input_get(const tc_input *in);
void tc_input_set(const tc_input *in, double v);   /* integers: v as given, truncated */

#endif
