/* Draws of the four distributions of SCENARIO.md "Uncertainty". */
#include <math.h>
#include "analysis_priv.h"

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

/* ---- the two stages of the Monte Carlo's draws ------------------------ */

/* |z| = |a| sqrt(-2 ln s / s) <= sqrt(-2 ln s) since a^2 <= s: a pair with
 * s >= exp(-z_safe^2 / 2) gives |z| <= z_safe, hence a value inside the
 * range. The margins (0.1% on z, 1e-9 of the magnitudes on the distance)
 * only make the shortcut rarer, never wrong; libm's exp is fine here as
 * it only places the bound. Elsewhere the value is computed in sequence
 * as tc_dist_draw does. */
static double safe_s(const tc_num *x)
{
    if (x->dist != TC_DIST_NORMAL || !has_range(x) || !(x->p2 > 0))
        return 2;   /* above every s: no shortcut */
    double d = fmin(x->p1 - x->lo, x->hi - x->p1)
               - 1e-9 * (fabs(x->p1) + fabs(x->lo) + fabs(x->hi));
    if (!(d > 0))
        return 2;
    double z = 0.999 * d / x->p2;
    return z > 38 ? 0 : exp(-z * z / 2) * 1.001;
}

void tc_mc_in_init(tc_mc_in *in, const tc_num *x)
{
    in->x = x;
    in->kind = x->dist;
    in->p1 = x->p1;
    in->p2 = x->p2;
    in->p3 = x->p3;
    in->span = x->p2 - x->p1;
    in->lo = has_range(x) ? x->lo : -HUGE_VAL;
    in->hi = has_range(x) ? x->hi : HUGE_VAL;
    in->fc = (x->p2 - x->p1) / (x->p3 - x->p1);
    in->ba = x->p3 - x->p1;
    in->ca = x->p2 - x->p1;
    in->bc = x->p3 - x->p2;
    in->sigma = x->dist == TC_DIST_LOGNORMAL ? tc_rng_log(x->p2 / x->p1) / z90 : 0;
    in->s_safe = safe_s(x);
}

static tc_mc_op_kind op_of(const tc_mc_in *in, int used)
{
    switch (in->kind) {
    case TC_DIST_UNIFORM:
    case TC_DIST_TRIANGULAR:
        return used ? TC_MC_UNI : TC_MC_SKIP;
    case TC_DIST_NORMAL:
        return has_range(in->x) ? TC_MC_TNORM : TC_MC_POLAR;
    default:    /* lognormal (tc_mc_inputs lists distributions only) */
        return TC_MC_POLAR;
    }
}

size_t tc_mc_program(const tc_mc_in *in, const unsigned char *used, size_t ni, tc_mc_op *ops,
                     long *slot, size_t *n_slots)
{
    size_t n_ops = 0;
    long next = 0;
    for (size_t k = 0; k < ni; k++) {
        tc_mc_op_kind op = op_of(&in[k], used[k]);
        int width = op == TC_MC_SKIP ? 0 : op == TC_MC_UNI ? 1 : 2;
        slot[k] = used[k] && width ? next : -1;
        next += slot[k] < 0 ? 0 : width;
        tc_mc_op *last = n_ops ? &ops[n_ops - 1] : NULL;
        if (last && last->op == op && (op == TC_MC_SKIP || op == TC_MC_UNI)) {
            last->n++;
            continue;
        }
        ops[n_ops++] = (tc_mc_op){op, 1, slot[k], &in[k]};
    }
    *n_slots = (size_t)next;
    return n_ops;
}

/* tc_rng_normal's pair, unreduced: the second is kept as the spare. */
static inline void polar(tc_rng *g, double *spare_s, double *a, double *s)
{
    if (g->has_spare) {
        g->has_spare = 0;
        *a = g->spare;
        *s = *spare_s;
        return;
    }
    double u, v, ss;
    do {
        u = 2 * tc_rng_unit(g) - 1;
        v = 2 * tc_rng_unit(g) - 1;
        ss = u * u + v * v;
    } while (ss >= 1 || ss == 0);
    g->spare = v;
    *spare_s = ss;
    g->has_spare = 1;
    *a = u;
    *s = ss;
}

