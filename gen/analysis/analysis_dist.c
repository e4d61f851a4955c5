/* Draws of the four distributions of SCENARIO.md "Uncertainty". */
#include <math.h>
#include "tc_analysis.h"

/* z such that P(Z <= z) = 0.9 for a standard normal. */
static const double z90 = 1.2815515655446004;
enum { NORMAL_TRIES = 64 };

static int has_range(const tc_num *x)
{
    return x->lo < x->hi;
}

static double clamp(const tc_num *x, double v)
{
    if (!has_range(x))
        return v;
    return v < x->lo ? x->lo : v > x->hi ? x->hi : v;
}

/* Inverse of the triangular CDF (low a, mode c, high b). */
static double triangular(double a, double c, double b, double u)
{
    if (!(b > a))
        return c;
    double fc = (c - a) / (b - a);
    if (u < fc)
        return a + sqrt(u * (b - a) * (c - a));
    return b - sqrt((1 - u) * (b - a) * (b - c));
}

static double truncated_normal(const tc_num *x, tc_rng *g)
{
    double v = x->p1;
    for (int i = 0; i < NORMAL_TRIES; i++) {
        v = x->p1 + x->p2 * tc_rng_normal(g);
        if (!has_range(x) || (v >= x->lo && v <= x->hi))
            return v;
    }
    return clamp(x, v);
}

static double lognormal(const tc_num *x, tc_rng *g)
{
    double sigma = tc_rng_log(x->p2 / x->p1) / z90;
    return x->p1 * tc_rng_exp(sigma * tc_rng_normal(g));
}

double tc_dist_draw(const tc_num *x, tc_rng *g)
{
    switch (x->dist) {
    case TC_DIST_TRIANGULAR:
        return clamp(x, triangular(x->p1, x->p2, x->p3, tc_rng_uniform(g)));
    case TC_DIST_UNIFORM:
        return clamp(x, x->p1 + (x->p2 - x->p1) * tc_rng_uniform(g));
    case TC_DIST_NORMAL:
        return truncated_normal(x, g);
    case TC_DIST_LOGNORMAL:
        return clamp(x, lognormal(x, g));
    case TC_DIST_NONE:
    default:
        return x->value;
    }
}
