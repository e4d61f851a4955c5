/* Issue 19, finding 7: in-range inputs never overflow. The inputs' table
 * gives every kind a finite range; scenarios at the corners of those ranges
 * evaluate and analyse to finite figures everywhere; the post-evaluation
 * check (tc_check_finite) names the input behind a figure that is not
 * finite, located where it was written. On the old code growth 1e300
 * evaluated (LCOT "n/a") and a cost of 0 gave an infinite PFLOPS per
 * dollar, both with exit 0. */
#include "tc_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tc_analysis.h"
#include "tc_load.h"

static tc_scenario *load_with(const char *path, const char *const *sets, size_t n)
{
    tc_load_opts o = {sets, n};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario(path, &o, &s, &d);
    if (st != TC_OK)
        tc_diags_print(&d, stderr);
    assert_int_equal(st, TC_OK);
    tc_diags_free(&d);
    return s;
}

/* Every range is finite, holds its typical value, and no bound but 0 is
 * below the underflow floor. */
static void table_ranges(void **state)
{
    (void)state;
    for (int k = 0; k < TC_IN_KIND_COUNT; k++) {
        const tc_input_info *i = tc_input_info_of((tc_input_kind)k);
        assert_true(isfinite(i->lo) && isfinite(i->hi) && i->lo < i->hi);
        if (!tc_input_in_range((tc_input_kind)k, i->typical))
            fail_msg("%s: typical %g outside its range", i->name, i->typical);
        assert_true(i->lo == 0 || fabs(i->lo) >= TC_INPUT_TINY);
        assert_non_null(i->noun);
    }
    assert_false(tc_input_in_range(TC_IN_UTILIZATION, 4.9e-324));
    assert_false(tc_input_in_range(TC_IN_GROWTH, 1e300));
    assert_true(tc_input_in_range(TC_IN_GROWTH, 10));
}

static void all_finite(const double *v, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            fail_msg("%s[%zu] = %g", what, i, v[i]);
}

/* The analyses' figures: none is infinite; a break-even is a number or
 * "no crossing". */
static void analysis_finite(const tc_results *r)
{
    size_t np = r->scenario->n_platforms;
    assert_non_null(r->sensitivity);
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < r->sensitivity->n_rows[p]; k++) {
            const tc_tornado_row *row = &r->sensitivity->rows[p][k];
            all_finite((double[]){row->low, row->high}, 2, row->input);
        }
    assert_non_null(r->monte_carlo);
    for (size_t p = 0; p < np; p++) {
        const tc_quantiles *q = &r->monte_carlo->lcot[p], *c = &r->monte_carlo->cost_per_m[p];
        all_finite((double[]){q->p5, q->p50, q->p95, q->mean, c->p5, c->p50, c->p95, c->mean},
                   8, "monte carlo");
    }
    for (size_t k = 0; k < r->n_break_even; k++)
        assert_true(isfinite(r->break_even[k].value) || r->break_even[k].reason);
    for (size_t k = 0; r->scoring && k < r->scoring->n_scores; k++)
        all_finite(&r->scoring->scores[k].score, 1, "score");
    for (size_t k = 0; r->robustness && k < r->robustness->n_flips; k++)
        all_finite((double[]){r->robustness->flips[k].value, r->robustness->flips[k].point}, 2,
                   r->robustness->flips[k].key);
}

static tc_results *evaluate_clean(const tc_scenario *s)
{
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    char what[200] = "";
    if (tc_results_nonfinite(r, what, sizeof what))
        fail_msg("not finite: %s", what);
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_check_finite(s, r, &d), TC_OK);
    assert_int_equal(d.count, 0);
    tc_diags_free(&d);
    return r;
}

