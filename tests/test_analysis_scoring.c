/* RFP scoring on hand-filled results: normalisation (best = 100), weights
 * normalised, ranking, a non-compliant bid with its reason, worst-year
 * requirements, and the errors of a scoring definition that cannot apply. */
#include "tc_test.h"
#include <stdlib.h>
#include <string.h>
#include "analyze_text.h"

enum { NP = 4, YEARS = 2 };

typedef struct {
    tc_scenario s;
    tc_platform p[NP + 1];
    tc_workload w;
    tc_criterion c[3];
    tc_requirement q[2];
    tc_results *r;
} fixture;

static void set_platform(fixture *f, size_t i, const char *id, tc_pricing_kind kind,
                         double lcot, double per_mw, double tco, double mw1, double mw2)
{
    f->p[i].id = (char *)id;
    f->p[i].pricing.kind = kind;
    tc_platform_result *pr = &f->r->platforms[i];
    pr->in = &f->p[i];
    pr->covered = 1;
    pr->levelized_cost_per_m_tokens = lcot;
    pr->tokens_per_s_per_mw = per_mw;
    pr->tco_npv = tco;
    pr->workloads = calloc(1, sizeof *pr->workloads);
    pr->years = calloc(YEARS, sizeof *pr->years);
    assert_non_null(pr->workloads);
    assert_non_null(pr->years);
    pr->workloads[0].covered = 1;
    pr->years[0].facility_mw = mw1;
    pr->years[1].facility_mw = mw2;
}

/* a (cloud) and d (cloud) compliant; b (owned) over the site in year 2;
 * e covers nothing. Criteria: LCOT 6 (lower), tokens/s per MW 3 (higher),
 * tco_npv 1 (better: lower); requirements meets_slo and facility_mw max 10. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->s.file = "rfp.yaml";
    f->s.horizon_years = YEARS;
    f->s.n_platforms = NP;
    f->s.platforms = f->p;
    f->w.id = "chat";
    f->s.workloads = &f->w;
    f->s.n_workloads = 1;
    f->c[0] = (tc_criterion){TC_METRIC_LCOT, 6, TC_BETTER_DEFAULT, 10, 9};
    f->c[1] = (tc_criterion){TC_METRIC_TOKENS_PER_S_PER_MW, 3, TC_BETTER_DEFAULT, 11, 9};
    f->c[2] = (tc_criterion){TC_METRIC_TCO_NPV, 1, TC_BETTER_LOWER, 12, 9};
    f->q[0] = (tc_requirement){.metric = TC_METRIC_MEETS_SLO, .line = 14, .col = 9};
    f->q[1] = (tc_requirement){.metric = TC_METRIC_FACILITY_MW, .has_max = 1, .max = 10, .line = 15, .col = 9};
    f->s.analysis = (tc_analysis){.has_scoring = 1, .criteria = f->c, .n_criteria = 3,
                                  .requirements = f->q, .n_requirements = 2};
    f->r = calloc(1, sizeof *f->r);
    assert_non_null(f->r);
    f->r->scenario = &f->s;
    f->r->platforms = calloc(NP + 1, sizeof *f->r->platforms);
    assert_non_null(f->r->platforms);
    set_platform(f, 0, "a", TC_PRICING_CLOUD, 2.0, 50000, 100, 8, 9.5);
    set_platform(f, 1, "b", TC_PRICING_OWNED, 1.6, 40000, 120, 6, 12.4);
    set_platform(f, 2, "d", TC_PRICING_CLOUD, 2.5, 100000, 80, 3, 4);
    set_platform(f, 3, "e", TC_PRICING_CLOUD, NAN, NAN, NAN, NAN, NAN);
    tc_platform_result *e = &f->r->platforms[3];
    e->covered = 0;
    e->workloads[0].covered = 0;
    e->workloads[0].reason = "no performance data for the model";
    *state = f;
    return 0;
}

/* tc_scoring_run with its diagnostic as the CLI prints it, in err. */
static tc_status run(fixture *f, tc_scoring **sc, char *err, size_t n)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_status st = tc_scoring_run(&f->s, f->r, sc, &d);
    tc_test_diag_text(&d, err, n);
    tc_diags_free(&d);
    return st;
}

