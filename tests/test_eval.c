/* tc_eval against figures computed by hand from METHOD.md. Scenarios are
 * built in C (the loader is tested on its own): every test fills a fixture
 * with the defaults of SCENARIO.md (scenario_fixture.h) and overrides what
 * it exercises. */
#include <stdlib.h>
#include <string.h>

#include "tc_test.h"
#include "tc_results.h"
#include "scenario_fixture.h"

#define REL 1e-9

static tc_results *eval_ok(const fixture *f)
{
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_non_null(r);
    return r;
}

/* ---- METHOD.md reference table ---- */

static void reference_fixture(fixture *f)
{
    scenario_defaults(f);
    f->s.utilization = given(1.0);
    f->s.pue = given(1.0);
    add_workload(f, "r1", "deepseek-r1", 1024, 1024, 1.0);
    tc_platform *h = add_platform(f, "h200", TC_PRICING_CLOUD);
    h->pricing.gpu_hour = given(1.41);
    h->peak_pflops = given(3.958);
    h->power_kw_per_gpu = given(1.73);
    single(f, 0, "deepseek-r1", 1024, 1024, 90);
    tc_platform *g = add_platform(f, "gb300", TC_PRICING_CLOUD);
    g->gpus_per_node = 72;
    g->pricing.gpu_hour = given(2.65);
    g->peak_pflops = given(15);
    g->power_kw_per_gpu = given(2.10);
    single(f, 1, "deepseek-r1", 1024, 1024, 6000);
    add_claim(f, 0, TC_CLAIM_COST_PER_M_TOKENS, 4.20, 0.01);
    add_claim(f, 0, TC_CLAIM_TOKENS_PER_S_PER_MW, 54000, 1);
    add_claim(f, 1, TC_CLAIM_COST_PER_M_TOKENS, 0.12, 0.01);
    add_claim(f, 1, TC_CLAIM_TOKENS_PER_S_PER_MW, 2.8e6, 1e5);
}

static void test_reference_table(void **state)
{
    (void)state;
    fixture f;
    reference_fixture(&f);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *h = &r->platforms[0], *g = &r->platforms[1];
    assert_double_rel(h->cost_per_gpu_hour, 1.41, REL);
    assert_double_rel(g->cost_per_gpu_hour, 2.65, REL);
    assert_double_rel(h->pflops_per_dollar_hour, 3.958 / 1.41, REL);
    assert_double_rel(g->pflops_per_dollar_hour, 15 / 2.65, REL);
    assert_double_rel(h->tokens_per_s_per_mw, 90 / 1.73 * 1000, REL);
    assert_double_rel(g->tokens_per_s_per_mw, 6000 / 2.10 * 1000, REL);
    assert_double_rel(h->cost_per_m_tokens, 1.41 / (90 * 3600.0) * 1e6, REL);
    assert_double_rel(g->cost_per_m_tokens, 2.65 / (6000 * 3600.0) * 1e6, REL);
    assert_double_rel(h->workloads[0].cost_per_m_tokens, 4.351851851851852, REL);
    assert_int_equal(h->workloads[0].how, TC_TPUT_SINGLE);
    /* 4.20 vs 4.3519: neither 420 == 435 at 0.01 nor within 1%: -3.49% */
    assert_false(h->claims[0].consistent);
    assert_double_rel(h->claims[0].computed, 4.351851851851852, REL);
    assert_double_rel(h->claims[0].deviation, -0.034893617021276, 1e-9);
    /* 54000 vs 52023.12: +3.8% */
    assert_false(h->claims[1].consistent);
    assert_double_rel(h->claims[1].deviation, 0.038, 1e-9);
    /* 0.12 vs 0.12269: round(12.27) == 12 at the stated 0.01 */
    assert_true(g->claims[0].consistent);
    assert_double_rel(g->claims[0].deviation, -0.021886792452830, 1e-9);
    /* 2.8e6 vs 2.857e6: 28 != 29 at 1e5 and 2.0% off */
    assert_false(g->claims[1].consistent);
    assert_double_rel(g->claims[1].deviation, -0.02, 1e-9);
    assert_int_equal(r->baseline, 0);
    assert_int_equal(r->n_ranking, 2);
    assert_int_equal(r->ranking[0], 1);
    assert_int_equal(r->ranking[1], 0);
    assert_int_equal(r->n_warnings, 0);
    tc_results_free(r);
}

static void test_claim_not_computable(void **state)
{
    (void)state;
    fixture f;
    reference_fixture(&f);
    f.p[0].peak_pflops = dflt(0);
    f.p[0].n_claims = 0;
    add_claim(&f, 0, TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR, 2.8, 0.1);
    add_claim(&f, 0, TC_CLAIM_COST_PER_GPU_HOUR, 1.4, 0.1);
    tc_results *r = eval_ok(&f);
    const tc_claim_result *c = r->platforms[0].claims;
    assert_true(isnan(r->platforms[0].pflops_per_dollar_hour));
    assert_true(isnan(c[0].computed));
    assert_true(isnan(c[0].deviation));
    assert_false(c[0].consistent);
    assert_true(c[1].consistent);           /* 1.41 at 0.1 is 1.4 */
    tc_results_free(r);
}

/* ---- owned: six years with growth, a refresh and residual credits ---- */