/* The polar method's normal from its unreduced form (tc_rng_normal). */
static inline double reduce(double a, double s)
{
    double f = sqrt(-2 * tc_rng_ln(s) / s);
    return a * f;
}

/* truncated_normal in sequence: a pair known to land in range stays
 * unreduced; otherwise the value is computed and checked here. */
static void normal_raw(const tc_mc_in *in, tc_rng *g, double *spare_s, double *a, double *s)
{
    const tc_num *x = in->x;
    double v = x->p1;
    for (int i = 0; i < NORMAL_TRIES; i++) {
        polar(g, spare_s, a, s);
        if (*s >= in->s_safe)
            return;
        v = x->p1 + x->p2 * reduce(*a, *s);
        if (v >= x->lo && v <= x->hi) {
            *a = v;
            *s = -1;
            return;
        }
    }
    *a = clamp(x, v);
    *s = -1;
}

/* One op of one draw; r is the draw's row. An input not kept writes to
 * scratch. */
static inline void gen_op(const tc_mc_op *o, tc_rng *g, double *spare_s, double *r)
{
    double scratch[2], *dst = o->slot < 0 ? scratch : r + o->slot;
    switch (o->op) {
    case TC_MC_UNI:
        for (size_t t = 0; t < o->n; t++) {
            uint64_t w = tc_rng_advance(g);
            double bits;    /* stored as a double: the row is read as doubles */
            memcpy(&bits, &w, sizeof w);
            dst[t] = bits;
        }
        break;
    case TC_MC_SKIP:
        for (size_t t = 0; t < o->n; t++)
            (void)tc_rng_step(g);
        break;
    case TC_MC_POLAR:
        polar(g, spare_s, &dst[0], &dst[1]);
        break;
    case TC_MC_TNORM:
    default:
        normal_raw(o->in, g, spare_s, &dst[0], &dst[1]);
        break;
    }
}

/* The generator's state is a local copy for the batch, so the compiler can
 * keep it in registers between the uniforms (most of the draws). */
void tc_mc_gen_batch(tc_rng *gen, double *spare_out, const tc_mc_op *ops, size_t n_ops, size_t nb,
                     size_t n_slots, double *raw)
{
    tc_rng local = *gen, *g = &local;
    double spare = *spare_out;
    for (size_t b = 0; b < nb; b++)
        for (size_t k = 0; k < n_ops; k++)
            gen_op(&ops[k], g, &spare, raw + b * n_slots);
    *gen = local;
    *spare_out = spare;
}

/* One value of a normal or lognormal input from its pair (r[0], r[1]). */
static double value2(const tc_mc_in *in, const double *r)
{
    if (in->kind == TC_DIST_LOGNORMAL)
        return tc_mc_clamp(in->p1 * tc_rng_e(in->sigma * reduce(r[0], r[1])), in->lo, in->hi);
    return r[1] < 0 ? r[0] : in->p1 + in->p2 * reduce(r[0], r[1]);
}

enum { SIDE = 4 };  /* draws whose series run side by side */

/* Four values of value2, the series of the four draws interleaved (the
 * same operations on each, so the same doubles): one draw's logarithm and
 * exponential are chains of dependent multiply-adds, four are not.
 * Returns 0, having written nothing, when a draw needs an edge case (a
 * value computed in stage 1, an argument outside the series' range). */
