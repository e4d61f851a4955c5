/* Monte Carlo figures in memory bounded by the answer, not by the samples:
 * for runs too large to keep every draw (10 million samples of 5 platforms
 * would take 800 MB), the draws are made twice from the seed, which gives
 * the same figures both times.
 *
 * Pass 1 keeps, per series (LCOT and cost of each platform): the count and
 * the in-order sum of the finite values (the mean, as tc_quantiles_summary
 * adds them), the cheapest platform counts, and a histogram whose bin
 * edges are quantiles of the first SAMPLE draws (a value repeated in that
 * sample gets a bin of its own, [v, next double above v)). Each bin also
 * keeps its smallest and largest value. The type-7 ranks k and k + 1 of
 * p5, p50 and p95 then fall in known bins; pass 2 keeps only the values in
 * those bins (their number is known from pass 1), and each order statistic
 * is read from its sorted bin, or straight from a bin whose smallest and
 * largest values agree. The order statistics do not depend on how they are
 * found, so the quantiles are exactly those of tc_quantile. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_mc.h"

enum { SAMPLE = 65536, BINS = 1024, RANKS = 6 };

typedef struct {
    double *sample;             /* the first draws' finite values */
    size_t n_sample;
    double *edge;               /* sorted, distinct; bin b: [edge[b-1], edge[b]) */
    size_t n_edge;
    size_t *count;              /* n_edge + 1 bins */
    double *lo, *hi;            /* per bin: smallest and largest value */
    size_t m;                   /* finite values */
    double sum;
    /* pass 2: the bins holding a needed rank and their values */
    size_t want[RANKS], n_want;
    double want_lo, want_hi;    /* the values those bins can hold */
    double *vals[RANKS];
    size_t n_vals[RANKS];
} series;

typedef struct {
    tc_mc_consumer base;
    size_t np, ns;
    series *ser;                /* 2 np: LCOT of each platform, then cost */
    long *cheapest;
    int pass;
    tc_status st;
} mc_stream;

/* The number of edges <= x: a binary search without branches on x (the
 * compiler turns the choice into a conditional move), since every finite
 * value of pass 1 is binned. */
static size_t bin_of(const series *s, double x)
{
    if (s->n_edge == 0)
        return 0;
    const double *base = s->edge;
    size_t n = s->n_edge;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half] <= x ? base + half : base;
        n -= half;
    }
    return (size_t)(base - s->edge) + (*base <= x);
}