/*
 * Owned fixture: gpus_per_node 4, node price 100,000 + network 20,000 = 120,000,
 * L = 4, R = 0.10, m = 0.05, sw = 1,000/GPU-year, kW 1.0, PUE 1.25, idle 0.4,
 * u = 0.5 (load factor 0.5 + 0.5*0.4 = 0.7), p = 0.10 escalating 5%/yr,
 * f = 10/kW-month, r = 0.08, other 5,000/yr, one_time 20,000, H = 6.
 * Throughput 1,000 tok/s/GPU (one point, no SLO), software uplift 10%/yr;
 * demand 1e9 tokens/day growing 30%/yr.
 * A node delivers 4 * 1000 * 0.5 * 86400 = 172.8e6 tokens/day in year 1.
 *
 * nodes needed x_y = D_y / (172.8e6 * 1.1^(y-1)):
 *  y1 1e9      / 172.8e6     = 5.787  -> 6
 *  y2 1.3e9    / 190.08e6    = 6.839  -> 7
 *  y3 1.69e9   / 209.088e6   = 8.083  -> 9
 *  y4 2.197e9  / 229.9968e6  = 9.552  -> 10
 *  y5 2.8561e9 / 252.99648e6 = 11.289 -> 12
 *  y6 3.71293e9/ 278.296128e6= 13.342 -> 14
 * cohorts (bought in b, in service b..b+3):
 *  y1 alive 0             bought 6  installed 6
 *  y2 alive 6             bought 1  installed 7
 *  y3 alive 6+1 = 7       bought 2  installed 9
 *  y4 alive 6+1+2 = 9     bought 1  installed 10   cohort 1 retires at end: credit 0.1*720,000 = 72,000
 *  y5 alive 1+2+1 = 4     bought 8  installed 12   cohort 2 retires at end: credit 0.1*120,000 = 12,000
 *  y6 alive 2+1+8 = 11    bought 3  installed 14
 *  end of y6 book values: c3 (240,000, age 4): 24,000; c4 (120,000, age 3):
 *  120,000 - 108,000*3/4 = 39,000; c5 (960,000, age 2): 960,000 - 864,000/2 =
 *  528,000; c6 (360,000, age 1): 360,000 - 324,000/4 = 279,000 -> credit 870,000
 * capex: y1 6*120,000 + 20,000 = 740,000; y2 120,000; y3 240,000; y4 120,000;
 *        y5 960,000; y6 360,000
 * energy = GPUs * 1.0 * 1.25 * 0.7 * 0.10 * 8760 * 1.05^(y-1) = GPUs * 766.5 * 1.05^(y-1):
 *  y1 24*766.5 = 18,396; y2 28*766.5*1.05 = 22,535.1; y3 36*766.5*1.1025 = 30,422.385;
 *  y4 40*766.5*1.157625 = 35,492.7825; y5 48*766.5*1.21550625 = 44,720.90595;
 *  y6 56*766.5*1.2762815625 = 54,783.10978875
 * facility = GPUs * 1.0 * 10 * 12: 2,880; 3,360; 4,320; 4,800; 5,760; 6,720
 * maintenance = 0.05 * nodes * 120,000 = 6,000/node: 36,000; 42,000; 54,000; 60,000; 72,000; 84,000
 * software = 1,000 * GPUs: 24,000; 28,000; 36,000; 40,000; 48,000; 56,000
 * opex (with other 5,000): 86,276; 100,895.1; 129,742.385; 145,292.7825;
 *        175,480.90595; 206,503.10978875
 * depreciation = nodes * 120,000 * 0.9 / 4 = 27,000/node:
 *        162,000; 189,000; 243,000; 270,000; 324,000; 378,000
 * NPV terms capex/1.08^(y-1) + (opex - credit)/1.08^y:
 *  y1 740,000 + 86,276/1.08 = 819,885.1852
 *  y2 120,000/1.08 + 100,895.1/1.08^2 = 197,612.3971
 *  y3 240,000/1.08^2 + 129,742.385/1.08^3 = 308,755.0051
 *  y4 120,000/1.08^3 + (145,292.7825 - 72,000)/1.08^4 = 149,132.2521
 *  y5 960,000/1.08^4 + (175,480.90595 - 12,000)/1.08^5 = 816,891.0163
 *  y6 360,000/1.08^5 + (206,503.10978875 - 870,000)/1.08^6 = -173,105.6368
 *  tco_npv = 2,119,170.21897089
 * tokens 365*D_y/1.08^y: 337,962,962,963.0; 406,807,270,233.2; 489,675,417,873.3;
 *  589,424,114,106.7; 709,491,989,202.6; 854,018,135,151.2 -> 3,387,379,889,529.97
 * LCOT = 2,119,170.21897089 / 3,387,379,889,529.97 * 1e6 = 0.625607486636211
 * tco_nominal = capex 2,560,000 + opex 844,190.28323875 - credits 954,000 = 2,430,190.28323875
 * payback at 1.00/M: revenue 365*D_y/1e6 = 365,000; 474,500; 616,850
 *  y1 S = -740,000       E = -740,000 + 365,000 - 86,276 = -461,276
 *  y2 S = -581,276       E = -581,276 + 474,500 - 100,895.1 = -207,671.1
 *  y3 S = -447,671.1     E = -447,671.1 + 616,850 - 129,742.385 = 39,436.515
 *  -> 2 + 447,671.1 / 487,107.615 = 2.919 years = 35.03 months -> 36 -> 3.0
 */
