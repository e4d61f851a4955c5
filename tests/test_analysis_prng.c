/* Monte Carlo building blocks: the generator against its published
 * reference outputs, the libm-free log/exp, the four distributions against
 * their analytic quantiles, and type-7 quantiles computed by hand. */
#include "tc_test.h"
#include <stdlib.h>
#include <string.h>
#include "tc_analysis.h"

static void test_xoshiro_reference(void **state)
{
    (void)state;
    /* the reference outputs of xoshiro256** 1.0 from state {1, 2, 3, 4} */
    static const uint64_t want[] = {
        11520u, 0u, 1509978240u, 1215971899390074240u, 1216172134540287360u,
        607988272756665600u, 16172922978634559625u, 8476171486693032832u,
        10595114339597558777u, 2904607092377533576u,
    };
    tc_rng g = {.s = {1, 2, 3, 4}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_true(tc_rng_next(&g) == want[i]);
}

static void test_splitmix_reference(void **state)
{
    (void)state;
    /* SplitMix64 (Steele, Lea, Flood) from 1234567 */
    static const uint64_t want[] = {
        6457827717110365317u, 3203168211198807973u, 9817491932198370423u,
        4593380528125082431u, 16408922859458223821u,
    };
    uint64_t sm = 1234567;
    for (size_t i = 0; i < 5; i++)
        assert_true(tc_rng_splitmix64(&sm) == want[i]);
}

static void test_seed_fills_state_from_splitmix(void **state)
{
    (void)state;
    tc_rng g;
    tc_rng_seed(&g, 1234567);
    assert_true(g.s[0] == 6457827717110365317u);
    assert_true(g.s[3] == 4593380528125082431u);
}

static void test_same_seed_same_stream(void **state)
{
    (void)state;
    tc_rng a, b, c;
    tc_rng_seed(&a, 42);
    tc_rng_seed(&b, 42);
    tc_rng_seed(&c, 43);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = tc_rng_next(&a);
        assert_true(x == tc_rng_next(&b));
        differ += x != tc_rng_next(&c);
    }
    assert_int_equal(differ, 1000);
}

static void test_uniform_range_and_resolution(void **state)
{
    (void)state;
    tc_rng g = {.s = {0, 0, 0, 0}};
    /* the all-zero state is xoshiro's fixed point: output 0 maps to 0.0 */
    assert_true(tc_rng_uniform(&g) == 0.0);
    tc_rng_seed(&g, 7);
    double lo = 1, hi = 0, sum = 0;
    for (int i = 0; i < 200000; i++) {
        double u = tc_rng_uniform(&g);
        assert_true(u >= 0 && u < 1);
        lo = fmin(lo, u);
        hi = fmax(hi, u);
        sum += u;
    }
    assert_true(lo < 1e-4 && hi > 1 - 1e-4);
    assert_double_rel(sum / 200000, 0.5, 0.005);
}

static void test_log_exp_match_libm(void **state)
{
    (void)state;
    static const double xs[] = {1e-300, 1e-9, 0.001, 0.3, 0.7071, 0.99999, 1.0,
                                1.00001, 1.5, 2.0, 3.14159, 1e6, 1e300};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++)
        assert_double_rel(tc_rng_log(xs[i]), log(xs[i]), 1e-15);
    assert_true(tc_rng_log(1.0) == 0.0);
    static const double es[] = {-700, -20, -1, -0.5, -1e-9, 0, 1e-9, 0.34, 1, 2.5, 20, 700};
    for (size_t i = 0; i < sizeof es / sizeof *es; i++)
        assert_double_rel(tc_rng_exp(es[i]), exp(es[i]), 2e-15);
    assert_true(isinf(tc_rng_exp(1000)));
    assert_true(isnan(tc_rng_log(-1)));
}

static tc_num dist(tc_dist_kind k, double p1, double p2, double p3, double lo, double hi)
{
    tc_num x = {0};
    x.dist = k;
    x.p1 = p1;
    x.p2 = p2;
    x.p3 = p3;
    x.lo = lo;
    x.hi = hi;
    return x;
}

enum { DRAWS = 20000 };