static void count(series *s, double x)
{
    size_t b = bin_of(s, x);
    if (s->count[b]++ == 0 || x < s->lo[b])
        s->lo[b] = x;
    if (s->count[b] == 1 || x > s->hi[b])
        s->hi[b] = x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Edges at the sample's quantiles, and a bin of its own for a value that
 * fills more than one of them. The sample is left sorted. */
static tc_status make_bins(series *s)
{
    qsort(s->sample, s->n_sample, sizeof *s->sample, cmp_double);
    s->edge = malloc(2 * BINS * sizeof *s->edge);
    s->count = calloc(2 * BINS + 1, sizeof *s->count);
    s->lo = malloc((2 * BINS + 1) * sizeof *s->lo);
    s->hi = malloc((2 * BINS + 1) * sizeof *s->hi);
    if (!s->edge || !s->count || !s->lo || !s->hi)
        return TC_ERR_NOMEM;
    double last = NAN;
    for (size_t q = 1; q < BINS && s->n_sample > 0; q++) {
        double v = s->sample[q * s->n_sample / BINS];
        if (v == last && (s->n_edge == 0 || s->edge[s->n_edge - 1] == v))
            s->edge[s->n_edge++] = nextafter(v, HUGE_VAL);
        else if (v != last && (s->n_edge == 0 || v > s->edge[s->n_edge - 1]))
            s->edge[s->n_edge++] = v;
        last = v;
    }
    for (size_t i = 0; i < s->n_sample; i++)
        count(s, s->sample[i]);
    free(s->sample);
    s->sample = NULL;
    return TC_OK;
}

static void pass1_value(series *s, double x)
{
    if (!isfinite(x))
        return;
    s->m++;
    s->sum += x;
    if (s->edge == NULL)    /* d < SAMPLE: the bins are not made yet */
        s->sample[s->n_sample++] = x;
    else
        count(s, x);
}

/* The bin of the values wanted in pass 2, or none. */
static int wanted(const series *s, size_t b)
{
    for (size_t i = 0; i < s->n_want; i++)
        if (s->want[i] == b)
            return (int)i;
    return -1;
}

static void pass2_value(series *s, double x)
{
    if (!(x >= s->want_lo && x <= s->want_hi) || s->n_want == 0)
        return;
    int w = wanted(s, bin_of(s, x));
    if (w >= 0)
        s->vals[w][s->n_vals[w]++] = x;
}

static void consume(tc_mc_consumer *c, const double *out, long d0, size_t nb)
{
    mc_stream *m = (mc_stream *)c;
    size_t np = m->np, sample_end = m->ns < SAMPLE ? m->ns : SAMPLE;
    for (size_t b = 0; b < nb && m->st == TC_OK; b++) {
        const double *row = out + b * 2 * np;
        size_t d = (size_t)d0 + b, best = np;
        for (size_t j = 0; j < 2 * np; j++) {
            if (m->pass == 1)
                pass1_value(&m->ser[j], row[j]);
            else
                pass2_value(&m->ser[j], row[j]);
        }
        if (m->pass == 1) {
            for (size_t i = 0; i < np; i++)
                if (isfinite(row[i]) && (best == np || row[i] < row[best]))
                    best = i;
            if (best < np)
                m->cheapest[best]++;
        }
        for (size_t j = 0; m->pass == 1 && d + 1 == sample_end && j < 2 * np; j++)
            if (m->st == TC_OK)
                m->st = make_bins(&m->ser[j]);
    }
}

/* Bin and rank within it of order statistic r (from 0). */
static size_t locate(const series *s, size_t r, size_t *offset)
{
    size_t cum = 0, b = 0;
    while (b < s->n_edge && cum + s->count[b] <= r)
        cum += s->count[b++];
    *offset = r - cum;
    return b;
}

static void want_rank(series *s, size_t r)
{
    size_t off, b = locate(s, r, &off);
    if (s->lo[b] == s->hi[b] || wanted(s, b) >= 0)
        return;
    if (s->n_want == 0 || s->lo[b] < s->want_lo)
        s->want_lo = s->lo[b];
    if (s->n_want == 0 || s->hi[b] > s->want_hi)
        s->want_hi = s->hi[b];
    s->want[s->n_want++] = b;
}

static const double probs[3] = {0.05, 0.50, 0.95};

/* tc_quantile's h, k and whether x(k + 1) is needed. */
static size_t rank_of(size_t m, double p, double *h, int *next)
{
    *h = (double)(m - 1) * p;
    size_t k = (size_t)floor(*h);
    *next = !(k + 1 >= m || *h == (double)k);
    return k;
}

static tc_status plan_pass2(series *s)
{
    for (int q = 0; q < 3 && s->m > 0; q++) {
        double h;
        int next;
        size_t k = rank_of(s->m, probs[q], &h, &next);
        want_rank(s, k);
        if (next)
            want_rank(s, k + 1);
    }
    for (size_t i = 0; i < s->n_want; i++)
        if (!(s->vals[i] = malloc((s->count[s->want[i]] ? s->count[s->want[i]] : 1)
                                  * sizeof *s->vals[i])))
            return TC_ERR_NOMEM;
    return TC_OK;
}

static double order_stat(const series *s, size_t r)
{
    size_t off, b = locate(s, r, &off);
    if (s->lo[b] == s->hi[b])
        return s->lo[b];
    int w = wanted(s, b);
    return s->vals[w][off];
}

/* The figures of one series, as tc_quantiles_summary gives them. */
static void summary(series *s, tc_quantiles *out)
{
    for (size_t i = 0; i < s->n_want; i++)
        qsort(s->vals[i], s->n_vals[i], sizeof *s->vals[i], cmp_double);
    double *dst[3] = {&out->p5, &out->p50, &out->p95};
    for (int q = 0; q < 3; q++) {
        if (s->m == 0) {
            *dst[q] = NAN;
            continue;
        }
        double h;
        int next;
        size_t k = rank_of(s->m, probs[q], &h, &next);
        double lo = order_stat(s, k);
        *dst[q] = next ? lo + (h - (double)k) * (order_stat(s, k + 1) - lo) : lo;
    }
    out->mean = s->m ? s->sum / (double)s->m : NAN;
}

static void series_free(series *s)
{
    free(s->sample);
    free(s->edge);
    free(s->count);
    free(s->lo);
    free(s->hi);
    for (size_t i = 0; i < RANKS; i++)
        free(s->vals[i]);
}

static tc_status passes(mc_stream *m, const tc_scenario *s, int lanes)
{
    size_t n_sample = m->ns < SAMPLE ? m->ns : SAMPLE;
    for (size_t j = 0; j < 2 * m->np; j++)
        if (!(m->ser[j].sample = malloc(n_sample * sizeof *m->ser[j].sample)))
            return TC_ERR_NOMEM;
    m->pass = 1;
    tc_status st = tc_mc_draw(s, lanes, &m->base);
    for (size_t j = 0; st == TC_OK && m->st == TC_OK && j < 2 * m->np; j++)
        m->st = plan_pass2(&m->ser[j]);
    if (st != TC_OK || m->st != TC_OK)
        return st != TC_OK ? st : m->st;
    int needed = 0;
    for (size_t j = 0; j < 2 * m->np; j++)
        needed |= m->ser[j].n_want > 0;
    m->pass = 2;
    return needed ? tc_mc_draw(s, lanes, &m->base) : TC_OK;   /* else every rank is known */
}

tc_status tc_mc_stream_run(const tc_scenario *s, int lanes, tc_monte_carlo *x)
{
    size_t np = s->n_platforms;
    mc_stream m = {{consume}, np, (size_t)s->analysis.samples, NULL, NULL, 1, TC_OK};
    m.ser = calloc(2 * np, sizeof *m.ser);
    m.cheapest = calloc(np, sizeof *m.cheapest);
    tc_status st = m.ser && m.cheapest ? passes(&m, s, lanes) : TC_ERR_NOMEM;
    for (size_t i = 0; st == TC_OK && i < np; i++) {
        summary(&m.ser[i], &x->lcot[i]);
        summary(&m.ser[np + i], &x->cost_per_m[i]);
        x->p_cheapest[i] = (double)m.cheapest[i] / (double)m.ns;
    }
    for (size_t j = 0; m.ser && j < 2 * np; j++)
        series_free(&m.ser[j]);
    free(m.ser);
    free(m.cheapest);
    return st;
}
