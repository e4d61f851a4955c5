/* The scenario model: what the loader builds from YAML and the evaluation
 * reads. No third-party header here: renderers and the finance math see only
 * this and tc_results.h. Units are those of SCENARIO.md (kW per GPU, money in
 * the scenario currency, fractions as fractions); the loader converts unit
 * strings ("1.2 kW") before they reach the model. */
#ifndef TC_MODEL_H
#define TC_MODEL_H

#include <stddef.h>

typedef enum {
    TC_DIST_NONE = 0,   /* a plain number */
    TC_DIST_TRIANGULAR, /* p1 low, p2 mode, p3 high */
    TC_DIST_UNIFORM,    /* p1 low, p2 high */
    TC_DIST_NORMAL,     /* p1 mean, p2 sd (truncated to [lo, hi]) */
    TC_DIST_LOGNORMAL   /* p1 median, p2 p90 */
} tc_dist_kind;

/* Every numeric input. `value` is what the evaluation uses: the number, or the
 * point estimate of a distribution (mode, midpoint, mean, median). Monte Carlo
 * overwrites `value` in a copy of the scenario. */
typedef struct {
    double value;
    tc_dist_kind dist;
    double p1, p2, p3;
    double lo, hi;      /* valid range of the key (for truncation, clamping) */
    int given;          /* 1: written in the input; 0: the default was applied */
    int line, col;      /* where it was written (0 when defaulted) */
    int set;            /* written by the n-th --set (1-based; line, col are in it), 0: a file */
} tc_num;

/* ---- vocabularies ---------------------------------------------------------
 * Each vocabulary is an enum and one table of terms indexed by it, defined in
 * gen/core/model.c: the loader maps text to the enum once (tc_term_find),
 * everything after it reads the table, never compares names. */
typedef enum { TC_BETTER_DEFAULT = 0, TC_BETTER_LOWER, TC_BETTER_HIGHER } tc_better;

typedef struct {
    const char *name;       /* key in the scenario, results.json and file names */
    const char *label;      /* for a reader: "Cost per million tokens" */
    const char *short_label;/* for a narrow column head: "Cost per M tokens" */
    const char *unit;       /* NULL when it has none; "CUR" is the scenario currency */
    tc_better better;       /* the direction where it has one, else TC_BETTER_DEFAULT */
} tc_term;

/* Index of the term whose name is text[0..len) in t[0..n), or -1. */
int tc_term_find(const tc_term *t, size_t n, const char *text, size_t len);

/* Results metrics a scoring criterion, a requirement or a vendor claim may
 * name (results.json keys). The first TC_CLAIM_METRIC_COUNT are the ones a
 * vendor may claim; criteria take every one before TC_METRIC_MEETS_SLO. */
typedef enum {
    TC_METRIC_COST_PER_M_TOKENS = 0,
    TC_METRIC_TOKENS_PER_S_PER_MW,
    TC_METRIC_TOKENS_PER_S_PER_GPU,
    TC_METRIC_COST_PER_GPU_HOUR,
    TC_METRIC_PFLOPS_PER_DOLLAR_HOUR,
    TC_METRIC_LCOT,
    TC_METRIC_TCO_NPV,
    TC_METRIC_TCO_NOMINAL,
    TC_METRIC_FACILITY_MW,
    TC_METRIC_MEETS_SLO,    /* requirements only: every workload covered */
    TC_METRIC_COUNT
} tc_metric;

/* better: the METHOD.md default direction of a criterion (lower for costs:
 * cost, tco, lcot, mw; higher for yields such as tokens_per_s_per_mw). */
extern const tc_term tc_metric_terms[TC_METRIC_COUNT];

/* The metrics a vendor may claim: the first six of tc_metric, same values. */
typedef enum {
    TC_CLAIM_COST_PER_M_TOKENS = TC_METRIC_COST_PER_M_TOKENS,
    TC_CLAIM_TOKENS_PER_S_PER_MW = TC_METRIC_TOKENS_PER_S_PER_MW,
    TC_CLAIM_TOKENS_PER_S_PER_GPU = TC_METRIC_TOKENS_PER_S_PER_GPU,
    TC_CLAIM_COST_PER_GPU_HOUR = TC_METRIC_COST_PER_GPU_HOUR,
    TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR = TC_METRIC_PFLOPS_PER_DOLLAR_HOUR,
    TC_CLAIM_LCOT = TC_METRIC_LCOT,
    TC_CLAIM_METRIC_COUNT
} tc_claim_metric;

