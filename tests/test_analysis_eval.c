/* Sensitivity, break-even, Monte Carlo and tc_analyze on tc_eval, against
 * figures computed by hand from METHOD.md. The cloud platform's LCOT has a
 * closed form: nodes_y = ceil(D_y / 86400 / (T u) / 8), rent_y = 8 nodes_y
 * 8760 gpu_hour, LCOT = sum(rent_y df_y) / sum(365 D_y df_y) * 1e6. */
#include "tc_test.h"
#include <stdlib.h>
#include <string.h>
#include "analyze_text.h"

typedef struct {
    tc_scenario s;
    tc_workload w;
    tc_platform p[3];
    tc_perf perf[2];
    tc_point pt[2];
} fixture;

static tc_num num(double v, double lo, double hi)
{
    return (tc_num){.value = v, .lo = lo, .hi = hi, .given = 1};
}

static tc_platform *platform(fixture *f, char *id, tc_pricing_kind kind)
{
    tc_platform *p = &f->p[f->s.n_platforms++];
    *p = (tc_platform){.id = id, .name = id, .gpus_per_node = 8,
                       .power_kw_per_gpu = num(1.0, 0, 100),
                       .idle_power_fraction = num(1.0, 0, 1), .software_uplift = num(0, 0, 10)};
    p->pricing.kind = kind;
    p->pricing.includes_power = 1;
    p->pricing.amortization_years = 4;
    p->pricing.annual_change = num(0, -1, 10);
    p->pricing.residual_value = num(0, 0, 1);
    p->pricing.maintenance_rate = num(0, 0, 1);
    p->pricing.software_per_gpu_year = num(0, 0, 1e9);
    p->pricing.network_capex_per_node = num(0, 0, 1e12);
    p->pricing.other_per_year = num(0, 0, 1e12);
    p->pricing.one_time = num(0, 0, 1e12);
    return p;
}

static void perf(fixture *f, size_t k, tc_platform *p, double tput)
{
    f->pt[k] = (tc_point){.throughput = num(tput, 0, 1e9)};
    f->perf[k] = (tc_perf){.model = "m", .isl = 1000, .osl = 1000, .points = &f->pt[k],
                           .n_points = 1};
    p->perf = &f->perf[k];
    p->n_perf = 1;
}

/* Two years, r = 0.1, u = 0.5, 1e9 tokens/day growing 50%; one workload
 * (isl = osl = 1000, no SLO); cloud: 2 per GPU-hour, 1000 tok/s/GPU, power
 * included; owned: 400k per node of 8, 1 kW, PUE 1.3, 0.10 per kWh; api:
 * 0.5 in + 2.0 out per million = 2.5 per million output tokens. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    tc_scenario *s = &f->s;
    strcpy(s->currency, "USD");
    s->title = "analysis";
    s->file = "analysis.yaml";
    s->horizon_years = 2;
    s->discount_rate = num(0.10, 0, 1);
    s->utilization = num(0.5, 0, 1);
    s->price_per_kwh = num(0.10, 0, 100);
    s->escalation = num(0, -1, 1);
    s->pue = num(1.3, 1, 10);
    s->facility_per_kw_month = num(0, 0, 1e6);
    s->tokens_per_day = num(1e9, 0, 1e18);
    s->growth = num(0.5, -1, 10);
    f->w = (tc_workload){.id = "chat", .name = "chat", .model = "m", .isl = 1000, .osl = 1000,
                         .share = num(1, 0, 1)};
    s->workloads = &f->w;
    s->n_workloads = 1;
    s->platforms = f->p;
    tc_platform *c = platform(f, "cloud", TC_PRICING_CLOUD);
    c->pricing.gpu_hour = num(2, 0, 1e6);
    perf(f, 0, c, 1000);
    tc_platform *o = platform(f, "own", TC_PRICING_OWNED);
    o->pricing.capex_per_node = num(4e5, 0, 1e12);
    perf(f, 1, o, 1000);
    tc_platform *a = platform(f, "api", TC_PRICING_API);
    a->pricing.input_per_m = num(0.5, 0, 1e6);
    a->pricing.output_per_m = num(2.0, 0, 1e6);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

static double cloud_lcot(double gpu_hour, double tput, double u, double growth, double r)
{
    double cost = 0, tokens = 0;
    for (int y = 1; y <= 2; y++) {
        double d = 1e9 * pow(1 + growth, y - 1), df = pow(1 + r, -y);
        double nodes = ceil(d / 86400 / (tput * u) / 8);
        cost += nodes * 8 * 8760 * gpu_hour * df;
        tokens += 365 * d * df;
    }
    return cost / tokens * 1e6;
}

static const tc_tornado_row *row(const tc_sensitivity *sv, size_t p, const char *input)
{
    for (size_t i = 0; i < sv->n_rows[p]; i++)
        if (strcmp(sv->rows[p][i].input, input) == 0)
            return &sv->rows[p][i];
    fail_msg("no row %s", input);
    return NULL;
}

static void test_closed_form_by_hand(void **state)
{
    /* year 1: 1e9 / 86400 / 500 / 8 = 2.89 -> 3 nodes; year 2: 4.34 -> 5;
     * (24 * 17520 / 1.1 + 40 * 17520 / 1.21) / (365e9 / 1.1 + 547.5e9 / 1.21) * 1e6 */
    fixture *f = *state;
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_double_rel(r->platforms[0].levelized_cost_per_m_tokens, 1.2258461538, 1e-9);
    assert_double_rel(cloud_lcot(2, 1000, 0.5, 0.5, 0.1), 1.2258461538, 1e-9);
    tc_results_free(r);
}