static int values4(const tc_mc_in *in, const double *raw, size_t stride, double *out)
{
    double a[SIDE], s[SIDE], t[SIDE], t2[SIDE], sum[SIDE], z[SIDE], k[SIDE];
    int e[SIDE], ok = 1;
    for (int j = 0; j < SIDE; j++) {
        a[j] = raw[j * stride];
        s[j] = raw[j * stride + 1];
        ok &= s[j] >= 0 && tc_rng_ln_arg(s[j], &t[j], &e[j]);
    }
    if (!ok)
        return 0;
    for (int j = 0; j < SIDE; j++) {
        t2[j] = t[j] * t[j];
        sum[j] = tc_rng_odd[11];
    }
    for (int m = 10; m >= 0; m--)
        for (int j = 0; j < SIDE; j++)
            sum[j] = sum[j] * t2[j] + tc_rng_odd[m];
    for (int j = 0; j < SIDE; j++)
        z[j] = a[j] * sqrt(-2 * tc_rng_ln_sum(t[j], e[j], sum[j]) / s[j]);
    if (in->kind != TC_DIST_LOGNORMAL) {
        for (int j = 0; j < SIDE; j++)
            out[j] = in->p1 + in->p2 * z[j];
        return 1;
    }
    for (int j = 0; j < SIDE; j++)  /* z[j] becomes r of the exponential */
        ok &= tc_rng_e_arg(in->sigma * z[j], &k[j], &z[j]);
    if (!ok)
        return 0;
    for (int j = 0; j < SIDE; j++)
        sum[j] = 1;
    for (int m = 15; m >= 1; m--)
        for (int j = 0; j < SIDE; j++)
            sum[j] = 1 + sum[j] * z[j] * tc_rng_inv[m];
    for (int j = 0; j < SIDE; j++)
        out[j] = tc_mc_clamp(in->p1 * tc_rng_scale2(sum[j], (int)k[j]), in->lo, in->hi);
    return 1;
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX __attribute__((target("avx2")))

typedef __m256d v4;

AVX static inline v4 bc(double x)
{
    return _mm256_set1_pd(x);
}

enum { GROUPS = 4 };    /* values16_avx: four vectors, their series interleaved */

/* value2 of the draws of group g the vector path left (an edge case). */
static void group_plain(const tc_mc_in *in, const double *raw, size_t stride, int g, double *out)
{
    for (int j = 4 * g; j < 4 * g + 4; j++)
        out[j] = value2(in, raw + j * stride);
}

/* tc_rng_ln_arg on four x by the same bit work (m and e exact, t the
 * same quotient); *edge when one is not positive, finite and normal (its
 * group takes value2, whose frexp handles a subnormal). */
AVX static void ln_arg4(v4 x, v4 *t, v4 *e, int *edge)
{
    __m256i b = _mm256_castpd_si256(x), magic = _mm256_castpd_si256(bc(0x1p52));
    __m256i field = _mm256_and_si256(_mm256_srli_epi64(b, 52), _mm256_set1_epi64x(0x7FF));
    v4 good = _mm256_and_pd(_mm256_cmp_pd(x, bc(0), _CMP_GT_OQ), _mm256_cmp_pd(x, bc(INFINITY), _CMP_LT_OQ));
    good = _mm256_andnot_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(field, _mm256_setzero_si256())), good);
    *edge = _mm256_movemask_pd(good) != 0xF;
    v4 ef = _mm256_castsi256_pd(_mm256_or_si256(field, magic)) - bc(0x1p52) - bc(1022);
    __m256i mb = _mm256_or_si256(_mm256_andnot_si256(_mm256_set1_epi64x(0x7FFLL << 52), b),
                                 _mm256_set1_epi64x(1022LL << 52));
    v4 m = _mm256_castsi256_pd(mb);
    v4 small = _mm256_cmp_pd(m, bc(0.70710678118654752440), _CMP_LT_OQ);
    m = _mm256_blendv_pd(m, m * bc(2), small);
    *e = _mm256_blendv_pd(ef, ef - bc(1), small);
    *t = (m - bc(1)) / (m + bc(1));
}

/* values4 on 16 draws, four vectors (each lane the same operations in the
 * same order: correctly rounded IEEE products and sums, no fused
 * multiply-add); one vector's series is a chain of dependent steps, four
 * are not. A group of four with an edge case takes value2; its lanes'
 * vector results are not kept. */
