/* The decision analytics on a scenario whose flips are derived by hand:
 * winner and runner-up, the flip of every input that can change the winner
 * (bisection on the full evaluation, fleet rounding included), the holds,
 * the sentences and the caveats.
 *
 * The scenario: one year (r = 0.10), 1e9 tokens/day, utilization 0.5, one
 * workload without SLO; two clouds with power included and 8 GPUs a node:
 * Alpha 1000 tok/s/GPU at 2.00 per GPU-hour, Beta 800 at 1.80.
 *   GPUs needed: 1e9 / 86400 / (T u): Alpha 23.15 -> 2.894 nodes -> 3 nodes;
 *                Beta 28.94 -> 3.617 nodes -> 4 nodes.
 *   LCOT = nodes 8 8760 p / (365 D) 1e6 (one year: the discount factor cancels):
 *     Alpha 3 * 70080 * 2.00 / 365000 = 1.152; Beta 4 * 70080 * 1.80 / 365000 = 1.3824.
 *   Winner Alpha, runner-up Beta, lcot_ratio 1.3824 / 1.152 = 1.2;
 *   npv_difference (504576 - 420480) / 1.1 = 76450.909...
 * Flips (closed forms):
 *   Alpha's price: LCOT linear in p, 0.576 p = 1.3824 -> p = 2.4 (= 2.00 x 1.2), +20%.
 *   Beta's price: 0.768 p = 1.152 -> p = 1.5 (= 1.80 / 1.2), -16.7%.
 *   Alpha's throughput: 4 nodes once 2.8935 / f > 3: f = 1e9 / 86400 / 4000 / 3
 *     = 0.9645062, mix throughput 964.506, -3.55%.
 *   Beta's throughput: 3 nodes once 3.6169 / f <= 3: f = 1e9 / 86400 / 3200 / 3
 *     = 1.2056327, 964.506 tok/s/GPU, +20.6%.
 *   Utilization: Alpha needs 4 nodes below u = 1.446759 / 3 = 0.4822531 (Beta
 *     stays at 4 until 0.4521): -3.55%.
 *   Demand: Alpha needs 4 nodes above D = 3 * 8 * 86400 * 500 = 1.0368e9
 *     (Beta stays at 4): +3.68%.
 *   Alpha's other costs per year (0 today): (420480 + O) / 365000 > 1.3824
 *     -> O = 84096. Alpha's one-time cost, paid at the start of the year:
 *     J / (365e9 / 1.1) 1e6 = 1.3824 - 1.152 -> J = 76450.909 = npv_difference.
 * Everything else holds: the discount rate and growth (one year), the power
 * inputs (power included), the annual price changes and software uplifts
 * (they compound from year 2), Beta's other and one-time costs (they only
 * raise Beta's cost). */
#include "tc_test.h"
#include "tc_analysis.h"
#include "tc_decision.h"
#include "tc_json.h"
#include "tc_table.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "scenario_fixture.h"

#define TOL 2e-6        /* the bisection's 1e-6 relative, either side */

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);
    assert_non_null(f);
    scenario_defaults(f);
    f->s.horizon_years = 1;
    f->s.discount_rate = given(0.10);
    f->s.utilization = given(0.5);
    add_workload(f, "chat", "m", 1000, 1000, 1);
    tc_platform *a = add_platform(f, "alpha", TC_PRICING_CLOUD);
    a->name = "Alpha Cloud";
    a->pricing.gpu_hour = given(2.0);
    single(f, 0, "m", 1000, 1000, 1000);
    tc_platform *b = add_platform(f, "beta", TC_PRICING_CLOUD);
    b->name = "Beta Cloud";
    b->pricing.gpu_hour = given(1.8);
    single(f, 1, "m", 1000, 1000, 800);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static tc_results *analyzed(fixture *f)
{
    tc_results *r = NULL;
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_analyze(&f->s, r, &d), TC_OK);
    tc_diags_free(&d);
    return r;
}

static const tc_flip *flip(const tc_results *r, const char *key)
{
    for (size_t i = 0; i < r->robustness->n_flips; i++)
        if (strcmp(r->robustness->flips[i].key, key) == 0)
            return &r->robustness->flips[i];
    fail_msg("no flip %s", key);
    return NULL;
}

static int holds(const tc_results *r, const char *key)
{
    for (size_t i = 0; i < r->robustness->n_holds; i++)
        if (strcmp(r->robustness->holds[i].key, key) == 0)
            return 1;
    return 0;
}

