/* The results of one evaluation: every figure every renderer shows.
 * Convention: a figure that does not apply (no GPUs for an api bid, a
 * workload the platform does not cover, no token price) is NAN; renderers
 * print it as null / "n/a", never as 0. Money is in the scenario currency,
 * tokens on the scenario's token_basis. */
#ifndef TC_RESULTS_H
#define TC_RESULTS_H

#include <stddef.h>
#include "tc_inputs.h"
#include "tc_model.h"
#include "tc_status.h"

/* How the throughput at the SLO was found (for the audit trail). */
typedef enum {
    TC_TPUT_NONE = 0,       /* not covered */
    TC_TPUT_FLAT,           /* SLO at or below the smallest interactivity: that point */
    TC_TPUT_INTERP,         /* linear interpolation between two points */
    TC_TPUT_MAX,            /* no SLO: the largest throughput of the entry */
    TC_TPUT_SINGLE,         /* the one-point form (no interactivity given) */
    TC_TPUT_API             /* api pricing: no throughput */
} tc_tput_how;

typedef struct {
    const tc_workload *in;
    int covered;            /* 0: no entry, or the SLO is above every point */
    const char *reason;     /* why not covered (static text), else NULL */
    int perf_index;         /* entry of platform->perf used, -1 when none */
    tc_tput_how how;
    double x_lo, y_lo, x_hi, y_hi;  /* bracketing points on the scenario basis (INTERP, FLAT) */
    double tokens_per_s_per_gpu;    /* at the SLO, scenario basis */
    double cost_per_m_tokens;       /* year 1 */
} tc_wl_result;

typedef struct {
    int year;                       /* 1..H */
    double demand_tokens_per_day;   /* D_y */
    double tokens;                  /* delivered: 365 * D_y */
    double tokens_per_s_per_gpu;    /* T_y, mix, with software uplift */
    double nodes, gpus;             /* needed this year (NAN for api) */
    double nodes_installed, gpus_installed; /* owned: never shrink in life; else = needed */
    double nodes_bought;            /* owned: new nodes at the start of the year */
    /* cash view, by category (0 where the category does not arise) */
    double capex;                   /* owned nodes bought + one_time in year 1 */
    double rent;                    /* cloud GPU-hours */
    double api;                     /* api token spend */
    double energy, facility, maintenance, software, other;
    double opex;                    /* rent + api + energy + facility + maintenance + software + other */
    double credit;                  /* residual value returned at the end of the year (>= 0) */
    double cash;                    /* capex + opex - credit */
    /* P&L view */
    double depreciation;            /* straight line (capex - R*capex) / L per cohort */
    double pnl_cost;                /* depreciation + opex (+ one_time expensed in year 1) */
    double revenue;                 /* NAN without token_price_per_m */
    double gross_margin;            /* revenue - pnl_cost, NAN without price */
    double facility_mw;             /* installed GPUs * kW * PUE / 1000 (NAN for api) */
    double df_start, df_end;        /* discount factors 1/(1+r)^(y-1), 1/(1+r)^y */
} tc_year;

typedef struct {
    tc_claim_metric metric;
    double claimed, computed;       /* computed NAN: cannot be checked */
    double deviation;               /* (claimed - computed) / computed */
    int consistent;
} tc_claim_result;

typedef struct {
    const tc_platform *in;
    int covered;                    /* every workload covered */
    /* cost per GPU-hour, year 1, and its parts (NAN for api) */
    double energy_per_gpu_hour, facility_per_gpu_hour, capital_per_gpu_hour;
    double crf;                     /* owned: capital recovery factor, else NAN */
    double cost_per_gpu_hour;
    double pflops_per_dollar_hour;  /* NAN without peak_pflops or for api */
    double tokens_per_s_per_gpu;    /* mix T */
    double tokens_per_s_per_mw;
    double cost_per_m_tokens;       /* mix, year 1 */
    tc_wl_result *workloads;        /* scenario->n_workloads */
    tc_year *years;                 /* scenario->horizon_years; NULL when not covered */
    double tco_nominal, tco_npv;
    double npv_tokens;              /* sum tokens_y * df_end */
    double levelized_cost_per_m_tokens;
    double pnl_total;               /* sum pnl_cost */
    double revenue_npv, margin_total;      /* NAN without price */
    double payback_years;           /* NAN: never, or no price; rounded up to the month */
    double peak_facility_mw;        /* over the horizon, NAN for api */
    int site_fits;                  /* -1: no site_power_mw or api; else 0/1 */
    int site_first_year_over;       /* 0 when it fits */
    double site_max_tokens_per_day; /* year 1, NAN when not applicable */
    tc_claim_result *claims;        /* in->n_claims */
} tc_platform_result;

/* Analysis sections (issue: finance analytics). NULL / 0 when absent. */
typedef struct {
    const char *input;              /* the key's last segment: gpu_hour, utilization, ... (static) */
    double low, high;               /* LCOT at (1 - swing) and (1 + swing) */
    const char *label;              /* "GPU-hour price", "Throughput (every point)" (static); NULL: input */
    char *key;                      /* the --set key (owned; NULL in hand-built rows);
                                     * throughput: platforms[ID].performance[*].points[*].throughput */
} tc_tornado_row;

