/* The lean path (tc_plan) against tc_eval, the reference implementation:
 * on the examples, a data file and the Monte Carlo benchmark's scenario,
 * thousands of evaluations with drawn (and, for a plan built with vary
 * NULL, arbitrarily moved) inputs give the same LCOT and year-1 cost per
 * million tokens to the bit. A plan that cached a bracket or a yearly
 * factor it should not have, or reordered one sum, fails here. */
#include "tc_test.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tc_analysis.h"
#include "tc_load.h"
#include "tc_plan.h"
#include "mc_fixture.h"
#include "num_walk.h"

typedef struct {
    tc_num *v[4096];
    size_t n;
} nums;

/* Every numeric input of c (dist_only: the distributions), in walk order. */
static void walk(nums *l, tc_scenario *c, int dist_only)
{
    l->n = walk_nums(c, l->v, sizeof l->v / sizeof *l->v, dist_only);
    assert_true(l->n <= sizeof l->v / sizeof *l->v);
}

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* The plan's figures against tc_eval's at c's current values. */
static void compare(tc_plan *p, const tc_scenario *c, long draw)
{
    double lcot[64], cost[64];
    tc_results *r = NULL;
    assert_int_equal(tc_eval(c, &r), TC_OK);
    tc_plan_eval(p, lcot, cost);
    for (size_t i = 0; i < c->n_platforms; i++) {
        const tc_platform_result *pr = &r->platforms[i];
        if (!same(lcot[i], pr->levelized_cost_per_m_tokens) || !same(cost[i], pr->cost_per_m_tokens))
            fail_msg("draw %ld platform %s: plan lcot %a cost %a, tc_eval %a %a", draw,
                     c->platforms[i].id, lcot[i], cost[i], pr->levelized_cost_per_m_tokens,
                     pr->cost_per_m_tokens);
        /* one bid alone (robustness' probe of a bid's lever): the same double */
        double one = tc_plan_eval_one(p, i);
        if (!same(one, lcot[i]))
            fail_msg("draw %ld platform %s: tc_plan_eval_one %a, tc_plan_eval %a", draw,
                     c->platforms[i].id, one, lcot[i]);
    }
    tc_results_free(r);
}

/* Draws of every distribution; with move, every other input is also set
 * to 0.5 to 1.5 times its filed value (inside its range), so brackets,
 * best points and yearly factors move too. */
static void run(const tc_scenario *s, int move, long draws)
{
    tc_scenario *c = tc_analysis_copy(s, NULL, 0);
    assert_non_null(c);
    static nums vary, all, filed;
    vary.n = all.n = 0;
    walk(&vary, c, 1);
    walk(&all, c, 0);
    assert_true(move || vary.n > 0);
    tc_plan *p = NULL;
    assert_int_equal(tc_plan_new(c, move ? NULL : (const tc_num *const *)vary.v, vary.n, &p),
                     TC_OK);
    tc_scenario *orig = tc_analysis_copy(s, NULL, 0);
    filed.n = 0;
    walk(&filed, orig, 0);
    tc_rng g;
    tc_rng_seed(&g, 7);
    compare(p, c, 0);
    for (long d = 1; d <= draws; d++) {
        for (size_t k = 0; move && k < all.n; k++) {
            double v = filed.v[k]->value * (0.5 + tc_rng_uniform(&g));
            tc_num *x = all.v[k];
            x->value = x->lo < x->hi ? (v < x->lo ? x->lo : v > x->hi ? x->hi : v) : v;
        }
        for (size_t k = 0; k < vary.n; k++)
            vary.v[k]->value = tc_dist_draw(vary.v[k], &g);
        compare(p, c, d);
    }
    tc_plan_free(p);
    tc_analysis_copy_free(c);
    tc_analysis_copy_free(orig);
}

/* Lane j's figures of tc_plan_eval4 against tc_plan_eval on its copy, to
 * the bit (NANs included); a NULL output is left alone. */
