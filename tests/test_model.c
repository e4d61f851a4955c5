/* The model's vocabularies: one table each, looked up by name once (the
 * loader, --formats), indexed everywhere else. */
#include "tc_test.h"
#include <string.h>
#include "tc_model.h"

static void test_find_is_exact(void **state)
{
    (void)state;
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, "svg", 3), TC_FORMAT_SVG);
    /* a prefix or a longer word is not a name: "pdf,xlsx" is cut at the comma */
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, "pdf,xlsx", 3), TC_FORMAT_PDF);
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, "pd", 2), -1);
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, "pdfx", 4), -1);
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, "", 0), -1);
    assert_int_equal(tc_term_find(tc_format_terms, TC_FORMAT_COUNT, NULL, 0), -1);
    /* criteria search only the metrics before meets_slo */
    assert_int_equal(tc_term_find(tc_metric_terms, TC_METRIC_COUNT, "meets_slo", 9),
                     TC_METRIC_MEETS_SLO);
    assert_int_equal(tc_term_find(tc_metric_terms, TC_METRIC_MEETS_SLO, "meets_slo", 9), -1);
}

/* Claims are the first metrics, with the same values and names. */
static void test_claims_are_metrics(void **state)
{
    (void)state;
    assert_int_equal(TC_CLAIM_METRIC_COUNT, 6);
    assert_int_equal(TC_CLAIM_LCOT, TC_METRIC_LCOT);
    assert_string_equal(tc_metric_terms[TC_CLAIM_LCOT].name, "levelized_cost_per_m_tokens");
    assert_string_equal(tc_metric_terms[TC_CLAIM_LCOT].label, "LCOT per million tokens");
    assert_string_equal(tc_metric_terms[TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR].short_label,
                        "PFLOPS per $-hour");
}

/* Every table is full (no hole left by a designated initializer) and its
 * names are distinct, so a lookup can never pick the wrong term. */
static void check_table(const tc_term *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_non_null(t[i].name);
        assert_non_null(t[i].label);
        assert_non_null(t[i].short_label);
        assert_int_equal(tc_term_find(t, n, t[i].name, strlen(t[i].name)), (int)i);
    }
}

static void test_tables_are_full(void **state)
{
    (void)state;
    check_table(tc_metric_terms, TC_METRIC_COUNT);
    check_table(tc_basis_terms, TC_BASIS_COUNT);
    check_table(tc_pricing_terms, TC_PRICING_COUNT);
    check_table(tc_chart_terms, TC_CHART_KIND_COUNT);
    check_table(tc_format_terms, TC_FORMAT_COUNT);
    assert_string_equal(tc_basis_terms[TC_BASIS_TOTAL].label, "input and output");
    assert_string_equal(tc_pricing_terms[TC_PRICING_API].name, "api");
    assert_string_equal(tc_chart_terms[TC_CHART_ICEBERG].name, "flops_vs_cost_advantage");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_is_exact),
        cmocka_unit_test(test_claims_are_metrics),
        cmocka_unit_test(test_tables_are_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