static void test_tornado_cloud(void **state)
{
    fixture *f = *state;
    f->s.analysis.has_sensitivity = 1;
    f->s.analysis.swing = 0.2;
    tc_results *r = NULL;
    char err[256] = "";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_sensitivity_run(&f->s, r, &r->sensitivity, err, sizeof err), TC_OK);
    const tc_sensitivity *sv = r->sensitivity;
    assert_double_rel(sv->swing, 0.2, 0);
    /* power inputs do not apply (power included); the point estimates at 0
     * (other costs, one-time, annual change, uplift) give no row */
    assert_int_equal(sv->n_rows[0], 6);
    const tc_tornado_row *x = row(sv, 0, "gpu_hour");
    assert_double_rel(x->low, cloud_lcot(1.6, 1000, 0.5, 0.5, 0.1), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2.4, 1000, 0.5, 0.5, 0.1), 1e-9);
    /* fewer tokens per GPU: 4 and 6 nodes instead of 3 and 5 */
    x = row(sv, 0, "throughput");
    assert_double_rel(x->low, cloud_lcot(2, 800, 0.5, 0.5, 0.1), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2, 1200, 0.5, 0.5, 0.1), 1e-9);
    assert_double_rel(x->low, (32 * 17520 / 1.1 + 48 * 17520 / 1.21) /
                              (365e9 / 1.1 + 547.5e9 / 1.21) * 1e6, 1e-9);
    x = row(sv, 0, "utilization");
    assert_double_rel(x->low, cloud_lcot(2, 1000, 0.4, 0.5, 0.1), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2, 1000, 0.6, 0.5, 0.1), 1e-9);
    x = row(sv, 0, "discount_rate");
    assert_double_rel(x->low, cloud_lcot(2, 1000, 0.5, 0.5, 0.08), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2, 1000, 0.5, 0.5, 0.12), 1e-9);
    /* demand 0.8e9: ceil(2.31) = 3 and ceil(3.47) = 4 nodes; 1.2e9: 4 and 6 */
    x = row(sv, 0, "tokens_per_day");
    assert_string_equal(x->key, "demand.tokens_per_day");
    assert_double_rel(x->low, (3 * 17520 * 8 / 1.1 + 4 * 17520 * 8 / 1.21) /
                              (365 * 0.8e9 / 1.1 + 365 * 1.2e9 / 1.21) * 1e6, 1e-9);
    assert_double_rel(x->high, (4 * 17520 * 8 / 1.1 + 6 * 17520 * 8 / 1.21) /
                               (365 * 1.2e9 / 1.1 + 365 * 1.8e9 / 1.21) * 1e6, 1e-9);
    x = row(sv, 0, "growth");
    assert_double_rel(x->low, cloud_lcot(2, 1000, 0.5, 0.4, 0.1), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2, 1000, 0.5, 0.6, 0.1), 1e-9);
    for (size_t i = 1; i < sv->n_rows[0]; i++)
        assert_true(fabs(sv->rows[0][i - 1].high - sv->rows[0][i - 1].low) >=
                    fabs(sv->rows[0][i].high - sv->rows[0][i].low));
    /* widest: the price (0.4 x 1.2258 = 0.490), then utilization and the
     * throughput, tied (1.5360 - 1.0782 = 0.458: fleet rounding makes it
     * asymmetric), in table order: the scenario's inputs first */
    assert_string_equal(sv->rows[0][0].input, "gpu_hour");
    assert_string_equal(sv->rows[0][0].label, "GPU-hour price");
    assert_string_equal(sv->rows[0][0].key, "platforms[cloud].pricing.cloud.gpu_hour");
    assert_string_equal(sv->rows[0][1].input, "utilization");
    assert_string_equal(sv->rows[0][2].input, "throughput");
    assert_string_equal(sv->rows[0][2].label, "Throughput (every point)");
    assert_string_equal(sv->rows[0][2].key, "platforms[cloud].performance[*].points[*].throughput");
    /* owned: capex, utilization, throughput, amortization (3 and 5 years),
     * rate, growth, demand, electricity, PUE, kW, idle fraction */
    assert_int_equal(sv->n_rows[1], 11);
    assert_non_null(row(sv, 1, "amortization_years"));
    /* api: LCOT = 0.5 + 2.0 = 2.5 whatever the rate, growth or demand; each
     * price on its own: 0.5 + 1.6 = 2.1 and 0.5 + 2.4 = 2.9, then 2.4 and 2.6 */
    assert_int_equal(sv->n_rows[2], 2);
    assert_string_equal(sv->rows[2][0].input, "output_per_m");
    assert_double_rel(sv->rows[2][0].low, 2.1, 1e-12);
    assert_double_rel(sv->rows[2][0].high, 2.9, 1e-12);
    assert_double_rel(row(sv, 2, "input_per_m")->low, 2.4, 1e-12);
    /* the scenario itself is untouched */
    assert_double_rel(f->s.utilization.value, 0.5, 0);
    assert_double_rel(f->pt[0].throughput.value, 1000, 0);
    tc_results_free(r);
}