static void compare4(tc_plan *p[4], tc_scenario *c[4], long group, int mode)
{
    static double lcot[4][64], cost[4][64];
    double ref_l[64], ref_c[64], *lp[4], *cp[4];
    size_t np = c[0]->n_platforms;
    for (int j = 0; j < 4; j++) {
        for (size_t i = 0; i < np; i++)
            lcot[j][i] = cost[j][i] = -1;
        lp[j] = mode == 1 ? NULL : lcot[j];
        cp[j] = mode == 2 ? NULL : cost[j];
    }
    tc_plan_eval4(p, lp, cp);
    for (int j = 0; j < 4; j++) {
        tc_plan_eval(p[j], ref_l, ref_c);
        for (size_t i = 0; i < np; i++) {
            double want_l = mode == 1 ? -1 : ref_l[i], want_c = mode == 2 ? -1 : ref_c[i];
            if (memcmp(&lcot[j][i], &want_l, sizeof want_l) || memcmp(&cost[j][i], &want_c, sizeof want_c))
                fail_msg("group %ld lane %d platform %s: eval4 lcot %a cost %a, tc_plan_eval %a %a",
                         group, j, c[j]->platforms[i].id, lcot[j][i], cost[j][i], want_l, want_c);
        }
    }
}

/* run's draws (and moves) in four copies of s, each with its plan, the
 * copies' values all different: tc_plan_eval4 (simd: the vector path where
 * the machine has one; 0: the plain path) against tc_plan_eval. */
static void run4(const tc_scenario *s, int move, long groups, int simd)
{
    static nums vary[4], all[4], filed;
    tc_scenario *c[4], *orig = tc_analysis_copy(s, NULL, 0);
    tc_plan *p[4];
    assert_non_null(orig);
    filed.n = 0;
    walk(&filed, orig, 0);
    for (int j = 0; j < 4; j++) {
        assert_non_null(c[j] = tc_analysis_copy(s, NULL, 0));
        vary[j].n = all[j].n = 0;
        walk(&vary[j], c[j], 1);
        walk(&all[j], c[j], 0);
        assert_int_equal(tc_plan_new(c[j], move ? NULL : (const tc_num *const *)vary[j].v,
                                     vary[j].n, &p[j]), TC_OK);
    }
    int was = tc_plan_simd(simd);
    tc_rng g;
    tc_rng_seed(&g, 11);
    for (long d = 0; d < groups; d++) {
        for (int j = 0; j < 4; j++) {
            for (size_t k = 0; move && k < all[j].n; k++) {
                double v = filed.v[k]->value * (0.5 + tc_rng_uniform(&g));
                tc_num *x = all[j].v[k];
                x->value = x->lo < x->hi ? (v < x->lo ? x->lo : v > x->hi ? x->hi : v) : v;
            }
            for (size_t k = 0; d > 0 && k < vary[j].n; k++)
                vary[j].v[k]->value = tc_dist_draw(vary[j].v[k], &g);
        }
        compare4(p, c, d, (int)(d % 5 == 3) + 2 * (d % 5 == 4));
    }
    assert_int_equal(tc_plan_simd(was), simd);
    for (int j = 0; j < 4; j++) {
        tc_plan_free(p[j]);
        tc_analysis_copy_free(c[j]);
    }
    tc_analysis_copy_free(orig);
}

static void on_file4(const char *path, int move, long groups)
{
    tc_scenario *s = NULL;
    tc_diags d = {0};
    assert_int_equal(tc_load_scenario(path, NULL, &s, &d), TC_OK);
    tc_diags_free(&d);
    run4(s, move, groups, 1);
    tc_scenario_free(s);
}

/* Four draws side by side: the examples, a data file, the benchmark's
 * scenario, the same with six GPUs a node (a quotient, not a product by
 * 1/8) and figures on the total-token basis, and the plain path. */
static void test_four(void **state)
{
    (void)state;
    on_file4("scenarios/committee.yaml", 0, 500);
    on_file4("scenarios/committee.yaml", 1, 500);
    on_file4("scenarios/seed.yaml", 1, 500);
    on_file4("tests/data/full.yaml", 0, 500);
    on_file4("tests/data/full.yaml", 1, 500);
    static tc_scenario s;
    mc_build(&s);
    run4(&s, 0, 500, 1);
    run4(&s, 1, 500, 1);
    run4(&s, 0, 200, 0);
    for (int i = 0; i < NP; i++)
        mc_platforms[i].gpus_per_node = 6;
    s.token_basis = TC_BASIS_TOTAL;
    run4(&s, 0, 300, 1);
    run4(&s, 1, 300, 1);
    s.token_basis = TC_BASIS_OUTPUT;    /* curves on total tokens, figures on output */
    for (int i = 0; i < NP; i++)
        for (int k = 0; k < NW; k++)
            mc_perf[i][k].basis = TC_BASIS_TOTAL;
    run4(&s, 0, 300, 1);
}

/* A workload above every point: with its bracket fixed (the Monte Carlo's
 * plan) no draw is covered; with it moving (vary NULL) the four go through
 * tc_plan_eval, whichever lanes land above. */
