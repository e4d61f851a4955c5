/* The Monte Carlo engine against the implementation it replaced: the
 * figures of the benchmark scenario (3,000 draws, seed 42) recorded from the
 * tc_eval-per-draw Monte Carlo at commit 32f6e4d (before the plan, the
 * batches and the lanes) must come out to the bit, on one lane or two, every
 * draw kept or the two bounded passes; and the two passes must agree with
 * the kept draws where the outcomes have atoms (a clamped input, constant
 * platforms) and where a platform covers nothing (NAN throughout). */
#include "tc_test.h"
#include <stdlib.h>
#include <string.h>

#include "tc_analysis.h"
#include "tc_load.h"
#include "tc_plan.h"
#include "mc_fixture.h"
#include "num_walk.h"

/* Per platform: LCOT p5, p50, p95, mean; cost p5, p50, p95, mean; p_cheapest. */
static const double golden[NP][9] = {
    {0x1.f3fa11ecaac8p-3, 0x1.4cc58659782fep-2, 0x1.c995d0825c128p-2, 0x1.5450d0906ed37p-2, 0x1.9bd132cabdedap-2, 0x1.1135ed1cc698p-1, 0x1.766683da7caaap-1, 0x1.1791eb2e0671ep-1, 0x0p+0},
    {0x1.681a9435cc79bp-3, 0x1.d34b6755adda2p-3, 0x1.3ac06f36477d9p-2, 0x1.dce9da52bd046p-3, 0x1.d09c4d45177fep-3, 0x1.2d51fadbf9604p-2, 0x1.967d0265a383cp-2, 0x1.3395827808cc1p-2, 0x0p+0},
    {0x1.98d41733be717p+0, 0x1.021c8e39c1478p+1, 0x1.4f82c0712fc52p+1, 0x1.06a5a1e8b6e3ep+1, 0x1.1481e218a3f1ap+1, 0x1.5e85bed3e4a78p+1, 0x1.c6b5066b823e9p+1, 0x1.63a7edb877216p+1, 0x0p+0},
    {0x1.0da9cb7d22808p-4, 0x1.64e9166994d7p-4, 0x1.f1d698d89783bp-4, 0x1.6f231d8b660d4p-4, 0x1.d1da6fe19b45ep-4, 0x1.333aaee3e84fdp-3, 0x1.a65ff08759902p-3, 0x1.3abfaa4997d9cp-3, 0x0p+0},
    {0x1.497ae0bfba5cbp-4, 0x1.a6d7d06ae2ce2p-4, 0x1.18ae0d4f8406ep-3, 0x1.ae696f5c0746cp-4, 0x1.9f6d210b9fbdfp-4, 0x1.0b0936fad7f24p-3, 0x1.6363b8702467p-3, 0x1.1024a6c7de1b5p-3, 0x0p+0},
    {0x1.953b3678114d4p+0, 0x1.04219dd2121d8p+1, 0x1.515af61f7a584p+1, 0x1.085dd60b9f981p+1, 0x1.1288e41cb1e8bp+1, 0x1.6073d8bca4c0ap+1, 0x1.c767f8941e155p+1, 0x1.660abfec6c03dp+1, 0x0p+0},
    {0x1.fd699fda18436p-5, 0x1.4ab03b1cf6d0ap-4, 0x1.bf81fe839c485p-4, 0x1.527fb20ba1ba7p-4, 0x1.9a9aabd9bfbcfp-4, 0x1.07fa954050385p-3, 0x1.63037a6a8849ep-3, 0x1.0e53dbd2c55b4p-3, 0x0p+0},
    {0x1.cc16920833178p-5, 0x1.2530ee97c753cp-4, 0x1.86f9d18dfdf58p-4, 0x1.2b4c409028b73p-4, 0x1.1b68049f6cd6fp-4, 0x1.6bb70ab9f5dacp-4, 0x1.e70a6435094fcp-4, 0x1.73f3da58f8e73p-4, 0x1.b4e81b4e81b4fp-7},
    {0x1.9483233cfa449p+0, 0x1.03b0e2e52e07cp+1, 0x1.51abf1c305a6p+1, 0x1.079e18c7a411p+1, 0x1.123d7025d5c06p+1, 0x1.5f2bfeef2b114p+1, 0x1.c9b22c93c58efp+1, 0x1.64ee9b4dbe80cp+1, 0x0p+0},
    {0x1.5a9f09e97f34ep-5, 0x1.c6b3b0f9b95e6p-5, 0x1.35c9f4f4220d1p-4, 0x1.d1328865e3e35p-5, 0x1.257ff335835fep-4, 0x1.7a7ebc75751a6p-4, 0x1.ff7717645d90ap-4, 0x1.82e82d84d84dcp-4, 0x1.f92c5f92c5f93p-1},
};

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void row(const tc_monte_carlo *m, size_t i, double *v)
{
    const tc_quantiles *l = &m->lcot[i], *c = &m->cost_per_m[i];
    double x[9] = {l->p5, l->p50, l->p95, l->mean, c->p5, c->p50, c->p95, c->mean,
                   m->p_cheapest[i]};
    memcpy(v, x, sizeof x);
}