static void test_tornado_clamps_to_range(void **state)
{
    fixture *f = *state;
    /* u 1.08 is clamped to 1: at 700 tok/s/GPU that is 3 and 4 nodes, where
     * an unclamped 1.08 would need 2 and 3 */
    f->s.utilization.value = 0.9;
    f->pt[0].throughput.value = 700;
    f->s.analysis.swing = 0.2;
    tc_results *r = NULL;
    char err[256] = "";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_sensitivity_run(&f->s, r, &r->sensitivity, err, sizeof err), TC_OK);
    const tc_tornado_row *x = row(r->sensitivity, 0, "utilization");
    assert_double_rel(x->low, cloud_lcot(2, 700, 0.72, 0.5, 0.1), 1e-9);
    assert_double_rel(x->high, cloud_lcot(2, 700, 1.0, 0.5, 0.1), 1e-9);
    assert_true(cloud_lcot(2, 700, 1.0, 0.5, 0.1) != cloud_lcot(2, 700, 1.08, 0.5, 0.1));
    tc_results_free(r);
}

/* Year-1 cost per million tokens of platforms a and b with one input set. */
static void costs_at(fixture *f, tc_num *x, double v, size_t a, size_t b, double *ca, double *cb)
{
    double keep = x->value;
    x->value = v;
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    *ca = r->platforms[a].cost_per_m_tokens;
    *cb = r->platforms[b].cost_per_m_tokens;
    tc_results_free(r);
    x->value = keep;
}

static const tc_break_even *find_be(const tc_results *r, size_t a, size_t b, const char *in)
{
    for (size_t i = 0; i < r->n_break_even; i++)
        if (r->break_even[i].a == a && r->break_even[i].b == b &&
            strcmp(r->break_even[i].input, in) == 0)
            return &r->break_even[i];
    fail_msg("no break-even %zu %zu %s", a, b, in);
    return NULL;
}

static double capital_per_gpu_hour(void)
{
    double crf = 0.1 * pow(1.1, 4) / (pow(1.1, 4) - 1);
    return 50000 * crf / 8760;     /* 400k per node of 8, r = 0.1, L = 4 */
}