static void owned_fixture(fixture *f)
{
    scenario_defaults(f);
    tc_scenario *s = &f->s;
    s->horizon_years = 6;
    s->utilization = given(0.5);
    s->pue = given(1.25);
    s->price_per_kwh = given(0.10);
    s->escalation = given(0.05);
    s->facility_per_kw_month = given(10);
    s->discount_rate = given(0.08);
    s->growth = given(0.30);
    add_workload(f, "chat", "m", 1000, 1000, 1.0);
    tc_platform *p = add_platform(f, "own", TC_PRICING_OWNED);
    p->gpus_per_node = 4;
    p->idle_power_fraction = given(0.4);
    p->software_uplift = given(0.10);
    p->pricing.capex_per_node = given(100000);
    p->pricing.network_capex_per_node = given(20000);
    p->pricing.residual_value = given(0.10);
    p->pricing.maintenance_rate = given(0.05);
    p->pricing.software_per_gpu_year = given(1000);
    p->pricing.other_per_year = given(5000);
    p->pricing.one_time = given(20000);
    single(f, 0, "m", 1000, 1000, 1000);
}

static void test_owned_six_years(void **state)
{
    (void)state;
    fixture f;
    owned_fixture(&f);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    const tc_year *y = pr->years;
    static const double nodes[] = { 6, 7, 9, 10, 12, 14 };
    static const double bought[] = { 6, 1, 2, 1, 8, 3 };
    static const double capex[] = { 740000, 120000, 240000, 120000, 960000, 360000 };
    static const double credit[] = { 0, 0, 0, 72000, 12000, 870000 };
    static const double energy[] = { 18396, 22535.1, 30422.385, 35492.7825, 44720.90595,
                                     54783.10978875 };
    static const double opex[] = { 86276, 100895.1, 129742.385, 145292.7825, 175480.90595,
                                   206503.10978875 };
    for (int k = 0; k < 6; k++) {
        assert_int_equal(y[k].year, k + 1);
        assert_double_rel(y[k].nodes, nodes[k], REL);
        assert_double_rel(y[k].nodes_installed, nodes[k], REL);
        assert_double_rel(y[k].gpus_installed, 4 * nodes[k], REL);
        assert_double_rel(y[k].nodes_bought, bought[k], REL);
        assert_double_rel(y[k].capex, capex[k], REL);
        assert_double_rel(y[k].credit, credit[k], REL);
        assert_double_rel(y[k].energy, energy[k], REL);
        assert_double_rel(y[k].facility, 480 * nodes[k], REL);
        assert_double_rel(y[k].maintenance, 6000 * nodes[k], REL);
        assert_double_rel(y[k].software, 4000 * nodes[k], REL);
        assert_double_rel(y[k].other, 5000, REL);
        assert_double_rel(y[k].rent, 0, REL);
        assert_double_rel(y[k].opex, opex[k], REL);
        assert_double_rel(y[k].cash, capex[k] + opex[k] - credit[k], REL);
        assert_double_rel(y[k].depreciation, 27000 * nodes[k], REL);
        assert_double_rel(y[k].pnl_cost, 27000 * nodes[k] + opex[k] + (k == 0 ? 20000 : 0), REL);
        assert_double_rel(y[k].facility_mw, 4 * nodes[k] * 1.25 / 1000, REL);
        assert_true(isnan(y[k].revenue));
    }
    assert_double_rel(y[5].df_start, 1 / pow(1.08, 5), REL);
    assert_double_rel(y[5].df_end, 1 / pow(1.08, 6), REL);
    assert_double_rel(pr->tco_nominal, 2430190.28323875, REL);
    assert_double_rel(pr->tco_npv, 2119170.21897089, REL);
    assert_double_rel(pr->npv_tokens, 3387379889529.97, 1e-12);
    assert_double_rel(pr->levelized_cost_per_m_tokens, 0.625607486636211, REL);
    assert_double_rel(pr->pnl_total, 2430190.28323875, REL);
    assert_true(isnan(pr->payback_years));
    assert_true(isnan(pr->margin_total));
    assert_int_equal(pr->site_fits, -1);
    assert_double_rel(pr->peak_facility_mw, 0.07, REL);
    tc_results_free(r);
}

static void test_owned_payback(void **state)
{
    (void)state;
    fixture f;
    owned_fixture(&f);
    f.s.token_price_per_m = given(1.0);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_double_rel(pr->years[0].revenue, 365000, REL);
    assert_double_rel(pr->years[0].gross_margin, 365000 - 268276.0, REL);
    assert_double_rel(pr->payback_years, 3.0, REL);
    tc_results_free(r);
}

/*
 * C = 120,000 / 4 = 30,000 per GPU; (1.08)^4 = 1.36048896;
 * CRF = 0.08 * 1.36048896 / 0.36048896 = 0.301920804454039
 * capital = ((30,000 - 3,000/1.36048896) * CRF + 1,500 + 1,000) / 8760
 *         = (27,794.90994 * 0.301920804 + 2,500) / 8760 = 1.243363210075235
 * energy_h = 1.0 * 1.25 * 0.7 * 0.10 = 0.0875; facility_h = 10 * 12 / 8760
 * r = 0: CRF = 1/4; capital = (27,000/4 + 2,500) / 8760 = 9,250 / 8760
 */
