/* Private to the chart builders: names, number texts, per-kind builders. */
#ifndef TC_BUILD_UTIL_H
#define TC_BUILD_UTIL_H

#include "chart.h"

const char *tc_pname(const tc_results *r, size_t i);
const char *tc_basis_word(const tc_results *r);
/* "$4.35", "$0.123", "$1,234" (about three significant digits). */
const char *tc_money_text(tc_chart *c, double v, const char *code);
/* "$1.23M" / "CHF 1.23M". */
const char *tc_money_si_text(tc_chart *c, double v, const char *code);
/* Scenario title, or the file name when untitled. */
const char *tc_scenario_title(const tc_results *r);

/* The value axis cap when one bid dwarfs the rest: the largest peak is off
 * scale when it exceeds 5x the median of the other peaks (n >= 3); the cap
 * then sits 15% above the next peak. 0: no bid is off scale. *outlier
 * receives the index of the off-scale peak. */
double tc_offscale_cap(const double *peaks, size_t n, size_t *outlier);

/* The bids a chart draws (chart_pick.c): of the bids with ok[i] set, all
 * when there are at most TC_CHART_BIDS; else the baseline and the lowest
 * LCOT (then the uncovered, in scenario order) up to TC_CHART_BIDS, and
 * the footnote says so. idx (room for every bid) receives them in
 * scenario order, *n_idx their count. */
tc_status tc_chart_pick(const tc_results *r, tc_chart *c, const unsigned char *ok, size_t *idx,
                        size_t *n_idx);

tc_status tc_build_cost(const tc_results *r, tc_chart *c);
tc_status tc_build_tokens_mw(const tc_results *r, tc_chart *c);
tc_status tc_build_iceberg(const tc_results *r, tc_chart *c);
tc_status tc_build_tornado(const tc_results *r, tc_chart *c);
tc_status tc_build_monte_carlo(const tc_results *r, tc_chart *c);
tc_status tc_build_tco_stack(const tc_results *r, tc_chart *c);
tc_status tc_build_cumulative(const tc_results *r, tc_chart *c);
tc_status tc_build_site_power(const tc_results *r, tc_chart *c);
tc_status tc_build_curves(const tc_results *r, tc_chart *c);

/* Builders return TC_OK with c->n_cats == 0 and c->n_series == 0 when the
 * chart has nothing to show. */

#endif
