/* The chart descriptions at their edges (charts/chart_build.c): unnamed
 * platforms and untitled scenarios, money texts from n/a to thousands, a
 * tie with the baseline, a baseline without a figure, charts that do not
 * apply, the tornado's input names and the Monte Carlo "cheapest in" texts
 * at the ends of the range. */
#include "tc_test.h"

#include <string.h>
#include "../charts/build_util.h"
#include "chart_fixture.h"

static tc_chart *build(tc_fixture *f, tc_chart_kind k)
{
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(&f->r, k, &c), TC_OK);
    assert_non_null(c);
    return c;
}

static void assert_not_built(tc_fixture *f, tc_chart_kind k)
{
    tc_chart *c = (tc_chart *)1;
    assert_int_equal(tc_chart_build(&f->r, k, &c), TC_OK);
    assert_null(c);
    assert_false(tc_chart_applies(&f->r, k));
}

static void money_texts(void **state)
{
    (void)state;
    tc_chart *h = calloc(1, sizeof *h);     /* the texts live in its arena */
    assert_non_null(h);
    tc_chart c = {0};
    assert_string_equal(tc_money_text(&c, NAN, "USD"), "n/a");
    assert_string_equal(tc_money_text(&c, 12345.6, "USD"), "$12.3K");   /* board: 3 significant figures */
    assert_string_equal(tc_money_text(&c, 0.000123, "EUR"), "\xe2\x82\xac" "0.000123");
    assert_string_equal(tc_money_si_text(&c, -1234567, "USD"), "-$1.23M");
    assert_string_equal(tc_money_si_text(&c, -1234567, "CHF"), "-CHF 1.23M");
    assert_string_equal(tc_money_si_text(&c, 2.5e9, "CHF"), "CHF 2.50B");
    assert_int_equal(c.failed, 0);
    *h = c;
    tc_chart_free(h);
}

static void names_and_invalid_requests(void **state)
{
    (void)state;
    assert_string_equal(tc_chart_terms[TC_CHART_COST_PER_M].name, "cost_per_m_tokens");
    assert_string_equal(tc_chart_terms[TC_CHART_MONTE_CARLO].name, "monte_carlo");
    tc_chart *c = (tc_chart *)1;
    assert_int_equal(tc_chart_build(NULL, TC_CHART_COST_PER_M, &c), TC_ERR_INVALID);
    assert_null(c);
    tc_results r = {0};
    assert_int_equal(tc_chart_build(&r, TC_CHART_COST_PER_M, &c), TC_ERR_INVALID);
    tc_fixture *f = fx_new("no platforms", 5, 1e9, 0);
    assert_int_equal(tc_chart_build(&f->r, TC_CHART_COST_PER_M, &c), TC_ERR_INVALID);
    assert_null(c);
    assert_false(tc_chart_applies(&f->r, TC_CHART_COST_PER_M));
    free(f);
}

/* An unnamed platform is shown by its id; an untitled scenario by its file,
 * or by nothing when it has none; the baseline being the cheapest turns
 * the iceberg's message around. */
static void unnamed_untitled_and_cheapest_baseline(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    f->names[0][0] = '\0';
    f->s.title = "";
    f->s.file = "dir/x.yaml";
    f->r.baseline = 1;
    tc_chart *c = build(f, TC_CHART_COST_PER_M);
    assert_string_equal(c->subtitle, "dir/x.yaml \xe2\x80\x94 year 1, workload mix, at 100% utilization");
    assert_string_equal(c->footnote, "Relative figures against the baseline, GB300 NVL72 (grey bar).");
    assert_string_equal(c->cats[0].label, "p0");
    assert_string_equal(c->series[0].labels[0], "$4.35 (35x higher)");
    assert_string_equal(c->series[0].labels[1], "$0.123 (baseline)");
    assert_true(c->cats[1].emphasis && !c->cats[0].emphasis);
    tc_chart_free(c);
    c = build(f, TC_CHART_ICEBERG);
    assert_string_equal(c->subtitle, "Relative to GB300 NVL72: no platform has a lower cost per token");
    tc_chart_free(c);
    f->s.file = NULL;
    c = build(f, TC_CHART_TOKENS_PER_MW);
    assert_string_equal(c->subtitle, " \xe2\x80\x94 workload mix at load, PUE 1.00");
    tc_chart_free(c);
    free(f);
}

/* Same figure as the baseline: "same", neither lower nor higher. */
static void tie_with_the_baseline(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    f->r.baseline = 1;
    f->pres[0].cost_per_m_tokens = f->pres[1].cost_per_m_tokens;
    f->pres[0].tokens_per_s_per_mw = f->pres[1].tokens_per_s_per_mw;
    tc_chart *c = build(f, TC_CHART_COST_PER_M);
    assert_string_equal(c->series[0].labels[0], "$0.123 (same)");
    tc_chart_free(c);
    c = build(f, TC_CHART_TOKENS_PER_MW);
    assert_string_equal(c->series[0].labels[0], "2.86M (same)");
    assert_string_equal(c->series[0].labels[1], "2.86M (baseline)");
    tc_chart_free(c);
    free(f);
}

/* An API baseline has no power figure: the others show theirs without a
 * ratio; its bar is a note. */
