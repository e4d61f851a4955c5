/* Quantiles of Monte Carlo outcomes: Hyndman-Fan type 7 (R's default),
 * h = (n - 1) p, Q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). */
#include <math.h>
#include <stdlib.h>
#include "tc_analysis.h"

double tc_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);
    if (i + 1 >= n)
        return sorted[n - 1];
    return sorted[i] + (h - (double)i) * (sorted[i + 1] - sorted[i]);
}

/* Finite values ascending, then every NAN (and infinity) last. */
static int cmp_finite_first(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    int fa = isfinite(a), fb = isfinite(b);
    if (fa != fb)
        return fa ? -1 : 1;
    if (!fa)
        return 0;
    return (a > b) - (a < b);
}

size_t tc_quantiles_summary(double *v, size_t n, tc_quantiles *q)
{
    qsort(v, n, sizeof *v, cmp_finite_first);
    size_t m = 0;
    double sum = 0;
    while (m < n && isfinite(v[m]))
        sum += v[m++];
    q->p5 = tc_quantile_sorted(v, m, 0.05);
    q->p50 = tc_quantile_sorted(v, m, 0.50);
    q->p95 = tc_quantile_sorted(v, m, 0.95);
    q->mean = m ? sum / (double)m : NAN;
    return m;
}
