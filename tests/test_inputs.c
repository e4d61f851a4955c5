/* The inputs table (include/tc_inputs.h): the keys of the committee
 * example, ranges equal to the loader's, and every key of a bid written in
 * the scenario file taken by `--set` and landing on the very field the
 * table points at. */
#include "tc_test.h"
#include "tc_inputs.h"
#include "tc_load.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_fixture.h"

static tc_scenario *load(const char *path, const char *const *sets, size_t n_sets)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_load_opts opts = {sets, n_sets};
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario(path, &opts, &s, &d);
    if (st != TC_OK)
        tc_diags_print(&d, stderr);
    assert_int_equal(st, TC_OK);
    tc_diags_free(&d);
    return s;
}

static void committee_keys(void **state)
{
    (void)state;
    tc_scenario *s = load("scenarios/committee.yaml", NULL, 0);
    tc_inputs *t = tc_inputs_new(s);
    assert_non_null(t);
    /* scenario inputs first, in table order; site and token price are given */
    static const char *const head[] = {
        "assumptions.horizon_years", "assumptions.discount_rate", "assumptions.utilization",
        "assumptions.electricity.price_per_kwh", "assumptions.electricity.escalation",
        "assumptions.pue", "assumptions.facility_per_kw_month", "assumptions.site_power_mw",
        "assumptions.token_price_per_m", "demand.tokens_per_day", "demand.growth",
        "workloads[chat].isl", "workloads[chat].osl", "workloads[chat].share",
        "workloads[chat].min_interactivity"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        assert_string_equal(t->items[i].key, head[i]);
    const tc_input *in = tc_inputs_find(t, "platforms[h200].pricing.cloud.gpu_hour");
    assert_non_null(in);
    assert_int_equal(in->kind, TC_IN_GPU_HOUR);
    assert_int_equal(in->platform, 0);
    assert_ptr_equal(in->num, &s->platforms[0].pricing.gpu_hour);
    assert_double_rel(tc_input_get(in), 1.41, 0);
    in = tc_inputs_find(t, "platforms[h200].performance[2].points[1].throughput");
    assert_non_null(in);
    assert_int_equal(in->perf, 2);
    assert_int_equal(in->point, 1);
    assert_double_rel(tc_input_get(in), 520, 0);      /* committee.yaml: {25, 520} */
    in = tc_inputs_find(t, "platforms[gb200].pricing.owned.amortization_years");
    assert_non_null(in);
    assert_ptr_equal(in->integer, &s->platforms[2].pricing.amortization_years);
    assert_double_rel(tc_input_get(in), 4, 0);
    tc_input_set(in, 5);
    assert_int_equal(s->platforms[2].pricing.amortization_years, 5);
    in = tc_inputs_find(t, "assumptions.utilization");
    assert_true(tc_input_info_of(in->kind)->decides);
    assert_false(tc_input_info_of(in->kind)->structural);
    assert_true(tc_input_info_of(tc_inputs_find(t, "workloads[chat].share")->kind)->structural);
    /* forms: a cloud bid has no capex key, an api bid no hardware */
    assert_null(tc_inputs_find(t, "platforms[h200].pricing.cloud.capex_per_node"));
    assert_null(tc_inputs_find(t, "platforms[deepseek].power_kw_per_gpu"));
    assert_null(tc_inputs_find(t, "no.such.key"));
    tc_inputs_free(t);
    tc_inputs_free(NULL);
    tc_scenario_free(s);
}

/* Each item's range is the one the loader stored in its tc_num. */
static void ranges_match_loader(void **state)
{
    (void)state;
    tc_scenario *s = load("scenarios/committee.yaml", NULL, 0);
    tc_inputs *t = tc_inputs_new(s);
    assert_non_null(t);
    for (size_t i = 0; i < t->n; i++) {
        const tc_input *in = &t->items[i];
        const tc_input_info *inf = tc_input_info_of(in->kind);
        assert_non_null(inf);
        if (in->num && (in->num->lo != inf->lo || in->num->hi != inf->hi))
            fail_msg("%s: table range [%g, %g], loader [%g, %g]", in->key, inf->lo, inf->hi,
                     in->num->lo, in->num->hi);
        assert_true(tc_input_in_range(in->kind, tc_input_get(in)));
    }
    tc_inputs_free(t);
    tc_scenario_free(s);
}

static void range_edges(void **state)
{
    (void)state;
    assert_false(tc_input_in_range(TC_IN_UTILIZATION, 0));     /* (0, 1] */
    assert_true(tc_input_in_range(TC_IN_UTILIZATION, 1));
    assert_true(tc_input_in_range(TC_IN_DISCOUNT_RATE, 0));    /* [0, 1) */
    assert_false(tc_input_in_range(TC_IN_DISCOUNT_RATE, 1));
    assert_false(tc_input_in_range(TC_IN_AMORTIZATION_YEARS, 2.5));
    assert_false(tc_input_in_range(TC_IN_GPU_HOUR, NAN));
    assert_false(tc_input_in_range(TC_IN_KIND_COUNT, 1));
    assert_null(tc_input_info_of(TC_IN_KIND_COUNT));
    assert_string_equal(tc_input_info_of(TC_IN_GPU_HOUR)->unit, "per GPU-hour");
}

/* A valid value other than v for kind k. */
static double other_value(tc_input_kind k, double v)
{
    const double tries[] = {v * 0.9, v + 1, v * 1.1, 0.5};
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++)
        if (tries[i] != v && tc_input_in_range(k, tries[i]))
            return tries[i];
    return NAN;
}

