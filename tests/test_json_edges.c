/* results.json at its edges, read back with jansson: optional scenario
 * keys absent when not set, a reason only where a figure is missing and one
 * is known, analyses with empty parts, text with quotes and numbers kept
 * byte for byte while the reals around it are shortened, and reals that
 * need all 17 digits. */
#include "tc_test.h"

#include <jansson.h>
#include <string.h>

#include "tc_json.h"
#include "chart_fixture.h"

static json_t *doc_of(const tc_results *r, char **text)
{
    *text = tc_results_json(r);
    assert_non_null(*text);
    json_error_t e;
    json_t *d = json_loads(*text, 0, &e);
    if (!d)
        fail_msg("results.json does not parse: %s (line %d)", e.text, e.line);
    return d;
}

static json_t *at(json_t *d, const char *path)
{
    /* "a.b.0.c": object keys and array indices */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = d;
    for (char *save = NULL, *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save))
        v = json_is_array(v) ? json_array_get(v, strtoul(k, NULL, 10)) : json_object_get(v, k);
    return v;
}

static void optional_keys_and_reasons(void **state)
{
    (void)state;
    tc_fixture *f = fx_owned();
    f->s.title = NULL;
    fx_not_covered(f, 1);
    f->wres[1][0].reason = NULL;        /* not covered, no reason known */
    f->wres[1][0].cost_per_m_tokens = f->wres[1][0].tokens_per_s_per_gpu = NAN;
    char *text;
    json_t *d = doc_of(&f->r, &text);
    assert_true(json_is_null(at(d, "scenario.title")));
    assert_null(at(d, "scenario.date"));
    assert_null(at(d, "scenario.overrides"));
    assert_null(at(d, "sensitivity"));
    assert_null(at(d, "break_even"));
    assert_null(at(d, "monte_carlo"));
    assert_null(at(d, "scoring"));
    assert_true(json_is_false(at(d, "platforms.1.workloads.0.covered")));
    assert_true(json_is_null(at(d, "platforms.1.workloads.0.cost_per_m_tokens")));
    assert_null(at(d, "platforms.1.workloads.0.reason"));
    assert_null(at(d, "platforms.0.workloads.0.reason"));       /* covered */
    assert_int_equal(json_array_size(at(d, "platforms.1.years")), 0);
    json_decref(d);
    free(text);
    f->s.date = "2025-03-01";
    fx_not_covered(f, 1);
    d = doc_of(&f->r, &text);
    assert_string_equal(json_string_value(at(d, "scenario.date")), "2025-03-01");
    assert_string_equal(json_string_value(at(d, "platforms.1.workloads.0.reason")),
                        "the SLO is above every point");
    json_decref(d);
    free(text);
    free(f);
}

static void analyses_with_empty_parts(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    f->rows_ptr[0] = NULL;                  /* no tornado rows for the first platform */
    tc_break_even be[] = {
        {0, 1, "utilization", 0.41, NULL},
        {0, 1, "price_per_kwh", NAN, "the costs never cross"},
        {1, 0, "utilization", NAN, NULL},
    };
    f->r.break_even = be;
    f->r.n_break_even = 3;
    double crit[] = {80.0, 20.0};
    tc_criterion criteria[] = {{TC_METRIC_COST_PER_M_TOKENS, 0.6, TC_BETTER_LOWER, 0, 0},
                               {TC_METRIC_TOKENS_PER_S_PER_MW, 0.4, TC_BETTER_HIGHER, 0, 0}};
    f->s.analysis.criteria = criteria;
    f->s.analysis.n_criteria = 2;
    tc_score scores[] = {{1, 97.5, 1, NULL, crit}, {0, 10.0, 2, NULL, NULL}, {0, 0, 0, NULL, NULL}};
    tc_scoring sc = {scores, 3};
    f->r.scoring = &sc;
    char *text;
    json_t *d = doc_of(&f->r, &text);
    assert_int_equal(json_array_size(at(d, "sensitivity.platforms.p0")), 0);
    assert_int_equal(json_array_size(at(d, "sensitivity.platforms.p1")), 5);
    assert_string_equal(json_string_value(at(d, "sensitivity.platforms.p1.0.input")), "gpu_hour");
    assert_double_rel(json_real_value(at(d, "break_even.0.value")), 0.41, 0);
    assert_null(at(d, "break_even.0.reason"));
    assert_true(json_is_null(at(d, "break_even.1.value")));
    assert_string_equal(json_string_value(at(d, "break_even.1.reason")), "the costs never cross");
    assert_true(json_is_null(at(d, "break_even.2.value")));
    assert_null(at(d, "break_even.2.reason"));
    assert_string_equal(json_string_value(at(d, "scoring.ranking.0.id")), "p1");
    assert_string_equal(json_string_value(at(d, "scoring.ranking.0.criteria.1.metric")),
                        "tokens_per_s_per_mw");
    assert_double_rel(json_real_value(at(d, "scoring.ranking.0.criteria.1.score")), 20.0, 0);
    assert_int_equal(json_array_size(at(d, "scoring.ranking.1.criteria")), 0);
    assert_string_equal(json_string_value(at(d, "scoring.non_compliant.0.id")), "p0");
    assert_string_equal(json_string_value(at(d, "scoring.non_compliant.0.reason")), "");
    json_decref(d);
    free(text);
    free(f);
}