static tc_monte_carlo *run(const tc_scenario *s, int lanes, int stream)
{
    tc_monte_carlo *m = NULL;
    char err[128] = "";
    assert_int_equal(tc_monte_carlo_run_lanes(s, lanes, stream, &m, err, sizeof err), TC_OK);
    assert_non_null(m);
    return m;
}

/* Every figure of m equal to want's to the bit (NaN to NaN), then m freed;
 * how names the run in a failure ("lanes 2 stream 1"), against the source
 * of want ("recorded", "simple way"). */
static void expect_rows(tc_monte_carlo *m, const double want[][9], const char *how,
                        const char *against)
{
    for (size_t i = 0; i < NP; i++) {
        double x[9];
        row(m, i, x);
        for (int j = 0; j < 9; j++)
            if (!same(x[j], want[i][j]))
                fail_msg("%s platform %zu figure %d: %a, %s %a", how, i, j, x[j], against,
                         want[i][j]);
    }
    tc_monte_carlo_free(m);
}

static void assert_same_mc(const tc_monte_carlo *a, const tc_monte_carlo *b, size_t np)
{
    assert_int_equal(a->samples, b->samples);
    for (size_t i = 0; i < np; i++) {
        double x[9], y[9];
        row(a, i, x);
        row(b, i, y);
        for (int k = 0; k < 9; k++)
            if (!same(x[k], y[k]))
                fail_msg("platform %zu figure %d: %a against %a", i, k, x[k], y[k]);
    }
}

static void test_golden(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    s.analysis.samples = 3000;
    static const int modes[4][2] = {{1, 0}, {2, 0}, {1, 1}, {2, 1}};
    for (int k = 0; k < 4; k++) {
        char how[48];
        snprintf(how, sizeof how, "lanes %d stream %d", modes[k][0], modes[k][1]);
        expect_rows(run(&s, modes[k][0], modes[k][1]), golden, how, "recorded");
    }
}

/* The plain path (tc_plan_eval four times, as on a processor without
 * AVX2) gives the recorded figures too, on one lane and two. */
static void test_golden_plain(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    s.analysis.samples = 3000;
    assert_int_equal(tc_plan_simd(0), 1);
    for (int lanes = 1; lanes <= 2; lanes++) {
        char how[48];
        snprintf(how, sizeof how, "plain lanes %d", lanes);
        expect_rows(run(&s, lanes, 0), golden, how, "recorded");
    }
    assert_int_equal(tc_plan_simd(1), 0);
}

/* Stream and store on s, one lane and two. */
static void agree(const tc_scenario *s)
{
    tc_monte_carlo *a = run(s, 1, 0), *b = run(s, 2, 1), *c = run(s, 1, 1);
    assert_same_mc(a, b, s->n_platforms);
    assert_same_mc(a, c, s->n_platforms);
    tc_monte_carlo_free(a);
    tc_monte_carlo_free(b);
    tc_monte_carlo_free(c);
}

static void test_committee(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_diags d = {0};
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &d), TC_OK);
    tc_diags_free(&d);
    agree(s);
    tc_scenario_free(s);
}

/* Only platform 0's price is drawn, uniform on [1, 3] clamped to [1, 2]:
 * half its draws cost exactly the same (an atom at the clamp), and the nine
 * other platforms are constants (every value one atom). */