static void test_owned_cost_per_gpu_hour(void **state)
{
    (void)state;
    fixture f;
    owned_fixture(&f);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_double_rel(pr->crf, 0.301920804454039, 1e-12);
    assert_double_rel(pr->capital_per_gpu_hour, 1.243363210075235, REL);
    assert_double_rel(pr->energy_per_gpu_hour, 0.0875, REL);
    assert_double_rel(pr->facility_per_gpu_hour, 120.0 / 8760, REL);
    assert_double_rel(pr->cost_per_gpu_hour, 1.243363210075235 + 0.0875 + 120.0 / 8760, REL);
    /* year-1 cost per M: c_h / (1000 * 0.5 * 3600) * 1e6 */
    assert_double_rel(pr->cost_per_m_tokens, pr->cost_per_gpu_hour / 1.8, REL);
    tc_results_free(r);

    f.s.discount_rate = given(0);
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].crf, 0.25, REL);
    assert_double_rel(r->platforms[0].capital_per_gpu_hour, 9250.0 / 8760, REL);
    /* r = 0: df = 1, NPV = nominal */
    assert_double_rel(r->platforms[0].tco_npv, 2430190.28323875, REL);
    tc_results_free(r);
}

/*
 * growth 0, uplift 50%/yr, L = 2, H = 4, R = 0: needed 5.787 -> 6; 3.858 -> 4;
 * 2.572 -> 3; 1.715 -> 2. y1 buys 6; y2 keeps 6 (installed > needed);
 * y3 cohort 1 retired: buys 3; y4 keeps 3 (needs 2).
 */
static void test_installed_never_shrinks(void **state)
{
    (void)state;
    fixture f;
    owned_fixture(&f);
    f.s.horizon_years = 4;
    f.s.growth = given(0);
    f.p[0].software_uplift = given(0.5);
    f.p[0].pricing.amortization_years = 2;
    f.p[0].pricing.residual_value = given(0);
    tc_results *r = eval_ok(&f);
    const tc_year *y = r->platforms[0].years;
    static const double needed[] = { 6, 4, 3, 2 }, inst[] = { 6, 6, 3, 3 }, buy[] = { 6, 0, 3, 0 };
    for (int k = 0; k < 4; k++) {
        assert_double_rel(y[k].nodes, needed[k], REL);
        assert_double_rel(y[k].nodes_installed, inst[k], REL);
        assert_double_rel(y[k].nodes_bought, buy[k], REL);
        assert_double_rel(y[k].maintenance, 6000 * inst[k], REL);
    }
    /* end of y4: cohort 3 (360,000, age 2 of 2, R = 0) is worth 0 */
    assert_double_rel(y[3].credit, 0, REL);
    assert_double_rel(y[2].capex, 360000, REL);
    tc_results_free(r);
}

/* 8 GPUs * 90 tok/s * 0.7 * 86400 = 43,545,600 tokens/day per node: 435,456,000
 * is exactly 10 nodes, computed as 10.000000000000002 in doubles; 10 it stays. */
static void test_nodes_ignore_floating_noise(void **state)
{
    (void)state;
    fixture f;
    scenario_defaults(&f);
    f.s.tokens_per_day = given(435456000);
    add_workload(&f, "chat", "m", 1000, 1000, 1.0);
    add_platform(&f, "h200", TC_PRICING_CLOUD)->pricing.gpu_hour = given(1.41);
    single(&f, 0, "m", 1000, 1000, 90);
    tc_results *r = eval_ok(&f);
    assert_double_rel(r->platforms[0].years[0].nodes, 10, REL);
    assert_double_rel(r->platforms[0].years[0].gpus, 80, REL);
    tc_results_free(r);
    /* 152.24 kW / 1.73 kW / 8 is exactly 11 nodes, computed as 10.999999999999998 */
    f.s.pue = given(1.0);
    f.p[0].power_kw_per_gpu = given(1.73);
    f.s.site_power_mw = given(0.15224);
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].site_max_tokens_per_day, 88 * 90 * 0.7 * 86400.0, REL);
    assert_int_equal(r->platforms[0].site_fits, 1);     /* 80 GPUs: 0.1384 MW */
    tc_results_free(r);
}

/* ---- site ---- */

static void test_site_power(void **state)
{
    (void)state;
    fixture f;
    owned_fixture(&f);
    /* facility MW = GPUs * 1.0 * 1.25 / 1000: y5 48 GPUs 0.06, y6 56 GPUs 0.07 */
    f.s.site_power_mw = given(0.065);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_int_equal(pr->site_fits, 0);
    assert_int_equal(pr->site_first_year_over, 6);
    assert_double_rel(pr->peak_facility_mw, 0.07, REL);
    /* 65 kW / 1.25 = 52 GPUs = 13 nodes; 52 * 1000 * 0.5 * 86400 */
    assert_double_rel(pr->site_max_tokens_per_day, 2.2464e9, REL);
    tc_results_free(r);

    f.s.site_power_mw = given(1.0);
    r = eval_ok(&f);
    assert_int_equal(r->platforms[0].site_fits, 1);
    assert_int_equal(r->platforms[0].site_first_year_over, 0);
    tc_results_free(r);
}

/* ---- cloud with power billed separately ---- */

/*
 * gpu_hour 2.00 (+10%/yr), kW 1.2, PUE 1.3, idle 0.5, u 0.6 (load 0.8), p 0.10 (+5%/yr),
 * f 100: energy_h = 1.2*1.3*0.8*0.10 = 0.1248; facility_h = 1.2*100*12/8760 = 1440/8760.
 * A node of 8 delivers 8*1000*0.6*86400 = 414.72e6 tokens/day: 1e9 needs 2.411 -> 3 nodes, 24 GPUs.
 * y1 rent 24*8760*2 = 420,480; energy 24*0.1248*8760 = 26,237.952; facility 24*1.2*100*12 = 34,560
 * y2 rent 420,480*1.1 = 462,528; energy 26,237.952*1.05 = 27,549.8496; facility 34,560
 */