static void decision_block(void **state)
{
    fixture *f = *state;
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    const tc_decision *d = &r->decision;
    assert_true(d->has_winner && d->has_runner_up);
    assert_int_equal(d->winner, 0);
    assert_int_equal(d->runner_up, 1);
    assert_double_rel(r->platforms[0].levelized_cost_per_m_tokens, 1.152, 1e-12);
    assert_double_rel(r->platforms[1].levelized_cost_per_m_tokens, 1.3824, 1e-12);
    assert_double_rel(d->lcot_ratio, 1.2, 1e-12);
    assert_double_rel(d->npv_difference, 84096 / 1.1, 1e-12);
    tc_results_free(r);
}

/* value, change and the bid that wins beyond, for one key */
static void expect(const tc_results *r, const char *key, double value, double change,
                   size_t then)
{
    const tc_flip *x = flip(r, key);
    assert_double_rel(x->value, value, TOL);
    if (isnan(change))
        assert_true(isnan(x->change));
    else
        assert_double_rel(x->change, change, 5 * TOL / fabs(change) + TOL);
    assert_int_equal(x->winner_then, then);
}

static void flips_by_hand(void **state)
{
    fixture *f = *state;
    tc_results *r = analyzed(f);
    assert_non_null(r->robustness);
    double fa = 1e9 / 86400.0 / 4000 / 3, fb = 1e9 / 86400.0 / 3200 / 3;
    expect(r, "platforms[alpha].pricing.cloud.gpu_hour", 2.4, 0.2, 1);
    expect(r, "platforms[beta].pricing.cloud.gpu_hour", 1.5, 1.5 / 1.8 - 1, 1);
    expect(r, "platforms[alpha].performance[*].points[*].throughput", 1000 * fa, fa - 1, 1);
    expect(r, "platforms[beta].performance[*].points[*].throughput", 800 * fb, fb - 1, 1);
    expect(r, "assumptions.utilization", 0.5 * fa, fa - 1, 1);
    expect(r, "demand.tokens_per_day", 1.0368e9, 0.0368, 1);
    expect(r, "platforms[alpha].pricing.cloud.other_per_year", 84096, NAN, 1);
    expect(r, "platforms[alpha].pricing.cloud.one_time", 84096 / 1.1, NAN, 1);
    /* the flip is where the other bid wins: just past a tie, never before */
    assert_true(flip(r, "platforms[alpha].pricing.cloud.gpu_hour")->value > 2.4);
    assert_true(flip(r, "platforms[beta].pricing.cloud.gpu_hour")->value < 1.5);
    assert_int_equal(flip(r, "platforms[beta].pricing.cloud.gpu_hour")->platform, 1);
    assert_int_equal(flip(r, "assumptions.utilization")->platform, -1);
    assert_int_equal(r->robustness->n_flips, 8);
    /* closest first; changes that are not numbers (point 0) last */
    const tc_robustness *x = r->robustness;
    for (size_t i = 1; i < x->n_flips; i++)
        if (!isnan(x->flips[i].change))
            assert_true(fabs(x->flips[i - 1].change) <= fabs(x->flips[i].change) * (1 + 1e-5));
    assert_true(isnan(x->flips[x->n_flips - 1].change));
    /* utilization and Alpha's throughput flip at the same node count: a tie
     * within the tolerance keeps input order, the scenario's first */
    assert_string_equal(x->flips[0].key, "assumptions.utilization");
    assert_string_equal(x->flips[1].key, "platforms[alpha].performance[*].points[*].throughput");
    assert_string_equal(x->flips[2].key, "demand.tokens_per_day");
    assert_true(holds(r, "assumptions.discount_rate"));
    assert_true(holds(r, "demand.growth"));
    assert_true(holds(r, "platforms[beta].pricing.cloud.other_per_year"));
    assert_true(holds(r, "platforms[alpha].power_kw_per_gpu"));
    assert_true(holds(r, "platforms[alpha].software_uplift"));
    assert_false(holds(r, "platforms[alpha].pricing.cloud.gpu_hour"));
    assert_int_equal(x->n_flips + x->n_holds, 2 * 8 + 8);   /* 8 per bid, 8 scenario levers */
    /* the scenario itself is untouched */
    assert_double_rel(f->s.utilization.value, 0.5, 0);
    assert_double_rel(f->pts[0][0][0].throughput.value, 1000, 0);
    tc_results_free(r);
}