AVX static void values16_avx(const tc_mc_in *in, const double *raw, size_t stride, double *out)
{
    double k[4 * GROUPS], sum[4 * GROUPS];
    int ok[GROUPS];
    v4 va[GROUPS], vs[GROUPS], ve[GROUPS];
    v4 vt[GROUPS], t2[GROUPS], acc[GROUPS], z[GROUPS];
    for (int g = 0; g < GROUPS; g++) {
        const double *r = raw + 4 * g * stride;
        va[g] = _mm256_setr_pd(r[0], r[stride], r[2 * stride], r[3 * stride]);
        vs[g] = _mm256_setr_pd(r[1], r[stride + 1], r[2 * stride + 1], r[3 * stride + 1]);
        int edge;
        ln_arg4(vs[g], &vt[g], &ve[g], &edge);
        ok[g] = !edge;
        t2[g] = vt[g] * vt[g];
        acc[g] = bc(tc_rng_odd[11]);
    }
    for (int m = 10; m >= 0; m--)
        for (int g = 0; g < GROUPS; g++)
            acc[g] = acc[g] * t2[g] + bc(tc_rng_odd[m]);
    for (int g = 0; g < GROUPS; g++) {
        v4 ln = ve[g] * bc(TC_LN2_HI) + (bc(2) * vt[g] * acc[g] + ve[g] * bc(TC_LN2_LO));
        z[g] = va[g] * _mm256_sqrt_pd(bc(-2) * ln / vs[g]);
    }
    if (in->kind != TC_DIST_LOGNORMAL) {
        for (int g = 0; g < GROUPS; g++)
            if (ok[g])
                _mm256_storeu_pd(out + 4 * g, bc(in->p1) + bc(in->p2) * z[g]);
            else
                group_plain(in, raw, stride, g, out);
        return;
    }
    v4 vk[GROUPS];
    for (int g = 0; g < GROUPS; g++) {  /* tc_rng_e_arg's range, then its k and r */
        v4 x = bc(in->sigma) * z[g];
        v4 bad = _mm256_or_pd(_mm256_cmp_pd(x, x, _CMP_UNORD_Q),
                              _mm256_or_pd(_mm256_cmp_pd(x, bc(709.78), _CMP_GT_OQ),
                                           _mm256_cmp_pd(x, bc(-745.2), _CMP_LT_OQ)));
        ok[g] &= !_mm256_movemask_pd(bad);
        vk[g] = _mm256_floor_pd(x / bc(TC_LN2_HI + TC_LN2_LO) + bc(0.5));
        z[g] = (x - vk[g] * bc(TC_LN2_HI)) - vk[g] * bc(TC_LN2_LO);
        acc[g] = bc(1);
    }
    for (int m = 15; m >= 1; m--)
        for (int g = 0; g < GROUPS; g++)
            acc[g] = bc(1) + acc[g] * z[g] * bc(tc_rng_inv[m]);
    for (int g = 0; g < GROUPS; g++) {
        if (!ok[g]) {
            group_plain(in, raw, stride, g, out);
            continue;
        }
        _mm256_storeu_pd(k + 4 * g, vk[g]);
        _mm256_storeu_pd(sum + 4 * g, acc[g]);
        for (int j = 4 * g; j < 4 * g + 4; j++)
            out[j] = tc_mc_clamp(in->p1 * tc_rng_scale2(sum[j], (int)k[j]), in->lo, in->hi);
    }
}

static int avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

#else

enum { GROUPS = 4 };

static void values16_avx(const tc_mc_in *in, const double *raw, size_t stride, double *out)
{
    for (int g = 0; g < GROUPS; g++)
        if (!values4(in, raw + 4 * g * stride, stride, out + 4 * g))
            for (int j = 4 * g; j < 4 * g + 4; j++)
                out[j] = value2(in, raw + j * stride);
}

static int avx2(void)
{
    return 0;
}

#endif

int tc_mc_avx2(void)
{
    return avx2();
}

void tc_mc_values(const tc_mc_in *in, const double *raw, size_t stride, size_t n, int simd,
                  double *out)
{
    size_t i = 0;
    for (; simd && i + 4 * GROUPS <= n; i += 4 * GROUPS)
        values16_avx(in, raw + i * stride, stride, out + i);
    for (; i + SIDE <= n; i += SIDE)
        if (!values4(in, raw + i * stride, stride, out + i))
            for (size_t j = i; j < i + SIDE; j++)
                out[j] = value2(in, raw + j * stride);
    for (; i < n; i++)
        out[i] = value2(in, raw + i * stride);
}