static void test_cloud_without_power(void **state)
{
    (void)state;
    fixture f;
    scenario_defaults(&f);
    f.s.horizon_years = 2;
    f.s.utilization = given(0.6);
    f.s.escalation = given(0.05);
    f.s.facility_per_kw_month = given(100);
    add_workload(&f, "chat", "m", 1000, 1000, 1.0);
    tc_platform *p = add_platform(&f, "cloud", TC_PRICING_CLOUD);
    p->power_kw_per_gpu = given(1.2);
    p->idle_power_fraction = given(0.5);
    p->pricing.gpu_hour = given(2.0);
    p->pricing.annual_change = given(0.1);
    p->pricing.includes_power = 0;
    single(&f, 0, "m", 1000, 1000, 1000);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    double ch = 2.0 + 0.1248 + 1440.0 / 8760;
    assert_double_rel(pr->energy_per_gpu_hour, 0.1248, REL);
    assert_double_rel(pr->facility_per_gpu_hour, 1440.0 / 8760, REL);
    assert_double_rel(pr->capital_per_gpu_hour, 2.0, REL);
    assert_double_rel(pr->cost_per_gpu_hour, ch, REL);
    assert_true(isnan(pr->crf));
    assert_double_rel(pr->cost_per_m_tokens, ch / (1000 * 0.6 * 3600) * 1e6, REL);
    assert_double_rel(pr->tokens_per_s_per_mw, 1000 / (1.2 * 1.3) * 1000, REL);
    const tc_year *y = pr->years;
    assert_double_rel(y[0].gpus, 24, REL);
    assert_true(isnan(y[0].nodes_bought));
    assert_double_rel(y[0].rent, 420480, REL);
    assert_double_rel(y[0].energy, 26237.952, REL);
    assert_double_rel(y[0].facility, 34560, REL);
    assert_double_rel(y[1].rent, 462528, REL);
    assert_double_rel(y[1].energy, 27549.8496, REL);
    assert_double_rel(y[1].facility, 34560, REL);
    assert_double_rel(y[1].opex, 462528 + 27549.8496 + 34560, REL);
    assert_double_rel(y[0].capex, 0, REL);
    assert_double_rel(y[0].depreciation, 0, REL);
    assert_double_rel(y[0].facility_mw, 24 * 1.2 * 1.3 / 1000, REL);
    tc_results_free(r);

    /* included power: the price is the whole cost */
    f.p[0].pricing.includes_power = 1;
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].cost_per_gpu_hour, 2.0, REL);
    assert_double_rel(r->platforms[0].energy_per_gpu_hour, 0, REL);
    assert_double_rel(r->platforms[0].years[1].energy, 0, REL);
    assert_double_rel(r->platforms[0].years[1].opex, 462528, REL);
    tc_results_free(r);
}

/* ---- api ---- */

/*
 * isl 3000, osl 1000, input 0.55/M, output 2.19/M: one request costs
 * 3000*0.55 + 1000*2.19 = 3840 per million requests' tokens;
 * output basis 3840/1000 = 3.84 per M; total basis 3840/4000 = 0.96 per M.
 * demand 1e9 growing 10%, price -20%/yr:
 * output: y1 365*1e9*3.84/1e6 = 1,401,600; y2 365*1.1e9*3.84e-6*0.8 = 1,233,408;
 *         y3 365*1.21e9*3.84e-6*0.64 = 1,085,399.04
 */
static void api_fixture(fixture *f)
{
    scenario_defaults(f);
    f->s.horizon_years = 3;
    f->s.growth = given(0.1);
    f->s.site_power_mw = given(10);
    add_workload(f, "rag", "m", 3000, 1000, 1.0);
    tc_platform *p = add_platform(f, "api", TC_PRICING_API);
    p->pricing.input_per_m = given(0.55);
    p->pricing.output_per_m = given(2.19);
    p->pricing.annual_change = given(-0.2);
    p->pricing.other_per_year = given(1000);
}

static void test_api_output_basis(void **state)
{
    (void)state;
    fixture f;
    api_fixture(&f);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_true(pr->covered);
    assert_int_equal(pr->workloads[0].how, TC_TPUT_API);
    assert_double_rel(pr->workloads[0].cost_per_m_tokens, 3.84, REL);
    assert_double_rel(pr->cost_per_m_tokens, 3.84, REL);
    assert_true(isnan(pr->cost_per_gpu_hour));
    assert_true(isnan(pr->tokens_per_s_per_gpu));
    assert_true(isnan(pr->tokens_per_s_per_mw));
    assert_true(isnan(pr->pflops_per_dollar_hour));
    assert_true(isnan(pr->peak_facility_mw));
    assert_true(isnan(pr->site_max_tokens_per_day));
    assert_int_equal(pr->site_fits, -1);
    const tc_year *y = pr->years;
    assert_double_rel(y[0].api, 1401600, REL);
    assert_double_rel(y[1].api, 1233408, REL);
    assert_double_rel(y[2].api, 1085399.04, REL);
    assert_double_rel(y[2].opex, 1086399.04, REL);
    assert_true(isnan(y[0].gpus));
    assert_true(isnan(y[0].facility_mw));
    tc_results_free(r);
}

static void test_api_total_basis(void **state)
{
    (void)state;
    fixture f;
    api_fixture(&f);
    f.s.token_basis = TC_BASIS_TOTAL;
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_double_rel(pr->cost_per_m_tokens, 0.96, REL);
    assert_double_rel(pr->years[0].api, 350400, REL);
    assert_double_rel(pr->years[1].api, 308352, REL);
    assert_double_rel(pr->years[2].api, 271349.76, REL);
    tc_results_free(r);
}