static void sentences(void **state)
{
    fixture *f = *state;
    tc_results *r = analyzed(f);
    char buf[512];
    assert_string_equal(tc_flip_text(buf, sizeof buf, r,
                                     flip(r, "platforms[alpha].pricing.cloud.gpu_hour")),
                        "Beta Cloud wins if Alpha Cloud's price rises 20%, to $2.40 per GPU-hour");
    assert_string_equal(tc_flip_text(buf, sizeof buf, r,
                                     flip(r, "platforms[beta].pricing.cloud.gpu_hour")),
                        "Beta Cloud wins if its price falls 17%, to $1.50 per GPU-hour");
    assert_string_equal(tc_flip_text(buf, sizeof buf, r, flip(r, "assumptions.utilization")),
                        "Beta Cloud wins if utilization falls from 50% to 48.2%");
    assert_string_equal(tc_flip_text(buf, sizeof buf, r, flip(r, "demand.tokens_per_day")),
                        "Beta Cloud wins if demand rises 3.7%, to 1.04B tokens per day");
    assert_string_equal(tc_flip_text(buf, sizeof buf, r,
                                     flip(r, "platforms[alpha].pricing.cloud.other_per_year")),
                        "Beta Cloud wins if Alpha Cloud's other cost rises from $0 per year "
                        "to $84.1K per year");
    assert_string_equal(tc_flip_text(buf, sizeof buf, r,
                                     flip(r, "platforms[alpha].performance[*].points[*].throughput")),
                        "Beta Cloud wins if Alpha Cloud's throughput falls 3.5%, to 965 "
                        "tokens/s per GPU");
    tc_results_free(r);
}

/* A rise to double or more reads as a multiple (tc_fmt_rise, whole percent
 * below): Alpha's price from $2.00 to $9.58 is 9.58 / 2 = 4.79 times; to
 * $3.99 is +99.5%, which rounds to 100%: the multiple, 2.0 times; to $3.98
 * is +99%. */
static void sentences_of_large_rises(void **state)
{
    fixture *f = *state;
    tc_results *r = analyzed(f);
    char buf[512];
    tc_flip big = *flip(r, "platforms[alpha].pricing.cloud.gpu_hour");
    big.value = 9.58;
    big.change = (9.58 - big.point) / big.point;
    assert_string_equal(tc_flip_text(buf, sizeof buf, r, &big),
                        "Beta Cloud wins if Alpha Cloud's price rises to 4.8 times today's, "
                        "$9.58 per GPU-hour");
    big.value = 3.99;
    big.change = (3.99 - big.point) / big.point;
    assert_string_equal(tc_flip_text(buf, sizeof buf, r, &big),
                        "Beta Cloud wins if Alpha Cloud's price rises to 2.0 times today's, "
                        "$3.99 per GPU-hour");
    big.value = 3.98;
    big.change = (3.98 - big.point) / big.point;
    assert_string_equal(tc_flip_text(buf, sizeof buf, r, &big),
                        "Beta Cloud wins if Alpha Cloud's price rises 99%, to $3.98 per GPU-hour");
    tc_results_free(r);
}

/* A narrow lead, vendor data, a claim 10% off, a workload not served, a
 * site too small and an SLO below the first point: one line each. */
static void caveat_lines(void **state)
{
    fixture *f = *state;
    f->p[1].pricing.gpu_hour = given(1.60);     /* Beta 4 * 70080 * 1.6 / 365000 = 1.2288: 6.7% */
    f->s.site_power_mw = given(0.02);           /* 24 GPUs x 1 kW x PUE 1.3 = 31.2 kW */
    add_claim(f, 0, TC_CLAIM_COST_PER_GPU_HOUR, 2.2, 0.1);
    f->perf[0][0].evidence = f->perf[1][0].evidence = TC_EVIDENCE_VENDOR;
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    tc_caveats *c = tc_caveats_new(r);
    assert_non_null(c);
    const char *want[] = {
        "Alpha Cloud leads the runner-up, Beta Cloud, by only 6.7% on levelized cost: a small "
        "change in the inputs can reverse the order",
        "The performance data of every bid is the vendors' own, not measured",
        "Alpha Cloud claims cost per GPU-hour of $2.20, 10.0% above the $2.00 computed from "
        "its own figures",
        "The fleet of Alpha Cloud does not fit the site's 0.02 MW from year 1",
        "The fleet of Beta Cloud does not fit the site's 0.02 MW from year 1",
    };
    assert_int_equal(c->n, sizeof want / sizeof *want);
    for (size_t i = 0; i < c->n; i++)
        assert_string_equal(c->items[i].text, want[i]);
    assert_int_equal(c->items[0].kind, TC_CAVEAT_NARROW_LEAD);
    assert_int_equal(c->items[1].platform, -1);
    tc_caveats_free(c);
    tc_caveats_free(NULL);
    tc_results_free(r);
}