static void test_break_even_best_two(void **state)
{
    fixture *f = *state;
    tc_results *r = NULL;
    char err[256] = "";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_break_even_run(&f->s, r, &r->break_even, &r->n_break_even, err,
                                       sizeof err), TC_OK);
    /* own: 3 then 5 nodes bought, book value 1.2M back at the end of year 2,
     * energy 1138.8 per GPU-year: NPV (1.2M + 0.8M / 1.1 + 27331.2 / 1.1 +
     * 45552 / 1.21 - 1.2M / 1.21) = 998030; LCOT 1.27251 > cloud 1.22585 */
    assert_double_rel(r->platforms[1].levelized_cost_per_m_tokens, 998030.0 / 784297520.66 * 1e3,
                      1e-6);
    assert_int_equal(r->n_ranking, 3);
    assert_int_equal(r->ranking[0], 0);
    assert_int_equal(r->ranking[1], 1);
    /* pairs: best two (cloud, own), build versus buy (cloud, api) */
    assert_int_equal(r->n_break_even, 4);
    double ca, cb;
    /* cloud 2 / (3600 u) and own (capital + 0.13) / (3600 u) never cross */
    const tc_break_even *be = find_be(r, 0, 1, "utilization");
    assert_true(isnan(be->value));
    assert_string_equal(be->reason, "no crossing in range");
    /* price: own (capital + 1.3 p) = cloud 2 per GPU-hour */
    be = find_be(r, 0, 1, "price_per_kwh");
    assert_double_rel(be->value, (2 - capital_per_gpu_hour()) / 1.3, 1e-5);
    assert_null(be->reason);
    costs_at(f, &f->s.price_per_kwh, be->value, 0, 1, &ca, &cb);
    assert_double_rel(ca, cb, 1e-5);
    /* cloud vs api: 2 / (3600 u * 1000) * 1e6 = 2.5 at u = 2/9 */
    be = find_be(r, 0, 2, "utilization");
    assert_true(fabs(be->value - 2.0 / 9) <= 1e-6);
    costs_at(f, &f->s.utilization, be->value, 0, 2, &ca, &cb);
    assert_double_rel(ca, cb, 1e-5);
    /* the cloud price includes power: the electricity price moves neither */
    be = find_be(r, 0, 2, "price_per_kwh");
    assert_true(isnan(be->value));
    assert_string_equal(be->reason, "no crossing in range");
    tc_results_free(r);
}

static void test_break_even_owned_vs_api(void **state)
{
    fixture *f = *state;
    f->p[0] = f->p[1];              /* own ... */
    f->p[1] = f->p[2];              /* ... and api only */
    f->s.n_platforms = 2;
    tc_results *r = NULL;
    char err[256] = "";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_break_even_run(&f->s, r, &r->break_even, &r->n_break_even, err,
                                       sizeof err), TC_OK);
    assert_int_equal(r->n_break_even, 2);   /* best two and build/buy are one pair */
    /* (capital + 1.3 * 0.10) / (3600 u) * 1e3 = 2.5 */
    const tc_break_even *be = find_be(r, 0, 1, "utilization");
    assert_double_rel(be->value, (capital_per_gpu_hour() + 0.13) / 3600 * 1e3 / 2.5, 1e-5);
    double ca, cb;
    costs_at(f, &f->s.utilization, be->value, 0, 1, &ca, &cb);
    assert_double_rel(ca, cb, 1e-5);
    /* equal at p = (2.5 * 1.8 - capital) / 1.3 = 2.08, beyond 10 x 0.10 */
    be = find_be(r, 0, 1, "price_per_kwh");
    assert_true(isnan(be->value));
    assert_string_equal(be->reason, "no crossing in range");
    f->s.price_per_kwh.value = 0.25;        /* range now 0..2.5 */
    tc_results_free(r);
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_break_even_run(&f->s, r, &r->break_even, &r->n_break_even, err,
                                       sizeof err), TC_OK);
    be = find_be(r, 0, 1, "price_per_kwh");
    assert_double_rel(be->value, (2.5 * 1.8 - capital_per_gpu_hour()) / 1.3, 1e-5);
    costs_at(f, &f->s.price_per_kwh, be->value, 0, 1, &ca, &cb);
    assert_double_rel(ca, cb, 1e-5);
    tc_results_free(r);
}

/* Cloud's gpu_hour uniform on [1.5, 2.5]: its LCOT is proportional (the
 * fleet does not move), so its quantiles are the uniform's, scaled. The api
 * costs what the cloud costs at 2.2 per GPU-hour: cloud is cheapest in 70%. */