static void test_four_uncovered(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    mc_workloads[1].min_interactivity.value = 1e5;
    run4(&s, 0, 50, 1);
    mc_workloads[1].min_interactivity.value = 140;  /* moved 0.5 to 1.5 times: some above 150 */
    run4(&s, 1, 200, 1);
}

static void on_file(const char *path, int move, long draws)
{
    tc_scenario *s = NULL;
    tc_diags d = {0};
    assert_int_equal(tc_load_scenario(path, NULL, &s, &d), TC_OK);
    tc_diags_free(&d);
    run(s, move, draws);
    tc_scenario_free(s);
}

static void test_committee(void **state)
{
    (void)state;
    on_file("scenarios/committee.yaml", 0, 3000);
    on_file("scenarios/committee.yaml", 1, 3000);
}

static void test_seed(void **state)
{
    (void)state;
    on_file("scenarios/seed.yaml", 1, 3000);     /* no distribution: moves only */
}

static void test_full(void **state)
{
    (void)state;
    on_file("tests/data/full.yaml", 0, 2000);
    on_file("tests/data/full.yaml", 1, 2000);
}

static void test_bench_scenario(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    run(&s, 0, 2000);
    run(&s, 1, 2000);
}

/* An input tc_plan_uses calls unread moves neither figure of tc_eval (the
 * Monte Carlo skips its transform on that word), and some are unread. */
static void unused_inputs(const tc_scenario *s)
{
    tc_scenario *c = tc_analysis_copy(s, NULL, 0);
    static nums all;
    all.n = 0;
    walk(&all, c, 0);
    tc_plan *p = NULL;
    assert_int_equal(tc_plan_new(c, NULL, 0, &p), TC_OK);
    tc_results *ref = NULL;
    assert_int_equal(tc_eval(c, &ref), TC_OK);
    size_t unused = 0;
    for (size_t k = 0; k < all.n; k++) {
        if (tc_plan_uses(p, all.v[k]))
            continue;
        unused++;
        double keep = all.v[k]->value;
        all.v[k]->value = keep * 1.5 + 1;
        tc_results *r = NULL;
        assert_int_equal(tc_eval(c, &r), TC_OK);
        for (size_t i = 0; i < c->n_platforms; i++) {
            assert_true(same(r->platforms[i].levelized_cost_per_m_tokens,
                             ref->platforms[i].levelized_cost_per_m_tokens));
            assert_true(same(r->platforms[i].cost_per_m_tokens, ref->platforms[i].cost_per_m_tokens));
        }
        tc_results_free(r);
        all.v[k]->value = keep;
    }
    assert_true(unused > 0);
    assert_true(tc_plan_uses(p, &c->utilization));
    assert_false(tc_plan_uses(p, NULL));
    tc_results_free(ref);
    tc_plan_free(p);
    tc_analysis_copy_free(c);
}

static void test_unused_inputs(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    unused_inputs(&s);
    tc_scenario *f = NULL;
    tc_diags d = {0};
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &f, &d), TC_OK);
    tc_diags_free(&d);
    unused_inputs(f);
    tc_scenario_free(f);
}

/* A bracket fixed at build (interactivities not varying) must still follow
 * varying throughputs; an SLO above every point is not covered. */
static void test_uncovered(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    mc_workloads[1].min_interactivity.value = 1e5;  /* above 150, the fastest point */
    double lcot[NP], cost[NP];
    tc_plan *p = NULL;
    assert_int_equal(tc_plan_new(&s, NULL, 0, &p), TC_OK);
    tc_plan_eval(p, lcot, NULL);
    tc_plan_eval(p, NULL, cost);
    assert_true(isnan(lcot[0]) && isnan(cost[0]));     /* cloud: not covered */
    assert_true(isfinite(lcot[2]) && isfinite(cost[2])); /* api: no curve needed */
    tc_plan_free(p);
}

static void test_refused(void **state)
{
    (void)state;
    static tc_scenario s;
    mc_build(&s);
    tc_plan *p = (tc_plan *)&s;
    s.horizon_years = 0;
    assert_int_equal(tc_plan_new(&s, NULL, 0, &p), TC_ERR_INVALID);
    assert_null(p);
    assert_int_equal(tc_plan_new(NULL, NULL, 0, &p), TC_ERR_INVALID);
    tc_plan_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committee),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_bench_scenario),
        cmocka_unit_test(test_unused_inputs),
        cmocka_unit_test(test_uncovered),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_four),
        cmocka_unit_test(test_four_uncovered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