static void caveat_coverage_and_flat(void **state)
{
    fixture *f = *state;
    /* Beta: a curve from 20 tokens/s per user; the SLO of 10 lies below it */
    static const double xs[] = {20, 40}, ys[] = {900, 500};
    f->p[1].n_perf = 0;
    add_perf(f, 1, "m", 1000, 1000, TC_BASIS_OUTPUT, xs, ys, 2);
    f->perf[1][0].evidence = TC_EVIDENCE_MEASURED;
    f->perf[0][0].evidence = TC_EVIDENCE_ILLUSTRATIVE;
    f->w[0].min_interactivity = given(10);
    add_workload(f, "batch", "other-model", 1000, 1000, 0);   /* nobody has data for it */
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_false(r->decision.has_winner);
    tc_caveats *c = tc_caveats_new(r);
    assert_non_null(c);
    const char *want[] = {
        "The performance data of Alpha Cloud is illustrative, not measured",
        "Alpha Cloud does not serve batch at its service level",
        "Beta Cloud does not serve batch at its service level",
        "The chat service level (10 tokens/s per user) is below the first point of the curve "
        "of Beta Cloud (20): its throughput there is assumed flat",
    };
    assert_int_equal(c->n, sizeof want / sizeof *want);
    for (size_t i = 0; i < c->n; i++)
        assert_string_equal(c->items[i].text, want[i]);
    tc_caveats_free(c);
    tc_results_free(r);
}

/* One bid covering the mix: a winner, no runner-up, no robustness. */
static void no_runner_up(void **state)
{
    fixture *f = *state;
    f->p[1].perf[0].model = "other-model";
    tc_results *r = analyzed(f);
    assert_true(r->decision.has_winner);
    assert_false(r->decision.has_runner_up);
    assert_true(isnan(r->decision.lcot_ratio));
    assert_true(isnan(r->decision.npv_difference));
    assert_null(r->robustness);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    tc_table_print_decision(m, r);
    fclose(m);
    assert_string_equal(buf, "\nDecision: alpha wins, the only bid that serves every workload\n"
                             "Caveats:\n"
                             "  - Beta Cloud does not serve chat at its service level\n");
    free(buf);
    tc_results_free(r);
}

/* Values as a reader sees them, in a currency without a symbol. */
static void value_texts(void **state)
{
    fixture *f = *state;
    strcpy(f->s.currency, "CHF");
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    char buf[128];
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_CAPEX_PER_NODE, 3.4e6),
                        "CHF 3.40M per node");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_GPU_HOUR, 0.0412),
                        "CHF 0.0412 per GPU-hour");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_ONE_TIME, 1250),
                        "CHF 1.25K");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_PUE, 1.25), "1.25");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_AMORTIZATION_YEARS, 5),
                        "5 years");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_POWER_KW_PER_GPU, 12.5),
                        "12.5 kW");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_UTILIZATION, 0.45), "45%");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_UTILIZATION, NAN), "n/a");
    assert_string_equal(tc_input_value_text(buf, sizeof buf, r, TC_IN_KIND_COUNT, 1), "n/a");
    tc_results_free(r);
}

/* Whole-year inputs step by whole years: Alpha owned, 4-year life over a
 * 6-year horizon flips at some whole number of years, never between. */
static void whole_years(void **state)
{
    fixture *f = *state;
    f->s.horizon_years = 6;
    tc_platform *a = &f->p[0];
    a->pricing.kind = TC_PRICING_OWNED;
    a->pricing.capex_per_node = given(150000);
    a->pricing.amortization_years = 4;
    a->pricing.residual_value = dflt(0);
    tc_results *r = analyzed(f);
    assert_int_equal(r->decision.winner, 0);
    const char *key = "platforms[alpha].pricing.owned.amortization_years";
    const tc_flip *x = NULL;
    for (size_t i = 0; i < r->robustness->n_flips; i++)
        if (strcmp(r->robustness->flips[i].key, key) == 0)
            x = &r->robustness->flips[i];
    assert_true(x != NULL || holds(r, key));
    if (x) {
        assert_double_rel(x->value, round(x->value), 0);
        assert_true(x->value >= 1 && x->value <= 30 && x->value != 4);
    }
    tc_results_free(r);
}