/* Every input at the corner that makes figures largest. */
static void corner_high(void **state)
{
    (void)state;
    tc_scenario *s = load_with("tests/data/extreme_high.yaml", NULL, 0);
    tc_results *r = evaluate_clean(s);
    const tc_platform_result *rent = &r->platforms[0], *buy = &r->platforms[2];
    /* cost per GPU-hour: 1e9 + energy 1000 kW * PUE 5 * load 1 * 1e9 +
     * facility 1000 kW * 1e9 * 12 / 8760 */
    assert_double_rel(rent->cost_per_gpu_hour, 1e9 + 5e12 + 1.2e13 / 8760, 1e-12);
    /* mix throughput: long is 0.001 tok/s on the total basis, 0.001 * 1 /
     * (1e7 + 1) on the output basis; gen 0.001 at the SLO of 1e6 (the last
     * point, interpolated: 1e9 + (0.001 - 1e9) * 1 rounds to 1e-7 of it);
     * T = 1 / (0.5 / T_long + 0.5 / T_gen) */
    assert_double_rel(rent->tokens_per_s_per_gpu, 1 / (0.5 * (1e7 + 1) / 0.001 + 0.5 / 0.001),
                      1e-9);
    /* api cost per M output tokens: long (1e7 * 1e9 + 1 * 1e9) / 1, gen
     * (0 + 1e7 * 1e9) / 1e7; the mix 0.5 * each */
    assert_double_rel(buy->cost_per_m_tokens, 0.5 * (1e16 + 1e9) + 0.5 * 1e9, 1e-12);
    /* year 15 demand: 1e18 * 11^14 tokens a day */
    assert_double_rel(buy->years[14].demand_tokens_per_day, 1e18 * pow(11, 14), 1e-12);
    for (size_t p = 0; p < s->n_platforms; p++)
        assert_true(r->platforms[p].levelized_cost_per_m_tokens > 1e29);
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_analyze(s, r, &d), TC_OK);
    tc_diags_free(&d);
    analysis_finite(r);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* Every input at the corner that makes figures smallest: positive costs
 * stay positive and ratios finite. */
static void corner_low(void **state)
{
    (void)state;
    tc_scenario *s = load_with("tests/data/extreme_low.yaml", NULL, 0);
    tc_results *r = evaluate_clean(s);
    const tc_platform_result *rent = &r->platforms[0], *own = &r->platforms[1];
    /* the smallest positive cost per GPU-hour and the largest PFLOPS per $ */
    assert_double_rel(rent->cost_per_gpu_hour, 1e-9, 1e-12);
    assert_double_rel(rent->pflops_per_dollar_hour, 1e6 / 1e-9, 1e-12);
    assert_true(own->cost_per_gpu_hour > 0 && isfinite(own->pflops_per_dollar_hour));
    assert_true(r->decision.has_runner_up && isfinite(r->decision.lcot_ratio));
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_analyze(s, r, &d), TC_OK);
    tc_diags_free(&d);
    analysis_finite(r);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* Random corners: each trial sets every input that is not structural to
 * its range's low end, high end or typical value (a zero low end of money
 * as 1e-9, the smallest nonzero value the loader takes: a cost of exactly 0
 * is the one division the check refuses), from a fixed LCG; every figure
 * must be finite. 400 trials over the committee's five bids and three
 * pricing forms. */
static void random_corners(void **state)
{
    (void)state;
    tc_scenario *s = load_with("scenarios/committee.yaml", NULL, 0);
    tc_inputs *t = tc_inputs_new(s);
    assert_non_null(t);
    unsigned long long x = 88172645463325252ULL;
    for (int trial = 0; trial < 400; trial++) {
        for (size_t i = 0; i < t->n; i++) {
            const tc_input_info *inf = tc_input_info_of(t->items[i].kind);
            if (inf->structural || t->items[i].kind == TC_IN_POINT_INTERACTIVITY)
                continue;
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            int pick = (int)((x >> 33) % 3);
            double lo = inf->lo == 0 && !inf->integer ? TC_INPUT_TINY : inf->lo;
            double hi = inf->hi_open ? inf->hi - 1e-9 : inf->hi;
            tc_input_set(&t->items[i], pick == 0 ? lo : pick == 1 ? hi : inf->typical);
        }
        tc_results *r = NULL;
        assert_int_equal(tc_eval(s, &r), TC_OK);
        char what[200] = "";
        if (tc_results_nonfinite(r, what, sizeof what))
            fail_msg("trial %d: %s is not finite", trial, what);
        tc_results_free(r);
    }
    tc_inputs_free(t);
    tc_scenario_free(s);
}

/* The diagnostics of tc_check_finite over s as one string. */
static char *check_text(const tc_scenario *s, tc_status want)
{
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_check_finite(s, r, &d), want);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    tc_diags_print(&d, f);
    fclose(f);
    tc_diags_free(&d);
    tc_results_free(r);
    return out;
}