/* ---- throughput at the SLO ---- */

/* GB300-like curve written out of order: (50, 6000), (20, 9000), (100, 2500). */
static const double curve_x[] = { 50, 20, 100 }, curve_y[] = { 6000, 9000, 2500 };

static const tc_wl_result *at_slo(fixture *f, double slo, tc_results **r)
{
    scenario_defaults(f);
    tc_workload *w = add_workload(f, "chat", "m", 1024, 1024, 1.0);
    if (!isnan(slo))
        w->min_interactivity = given(slo);
    tc_platform *p = add_platform(f, "gb", TC_PRICING_CLOUD);
    p->pricing.gpu_hour = given(2.65);
    add_perf(f, 0, "m", 1024, 1024, TC_BASIS_OUTPUT, curve_x, curve_y, 3);
    *r = eval_ok(f);
    return &(*r)->platforms[0].workloads[0];
}

static void test_slo_below_points(void **state)
{
    (void)state;
    fixture f;
    tc_results *r;
    const tc_wl_result *w = at_slo(&f, 10, &r);
    assert_true(w->covered);
    assert_int_equal(w->how, TC_TPUT_FLAT);
    assert_int_equal(w->perf_index, 0);
    assert_double_rel(w->tokens_per_s_per_gpu, 9000, REL);
    assert_double_rel(w->x_lo, 20, REL);
    assert_double_rel(w->x_hi, 20, REL);
    assert_double_rel(w->y_hi, 9000, REL);
    tc_results_free(r);
}

static void test_slo_between_points(void **state)
{
    (void)state;
    fixture f;
    tc_results *r;
    /* 9000 + (6000 - 9000) * (35 - 20) / (50 - 20) = 7500 */
    const tc_wl_result *w = at_slo(&f, 35, &r);
    assert_int_equal(w->how, TC_TPUT_INTERP);
    assert_double_rel(w->tokens_per_s_per_gpu, 7500, REL);
    assert_double_rel(w->x_lo, 20, REL);
    assert_double_rel(w->y_lo, 9000, REL);
    assert_double_rel(w->x_hi, 50, REL);
    assert_double_rel(w->y_hi, 6000, REL);
    assert_double_rel(r->platforms[0].cost_per_m_tokens, 2.65 / (7500 * 0.7 * 3600) * 1e6, REL);
    tc_results_free(r);
    /* 6000 + (2500 - 6000) * (75 - 50) / 50 = 4250 */
    w = at_slo(&f, 75, &r);
    assert_double_rel(w->tokens_per_s_per_gpu, 4250, REL);
    tc_results_free(r);
    /* exactly on a point, and on the largest one */
    w = at_slo(&f, 50, &r);
    assert_double_rel(w->tokens_per_s_per_gpu, 6000, REL);
    tc_results_free(r);
    w = at_slo(&f, 100, &r);
    assert_true(w->covered);
    assert_double_rel(w->tokens_per_s_per_gpu, 2500, REL);
    assert_double_rel(w->x_hi, 100, REL);
    tc_results_free(r);
}

static void test_slo_above_points(void **state)
{
    (void)state;
    fixture f;
    tc_results *r;
    const tc_wl_result *w = at_slo(&f, 101, &r);
    assert_false(w->covered);
    assert_int_equal(w->how, TC_TPUT_NONE);
    assert_string_equal(w->reason, "slo above the highest measured interactivity");
    assert_true(isnan(w->tokens_per_s_per_gpu));
    assert_true(isnan(w->cost_per_m_tokens));
    assert_int_equal(r->n_warnings, 2);
    assert_string_equal(r->warnings[0], "platform gb does not cover workload chat: "
                                        "slo above the highest measured interactivity");
    assert_string_equal(r->warnings[1], "baseline platform gb does not cover every workload");
    tc_results_free(r);
}

static void test_no_slo_takes_largest(void **state)
{
    (void)state;
    fixture f;
    tc_results *r;
    const tc_wl_result *w = at_slo(&f, NAN, &r);
    assert_int_equal(w->how, TC_TPUT_MAX);
    assert_double_rel(w->tokens_per_s_per_gpu, 9000, REL);
    assert_double_rel(w->x_lo, 20, REL);
    tc_results_free(r);
}

static void test_one_point_with_slo_warns(void **state)
{
    (void)state;
    fixture f;
    scenario_defaults(&f);
    tc_workload *w = add_workload(&f, "chat", "m", 1024, 1024, 1.0);
    w->min_interactivity = given(50);
    add_platform(&f, "h200", TC_PRICING_CLOUD)->pricing.gpu_hour = given(1.41);
    single(&f, 0, "m", 1024, 1024, 90);
    tc_results *r = eval_ok(&f);
    const tc_wl_result *wr = &r->platforms[0].workloads[0];
    assert_true(wr->covered);
    assert_int_equal(wr->how, TC_TPUT_SINGLE);
    assert_double_rel(wr->tokens_per_s_per_gpu, 90, REL);
    assert_int_equal(r->n_warnings, 1);
    assert_string_equal(r->warnings[0], "platform h200: throughput given without "
                                        "interactivity; slo of workload chat not checked");
    tc_results_free(r);
}