static void baseline_without_a_figure(void **state)
{
    (void)state;
    tc_fixture *f = fx_owned();
    f->r.baseline = 2;
    tc_chart *c = build(f, TC_CHART_TOKENS_PER_MW);
    assert_string_equal(c->series[0].labels[0], "1.86M");
    assert_string_equal(c->series[0].labels[1], "247k");   /* one style with 1.86M */
    assert_null(c->series[0].labels[2]);
    assert_string_equal(c->cats[2].note, "api: no GPUs, no power figure");
    assert_true(isnan(c->series[0].x[2]));
    tc_chart_free(c);
    c = build(f, TC_CHART_COST_PER_M);
    assert_string_equal(c->series[0].labels[0], "$0.188 (5.0x lower)");
    assert_string_equal(c->series[0].labels[1], "$1.94 (2.0x higher)");
    assert_string_equal(c->series[0].labels[2], "$0.950 (baseline)");
    tc_chart_free(c);
    /* the API baseline has no FLOPS per dollar: no iceberg */
    assert_not_built(f, TC_CHART_ICEBERG);
    free(f);
}

/* Nothing covered: no headline chart; one platform with FLOPS: no iceberg. */
static void charts_that_do_not_apply(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    f->pres[1].pflops_per_dollar_hour = NAN;
    assert_not_built(f, TC_CHART_ICEBERG);
    fx_not_covered(f, 0);
    fx_not_covered(f, 1);
    assert_not_built(f, TC_CHART_COST_PER_M);
    assert_not_built(f, TC_CHART_TOKENS_PER_MW);
    f->r.sensitivity = NULL;
    assert_not_built(f, TC_CHART_TORNADO);
    f->r.monte_carlo = NULL;
    assert_not_built(f, TC_CHART_MONTE_CARLO);
    free(f);
}

/* Without a ranking the tornado is the baseline's; an input without a
 * display name shows its key, a missing key "?". */
static void tornado_names(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    double b = f->pres[0].levelized_cost_per_m_tokens;
    f->rows[0][0] = (tc_tornado_row){.input = "power_kw_per_gpu", .low = b * 0.9, .high = b * 1.1};
    f->rows[0][1] = (tc_tornado_row){.input = "widgets", .low = b * 0.95, .high = b * 1.05};
    f->rows[0][2] = (tc_tornado_row){.input = NULL, .low = b, .high = b};
    f->n_rows[0] = 3;
    f->r.n_ranking = 0;
    tc_chart *c = build(f, TC_CHART_TORNADO);
    assert_string_equal(c->title, "What moves the levelized cost of HGX H200");
    assert_int_equal(c->n_cats, 3);
    assert_string_equal(c->cats[0].label, "power per GPU");
    assert_string_equal(c->cats[1].label, "widgets");
    assert_string_equal(c->cats[2].label, "?");
    assert_string_equal(c->series[0].labels[0], "$3.93");
    assert_string_equal(c->series[1].labels[0], "$4.80");
    assert_double_rel(c->refs[0].at, b, 1e-15);
    assert_string_equal(c->refs[0].label, "base $4.36");
    tc_chart_free(c);
    f->n_rows[0] = 0;
    assert_not_built(f, TC_CHART_TORNADO);
    free(f);
}

/* "cheapest in" says <1% and >99% rather than rounding to 0% or 100%, and
 * nothing without the probabilities. */
static void monte_carlo_cheapest_texts(void **state)
{
    (void)state;
    tc_fixture *f = fx_many();
    f->p_cheapest[0] = 0.999;
    f->p_cheapest[1] = 0.004;
    f->p_cheapest[2] = 1.0;
    f->p_cheapest[3] = 0.0;
    tc_chart *c = build(f, TC_CHART_MONTE_CARLO);
    assert_string_equal(c->subtitle, "10,000 draws, seed 42 \xe2\x80\x94 Ten bids, long names");
    assert_string_equal(c->series[0].labels[0], "P50 $2.82, cheapest in >99% of draws");
    assert_string_equal(c->series[0].labels[1], "P50 $2.22, cheapest in <1% of draws");
    assert_string_equal(c->series[0].labels[2], "P50 $1.66, cheapest in 100% of draws");
    assert_string_equal(c->series[0].labels[3], "P50 $1.23, cheapest in 0% of draws");
    assert_null(c->series[0].labels[6]);
    assert_string_equal(c->cats[6].note, "not covered");
    tc_chart_free(c);
    f->mc.p_cheapest = NULL;
    c = build(f, TC_CHART_MONTE_CARLO);
    for (size_t i = 0; i < c->n_cats; i++)
        assert_null(c->series[0].labels[i]);
    assert_double_rel(c->series[2].y[0], f->lcot[0].p50, 1e-15);
    tc_chart_free(c);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_texts),
        cmocka_unit_test(names_and_invalid_requests),
        cmocka_unit_test(unnamed_untitled_and_cheapest_baseline),
        cmocka_unit_test(tie_with_the_baseline),
        cmocka_unit_test(baseline_without_a_figure),
        cmocka_unit_test(charts_that_do_not_apply),
        cmocka_unit_test(tornado_names),
        cmocka_unit_test(monte_carlo_cheapest_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