/* Text is copied untouched, escaped quotes and backslashes included, while
 * each real is written in its shortest exact form. */
static void text_kept_reals_shortened(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    f->s.title = "Q3 \"0.10000000000000001\" \\ 2.50 review";
    f->pres[0].cost_per_gpu_hour = 0.1 + 0.2;         /* 0.30000000000000004: all 17 digits */
    f->pres[1].cost_per_gpu_hour = 2.65;
    f->pres[1].tco_nominal = 90.0;
    f->pres[1].tco_npv = 1e300;
    char *text;
    json_t *d = doc_of(&f->r, &text);
    assert_non_null(strstr(text, "\"title\": \"Q3 \\\"0.10000000000000001\\\" \\\\ 2.50 review\""));
    assert_string_equal(json_string_value(at(d, "scenario.title")), f->s.title);
    assert_non_null(strstr(text, "\"cost_per_gpu_hour\": 0.30000000000000004,"));
    assert_true(json_real_value(at(d, "platforms.0.cost_per_gpu_hour")) == 0.1 + 0.2);
    assert_non_null(strstr(text, "\"cost_per_gpu_hour\": 2.65,"));
    assert_non_null(strstr(text, "\"tco_nominal\": 90.0,"));
    assert_non_null(strstr(text, "\"tco_npv\": 1e+300,"));
    assert_true(json_real_value(at(d, "platforms.1.tco_npv")) == 1e300);
    json_decref(d);
    free(text);
    free(f);
}

/* OUTPUTS.md: a metric that does not apply is null, never 0 (an api bid's
 * GPU figures, a platform not covered); the ranking holds the covered ones. */
static void nulls_never_zero(void **state)
{
    (void)state;
    tc_fixture *f = fx_many();
    char *text;
    json_t *d = doc_of(&f->r, &text);
    assert_true(json_is_null(at(d, "platforms.9.tokens_per_s_per_mw")));
    assert_true(json_is_null(at(d, "platforms.9.cost_per_gpu_hour")));
    assert_double_rel(json_real_value(at(d, "platforms.9.cost_per_m_tokens")), 1.10, 1e-15);
    assert_string_equal(json_string_value(at(d, "platforms.9.pricing")), "api");
    assert_true(json_is_false(at(d, "platforms.6.covered")));
    assert_true(json_is_null(at(d, "platforms.6.cost_per_m_tokens")));
    assert_true(json_is_null(at(d, "platforms.6.levelized_cost_per_m_tokens")));
    assert_int_equal(json_array_size(at(d, "ranking")), 9);
    for (size_t i = 0; i < 9; i++) {
        char want[8];
        snprintf(want, sizeof want, "p%zu", f->ranking[i]);
        assert_string_equal(json_string_value(json_array_get(at(d, "ranking"), i)), want);
    }
    json_decref(d);
    free(text);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(optional_keys_and_reasons),
        cmocka_unit_test(analyses_with_empty_parts),
        cmocka_unit_test(text_kept_reals_shortened),
        cmocka_unit_test(nulls_never_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