static int teardown(void **state)
{
    fixture *f = *state;
    f->s.n_platforms = NP + 1;  /* free every array the fixture made */
    tc_results_free(f->r);
    free(f);
    return 0;
}

static void test_hand_computed_table(void **state)
{
    fixture *f = *state;
    char err[256] = "";
    tc_scoring *sc = NULL;
    assert_int_equal(run(f, &sc, err, sizeof err), TC_OK);
    assert_string_equal(err, "");
    assert_int_equal(sc->n_scores, 4);
    /* LCOT best 2.0: a 100, d 100 * 2 / 2.5 = 80; per MW best 1e5: a 50,
     * d 100; tco best 80: a 80, d 100. Weights 0.6 / 0.3 / 0.1:
     * a = 60 + 15 + 8 = 83, d = 48 + 30 + 10 = 88. */
    assert_int_equal(sc->scores[0].platform, 2);
    assert_int_equal(sc->scores[0].rank, 1);
    assert_double_rel(sc->scores[0].score, 88, 1e-12);
    assert_double_rel(sc->scores[0].criterion_scores[0], 80, 1e-12);
    assert_double_rel(sc->scores[0].criterion_scores[1], 100, 1e-12);
    assert_int_equal(sc->scores[1].platform, 0);
    assert_int_equal(sc->scores[1].rank, 2);
    assert_double_rel(sc->scores[1].score, 83, 1e-12);
    assert_double_rel(sc->scores[1].criterion_scores[2], 80, 1e-12);
    assert_null(sc->scores[0].reason);
    /* b has the lowest LCOT but needs 12.4 MW in year 2 */
    assert_int_equal(sc->scores[2].platform, 1);
    assert_int_equal(sc->scores[2].rank, 0);
    assert_string_equal(sc->scores[2].reason, "facility_mw 12.4 exceeds max 10");
    assert_true(isnan(sc->scores[2].score));
    assert_int_equal(sc->scores[3].platform, 3);
    assert_string_equal(sc->scores[3].reason,
                        "does not cover workload chat (no performance data for the model)");
    tc_scoring_free(sc);
}

static void test_min_bound_and_two_reasons(void **state)
{
    fixture *f = *state;
    tc_requirement q[2] = {
        {.metric = TC_METRIC_FACILITY_MW, .has_max = 1, .max = 5, .has_min = 1, .min = 7, .line = 3, .col = 5},
        {.metric = TC_METRIC_TOKENS_PER_S_PER_MW, .has_min = 1, .min = 60000, .line = 4, .col = 5},
    };
    f->s.analysis.requirements = q;
    char err[256] = "";
    tc_scoring *sc = NULL;
    assert_int_equal(run(f, &sc, err, sizeof err), TC_OK);
    /* a: max over years 9.5 > 5, min over years 8 >= 7, 50000 < 60000 */
    /* nobody is compliant: all listed in platform order, none ranked */
    assert_int_equal(sc->scores[0].platform, 0);
    assert_string_equal(sc->scores[0].reason,
                        "facility_mw 9.5 exceeds max 5; tokens_per_s_per_mw 50000 is below min 60000");
    /* d: the worst year for a min is the smallest, 3 < 7 */
    assert_int_equal(sc->scores[2].platform, 2);
    assert_string_equal(sc->scores[2].reason, "facility_mw 3 is below min 7");
    for (size_t i = 0; i < sc->n_scores; i++)
        assert_int_equal(sc->scores[i].rank, 0);
    tc_scoring_free(sc);
}

static void test_metric_that_does_not_apply_is_an_error(void **state)
{
    fixture *f = *state;
    /* turn e into a covered api bid: no GPUs, so no tokens per MW and no MW */
    tc_platform_result *e = &f->r->platforms[3];
    f->p[3].id = "api";
    f->p[3].pricing.kind = TC_PRICING_API;
    e->covered = 1;
    e->workloads[0].covered = 1;
    e->levelized_cost_per_m_tokens = 1.9;
    e->tco_npv = 90;
    char err[256] = "";
    tc_scoring *sc = (tc_scoring *)1;
    assert_int_equal(run(f, &sc, err, sizeof err), TC_ERR_INVALID);
    assert_null(sc);
    assert_string_equal(err, "rfp.yaml:11:9: analysis.scoring.criteria[1].metric: "
                             "tokens_per_s_per_mw does not apply to bid api (api pricing)");
    /* without that criterion the api bid is scored; facility_mw is only
     * warned about (an api bid draws no site power) */
    f->s.analysis.n_criteria = 1;
    err[0] = '\0';
    assert_int_equal(run(f, &sc, err, sizeof err), TC_OK);
    assert_int_equal(sc->scores[0].platform, 3);    /* LCOT 1.9 best */
    assert_double_rel(sc->scores[0].score, 100, 1e-12);
    assert_int_equal(f->r->n_warnings, 1);
    assert_string_equal(f->r->warnings[0],
                        "the scoring requirement on Facility MW does not apply to api: not checked");
    tc_scoring_free(sc);
}

