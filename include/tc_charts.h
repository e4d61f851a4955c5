/* Charts: one description built from the results, one pure layout step,
 * and backends (cairo PNG/SVG in charts/, libharu in tc_charts_hpdf.h)
 * that draw the same layout. */
#ifndef TC_CHARTS_H
#define TC_CHARTS_H

#include "tc_results.h"

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

/* File stem, e.g. "cost_per_m_tokens" (charts/<stem>.png). */
const char *tc_chart_name(tc_chart_kind k);

/* Whether chart k has something to show for these results. */
int tc_chart_applies(const tc_results *r, tc_chart_kind k);

#endif
