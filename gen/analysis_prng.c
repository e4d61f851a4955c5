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

/* ln x = e ln 2 + 2 atanh((m - 1) / (m + 1)) with m in [sqrt(1/2), sqrt(2)):
 * |t| < 0.172, so twelve odd terms reach below 1e-17. */
double tc_rng_log(double x)
{
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
    double t = (m - 1) / (m + 1), t2 = t * t, sum = 1.0 / 25;
    for (int k = 11; k >= 0; k--)
        sum = sum * t2 + 1.0 / (2 * k + 1);
    return e * ln2_hi + (2 * t * sum + e * ln2_lo);
}

/* e^x = 2^k e^r with |r| <= ln(2)/2; the Taylor series of e^r to r^17/17!. */
double tc_rng_exp(double x)
{
    if (isnan(x))
        return x;
    if (x > 709.78)
        return HUGE_VAL;
    if (x < -745.2)
        return 0;
    double k = floor(x / (ln2_hi + ln2_lo) + 0.5);
    double r = (x - k * ln2_hi) - k * ln2_lo, sum = 1;
    for (int n = 17; n >= 1; n--)
        sum = 1 + sum * r / n;
    return ldexp(sum, (int)k);
}

/* Marsaglia's polar method; the second normal of each pair is dropped so
 * that the generator state is the only state. */
double tc_rng_normal(tc_rng *g)
{
    double u, v, s;
    do {
        u = 2 * tc_rng_uniform(g) - 1;
        v = 2 * tc_rng_uniform(g) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * sqrt(-2 * tc_rng_log(s) / s);
}