static void test_atoms(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    tc_num *all[] = {&s.discount_rate, &s.utilization, &s.price_per_kwh, &s.growth};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        all[k]->dist = TC_DIST_NONE;
    for (int i = 0; i < NP; i++) {
        tc_pricing *pp = &mc_platforms[i].pricing;
        pp->gpu_hour.dist = pp->capex_per_node.dist = TC_DIST_NONE;
        pp->input_per_m.dist = pp->output_per_m.dist = TC_DIST_NONE;
        for (int w = 0; w < NW; w++)
            for (int j = 0; j < NPTS; j++)
                mc_points[i][w][j].throughput.dist = TC_DIST_NONE;
    }
    mc_platforms[0].pricing.gpu_hour = mc_dist(TC_DIST_UNIFORM, 1, 3, 0, 1, 2);
    s.analysis.samples = 5001;
    agree(&s);
    tc_monte_carlo *m = run(&s, 2, 1);
    tc_results *r = NULL;
    mc_platforms[0].pricing.gpu_hour.value = 2;      /* the atom: p95 falls inside it */
    assert_int_equal(tc_eval(&s, &r), TC_OK);
    assert_true(m->lcot[0].p95 == r->platforms[0].levelized_cost_per_m_tokens);
    assert_true(m->lcot[0].p5 < m->lcot[0].p95);
    tc_results_free(r);
    assert_true(m->lcot[3].p5 == m->lcot[3].p95);     /* a constant platform */
    tc_monte_carlo_free(m);
}

/* A workload whose SLO no platform meets: every GPU platform's LCOT is NAN
 * in every draw (quantiles NAN, never cheapest); the api ones still count. */
static void test_uncovered(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    mc_workloads[1].min_interactivity.value = 1e5;
    s.analysis.samples = 2500;
    agree(&s);
    tc_monte_carlo *m = run(&s, 1, 1);
    assert_true(isnan(m->lcot[0].p50) && isnan(m->lcot[0].mean));
    assert_true(m->p_cheapest[0] == 0);
    assert_true(isfinite(m->lcot[2].p50));
    tc_monte_carlo_free(m);
}

/* The distribution inputs of c in the documented draw order. */
static size_t walk(tc_scenario *c, tc_num **v, size_t cap)
{
    size_t n = walk_nums(c, v, cap, 1);
    assert_true(n <= cap);
    return n;
}

/* The Monte Carlo the simple way: per draw, tc_dist_draw on every input in
 * walk order, then the plan; the figures from every draw kept. */
static void reference(const tc_scenario *s, double *x /* [NP][9] */)
{
    enum { MAXD = 4000 };
    static double lcot[NP][MAXD], cost[NP][MAXD];
    static tc_num *v[1024];
    long n = s->analysis.samples, won[NP] = {0};
    assert_true(n <= MAXD);
    tc_scenario *c = tc_analysis_copy(s, NULL, 0);
    size_t ni = walk(c, v, sizeof v / sizeof *v);
    tc_plan *p = NULL;
    assert_int_equal(tc_plan_new(c, (const tc_num *const *)v, ni, &p), TC_OK);
    tc_rng g;
    tc_rng_seed(&g, s->analysis.seed);
    for (long d = 0; d < n; d++) {
        double l[NP], k[NP];
        for (size_t i = 0; i < ni; i++)
            v[i]->value = tc_dist_draw(v[i], &g);
        tc_plan_eval(p, l, k);
        size_t best = NP;
        for (size_t i = 0; i < NP; i++) {
            lcot[i][d] = l[i];
            cost[i][d] = k[i];
            if (isfinite(l[i]) && (best == NP || l[i] < l[best]))
                best = i;
        }
        if (best < NP)
            won[best]++;
    }
    for (size_t i = 0; i < NP; i++) {
        tc_quantiles a, b;
        tc_quantiles_summary(lcot[i], (size_t)n, &a);
        tc_quantiles_summary(cost[i], (size_t)n, &b);
        double row_i[9] = {a.p5, a.p50, a.p95, a.mean, b.p5, b.p50, b.p95, b.mean,
                           (double)won[i] / (double)n};
        memcpy(x + i * 9, row_i, sizeof row_i);
    }
    tc_plan_free(p);
    tc_analysis_copy_free(c);
}