typedef enum { TC_BASIS_OUTPUT = 0, TC_BASIS_TOTAL, TC_BASIS_COUNT } tc_basis;
/* Tokens counted: "output", "total" (label "input and output"). */
extern const tc_term tc_basis_terms[TC_BASIS_COUNT];

typedef enum { TC_PRICING_CLOUD = 0, TC_PRICING_OWNED, TC_PRICING_API, TC_PRICING_COUNT } tc_pricing_kind;
/* Pricing forms: "cloud", "owned", "api". */
extern const tc_term tc_pricing_terms[TC_PRICING_COUNT];

/* The charts tokcost draws; the name is the file stem (charts/<name>.png). */
typedef enum {
    TC_CHART_COST_PER_M = 0,    /* cost per million tokens by platform */
    TC_CHART_TOKENS_PER_MW,     /* tokens/s per MW by platform */
    TC_CHART_ICEBERG,           /* FLOPS-per-dollar vs cost-per-token advantage */
    TC_CHART_CURVES,            /* throughput vs interactivity, SLO lines */
    TC_CHART_TCO_STACK,         /* TCO by year stacked by category */
    TC_CHART_CUMULATIVE,        /* cumulative cost over the horizon */
    TC_CHART_SITE_POWER,        /* fleet facility MW by year vs site power */
    TC_CHART_TORNADO,           /* sensitivity (when present) */
    TC_CHART_MONTE_CARLO,       /* LCOT distribution (when present) */
    TC_CHART_KIND_COUNT
} tc_chart_kind;
extern const tc_term tc_chart_terms[TC_CHART_KIND_COUNT];

/* Output formats (--formats); TC_FMT_* in tc_render.h are their bits. */
typedef enum {
    TC_FORMAT_PDF = 0, TC_FORMAT_XLSX, TC_FORMAT_PNG, TC_FORMAT_SVG, TC_FORMAT_JSON,
    TC_FORMAT_COUNT
} tc_format;
extern const tc_term tc_format_terms[TC_FORMAT_COUNT];

typedef enum { TC_PAPER_A4 = 0, TC_PAPER_LETTER } tc_paper;

typedef struct {
    tc_num interactivity;   /* output tokens/s per user; see has_interactivity */
    tc_num throughput;      /* tokens/s per GPU, on the entry's basis */
    /* imported points (performance entries' `import:`), else file == 0: */
    int file;               /* 1-based index into the entry's files */
    char record[40];        /* where in that file: "record 2, line 14", "line 3" */
    int prefill_gpus, decode_gpus;  /* a disaggregated run's split, else 0 */
    double kw_per_gpu;      /* measured average power per GPU; 0: not measured */
    double joules_per_token;/* measured energy per output token; 0: not measured */
} tc_point;

/* An artifact a performance entry was imported from. */
typedef struct {
    char *name;             /* as found, relative to the bid's folder */
    char sha256[65];        /* of its bytes */
} tc_import_file;

/* A point of an imported sweep dropped as dominated (Pareto frontier). */
typedef struct {
    double interactivity, throughput;
    int file;               /* as tc_point */
    char record[40];
} tc_dropped_point;

/* Where a curve's numbers come from (performance entries' `evidence:`). */
typedef enum {
    TC_EVIDENCE_MEASURED = 0,  /* measured by the buyer or an independent lab */
    TC_EVIDENCE_VENDOR,        /* the vendor's own figures (the default) */
    TC_EVIDENCE_ESTIMATED,
    TC_EVIDENCE_ILLUSTRATIVE,
    TC_EVIDENCE_COUNT
} tc_evidence;

/* Key names of the evidence kinds ("measured", ...), NULL-terminated. */
extern const char *const tc_evidence_names[TC_EVIDENCE_COUNT + 1];