/* `--set KEY=VALUE` with every key of the scenario and of every platform,
 * those of included bid files too: the loaded value is the one set, at the
 * item the table points at. */
static void every_key_takes_set(void **state)
{
    (void)state;
    tc_scenario *s = load("scenarios/committee.yaml", NULL, 0);
    tc_inputs *t = tc_inputs_new(s);
    size_t tried = 0, included = 0;
    for (size_t i = 0; i < t->n; i++) {
        const tc_input *in = &t->items[i];
        included += in->platform >= 0 && strcmp(s->platforms[in->platform].file, s->file) != 0;
        if (in->kind == TC_IN_WL_SHARE)
            continue;   /* shares must sum to 1: one alone cannot move */
        double v = other_value(in->kind, tc_input_get(in));
        char set[256];
        snprintf(set, sizeof set, "%s=%.17g", in->key, v);
        const char *sets[] = {set};
        tc_scenario *s2 = load("scenarios/committee.yaml", sets, 1);
        tc_inputs *t2 = tc_inputs_new(s2);
        const tc_input *in2 = tc_inputs_find(t2, in->key);
        assert_non_null(in2);
        if (tc_input_get(in2) != v)
            fail_msg("--set %s: got %.17g", set, tc_input_get(in2));
        tc_inputs_free(t2);
        tc_scenario_free(s2);
        tried++;
    }
    assert_true(tried > 80);
    assert_true(included > 10);     /* mi355x and deepseek-api, from scenarios/bids/ */
    tc_inputs_free(t);
    tc_scenario_free(s);
}

/* The one-point form and a hand-built scenario without optional keys. */
static void one_point_form(void **state)
{
    (void)state;
    fixture f;
    scenario_defaults(&f);
    add_workload(&f, "w", "m", 100, 200, 1);
    add_platform(&f, "a", TC_PRICING_CLOUD);
    single(&f, 0, "m", 100, 200, 500);
    tc_inputs *t = tc_inputs_new(&f.s);
    assert_non_null(t);
    assert_null(tc_inputs_find(t, "assumptions.site_power_mw"));
    assert_null(tc_inputs_find(t, "workloads[w].min_interactivity"));
    assert_null(tc_inputs_find(t, "platforms[a].peak_pflops"));
    assert_null(tc_inputs_find(t, "platforms[a].performance[0].points[0].throughput"));
    const tc_input *in = tc_inputs_find(t, "platforms[a].performance[0].throughput");
    assert_non_null(in);
    assert_double_rel(tc_input_get(in), 500, 0);
    in = tc_inputs_find(t, "platforms[a].performance[0].osl");
    assert_non_null(in);
    tc_input_set(in, 300);
    assert_double_rel(f.perf[0][0].osl, 300, 0);
    /* 9 scenario + 3 workload + 4 hardware + 4 cloud + 2 lengths + 1 point */
    assert_int_equal(t->n, 23);
    tc_inputs_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(committee_keys),
        cmocka_unit_test(ranges_match_loader),
        cmocka_unit_test(range_edges),
        cmocka_unit_test(every_key_takes_set),
        cmocka_unit_test(one_point_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
