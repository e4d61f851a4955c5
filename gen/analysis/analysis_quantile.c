/* Quantiles of Monte Carlo outcomes: Hyndman-Fan type 7 (R's default),
 * h = (n - 1) p, Q = x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h)).
 * One quantile does not need a full sort: quickselect finds x(k), the
 * smallest value right of it is x(k + 1). Order statistics do not depend
 * on the pivots, so the result is exact and the same on every machine. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- three quantiles at once: buckets, then a sort of the few values in
 * the buckets holding the ranks. The bucket of x, (x - min) * scale
 * truncated, never decreases as x grows (each step is a correctly rounded
 * monotonic operation), so the r-th smallest value is in the bucket where
 * the running count passes r, at its rank within that bucket: the order
 * statistics, hence the quantiles, are exactly tc_quantile's. */
enum { BUCKETS = 2048, RANKS = 6 };

typedef struct {
    double min, scale;          /* scale 0: one bucket (the spread overflows) */
    size_t count[BUCKETS], before[BUCKETS];     /* before: values in lower buckets */
    size_t kept_before[BUCKETS];                /* kept values in lower buckets */
    unsigned char kept[BUCKETS];
} buckets;

static size_t bucket_of(const buckets *b, double x)
{
    if (b->scale == 0)
        return 0;
    int64_t i = (int64_t)((x - b->min) * b->scale);   /* in [0, BUCKETS] */
    return i < BUCKETS ? (size_t)i : BUCKETS - 1;
}

static size_t bucket_of_rank(const buckets *b, size_t r)
{
    size_t lo = 0, hi = BUCKETS - 1;    /* the last bucket with before <= r */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (b->before[mid] <= r)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const double probs[3] = {0.05, 0.50, 0.95};

/* The ranks tc_quantile reads for probs (k, and k + 1 when interpolating). */
static size_t ranks(size_t m, size_t *r)
{
    size_t n = 0;
    for (int q = 0; q < 3; q++) {
        double h = (double)(m - 1) * probs[q];
        size_t k = (size_t)floor(h);
        r[n++] = k;
        if (!(k + 1 >= m || h == (double)k))
            r[n++] = k + 1;
    }
    return n;
}

/* Moves the values of the kept buckets to the front of v and sorts them. */
static void keep(buckets *b, double *v, size_t m)
{
    size_t run = 0, front = 0;
    for (size_t i = 0; i < BUCKETS; i++) {
        b->kept_before[i] = run;
        run += b->kept[i] ? b->count[i] : 0;
    }
    for (size_t i = 0; i < m; i++)
        if (b->kept[bucket_of(b, v[i])]) {
            double x = v[i];
            v[i] = v[front];
            v[front++] = x;
        }
    qsort(v, front, sizeof *v, cmp_double);
}

static double order_stat(const buckets *b, const double *v, size_t r)
{
    size_t i = bucket_of_rank(b, r);
    return v[b->kept_before[i] + r - b->before[i]];
}

static void three(buckets *b, double *v, size_t m, double lo, double hi, tc_quantiles *q)
{
    b->min = lo;
    b->scale = hi - lo > 0 && isfinite(hi - lo) ? (BUCKETS - 1) / (hi - lo) : 0;
    memset(b->count, 0, sizeof b->count);
    memset(b->kept, 0, sizeof b->kept);
    for (size_t i = 0; i < m; i++)
        b->count[bucket_of(b, v[i])]++;
    for (size_t i = 0, run = 0; i < BUCKETS; run += b->count[i++])
        b->before[i] = run;
    size_t r[RANKS], n = ranks(m, r);
    for (size_t i = 0; i < n; i++)
        b->kept[bucket_of_rank(b, r[i])] = 1;
    keep(b, v, m);
    double *dst[3] = {&q->p5, &q->p50, &q->p95};
    for (int k = 0; k < 3; k++) {
        double h = (double)(m - 1) * probs[k];
        size_t j = (size_t)floor(h);
        double x = order_stat(b, v, j);
        *dst[k] = j + 1 >= m || h == (double)j ? x
                : x + (h - (double)j) * (order_stat(b, v, j + 1) - x);
    }
}

/* The finite values first (in order, for the mean's sum), then the three
 * quantiles from buckets: a few passes without the selection's branches. */
size_t tc_quantiles_summary(double *v, size_t n, tc_quantiles *q)
{
    size_t m = 0;
    double sum = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        double x = v[i];    /* the finite values move to the front, in order */
        v[i] = v[m];
        v[m++] = x;
        sum += x;
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
    }
    q->mean = m ? sum / (double)m : NAN;
    if (m == 0) {
        q->p5 = q->p50 = q->p95 = NAN;
        return 0;
    }
    buckets b;      /* 51 KB of stack */
    three(&b, v, m, lo, hi, q);
    return m;
}