typedef struct {
    double swing;
    tc_tornado_row **rows;          /* per platform, sorted widest first */
    size_t *n_rows;
} tc_sensitivity;

typedef struct {
    size_t a, b;                    /* platform indices */
    const char *input;              /* "utilization" | "price_per_kwh" */
    double value;                   /* NAN: no crossing */
    const char *reason;             /* when NAN */
} tc_break_even;

typedef struct { double p5, p50, p95, mean; } tc_quantiles;

typedef struct {
    long samples;
    unsigned long long seed;
    tc_quantiles *lcot, *cost_per_m;    /* per platform */
    double *p_cheapest;                 /* per platform */
} tc_monte_carlo;

typedef struct {
    size_t platform;
    double score;
    int rank;                       /* 1-based; 0: non-compliant */
    char *reason;                   /* non-compliance, else NULL */
    double *criterion_scores;       /* per criterion, 0..100 */
} tc_score;

typedef struct {
    tc_score *scores;               /* ranked first, then non-compliant */
    size_t n_scores;
} tc_scoring;

/* The decision (METHOD.md "decision"): winner and runner-up by LCOT among
 * the bids covering the mix, filled by tc_eval; every renderer reads it. */
typedef struct {
    int has_winner, has_runner_up;
    size_t winner, runner_up;       /* platform indices */
    double lcot_ratio;              /* runner-up LCOT / winner LCOT; NAN without runner-up */
    double npv_difference;          /* runner-up TCO NPV - winner TCO NPV; NAN without runner-up */
} tc_decision;

/* One input at which the winner changes (robustness). */
typedef struct {
    char *key;                      /* the --set key (throughput: every point, a [*] key) */
    tc_input_kind kind;             /* TC_IN_POINT_THROUGHPUT for the scaled curve */
    int platform;                   /* the bid the input belongs to, -1: scenario input */
    double point;                   /* the value evaluated (throughput: mix tokens/s per GPU) */
    double value;                   /* the nearest value at which another bid wins */
    double change;                  /* (value - point) / point; NAN when point is 0 */
    size_t winner_then;             /* the bid that wins at value */
} tc_flip;

/* An input over whose whole valid range the winner holds. */
typedef struct {
    char *key;                      /* the --set key */
    tc_input_kind kind;
    int platform;                   /* -1: scenario input */
} tc_hold;

typedef struct {
    tc_flip *flips;                 /* closest first (|change|; point 0 last) */
    size_t n_flips;
    tc_hold *holds;                 /* in table order */
    size_t n_holds;
} tc_robustness;

typedef struct {
    const tc_scenario *scenario;    /* the evaluated inputs (not owned) */
    size_t baseline;                /* index into platforms */
    tc_platform_result *platforms;  /* scenario->n_platforms */
    size_t *ranking;                /* covered platforms by LCOT, ascending */
    size_t n_ranking;
    char **warnings;
    size_t n_warnings;
    tc_sensitivity *sensitivity;
    tc_break_even *break_even;
    size_t n_break_even;
    tc_monte_carlo *monte_carlo;
    tc_scoring *scoring;
    tc_decision decision;           /* filled by tc_eval */
    tc_robustness *robustness;      /* tc_analyze, when a runner-up exists */
    /* tc_eval's single allocation, holding this struct and the platform,
     * workload, year, claim and ranking arrays; NULL when the arrays are
     * separate allocations (tc_results_free then frees each). */
    void *arena;
} tc_results;

/* Evaluates METHOD.md over s. Pure: no I/O. *out is NULL on error. */
tc_status tc_eval(const tc_scenario *s, tc_results **out);
/* The post-evaluation check's test: 1 when a figure of r that applies
 * (not NAN by design) is not finite, described in what[0..n) ("the
 * levelized cost per million tokens of h200"); else 0. The inputs' ranges
 * make it 0 but for a division by a cost of exactly 0 (gen/core/inputs.c);
 * tc_check_finite (tc_analysis.h) names the input. */
int tc_results_nonfinite(const tc_results *r, char *what, size_t n);
void tc_results_free(tc_results *r);     /* accepts NULL */
/* Frees a robustness section: its keys, flips and holds; accepts NULL. */
void tc_robustness_free(tc_robustness *x);

/* Frees and clears r's analysis sections (NULL pointers, zero counts);
 * accepts NULL. Each section and each array it points to is its own
 * malloc'd block. */
void tc_results_clear_analysis(tc_results *r);
/* One analysis section each (the analyses free a section they fail to
 * finish with these); all accept NULL. */
void tc_sensitivity_free(tc_sensitivity *x, size_t n_platforms);
void tc_monte_carlo_free(tc_monte_carlo *m);
void tc_scoring_free(tc_scoring *x);

/* Adds a warning (printf-like) to r; returns TC_ERR_NOMEM on failure. */
tc_status tc_results_warn(tc_results *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
