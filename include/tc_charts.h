/* Charts: one description built from the results, one pure layout step,
 * and backends (cairo PNG/SVG in charts/, libharu in tc_charts_hpdf.h)
 * that draw the same layout. */
#ifndef TC_CHARTS_H
#define TC_CHARTS_H

#include "tc_results.h"

/* Chart kinds (tc_chart_kind) and their names: tc_chart_terms in tc_model.h. */

/* Whether chart k has something to show for these results. */
int tc_chart_applies(const tc_results *r, tc_chart_kind k);

#endif
