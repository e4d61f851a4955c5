/* Internals shared by the Monte Carlo files (gen/analysis/analysis_*.c):
 * the generator step inlined, and the draws split in two stages so the
 * stream is consumed in order while the costly transforms run in batches
 * and on any thread. */
#ifndef TC_ANALYSIS_PRIV_H
#define TC_ANALYSIS_PRIV_H

#include <math.h>
#include <string.h>
#include "tc_analysis.h"

#define TC_LN2_HI 6.93147180369123816490e-01    /* ln 2, top bits */
#define TC_LN2_LO 1.90821492927058770002e-10    /* ln 2 - TC_LN2_HI */


static inline uint64_t tc_rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 in two halves: the state advanced, returning the word
 * its output is made of (s[1] before the step), and the scrambler. The
 * Monte Carlo's stage 1 (in sequence) keeps the word and leaves the
 * scrambling and conversion to stage 2 (on the lanes). */
static inline uint64_t tc_rng_advance(tc_rng *g)
{
    uint64_t *s = g->s, w = s[1], t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = tc_rng_rotl(s[3], 45);
    return w;
}

static inline uint64_t tc_rng_scramble(uint64_t w)
{
    return tc_rng_rotl(w * 5, 7) * 9;
}

/* One output (tc_rng_next is this). */
static inline uint64_t tc_rng_step(tc_rng *g)
{
    return tc_rng_scramble(tc_rng_advance(g));
}

static inline double tc_rng_unit(tc_rng *g)
{
    return (double)(tc_rng_step(g) >> 11) * 0x1.0p-53;
}

static inline double tc_rng_unit_of(uint64_t w)
{
    return (double)(tc_rng_scramble(w) >> 11) * 0x1.0p-53;
}

/* The uniform of a raw row's slot holding a word (tc_mc_gen_batch). */
static inline double tc_mc_uniform_at(const double *slot)
{
    uint64_t w;
    memcpy(&w, slot, sizeof w);
    return tc_rng_unit_of(w);
}

/* frexp for a positive normal x by its bits (the same m and e exactly:
 * both are exact), frexp itself for a subnormal. The draws take 1e6 to 1e8
 * logarithms and exponentials, and the library calls were a fifth of them. */
static inline double tc_rng_fraction(double x, int *e)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    unsigned field = (unsigned)(b >> 52) & 0x7FF;
    if (field == 0)
        return frexp(x, e);
    *e = (int)field - 1022;
    b = (b & ~(0x7FFULL << 52)) | (1022ULL << 52);
    memcpy(&x, &b, sizeof x);
    return x;
}

/* floor of |y| < 2^62 through an integer conversion (exact). */
static inline double tc_rng_floor(double y)
{
    double t = (double)(int64_t)y;
    return t > y ? t - 1 : t;
}

/* ldexp(x, k): x times 2^k is one correctly rounded product, the same as
 * ldexp's, while 2^k is a normal double; ldexp itself outside that. */
static inline double tc_rng_scale2(double x, int k)
{
    if (k < -1022 || k > 1023)
        return ldexp(x, k);
    uint64_t b = (uint64_t)(k + 1023) << 52;
    double p;
    memcpy(&p, &b, sizeof p);
    return x * p;
}

/* ln x = e ln 2 + 2 atanh(t), t = (m - 1) / (m + 1), m in [sqrt(1/2), sqrt(2)):
 * |t| < 0.172, so the odd terms t^(2k+1) / (2k+1) up to k = 11 reach below
 * 1e-17. The coefficients are constants so that no division is in the loop.
 * In three steps (t and e; the series; the sum) so the Monte Carlo can run
 * the series of several draws side by side, each the same operations. */
static const double tc_rng_odd[12] = {
    1.0, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11,
    1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23,
};

/* 1 and t, e for a positive finite x; 0 otherwise (tc_rng_ln's edge cases). */
static inline int tc_rng_ln_arg(double x, double *t, int *e)
{
    if (!(x > 0) || isinf(x))
        return 0;
    double m = tc_rng_fraction(x, e);
    if (m < 0.70710678118654752440) {
        m *= 2;
        (*e)--;
    }
    *t = (m - 1) / (m + 1);
    return 1;
}

static inline double tc_rng_ln_series(double t)
{
    double t2 = t * t, sum = tc_rng_odd[11];
    for (int k = 10; k >= 0; k--)
        sum = sum * t2 + tc_rng_odd[k];
    return sum;
}

static inline double tc_rng_ln_sum(double t, int e, double sum)
{
    return e * TC_LN2_HI + (2 * t * sum + e * TC_LN2_LO);
}

static inline double tc_rng_ln(double x)
{
    double t;
    int e;
    if (!tc_rng_ln_arg(x, &t, &e))
        return x == 0 ? -HUGE_VAL : x > 0 ? x : NAN;
    return tc_rng_ln_sum(t, e, tc_rng_ln_series(t));
}

/* e^x = 2^k e^r with |r| <= ln(2)/2; the Taylor series of e^r to r^15/15!
 * (the next term is below 1e-19), in Horner form with constant factors;
 * in steps as tc_rng_ln. */