/* Quantiles of DRAWS draws of x with seed 42. */
static tc_quantiles sample(const tc_num *x, double *p90)
{
    double *v = malloc(DRAWS * sizeof *v);
    assert_non_null(v);
    tc_rng g;
    tc_rng_seed(&g, 42);
    for (int i = 0; i < DRAWS; i++) {
        v[i] = tc_dist_draw(x, &g);
        assert_true(x->lo >= x->hi || (v[i] >= x->lo && v[i] <= x->hi));
    }
    tc_quantiles q;
    assert_int_equal(tc_quantiles_summary(v, DRAWS, &q), DRAWS);
    if (p90)
        *p90 = tc_quantile(v, DRAWS, 0.9);
    free(v);
    return q;
}

static void test_uniform_quantiles(void **state)
{
    (void)state;
    tc_num x = dist(TC_DIST_UNIFORM, 2, 6, 0, 0, 100);
    tc_quantiles q = sample(&x, NULL);
    assert_double_rel(q.p5, 2.2, 0.01);
    assert_double_rel(q.p50, 4.0, 0.01);
    assert_double_rel(q.p95, 5.8, 0.01);
    assert_double_rel(q.mean, 4.0, 0.01);
}

static void test_triangular_quantiles(void **state)
{
    (void)state;
    /* low 0.06, mode 0.08, high 0.12: F(mode) = 1/3;
     * P5 = 0.06 + sqrt(0.05 * 0.06 * 0.02), P50 = 0.12 - sqrt(0.5 * 0.06 * 0.04),
     * P95 = 0.12 - sqrt(0.05 * 0.06 * 0.04), mean = (0.06 + 0.08 + 0.12) / 3 */
    tc_num x = dist(TC_DIST_TRIANGULAR, 0.06, 0.08, 0.12, 0, 1);
    tc_quantiles q = sample(&x, NULL);
    assert_double_rel(q.p5, 0.0677460, 0.01);
    assert_double_rel(q.p50, 0.0853590, 0.01);
    assert_double_rel(q.p95, 0.1090455, 0.01);
    assert_double_rel(q.mean, 0.0866667, 0.01);
}

static void test_normal_quantiles(void **state)
{
    (void)state;
    /* mean 100, sd 10, range wide enough not to truncate: P5/P95 = 100 -+ 16.449 */
    tc_num x = dist(TC_DIST_NORMAL, 100, 10, 0, 0, 1e9);
    tc_quantiles q = sample(&x, NULL);
    assert_double_rel(q.p5, 83.551, 0.01);
    assert_double_rel(q.p50, 100, 0.01);
    assert_double_rel(q.p95, 116.449, 0.01);
}

static void test_normal_truncated_to_range(void **state)
{
    (void)state;
    /* utilization-like: mean 0.9, sd 0.2 in [0, 1]; every draw inside, and
     * the truncated mean is 0.9 - 0.2 * phi(0.5) / (Phi(0.5) - Phi(-4.5))
     * = 0.9 - 0.2 * 0.3520653 / 0.6914584 = 0.798166 */
    tc_num x = dist(TC_DIST_NORMAL, 0.9, 0.2, 0, 0, 1);
    tc_quantiles q = sample(&x, NULL);
    assert_double_rel(q.mean, 0.798166, 0.01);
}

static void test_lognormal_quantiles(void **state)
{
    (void)state;
    /* median 2, p90 3: sigma = ln 1.5 / 1.28155; P5 = 2 exp(-1.644854 sigma) */
    tc_num x = dist(TC_DIST_LOGNORMAL, 2, 3, 0, 0, 1e9);
    double p90;
    tc_quantiles q = sample(&x, &p90);
    double sigma = log(1.5) / 1.2815515655446004;
    assert_double_rel(q.p50, 2.0, 0.01);
    assert_double_rel(p90, 3.0, 0.01);
    assert_double_rel(q.p5, 2 * exp(-1.6448536269514722 * sigma), 0.01);
    assert_double_rel(q.mean, 2 * exp(sigma * sigma / 2), 0.01);
}

static void test_plain_number_is_its_value(void **state)
{
    (void)state;
    tc_num x = {.value = 0.7};
    tc_rng g;
    tc_rng_seed(&g, 1);
    tc_rng before = g;
    assert_true(tc_dist_draw(&x, &g) == 0.7);
    assert_memory_equal(&g, &before, sizeof g);   /* consumes no draw */
}

