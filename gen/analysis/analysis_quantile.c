/* Quantiles of Monte Carlo outcomes: Hyndman-Fan type 7 (R's default),
 * h = (n - 1) p, Q = x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h)).
 * Three quantiles of 1e5 values per platform and metric do not need a full
 * sort: quickselect finds x(k), the smallest value right of it is x(k + 1).
 * Order statistics do not depend on the pivots, so the result is exact and
 * the same on every machine. */
#include <math.h>
#include <stddef.h>
#include "tc_analysis.h"

static void swap(double *v, ptrdiff_t i, ptrdiff_t j)
{
    double t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static double median3(double a, double b, double c)
{
    return a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}

/* The k-th smallest of v[0..n-1] (from 0), placed at v[k] with nothing
 * larger before it and nothing smaller after it. Hoare partition. */
static double select_kth(double *v, ptrdiff_t n, ptrdiff_t k)
{
    ptrdiff_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = median3(v[lo], v[lo + (hi - lo) / 2], v[hi]);
        ptrdiff_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j)
                swap(v, i++, j--);
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;      /* j < k < i: v[k] equals the pivot */
    }
    return v[k];
}

double tc_quantile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * p;
    ptrdiff_t k = (ptrdiff_t)floor(h);
    double lo = select_kth(v, (ptrdiff_t)n, k);
    if (k + 1 >= (ptrdiff_t)n || h == (double)k)
        return lo;
    double hi = v[k + 1];
    for (ptrdiff_t i = k + 2; i < (ptrdiff_t)n; i++)
        hi = v[i] < hi ? v[i] : hi;
    return lo + (h - (double)k) * (hi - lo);
}

size_t tc_quantiles_summary(double *v, size_t n, tc_quantiles *q)
{
    size_t m = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        double x = v[i];    /* the finite values move to the front, in order */
        v[i] = v[m];
        v[m++] = x;
        sum += x;
    }
    q->p5 = tc_quantile(v, m, 0.05);
    q->p50 = tc_quantile(v, m, 0.50);
    q->p95 = tc_quantile(v, m, 0.95);
    q->mean = m ? sum / (double)m : NAN;
    return m;
}