static void test_total_basis_conversion(void **state)
{
    (void)state;
    fixture f;
    tc_results *r;
    /* output-basis entry on a total-basis scenario: 7500 * (1024 + 1024) / 1024 */
    scenario_defaults(&f);
    f.s.token_basis = TC_BASIS_TOTAL;
    add_workload(&f, "chat", "m", 1024, 1024, 1.0)->min_interactivity = given(35);
    add_platform(&f, "gb", TC_PRICING_CLOUD)->pricing.gpu_hour = given(2.65);
    add_perf(&f, 0, "m", 1024, 1024, TC_BASIS_OUTPUT, curve_x, curve_y, 3);
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].workloads[0].tokens_per_s_per_gpu, 15000, REL);
    assert_double_rel(r->platforms[0].workloads[0].y_lo, 18000, REL);
    tc_results_free(r);
    /* total-basis entry on an output-basis scenario: 8000 * 1000 / (3000 + 1000) */
    scenario_defaults(&f);
    add_workload(&f, "rag", "m", 3000, 1000, 1.0);
    add_platform(&f, "gb", TC_PRICING_CLOUD)->pricing.gpu_hour = given(2.65);
    single(&f, 0, "m", 3000, 1000, 8000);
    f.perf[0][0].basis = TC_BASIS_TOTAL;
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].tokens_per_s_per_gpu, 2000, REL);
    tc_results_free(r);
}

/* shares 0.25 / 0.75 at 1000 and 3000 tok/s: T = 1 / (0.00025 + 0.00025) = 2000;
 * gpu_hour 3.6, u 1: costs 1.0 and 1/3 per M, mix 0.25 + 0.25 = 0.5 = 3.6/(2000*3600)*1e6 */
static void test_mix(void **state)
{
    (void)state;
    fixture f;
    scenario_defaults(&f);
    f.s.utilization = given(1.0);
    add_workload(&f, "a", "m", 1000, 1000, 0.25);
    add_workload(&f, "b", "m", 100, 1000, 0.75);
    add_platform(&f, "c", TC_PRICING_CLOUD)->pricing.gpu_hour = given(3.6);
    static tc_perf two[2];
    static tc_point pa = { .throughput = { .value = 1000, .given = 1 } };
    static tc_point pb = { .throughput = { .value = 3000, .given = 1 } };
    two[0] = (tc_perf){ .model = "m", .isl = 1000, .osl = 1000, .points = &pa, .n_points = 1 };
    two[1] = (tc_perf){ .model = "m", .isl = 100, .osl = 1000, .points = &pb, .n_points = 1 };
    f.p[0].perf = two;
    f.p[0].n_perf = 2;
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_int_equal(pr->workloads[1].perf_index, 1);
    assert_double_rel(pr->workloads[0].cost_per_m_tokens, 1.0, REL);
    assert_double_rel(pr->workloads[1].cost_per_m_tokens, 1.0 / 3, REL);
    assert_double_rel(pr->tokens_per_s_per_gpu, 2000, REL);
    assert_double_rel(pr->cost_per_m_tokens, 0.5, REL);
    tc_results_free(r);
}

/* ---- coverage, ranking, baseline ---- */

static void ranking_fixture(fixture *f)
{
    scenario_defaults(f);
    add_workload(f, "chat", "m", 1000, 1000, 1.0);
    static const double price[] = { 3.0, 1.0, 3.0, 0.5 };
    char *ids[] = { "a", "b", "c", "d" };
    for (size_t i = 0; i < 4; i++) {
        add_platform(f, ids[i], TC_PRICING_CLOUD)->pricing.gpu_hour = given(price[i]);
        single(f, i, i == 3 ? "other-model" : "m", 1000, 1000, 1000);
    }
}

static void test_not_covered(void **state)
{
    (void)state;
    fixture f;
    ranking_fixture(&f);
    f.s.baseline = "d";
    tc_results *r = eval_ok(&f);
    const tc_platform_result *d = &r->platforms[3];
    assert_int_equal(r->baseline, 3);
    assert_false(d->covered);
    assert_false(d->workloads[0].covered);
    assert_int_equal(d->workloads[0].perf_index, -1);
    assert_string_equal(d->workloads[0].reason,
                        "no performance data for this model and sequence lengths");
    assert_null(d->years);
    assert_double_rel(d->cost_per_gpu_hour, 0.5, REL);
    assert_true(isnan(d->tokens_per_s_per_gpu));
    assert_true(isnan(d->tokens_per_s_per_mw));
    assert_true(isnan(d->cost_per_m_tokens));
    assert_true(isnan(d->tco_npv));
    assert_true(isnan(d->tco_nominal));
    assert_true(isnan(d->levelized_cost_per_m_tokens));
    assert_int_equal(d->site_fits, -1);
    assert_int_equal(r->n_warnings, 2);
    assert_string_equal(r->warnings[0], "platform d does not cover workload chat: "
                                        "no performance data for this model and sequence lengths");
    assert_string_equal(r->warnings[1], "baseline platform d does not cover every workload");
    tc_results_free(r);
}

static void test_ranking(void **state)
{
    (void)state;
    fixture f;
    ranking_fixture(&f);
    f.s.baseline = "c";
    tc_results *r = eval_ok(&f);
    assert_int_equal(r->baseline, 2);
    assert_int_equal(r->n_ranking, 3);
    assert_int_equal(r->ranking[0], 1);     /* b: 1.0 */
    assert_int_equal(r->ranking[1], 0);     /* a: 3.0, tie with c broken by index */
    assert_int_equal(r->ranking[2], 2);
    assert_double_rel(r->platforms[0].levelized_cost_per_m_tokens,
                      3 * r->platforms[1].levelized_cost_per_m_tokens, REL);
    tc_results_free(r);
}

/* ---- payback (cloud) ---- */

