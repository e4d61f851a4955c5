/* Monte Carlo generator: SplitMix64 seeding xoshiro256** 1.0, uniform and
 * standard normal draws. The logarithm and exponential are computed here
 * from correctly rounded IEEE operations (frexp/ldexp/floor are exact), so
 * a seed gives the same draws on every machine, whatever its libm. */
#include <math.h>
#include "tc_analysis.h"

static const double ln2_hi = 6.93147180369123816490e-01;  /* ln 2, top bits */
static const double ln2_lo = 1.90821492927058770002e-10;  /* ln 2 - ln2_hi */

uint64_t tc_rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void tc_rng_seed(tc_rng *g, uint64_t seed)
{
    uint64_t sm = seed;
    for (int i = 0; i < 4; i++)
        g->s[i] = tc_rng_splitmix64(&sm);
    g->spare = 0;
    g->has_spare = 0;
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t tc_rng_next(tc_rng *g)
{
    uint64_t *s = g->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double tc_rng_uniform(tc_rng *g)
{
    return (double)(tc_rng_next(g) >> 11) * 0x1.0p-53;
}

/* ln x = e ln 2 + 2 atanh(t), t = (m - 1) / (m + 1), m in [sqrt(1/2), sqrt(2)):
 * |t| < 0.172, so the odd terms t^(2k+1) / (2k+1) up to k = 11 reach below
 * 1e-17. The coefficients are constants so that no division is in the loop. */
double tc_rng_log(double x)
{
    static const double odd[12] = {
        1.0, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11,
        1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23,
    };
    if (!(x > 0))
        return x == 0 ? -HUGE_VAL : NAN;
    if (isinf(x))
        return x;
    int e;
    double m = frexp(x, &e);
    if (m < 0.70710678118654752440) {
        m *= 2;
        e--;
    }
    double t = (m - 1) / (m + 1), t2 = t * t, sum = odd[11];
    for (int k = 10; k >= 0; k--)
        sum = sum * t2 + odd[k];
    return e * ln2_hi + (2 * t * sum + e * ln2_lo);
}

/* e^x = 2^k e^r with |r| <= ln(2)/2; the Taylor series of e^r to r^15/15!
 * (the next term is below 1e-19), in Horner form with constant factors. */
double tc_rng_exp(double x)
{
    static const double inv[16] = {
        0, 1.0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 7, 1.0 / 8,
        1.0 / 9, 1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14, 1.0 / 15,
    };
    if (isnan(x))
        return x;
    if (x > 709.78)
        return HUGE_VAL;
    if (x < -745.2)
        return 0;
    double k = floor(x / (ln2_hi + ln2_lo) + 0.5);
    double r = (x - k * ln2_hi) - k * ln2_lo, sum = 1;
    for (int n = 15; n >= 1; n--)
        sum = 1 + sum * r * inv[n];
    return ldexp(sum, (int)k);
}

/* Marsaglia's polar method: each accepted pair gives two normals; the
 * second is kept in the generator for the next call. */
double tc_rng_normal(tc_rng *g)
{
    if (g->has_spare) {
        g->has_spare = 0;
        return g->spare;
    }
    double u, v, s;
    do {
        u = 2 * tc_rng_uniform(g) - 1;
        v = 2 * tc_rng_uniform(g) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = sqrt(-2 * tc_rng_log(s) / s);
    g->spare = v * f;
    g->has_spare = 1;
    return u * f;
}