/* Distributions at their edges, against the simple way, on 1 and 2 lanes,
 * kept and streamed: a truncated normal that often needs its 64 tries and
 * then the clamp, normals without range and cut by a range, a triangular
 * of zero width and one clamped, a uniform without range, lognormals
 * clamped, a throughput whose draws cross the others (its best point
 * moves). The engine must consume the very stream tc_dist_draw does. */
static void test_edges(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    s.analysis.samples = 3001;
    s.utilization = mc_dist(TC_DIST_NORMAL, 0.7, 0.5, 0, 0.69, 0.71);
    mc_platforms[1].pricing.capex_per_node = mc_dist(TC_DIST_NORMAL, 3e5, 1e5, 0, 0, 0);
    mc_platforms[4].pricing.capex_per_node = mc_dist(TC_DIST_NORMAL, 3e5, 1e5, 0, 2.5e5, 3.2e5);
    mc_platforms[0].pricing.gpu_hour = mc_dist(TC_DIST_TRIANGULAR, 2, 2, 2, 0, 1e6);
    mc_platforms[3].pricing.gpu_hour = mc_dist(TC_DIST_TRIANGULAR, 1, 1.5, 3, 1.2, 2.0);
    mc_platforms[2].pricing.input_per_m = mc_dist(TC_DIST_UNIFORM, 0.4, 0.6, 0, 1, 0);
    mc_platforms[5].pricing.output_per_m = mc_dist(TC_DIST_LOGNORMAL, 2.0, 4.0, 0, 1.5, 3);
    s.price_per_kwh = mc_dist(TC_DIST_LOGNORMAL, 0.08, 0.2, 0, 0.05, 0.1);
    mc_points[3][2][1].throughput = mc_dist(TC_DIST_UNIFORM, 100, 3000, 0, 900, 1500);
    static double want[NP][9];
    reference(&s, &want[0][0]);
    static const int modes[4][2] = {{1, 0}, {2, 0}, {1, 1}, {2, 1}};
    for (int k = 0; k < 4; k++) {
        char how[48];
        snprintf(how, sizeof how, "lanes %d stream %d", modes[k][0], modes[k][1]);
        expect_rows(run(&s, modes[k][0], modes[k][1]), want, how, "simple way");
    }
}

/* A lognormal so wide (sigma about 540) that a draw's exponent often
 * leaves the series' range both ways (e^x overflows, or is 0), clamped,
 * and an SLO that some draws put above every point: the vector paths hand
 * those groups to the scalar ones. Against the simple way, vector and
 * plain paths, 1 and 2 lanes. */
static void test_edges_wide(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    s.analysis.samples = 2000;
    mc_platforms[2].pricing.output_per_m = mc_dist(TC_DIST_LOGNORMAL, 1.0, 1e300, 0, 0.5, 1e6);
    /* an SLO drawn above the fastest point (150) in a quarter of the draws:
     * those groups of four leave the vector path, whose packed throughputs
     * must then reach the copies */
    mc_workloads[1].min_interactivity = mc_dist(TC_DIST_UNIFORM, 30, 190, 0, 0, 1e6);
    static double want[NP][9];
    reference(&s, &want[0][0]);
    for (int k = 0; k < 4; k++) {
        int lanes = 1 + k % 2, simd = k < 2;
        assert_int_equal(tc_plan_simd(simd), 1);
        tc_monte_carlo *m = run(&s, lanes, 0);
        assert_int_equal(tc_plan_simd(1), simd);
        char how[48];
        snprintf(how, sizeof how, "lanes %d simd %d", lanes, simd);
        expect_rows(m, want, how, "simple way");
    }
}

static void test_refused(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    tc_monte_carlo *m = (tc_monte_carlo *)&s;
    char err[128] = "";
    s.horizon_years = 0;
    assert_int_equal(tc_monte_carlo_run_lanes(&s, 2, 1, &m, err, sizeof err), TC_ERR_INVALID);
    assert_null(m);
    assert_string_equal(err, "monte carlo: invalid input");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_golden_plain),
        cmocka_unit_test(test_edges_wide),
        cmocka_unit_test(test_committee),
        cmocka_unit_test(test_atoms),
        cmocka_unit_test(test_uncovered),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