static const double tc_rng_inv[16] = {
    0, 1.0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 7, 1.0 / 8,
    1.0 / 9, 1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14, 1.0 / 15,
};

/* 1 and k, r for x in the series' range; 0 otherwise. */
static inline int tc_rng_e_arg(double x, double *k, double *r)
{
    if (isnan(x) || x > 709.78 || x < -745.2)
        return 0;
    *k = tc_rng_floor(x / (TC_LN2_HI + TC_LN2_LO) + 0.5);
    *r = (x - *k * TC_LN2_HI) - *k * TC_LN2_LO;
    return 1;
}

static inline double tc_rng_e_series(double r)
{
    double sum = 1;
    for (int n = 15; n >= 1; n--)
        sum = 1 + sum * r * tc_rng_inv[n];
    return sum;
}

static inline double tc_rng_e(double x)
{
    double k, r;
    if (!tc_rng_e_arg(x, &k, &r))
        return isnan(x) ? x : x > 0 ? HUGE_VAL : 0;
    return tc_rng_scale2(tc_rng_e_series(r), (int)k);
}

/* One drawn input, with what its draws share precomputed (each the same
 * double tc_dist_draw computes in place). */
typedef struct {
    const tc_num *x;
    tc_dist_kind kind;
    double p1, p2, p3;
    double span;        /* uniform: p2 - p1 */
    double lo, hi;      /* the clamp; -inf and +inf without a range (the same
                         * result for every v, NAN included) */
    double fc, ba, ca, bc;  /* triangular: (c - a) / (b - a), b - a, c - a, b - c */
    double sigma;       /* lognormal: ln(p90 / median) / z(0.9) */
    double s_safe;      /* normal: a polar pair with s >= s_safe lands in range */
} tc_mc_in;

void tc_mc_in_init(tc_mc_in *in, const tc_num *x);

/* Stage 1 runs a program: the inputs of one draw (distributions, as
 * tc_mc_inputs lists them) as runs of one kind, so the generator loops
 * without a branch per input. A kept input has slots in its draw's row of
 * raw draws: one for a uniform (uniform, triangular), two for a normal (a,
 * s: see tc_mc_gen_batch). An input the figures do not use consumes the
 * stream all the same but keeps nothing. */
typedef enum {
    TC_MC_UNI,          /* n uniforms (uniform, triangular) into n slots */
    TC_MC_SKIP,         /* n uniforms not kept */
    TC_MC_POLAR,        /* a normal of the polar method, unreduced (lognormal,
                         * normal without range) */
    TC_MC_TNORM         /* a truncated normal (tc_dist_draw's retries) */
} tc_mc_op_kind;

typedef struct {
    tc_mc_op_kind op;
    size_t n;
    long slot;          /* first slot; -1: not kept */
    const tc_mc_in *in; /* the (first) input */
} tc_mc_op;

/* The program of the ni inputs in draw order, used[k] whether input k is
 * kept; ops needs room for ni entries. slot[k] gets input k's first slot
 * (-1 when not kept), *n_slots the row's width. Returns the ops written. */
size_t tc_mc_program(const tc_mc_in *in, const unsigned char *used, size_t ni, tc_mc_op *ops,
                     long *slot, size_t *n_slots);

/* Stage 1, in sequence: nb draws, row b at raw + b * n_slots. A uniform
 * slot holds the bits of the generator word the uniform is made of
 * (tc_mc_uniform_at reads the uniform); a normal's pair holds a and s of the polar
 * method (z = a sqrt(-2 ln s / s), the logarithm left to stage 2) or, for
 * a truncated normal whose acceptance needed the value, that value and
 * -1. The stream consumed is exactly tc_dist_draw's, draw by draw, input
 * by input. g->has_spare and g->spare keep their meaning with spare holding
 * the unreduced a of the pair and *spare_s its s. */
void tc_mc_gen_batch(tc_rng *g, double *spare_s, const tc_mc_op *ops, size_t n_ops, size_t nb,
                     size_t n_slots, double *raw);

/* Stage 2, anywhere: n drawn values of a normal or lognormal input from
 * its pairs at raw[i * stride], raw[i * stride + 1], bit for bit
 * tc_dist_draw's; one input at a time so the compiler can interleave the
 * draws. */
void tc_mc_values(const tc_mc_in *in, const double *raw, size_t stride, size_t n, int simd,
                  double *out);

/* 1 when the processor has AVX2: stage 2's vector paths (simd above, the
 * engine's uniforms, tc_plan_eval4) give the plain paths' bits with it. */
int tc_mc_avx2(void);

static inline double tc_mc_clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Stage 2 of a triangular input: tc_dist_draw's inverse CDF, term for term. */
static inline double tc_mc_triangular(const tc_mc_in *in, double u)
{
    double v;
    if (!(in->p3 > in->p1))
        v = in->p2;
    else if (u < in->fc)
        v = in->p1 + sqrt(u * in->ba * in->ca);
    else
        v = in->p3 - sqrt((1 - u) * in->ba * in->bc);
    return tc_mc_clamp(v, in->lo, in->hi);
}

#endif