static void test_quantile_type7_by_hand(void **state)
{
    (void)state;
    /* h = (n - 1) p: p5 -> 0.15 -> 1 + 0.15, p50 -> 1.5 -> 2.5, p95 -> 2.85 -> 3.85 */
    double v[] = {4, NAN, 2, 1, 3, INFINITY};
    tc_quantiles q;
    assert_int_equal(tc_quantiles_summary(v, 6, &q), 4);
    assert_double_rel(q.p5, 1.15, 1e-12);
    assert_double_rel(q.p50, 2.5, 1e-12);
    assert_double_rel(q.p95, 3.85, 1e-12);
    assert_double_rel(q.mean, 2.5, 1e-12);
    double one = 7;
    assert_int_equal(tc_quantiles_summary(&one, 1, &q), 1);
    assert_double_rel(q.p5, 7, 0);
    assert_double_rel(q.p95, 7, 0);
    double none[] = {NAN, NAN};
    assert_int_equal(tc_quantiles_summary(none, 2, &q), 0);
    assert_true(isnan(q.p50) && isnan(q.mean));
}

static int ascending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Selection against a full sort, on many ties and on distinct values. */
static void test_quantile_matches_sort(void **state)
{
    (void)state;
    enum { N = 1001 };
    static double v[N], sorted[N], work[N];
    tc_rng g;
    tc_rng_seed(&g, 5);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < N; i++)
            v[i] = round ? tc_rng_uniform(&g) : (double)(tc_rng_next(&g) % 7);
        memcpy(sorted, v, sizeof v);
        qsort(sorted, N, sizeof *sorted, ascending);
        static const double ps[] = {0, 0.05, 0.1234, 0.5, 0.95, 0.999, 1};
        for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
            double h = (N - 1) * ps[k];
            size_t i = (size_t)floor(h);
            double want = i + 1 < N ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
            memcpy(work, v, sizeof v);
            assert_true(tc_quantile(work, N, ps[k]) == want);
        }
    }
}

/* Type 7 from a full sort of the finite values (the reference). */
static double sorted_q(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);
    return i + 1 < n && h != (double)i ? sorted[i] + (h - (double)i) * (sorted[i + 1] - sorted[i])
                                       : sorted[i];
}

/* tc_quantiles_summary's buckets against a full sort, bit for bit: ties,
 * an atom holding most values (one bucket holds the ranks), a spread whose
 * width overflows (every value in one bucket), all values equal, sizes 2
 * and 3 (the ranks at the ends), with non-finite values mixed in. */
static void test_summary_matches_sort(void **state)
{
    (void)state;
    enum { N = 5003 };
    static double v[N], fin[N];
    tc_rng g;
    tc_rng_seed(&g, 11);
    static const size_t sizes[] = {N, N, N, N, N, 2, 3};
    for (int round = 0; round < 7; round++) {
        size_t n = sizes[round], m = 0;
        for (size_t i = 0; i < n; i++) {
            double u = tc_rng_uniform(&g);
            double x = round == 0 ? (double)(tc_rng_next(&g) % 7)
                     : round == 1 ? (u < 0.8 ? 0.25 : u)
                     : round == 2 ? (u < 0.5 ? -1.7e308 : 1.7e308) * u
                     : round == 3 ? 3.5
                     : round == 4 ? exp(8 * u) : u - 0.5;
            v[i] = i % 97 == 5 ? (i % 2 ? NAN : -INFINITY) : x;
            if (isfinite(v[i]))
                fin[m++] = v[i];
        }
        qsort(fin, m, sizeof *fin, ascending);
        tc_quantiles q;
        assert_int_equal(tc_quantiles_summary(v, n, &q), m);
        assert_true(q.p5 == sorted_q(fin, m, 0.05));
        assert_true(q.p50 == sorted_q(fin, m, 0.50));
        assert_true(q.p95 == sorted_q(fin, m, 0.95));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xoshiro_reference),
        cmocka_unit_test(test_summary_matches_sort),
        cmocka_unit_test(test_splitmix_reference),
        cmocka_unit_test(test_seed_fills_state_from_splitmix),
        cmocka_unit_test(test_same_seed_same_stream),
        cmocka_unit_test(test_uniform_range_and_resolution),
        cmocka_unit_test(test_log_exp_match_libm),
        cmocka_unit_test(test_uniform_quantiles),
        cmocka_unit_test(test_triangular_quantiles),
        cmocka_unit_test(test_normal_quantiles),
        cmocka_unit_test(test_normal_truncated_to_range),
        cmocka_unit_test(test_lognormal_quantiles),
        cmocka_unit_test(test_plain_number_is_its_value),
        cmocka_unit_test(test_quantile_type7_by_hand),
        cmocka_unit_test(test_quantile_matches_sort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