static void mc_fixture(fixture *f, long samples, unsigned long long seed)
{
    tc_num *h = &f->p[0].pricing.gpu_hour;
    h->dist = TC_DIST_UNIFORM;
    h->p1 = 1.5;
    h->p2 = 2.5;
    f->p[2].pricing.input_per_m.value = 0;
    f->p[2].pricing.output_per_m.value = cloud_lcot(2.2, 1000, 0.5, 0.5, 0.1);
    f->s.analysis.has_monte_carlo = 1;
    f->s.analysis.samples = samples;
    f->s.analysis.seed = seed;
}

static void test_monte_carlo_uniform_input(void **state)
{
    fixture *f = *state;
    mc_fixture(f, 20000, 42);
    tc_monte_carlo *m = NULL;
    char err[256] = "";
    assert_int_equal(tc_monte_carlo_run(&f->s, &m, err, sizeof err), TC_OK);
    assert_non_null(m);
    double base = cloud_lcot(2, 1000, 0.5, 0.5, 0.1);
    assert_double_rel(m->lcot[0].p5, base * 1.55 / 2, 0.01);
    assert_double_rel(m->lcot[0].p50, base, 0.01);
    assert_double_rel(m->lcot[0].p95, base * 2.45 / 2, 0.01);
    assert_double_rel(m->lcot[0].mean, base, 0.01);
    /* year 1: gpu_hour / (1000 * 0.5 * 3600) * 1e6 */
    assert_double_rel(m->cost_per_m[0].p50, 2 / 1.8, 0.01);
    assert_double_rel(m->cost_per_m[0].p95, 2.45 / 1.8, 0.01);
    /* inputs that are plain numbers stay put: api and own have no spread */
    assert_double_rel(m->lcot[2].p5, m->lcot[2].p95, 1e-12);
    assert_double_rel(m->p_cheapest[0] + m->p_cheapest[1] + m->p_cheapest[2], 1, 1e-12);
    assert_double_rel(m->p_cheapest[0] + m->p_cheapest[2], 1 - m->p_cheapest[1], 1e-12);
    tc_monte_carlo_free(m);
}

static void test_monte_carlo_shares(void **state)
{
    fixture *f = *state;
    f->s.n_platforms = 1;           /* cloud and api only */
    f->p[1] = f->p[2];
    f->s.n_platforms = 2;
    mc_fixture(f, 20000, 42);
    f->p[1].pricing.input_per_m.value = 0;
    f->p[1].pricing.output_per_m.value = cloud_lcot(2.2, 1000, 0.5, 0.5, 0.1);
    tc_monte_carlo *m = NULL;
    char err[256] = "";
    assert_int_equal(tc_monte_carlo_run(&f->s, &m, err, sizeof err), TC_OK);
    assert_double_rel(m->p_cheapest[0], 0.7, 0.02);
    assert_double_rel(m->p_cheapest[1], 0.3, 0.04);
    assert_true(m->samples == 20000 && m->seed == 42);
    tc_monte_carlo_free(m);
}

static void test_monte_carlo_reproducible(void **state)
{
    fixture *f = *state;
    mc_fixture(f, 500, 7);
    f->s.utilization = (tc_num){.value = 0.5, .dist = TC_DIST_TRIANGULAR, .p1 = 0.3,
                                .p2 = 0.5, .p3 = 0.9, .lo = 0, .hi = 1};
    f->s.price_per_kwh = (tc_num){.value = 0.1, .dist = TC_DIST_LOGNORMAL, .p1 = 0.1,
                                  .p2 = 0.15, .lo = 0, .hi = 100};
    f->p[1].pricing.capex_per_node = (tc_num){.value = 4e5, .dist = TC_DIST_NORMAL,
                                              .p1 = 4e5, .p2 = 5e4, .lo = 0, .hi = 1e12};
    tc_monte_carlo *a = NULL, *b = NULL, *c = NULL;
    char err[256] = "";
    assert_int_equal(tc_monte_carlo_run(&f->s, &a, err, sizeof err), TC_OK);
    assert_int_equal(tc_monte_carlo_run(&f->s, &b, err, sizeof err), TC_OK);
    f->s.analysis.seed = 8;
    assert_int_equal(tc_monte_carlo_run(&f->s, &c, err, sizeof err), TC_OK);
    for (size_t i = 0; i < 3; i++) {
        assert_memory_equal(&a->lcot[i], &b->lcot[i], sizeof a->lcot[i]);
        assert_memory_equal(&a->cost_per_m[i], &b->cost_per_m[i], sizeof a->cost_per_m[i]);
        assert_true(a->p_cheapest[i] == b->p_cheapest[i]);
    }
    assert_true(a->lcot[0].mean != c->lcot[0].mean);
    assert_true(a->lcot[1].p50 != c->lcot[1].p50);
    /* the point estimates are restored: the scenario is not modified */
    assert_double_rel(f->s.utilization.value, 0.5, 0);
    tc_monte_carlo_free(a);
    tc_monte_carlo_free(b);
    tc_monte_carlo_free(c);
}