/* results.json: the decision block, the flips and the holds. */
static void json_keys(void **state)
{
    fixture *f = *state;
    tc_results *r = analyzed(f);
    char *text = tc_results_json(r);
    assert_non_null(text);
    json_error_t e;
    json_t *doc = json_loads(text, 0, &e);
    assert_non_null(doc);
    json_t *d = json_object_get(doc, "decision");
    assert_string_equal(json_string_value(json_object_get(d, "winner")), "alpha");
    assert_string_equal(json_string_value(json_object_get(d, "runner_up")), "beta");
    assert_double_rel(json_real_value(json_object_get(d, "lcot_ratio")), 1.2, 1e-12);
    assert_double_rel(json_real_value(json_object_get(d, "npv_difference")), 84096 / 1.1, 1e-12);
    json_t *rob = json_object_get(doc, "robustness");
    assert_int_equal(json_array_size(rob), 8);
    json_t *last = json_array_get(rob, 7);
    assert_true(json_is_null(json_object_get(last, "change")));
    assert_string_equal(json_string_value(json_object_get(last, "platform")), "alpha");
    assert_string_equal(json_string_value(json_object_get(last, "winner_then")), "beta");
    for (size_t i = 0; i < 8; i++) {
        json_t *x = json_array_get(rob, i);
        if (strcmp(json_string_value(json_object_get(x, "key")), "demand.tokens_per_day") == 0)
            assert_true(json_is_null(json_object_get(x, "platform")));
    }
    json_t *h = json_object_get(doc, "holds");
    assert_int_equal(json_array_size(h), 16);
    assert_string_equal(json_string_value(json_array_get(h, 0)), "assumptions.discount_rate");
    json_decref(doc);
    free(text);
    tc_results_free(r);
}

/* tokcost eval's decision lines, exactly. */
static void terminal_lines(void **state)
{
    fixture *f = *state;
    tc_results *r = analyzed(f);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    tc_table_print_decision(m, r);
    fclose(m);
    assert_string_equal(buf,
        "\nDecision: alpha wins; the runner-up beta costs 20.0% more per token (LCOT 1.2000x, "
        "TCO NPV $76.5K more)\n"
        "What would change it (closest of 8 inputs that flip it; 16 hold):\n"
        "  Beta Cloud wins if utilization falls from 50% to 48.2%\n"
        "  Beta Cloud wins if Alpha Cloud's throughput falls 3.5%, to 965 tokens/s per GPU\n"
        "  Beta Cloud wins if demand rises 3.7%, to 1.04B tokens per day\n");
    free(buf);
    tc_results_free(r);
}

/* A runner-up at double or more reads as a multiple in the terminal too:
 * Beta's price 1.80 gives 1.2x (terminal_lines); its LCOT is its price
 * times the same GPU-hours, so 7.20 gives 1.2 * 7.2 / 1.8 = 4.8x. A claim
 * of $9.60 against the $2.00 computed is 4.8 times it. */
static void large_margin_lines(void **state)
{
    fixture *f = *state;
    f->p[1].pricing.gpu_hour = given(7.20);
    add_claim(f, 0, TC_CLAIM_COST_PER_GPU_HOUR, 9.6, 0.1);
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    tc_table_print_decision(m, r);
    fclose(m);
    const char *want = "\nDecision: alpha wins; the runner-up beta costs 4.8 times as much per "
                       "token (LCOT 4.8000x, TCO NPV ";
    assert_memory_equal(buf, want, strlen(want));
    assert_non_null(strstr(buf, "  - Alpha Cloud claims cost per GPU-hour of $9.60, 4.8 times "
                                "the $2.00 computed from its own figures\n"));
    free(buf);
    tc_results_free(r);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(decision_block), T(flips_by_hand), T(sentences), T(sentences_of_large_rises),
        T(caveat_lines),
        T(caveat_coverage_and_flat), T(no_runner_up), T(whole_years), T(json_keys),
        T(terminal_lines), T(large_margin_lines), T(value_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