/* A model the loader would refuse, built by hand: the check names the
 * input at its place in the file, or says it was defaulted. */
static void culprit_overflow(void **state)
{
    (void)state;
    tc_scenario *s = load_with("scenarios/committee.yaml", NULL, 0);
    s->growth.value = 1e300;     /* line 48, column 11 of the file */
    char *got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "scenarios/committee.yaml:48:11: demand.growth: 1e+300 makes the "
                             "cash flow of h200 in year 2 infinite or undefined (expected a value "
                             "that keeps every figure finite)\n");
    free(got);
    s->growth.value = 0.5;
    s->platforms[0].software_uplift.value = -1;    /* T_y = 0 from year 2 */
    got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "scenarios/committee.yaml:85:22: platforms[h200].software_uplift: -1 "
                             "makes the cash flow of h200 in year 2 infinite or undefined "
                             "(expected a value that keeps every figure finite)\n");
    free(got);
    tc_scenario_free(s);
    /* two culprits: the later in table order is named first, with the
     * figure it alone still spoils; growth was defaulted, no place to show */
    s = load_with("scenarios/seed.yaml", NULL, 0);
    s->utilization.value = 4.9e-324;
    s->growth.value = 1e300;
    got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "tokcost: scenarios/seed.yaml: demand.growth: 1e+300 makes the cash "
                             "flow of h200 in year 2 infinite or undefined (expected a value that "
                             "keeps every figure finite)\n");
    free(got);
    s->growth.value = 0;
    got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "scenarios/seed.yaml:17:16: assumptions.utilization: 4.940656458e-324 makes "
                             "the cost per million tokens of h200 infinite or undefined (expected "
                             "a value that keeps every figure finite)\n");
    free(got);
    tc_scenario_free(s);
}

/* A cost of exactly 0 is in range; the division by it is refused, at the
 * --set that wrote it. */
static void culprit_zero_cost(void **state)
{
    (void)state;
    const char *sets[] = {"platforms[h200].pricing.cloud.gpu_hour=0"};
    tc_scenario *s = load_with("scenarios/seed.yaml", sets, 1);
    char *got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "--set:1:40: platforms[h200].pricing.cloud.gpu_hour: 0 makes the "
                             "PFLOPS per dollar-hour of h200 infinite or undefined (expected a "
                             "value that keeps every figure finite)\n");
    free(got);
    /* every ratio to that cost is refused the same way: a claim's
     * deviation from 0, then the runner-up's LCOT over the winner's 0 */
    s->platforms[0].peak_pflops.given = 0;
    got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "--set:1:40: platforms[h200].pricing.cloud.gpu_hour: 0 makes the "
                             "claim deviation of h200 infinite or undefined (expected a value "
                             "that keeps every figure finite)\n");
    free(got);
    s->platforms[0].n_claims = 0;
    got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "--set:1:40: platforms[h200].pricing.cloud.gpu_hour: 0 makes the "
                             "LCOT ratio to the winner of gb300 infinite or undefined (expected "
                             "a value that keeps every figure finite)\n");
    free(got);
    /* a price of 1e-9, the smallest the loader takes, divides well */
    s->platforms[0].pricing.gpu_hour.value = 1e-9;
    got = check_text(s, TC_OK);
    assert_string_equal(got, "");
    free(got);
    tc_scenario_free(s);
}

/* A figure no input's reset makes finite (a share is no candidate): said
 * of the scenario, not blamed on an input. */
static void culprit_none(void **state)
{
    (void)state;
    tc_scenario *s = load_with("scenarios/seed.yaml", NULL, 0);
    s->workloads[0].share.value = INFINITY;
    char *got = check_text(s, TC_ERR_INVALID);
    assert_string_equal(got, "tokcost: scenarios/seed.yaml: the cost per million tokens of h200 "
                             "is infinite or undefined (no single input accounts for it)\n");
    free(got);
    tc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_ranges),
        cmocka_unit_test(corner_high),
        cmocka_unit_test(corner_low),
        cmocka_unit_test(random_corners),
        cmocka_unit_test(culprit_overflow),
        cmocka_unit_test(culprit_zero_cost),
        cmocka_unit_test(culprit_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