static void test_analyze_sections_and_warning(void **state)
{
    fixture *f = *state;
    f->s.analysis.has_sensitivity = 1;
    f->s.analysis.swing = 0.1;
    f->s.analysis.has_monte_carlo = 1;  /* but nothing is a distribution */
    f->s.analysis.samples = 100;
    tc_results *r = NULL;
    char err[256] = "x";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    size_t warned = r->n_warnings;
    assert_int_equal(tc_test_analyze(&f->s, r, err, sizeof err), TC_OK);
    assert_string_equal(err, "");
    assert_non_null(r->sensitivity);
    assert_int_equal(r->n_break_even, 4);
    assert_null(r->monte_carlo);
    assert_null(r->scoring);
    assert_int_equal(r->n_warnings, warned + 1);
    assert_string_equal(r->warnings[warned], "monte carlo skipped: no input is a distribution");
    tc_results_clear_analysis(r);
    assert_null(r->sensitivity);
    assert_null(r->break_even);
    assert_int_equal(r->n_break_even, 0);
    tc_results_free(r);
}

/* An analysis error with no place in the scenario is one diagnostic at
 * line 0, printed with the program's prefix, never as "FILE:0:0". */
static void test_analyze_unlocated_error(void **state)
{
    fixture *f = *state;
    f->s.analysis.has_monte_carlo = 1;
    f->s.analysis.samples = 0;
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_analyze(&f->s, r, &d), TC_ERR_INVALID);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 0);
    assert_string_equal(d.items[0].file, "analysis.yaml");
    char err[256] = "";
    tc_test_diag_text(&d, err, sizeof err);
    assert_string_equal(err, "tokcost: analysis.yaml: analysis.monte_carlo.samples: must be at least 1");
    tc_diags_free(&d);
    assert_null(r->monte_carlo);
    tc_results_free(r);
}

static void test_analyze_scoring_error_message(void **state)
{
    fixture *f = *state;
    tc_criterion c = {TC_METRIC_TOKENS_PER_S_PER_MW, 1, TC_BETTER_DEFAULT, 30, 11};
    f->s.analysis.has_scoring = 1;
    f->s.analysis.criteria = &c;
    f->s.analysis.n_criteria = 1;
    tc_results *r = NULL;
    char err[256] = "";
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    assert_int_equal(tc_test_analyze(&f->s, r, err, sizeof err), TC_ERR_INVALID);
    assert_string_equal(err, "analysis.yaml:30:11: analysis.scoring.criteria[0].metric: "
                             "tokens_per_s_per_mw does not apply to bid api (api pricing)");
    assert_null(r->scoring);
    assert_null(r->break_even);     /* nothing half-done is left */
    tc_results_free(r);
}

static void test_copy_is_independent(void **state)
{
    fixture *f = *state;
    size_t keep[] = {2, 0};
    tc_scenario *c = tc_analysis_copy(&f->s, keep, 2);
    assert_non_null(c);
    assert_int_equal(c->n_platforms, 2);
    assert_string_equal(c->platforms[0].id, "api");
    assert_string_equal(c->baseline, "api");
    c->platforms[1].perf[0].points[0].throughput.value = 1;
    c->workloads[0].share.value = 0.5;
    assert_double_rel(f->pt[0].throughput.value, 1000, 0);
    assert_double_rel(f->w.share.value, 1, 0);
    tc_analysis_copy_free(c);
    tc_analysis_copy_free(NULL);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_closed_form_by_hand),
        T(test_tornado_cloud),
        T(test_tornado_clamps_to_range),
        T(test_break_even_best_two),
        T(test_break_even_owned_vs_api),
        T(test_monte_carlo_uniform_input),
        T(test_monte_carlo_shares),
        T(test_monte_carlo_reproducible),
        T(test_analyze_sections_and_warning),
        T(test_analyze_scoring_error_message),
        T(test_analyze_unlocated_error),
        T(test_copy_is_independent),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