/*
 * 1 GPU per node, 1000 tok/s, u 1: 86.4e6 tokens/day per GPU; demand 864e6 -> 10 GPUs
 * (exactly 10: the ceil must not make it 11). rent 10*8760*1.00 = 87,600/yr;
 * revenue at 0.50/M: 365*864e6*0.5/1e6 = 157,680/yr; one_time 100,000.
 * y1 S = -100,000, E = -100,000 + 157,680 - 87,600 = -29,920
 * y2 S = -29,920,  E = 40,160 -> 1 + 29,920/70,080 = 1.427 yr = 17.1 months -> 18 -> 1.5
 * P&L y1: 87,600 + 100,000 one_time = 187,600, margin -29,920.
 */
static void payback_fixture(fixture *f, double price, double one_time)
{
    scenario_defaults(f);
    f->s.horizon_years = 3;
    f->s.utilization = given(1.0);
    f->s.tokens_per_day = given(864e6);
    f->s.token_price_per_m = given(price);
    add_workload(f, "chat", "m", 1000, 1000, 1.0);
    tc_platform *p = add_platform(f, "c", TC_PRICING_CLOUD);
    p->gpus_per_node = 1;
    p->pricing.gpu_hour = given(1.0);
    p->pricing.one_time = given(one_time);
    single(f, 0, "m", 1000, 1000, 1000);
}

static void test_payback(void **state)
{
    (void)state;
    fixture f;
    payback_fixture(&f, 0.5, 100000);
    tc_results *r = eval_ok(&f);
    const tc_platform_result *pr = &r->platforms[0];
    assert_double_rel(pr->years[0].gpus, 10, REL);
    assert_double_rel(pr->years[0].capex, 100000, REL);
    assert_double_rel(pr->years[0].revenue, 157680, REL);
    assert_double_rel(pr->years[0].pnl_cost, 187600, REL);
    assert_double_rel(pr->years[0].gross_margin, -29920, REL);
    assert_double_rel(pr->years[1].gross_margin, 70080, REL);
    assert_double_rel(pr->margin_total, -29920 + 2 * 70080.0, REL);
    assert_double_rel(pr->revenue_npv, 157680 / 1.08 + 157680 / pow(1.08, 2)
                                       + 157680 / pow(1.08, 3), REL);
    assert_double_rel(pr->payback_years, 1.5, REL);
    tc_results_free(r);

    payback_fixture(&f, 0.25, 100000);      /* revenue 78,840 < rent: never */
    r = eval_ok(&f);
    assert_true(isnan(r->platforms[0].payback_years));
    tc_results_free(r);

    payback_fixture(&f, 0.5, 0);            /* never negative */
    r = eval_ok(&f);
    assert_double_rel(r->platforms[0].payback_years, 0, REL);
    tc_results_free(r);
}

/* ---- API contract ---- */

static void test_invalid_and_free(void **state)
{
    (void)state;
    tc_results_free(NULL);
    fixture f;
    reference_fixture(&f);
    f.s.baseline = "nope";
    tc_results *r = (tc_results *)&f;       /* must be reset to NULL */
    assert_int_equal(tc_eval(&f.s, &r), TC_ERR_INVALID);
    assert_null(r);
    assert_int_equal(tc_eval(NULL, &r), TC_ERR_INVALID);
    f.s.baseline = NULL;
    f.s.horizon_years = 0;
    assert_int_equal(tc_eval(&f.s, &r), TC_ERR_INVALID);
    f.s.horizon_years = 5;
    f.p[1].gpus_per_node = 0;
    assert_int_equal(tc_eval(&f.s, &r), TC_ERR_INVALID);
    assert_null(r);
    f.p[1].gpus_per_node = 72;
    r = eval_ok(&f);
    assert_int_equal(tc_results_warn(r, "x %d %s", 42, "y"), TC_OK);
    assert_string_equal(r->warnings[r->n_warnings - 1], "x 42 y");
    tc_results_free(r);
}

/* Results assembled by hand (no arena) are freed array by array. */
static void test_free_hand_built(void **state)
{
    (void)state;
    fixture f;
    reference_fixture(&f);
    tc_results *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->scenario = &f.s;
    r->platforms = calloc(2, sizeof *r->platforms);
    r->platforms[0].years = calloc(5, sizeof(tc_year));
    r->ranking = calloc(2, sizeof(size_t));
    r->break_even = calloc(1, sizeof(tc_break_even));
    tc_results_free(r);     /* asan reports any leak */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_table),
        cmocka_unit_test(test_claim_not_computable),
        cmocka_unit_test(test_owned_six_years),
        cmocka_unit_test(test_owned_payback),
        cmocka_unit_test(test_owned_cost_per_gpu_hour),
        cmocka_unit_test(test_installed_never_shrinks),
        cmocka_unit_test(test_nodes_ignore_floating_noise),
        cmocka_unit_test(test_site_power),
        cmocka_unit_test(test_cloud_without_power),
        cmocka_unit_test(test_api_output_basis),
        cmocka_unit_test(test_api_total_basis),
        cmocka_unit_test(test_slo_below_points),
        cmocka_unit_test(test_slo_between_points),
        cmocka_unit_test(test_slo_above_points),
        cmocka_unit_test(test_no_slo_takes_largest),
        cmocka_unit_test(test_one_point_with_slo_warns),
        cmocka_unit_test(test_total_basis_conversion),
        cmocka_unit_test(test_mix),
        cmocka_unit_test(test_not_covered),
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_payback),
        cmocka_unit_test(test_invalid_and_free),
        cmocka_unit_test(test_free_hand_built),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