static void test_zero_weights(void **state)
{
    fixture *f = *state;
    char err[256] = "";
    tc_scoring *sc = NULL;
    f->c[0].weight = f->c[1].weight = f->c[2].weight = 0;
    assert_int_equal(run(f, &sc, err, sizeof err), TC_ERR_INVALID);
    assert_null(sc);
    assert_string_equal(err, "rfp.yaml:10:9: analysis.scoring.criteria[0].metric: "
                             "weights must not all be 0");
}

/* meets_slo is coverage, not a figure: no value, whatever the results hold. */
static void test_meets_slo_has_no_value(void **state)
{
    fixture *f = *state;
    assert_true(isnan(tc_scoring_metric(f->r, 0, TC_METRIC_MEETS_SLO, 1)));
    assert_double_rel(tc_scoring_metric(f->r, 0, TC_METRIC_LCOT, 1), 2.0, 1e-15);
    /* facility_mw is yearly: worst year 9.5 for a max, 8 for a min */
    assert_double_rel(tc_scoring_metric(f->r, 0, TC_METRIC_FACILITY_MW, 1), 9.5, 1e-15);
    assert_double_rel(tc_scoring_metric(f->r, 0, TC_METRIC_FACILITY_MW, 0), 8, 1e-15);
}

/* The METHOD.md default direction, one table column: lower for costs
 * (cost, tco, lcot, mw), higher for yields per something costly. */
static void test_default_direction(void **state)
{
    (void)state;
    static const tc_metric lower[] = {
        TC_METRIC_LCOT, TC_METRIC_COST_PER_M_TOKENS, TC_METRIC_COST_PER_GPU_HOUR,
        TC_METRIC_TCO_NPV, TC_METRIC_TCO_NOMINAL, TC_METRIC_FACILITY_MW,
    };
    static const tc_metric higher[] = {
        TC_METRIC_TOKENS_PER_S_PER_MW, TC_METRIC_TOKENS_PER_S_PER_GPU,
        TC_METRIC_PFLOPS_PER_DOLLAR_HOUR,
    };
    for (size_t i = 0; i < sizeof lower / sizeof *lower; i++)
        assert_int_equal(tc_metric_terms[lower[i]].better, TC_BETTER_LOWER);
    for (size_t i = 0; i < sizeof higher / sizeof *higher; i++)
        assert_int_equal(tc_metric_terms[higher[i]].better, TC_BETTER_HIGHER);
    assert_int_equal(tc_metric_terms[TC_METRIC_MEETS_SLO].better, TC_BETTER_DEFAULT);
    /* a criterion's own better: overrides the column (tco_npv written higher) */
    fixture *f = NULL;
    assert_int_equal(setup((void **)&f), 0);
    f->c[2].better = TC_BETTER_HIGHER;
    char err[256] = "";
    tc_scoring *sc = NULL;
    assert_int_equal(run(f, &sc, err, sizeof err), TC_OK);
    /* tco best 100 (a) when higher is better: a 100, d 80; a = 60 + 15 + 10 = 85,
     * d = 48 + 30 + 8 = 86 */
    assert_int_equal(sc->scores[0].platform, 2);
    assert_double_rel(sc->scores[0].score, 86, 1e-12);
    assert_double_rel(sc->scores[1].score, 85, 1e-12);
    tc_scoring_free(sc);
    teardown((void **)&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hand_computed_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_bound_and_two_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metric_that_does_not_apply_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_weights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meets_slo_has_no_value, setup, teardown),
        cmocka_unit_test(test_default_direction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