typedef struct {
    char *model;
    double isl, osl;        /* tokens per request */
    tc_basis basis;
    char *config;           /* NULL when absent */
    char *source;           /* NULL: the platform's source applies */
    tc_point *points;       /* as written (the evaluation sorts a copy) */
    size_t n_points;
    int has_interactivity;  /* 0: the one-point form `throughput: N` */
    tc_evidence evidence;   /* default TC_EVIDENCE_VENDOR */
    /* imported entries (`import:`), else import_format NULL and no files: */
    char *import_format;    /* "vllm", ... */
    tc_import_file *files;
    size_t n_files;
    tc_dropped_point *dropped;
    size_t n_dropped;
    char **notes;           /* conversion warnings (field used, labels differ) */
    size_t n_notes;
    int line, col;
} tc_perf;

typedef struct {
    tc_pricing_kind kind;
    /* cloud */
    tc_num gpu_hour;
    int includes_power;     /* default 1 */
    /* cloud and api */
    tc_num annual_change;
    /* owned */
    tc_num capex_per_node, network_capex_per_node;
    int amortization_years; /* default 4 */
    tc_num residual_value, maintenance_rate, software_per_gpu_year;
    /* api */
    tc_num input_per_m, output_per_m;
    /* every form */
    tc_num other_per_year, one_time;
} tc_pricing;

typedef struct {
    tc_claim_metric metric;
    double value;
    double quantum;         /* precision as written: 0.12 -> 0.01, 2.8e6 -> 1e5, 54000 -> 1 */
    int line, col;
} tc_claim;

typedef struct {
    char *id;               /* [a-z0-9_-]+ */
    char *name, *vendor, *source;   /* vendor, source may be NULL */
    char *file;             /* the file it was read from (scenario or bid) */
    int gpus_per_node;      /* default 8 */
    tc_num peak_pflops;     /* given == 0: absent */
    tc_num power_kw_per_gpu;
    tc_num idle_power_fraction;  /* default 1.0 */
    tc_num software_uplift;      /* default 0 */
    tc_pricing pricing;
    tc_perf *perf;
    size_t n_perf;
    tc_claim *claims;
    size_t n_claims;
    int line, col;
} tc_platform;

typedef struct {
    char *id, *name, *model;
    double isl, osl;
    tc_num share;
    tc_num min_interactivity;    /* given == 0: no SLO */
    int line, col;
} tc_workload;

typedef struct {
    tc_metric metric;       /* before TC_METRIC_MEETS_SLO */
    double weight;
    tc_better better;       /* DEFAULT: tc_metric_terms[metric].better */
    int line, col;
} tc_criterion;

typedef struct {
    tc_metric metric;
    int has_max, has_min;
    double max, min;
    int line, col;
} tc_requirement;

typedef struct {
    int has_sensitivity;
    double swing;           /* default 0.20 */
    int has_monte_carlo;
    long samples;           /* default 10000 */
    unsigned long long seed;/* default 42 */
    int has_scoring;
    tc_criterion *criteria;
    size_t n_criteria;
    tc_requirement *requirements;
    size_t n_requirements;
} tc_analysis;

typedef struct {
    /* scenario: */
    char *title, *subtitle, *prepared_for, *prepared_by;  /* optional ones NULL */
    char *date;             /* "YYYY-MM-DD" or NULL */
    char currency[4];       /* ISO 4217, default "USD" */
    char *baseline;         /* platform id; resolved to the first when absent */
    tc_basis token_basis;
    tc_paper paper;         /* extension: report paper size, default A4 */
    /* assumptions: */
    int horizon_years;      /* 1..15, default 5 */
    tc_num discount_rate, utilization, price_per_kwh, escalation, pue;
    tc_num facility_per_kw_month;
    tc_num site_power_mw;        /* given == 0: absent */
    tc_num token_price_per_m;    /* given == 0: absent */
    /* demand: */
    tc_num tokens_per_day, growth;
    tc_workload *workloads;
    size_t n_workloads;
    tc_platform *platforms;
    size_t n_platforms;
    tc_analysis analysis;
    /* provenance of the run */
    char *file;             /* the scenario path as given */
    char input_sha256[65];  /* over the scenario and every included bid, in order */
    char **overrides;       /* "key.path=value" what-if overrides; may be empty */
    size_t n_overrides;
} tc_scenario;

void tc_scenario_free(tc_scenario *s);   /* accepts NULL */
/* Frees what a performance entry holds (not the entry itself); accepts NULL. */
void tc_perf_free(tc_perf *e);

/* Index of the platform with this id, or -1. */
int tc_scenario_platform_index(const tc_scenario *s, const char *id);

#endif
