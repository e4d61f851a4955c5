/* The loader: the seed scenario's values, every kind of input error with
 * its exact message and position, units, claim precision, distributions,
 * bid files, YAML refusals and the bounds on depth, events and size. */
#include "tc_test.h"
#include "tc_load.h"
#include "tc_results.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/tc_test_load_XXXXXX";

/* All diagnostics as printed, one per line. */
static char *diag_text(const tc_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tc_diags_print(d, f);
    fclose(f);
    return buf;
}

/* Loads path, expects TC_ERR_INVALID and exactly the diagnostics expected. */
static void expect_errors(const char *path, const char *expected)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = (tc_scenario *)&d;     /* must be reset to NULL */
    tc_status st = tc_load_scenario(path, NULL, &s, &d);
    char *got = diag_text(&d);
    assert_string_equal(got, expected);
    assert_int_equal(st, TC_ERR_INVALID);
    assert_null(s);
    free(got);
    tc_diags_free(&d);
}

static tc_scenario *load_ok(const char *path)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario(path, NULL, &s, &d);
    char *got = diag_text(&d);
    assert_string_equal(got, "");
    assert_int_equal(st, TC_OK);
    assert_non_null(s);
    free(got);
    tc_diags_free(&d);
    return s;
}

static void sha_files(const char *const *paths, size_t n, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t dig[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(paths[i], "rb");
        assert_non_null(f);
        char buf[4096];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, f)) > 0)
            sha256_update(&ctx, k, (const uint8_t *)buf);
        fclose(f);
    }
    sha256_digest(&ctx, sizeof dig, dig);
    for (size_t i = 0; i < sizeof dig; i++)
        sprintf(out + 2 * i, "%02x", dig[i]);
}

static const tc_claim *claim(const tc_platform *p, tc_claim_metric m)
{
    for (size_t i = 0; i < p->n_claims; i++)
        if (p->claims[i].metric == m)
            return &p->claims[i];
    fail_msg("claim %s missing", tc_metric_terms[m].name);
    return NULL;
}

static void test_seed(void **state)
{
    (void)state;
    tc_scenario *s = load_ok("scenarios/seed.yaml");
    assert_string_equal(s->date, "2026-11-21");
    assert_string_equal(s->currency, "USD");
    assert_string_equal(s->baseline, "h200");
    assert_int_equal(s->horizon_years, 5);
    assert_double_rel(s->utilization.value, 1.0, 1e-15);
    assert_int_equal(s->utilization.given, 1);
    assert_double_rel(s->pue.value, 1.0, 1e-15);
    assert_double_rel(s->tokens_per_day.value, 5.0e9, 1e-15);
    assert_int_equal(s->n_workloads, 1);
    assert_double_rel(s->workloads[0].isl, 1024, 0);
    assert_double_rel(s->workloads[0].osl, 1024, 0);
    assert_int_equal(s->workloads[0].min_interactivity.given, 0);
    assert_int_equal(s->n_platforms, 2);
    const tc_platform *h = &s->platforms[0], *g = &s->platforms[1];
    assert_string_equal(h->id, "h200");
    assert_int_equal(h->pricing.kind, TC_PRICING_CLOUD);
    assert_int_equal(h->pricing.includes_power, 1);
    assert_double_rel(h->pricing.gpu_hour.value, 1.41, 1e-15);
    assert_double_rel(h->peak_pflops.value, 3.958, 1e-15);
    assert_double_rel(h->power_kw_per_gpu.value, 1.73, 1e-15);
    assert_int_equal(h->gpus_per_node, 8);
    assert_int_equal(h->n_perf, 1);
    assert_int_equal(h->perf[0].has_interactivity, 0);
    assert_double_rel(h->perf[0].points[0].throughput.value, 90, 1e-15);
    assert_double_rel(claim(h, TC_CLAIM_COST_PER_M_TOKENS)->value, 4.20, 1e-15);
    assert_double_rel(claim(h, TC_CLAIM_COST_PER_M_TOKENS)->quantum, 0.01, 1e-12);
    assert_double_rel(claim(h, TC_CLAIM_TOKENS_PER_S_PER_MW)->value, 54000, 1e-15);
    assert_double_rel(claim(h, TC_CLAIM_TOKENS_PER_S_PER_MW)->quantum, 1, 1e-12);
    assert_string_equal(g->id, "gb300");
    assert_double_rel(g->pricing.gpu_hour.value, 2.65, 1e-15);
    assert_double_rel(g->peak_pflops.value, 15, 1e-15);
    assert_double_rel(g->power_kw_per_gpu.value, 2.10, 1e-15);
    assert_int_equal(g->gpus_per_node, 72);
    assert_double_rel(g->perf[0].points[0].throughput.value, 6000, 1e-15);
    assert_double_rel(claim(g, TC_CLAIM_COST_PER_M_TOKENS)->quantum, 0.01, 1e-12);
    assert_double_rel(claim(g, TC_CLAIM_TOKENS_PER_S_PER_MW)->value, 2.8e6, 1e-15);
    assert_double_rel(claim(g, TC_CLAIM_TOKENS_PER_S_PER_MW)->quantum, 1e5, 1e-12);
    assert_string_equal(g->file, "scenarios/seed.yaml");
    char sha[65];
    const char *files[] = {"scenarios/seed.yaml"};
    sha_files(files, 1, sha);
    assert_string_equal(s->input_sha256, sha);
    tc_scenario_free(s);
}

static void check_full_scenario(const tc_scenario *s)
{
    assert_string_equal(s->subtitle, "Ünïcode ✓");
    assert_string_equal(s->currency, "EUR");
    assert_int_equal(s->token_basis, TC_BASIS_TOTAL);
    assert_int_equal(s->paper, TC_PAPER_LETTER);
    assert_int_equal(s->horizon_years, 7);
    /* units converted to the key's unit */
    assert_double_rel(s->price_per_kwh.value, 0.08, 1e-12);
    assert_double_rel(s->site_power_mw.value, 0.5, 1e-12);
    assert_double_rel(s->escalation.value, -0.02, 1e-15);
    /* distributions: parameters and the point estimate */
    assert_int_equal(s->discount_rate.dist, TC_DIST_TRIANGULAR);
    assert_double_rel(s->discount_rate.p1, 0.06, 1e-15);
    assert_double_rel(s->discount_rate.p3, 0.12, 1e-15);
    assert_double_rel(s->discount_rate.value, 0.08, 1e-15);
    assert_int_equal(s->utilization.dist, TC_DIST_UNIFORM);
    assert_double_rel(s->utilization.value, 0.7, 1e-12);
    assert_double_rel(s->utilization.lo, 0.01, 0);     /* the inputs' table */
    assert_double_rel(s->utilization.hi, 1, 0);
    assert_int_equal(s->pue.dist, TC_DIST_NORMAL);
    assert_double_rel(s->pue.p2, 0.1, 1e-15);
    assert_double_rel(s->pue.value, 1.3, 1e-15);
    assert_int_equal(s->growth.dist, TC_DIST_LOGNORMAL);
    assert_double_rel(s->growth.value, 0.4, 1e-15);
    assert_double_rel(s->growth.p2, 0.8, 1e-15);
    assert_int_equal(s->growth.line, 25);
    assert_int_equal(s->growth.col, 11);
    assert_int_equal(s->facility_per_kw_month.dist, TC_DIST_NONE);
    assert_int_equal(s->n_workloads, 2);
    assert_string_equal(s->workloads[0].name, "chat");   /* defaults to the id */
    assert_double_rel(s->workloads[0].min_interactivity.value, 50, 0);
    assert_double_rel(s->workloads[1].isl, 0, 0);
}

static void check_full_platforms(const tc_scenario *s)
{
    const tc_platform *own = &s->platforms[0], *rent = &s->platforms[1], *api = &s->platforms[2];
    assert_double_rel(own->power_kw_per_gpu.value, 1.45, 1e-12);
    assert_double_rel(rent->power_kw_per_gpu.value, 1.2, 1e-12);
    assert_int_equal(own->pricing.kind, TC_PRICING_OWNED);
    assert_double_rel(own->pricing.capex_per_node.value, 3.9e6, 1e-15);
    assert_int_equal(own->pricing.amortization_years, 5);
    assert_double_rel(own->pricing.one_time.value, 20000, 1e-15);
    assert_int_equal(own->n_perf, 2);
    assert_int_equal(own->perf[0].basis, TC_BASIS_TOTAL);
    assert_string_equal(own->perf[0].config, "FP4");
    assert_int_equal(own->perf[0].n_points, 2);
    assert_int_equal(own->perf[0].points[1].throughput.dist, TC_DIST_TRIANGULAR);
    assert_double_rel(own->perf[0].points[1].throughput.value, 6000, 1e-15);
    assert_int_equal(rent->pricing.includes_power, 0);
    assert_double_rel(rent->pricing.annual_change.value, -0.1, 1e-15);
    assert_string_equal(rent->name, "rent");
    assert_int_equal(api->pricing.kind, TC_PRICING_API);
    assert_double_rel(api->pricing.output_per_m.value, 2.19, 1e-15);
    assert_double_rel(claim(api, TC_CLAIM_COST_PER_M_TOKENS)->quantum, 0.001, 1e-12);
    assert_double_rel(claim(own, TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR)->quantum, 0.001, 1e-12);
    const tc_analysis *a = &s->analysis;
    assert_true(a->has_sensitivity && a->has_monte_carlo && a->has_scoring);
    assert_double_rel(a->swing, 0.3, 1e-15);
    assert_int_equal(a->samples, 500);
    assert_int_equal(a->seed, 7);
    assert_int_equal(a->n_criteria, 2);
    assert_int_equal(a->criteria[0].better, TC_BETTER_DEFAULT);
    assert_int_equal(a->criteria[1].better, TC_BETTER_HIGHER);
    assert_int_equal(a->n_requirements, 2);
    assert_true(a->requirements[1].has_max && a->requirements[1].has_min);
    assert_double_rel(a->requirements[1].min, 0.5, 1e-15);
}

static void test_full(void **state)
{
    (void)state;
    tc_scenario *s = load_ok("tests/data/full.yaml");
    check_full_scenario(s);
    check_full_platforms(s);
    tc_scenario_free(s);
}

static void test_errors_numbers(void **state)
{
    (void)state;
    expect_errors("tests/data/err_numbers.yaml",
        "tests/data/err_numbers.yaml:5:18: assumptions.horizon_years: 16 is out of range (expected an integer in 1..15)\n"
        "tests/data/err_numbers.yaml:6:18: assumptions.discount_rate: percentages are not allowed, got \"12%\" (write fractions as fractions, e.g. 0.12)\n"
        "tests/data/err_numbers.yaml:7:16: assumptions.utilization: 1.5 is out of range (expected a fraction in [0.01, 1])\n"
        "tests/data/err_numbers.yaml:9:20: assumptions.electricity.price_per_kwh: unit \"kW\" is not an energy price (expected one of: /kWh, /MWh)\n"
        "tests/data/err_numbers.yaml:10:17: assumptions.electricity.escalation: expected a finite number, got \".inf\"\n"
        "tests/data/err_numbers.yaml:11:8: assumptions.pue: expected a number, got \"yes\"\n"
        "tests/data/err_numbers.yaml:12:26: assumptions.facility_per_kw_month: expected a decimal number, got \"0x1F\"\n"
        "tests/data/err_numbers.yaml:13:18: assumptions.site_power_mw: unknown unit \"furlongs\" (expected one of: W, kW, MW, GW)\n"
        "tests/data/err_numbers.yaml:14:22: assumptions.token_price_per_m: expected a number without digit separators, got \"1_000\"\n"
        "tests/data/err_numbers.yaml:16:19: demand.tokens_per_day: 1e309 is too large (expected a finite number)\n"
        "tests/data/err_numbers.yaml:17:10: demand.growth: expected a number, got an empty value\n"
        "tests/data/err_numbers.yaml:19:28: workloads[a].isl: expected an integer, got \"1024.5\"\n"
        "tests/data/err_numbers.yaml:19:41: workloads[a].osl: 0 is out of range (expected an integer in 1..1e7)\n"
        "tests/data/err_numbers.yaml:23:23: platforms[p].power_kw_per_gpu: unit \"/kWh\" is not a power (expected one of: W, kW, MW, GW)\n"
        "tests/data/err_numbers.yaml:24:26: platforms[p].idle_power_fraction: units are not accepted here, got \"0.5 kW\" (expected a plain number)\n"
        "tests/data/err_numbers.yaml:26:25: platforms[p].pricing.cloud.gpu_hour: -0.5 is out of range (expected a number in [0, 1e9])\n"
        "tests/data/err_numbers.yaml:26:47: platforms[p].pricing.cloud.includes_power: expected true or false, got \"yes\"\n"
        "tests/data/err_numbers.yaml:31:21: platforms[p].performance[0].throughput: expected a finite number, got \".nan\"\n"
        "tests/data/err_numbers.yaml:33:26: platforms[p].claims.cost_per_m_tokens: expected a number, got \"true\"\n");
}

static void test_errors_schema(void **state)
{
    (void)state;
    expect_errors("tests/data/err_schema.yaml",
        "tests/data/err_schema.yaml:3:3: scenario: missing required key \"title\"\n"
        "tests/data/err_schema.yaml:4:3: scenario.subtitle: duplicate key \"subtitle\" (first at line 3)\n"
        "tests/data/err_schema.yaml:5:13: scenario.baseline: baseline \"h100\" is not a platform id (expected one of: h200, api)\n"
        "tests/data/err_schema.yaml:6:16: scenario.token_basis: invalid value \"tokens\" (expected one of: output, total)\n"
        "tests/data/err_schema.yaml:7:3: scenario: unknown key \"colour\" (expected one of: title, subtitle, prepared_for, prepared_by, date, currency, baseline, token_basis, paper)\n"
        "tests/data/err_schema.yaml:9:3: assumptions: unknown key \"utilisation\" (did you mean \"utilization\"?)\n"
        "tests/data/err_schema.yaml:13:3: workloads: workload shares sum to 0.9 (expected 1 within 1e-6)\n"
        "tests/data/err_schema.yaml:14:10: workloads[chat].id: duplicate id \"chat\" (first at line 13)\n"
        "tests/data/err_schema.yaml:15:5: workloads[2]: missing required key \"model\"\n"
        "tests/data/err_schema.yaml:15:10: workloads[2].id: invalid id \"Bad!\" (expected 1 to 64 of a-z, 0-9, _ and -)\n"
        "tests/data/err_schema.yaml:18:11: platforms[h200].name: text contains a control character (expected printable text)\n"
        "tests/data/err_schema.yaml:22:7: platforms[h200].pricing.owned: \"cloud\" and \"owned\" cannot both be given (expected exactly one of: cloud, owned, api)\n"
        "tests/data/err_schema.yaml:29:29: platforms[h200].performance[0].points[1].interactivity: duplicate interactivity 10 (first at line 28)\n"
        "tests/data/err_schema.yaml:30:9: platforms[h200].performance[1]: \"points\" and \"throughput\" cannot both be given (expected one of them)\n"
        "tests/data/err_schema.yaml:30:9: platforms[h200].performance[1]: duplicate performance entry for model \"m\", isl 1, osl 1 (first at line 24)\n"
        "tests/data/err_schema.yaml:31:5: platforms[h200]: missing required key \"power_kw_per_gpu\"\n"
        "tests/data/err_schema.yaml:31:9: platforms[h200].id: duplicate id \"h200\" (first at line 17)\n"
        "tests/data/err_schema.yaml:32:14: platforms[h200].pricing: missing the pricing form (expected exactly one of: cloud, owned, api)\n"
        "tests/data/err_schema.yaml:34:5: platforms[api].peak_pflops: key \"peak_pflops\" does not apply to api pricing\n"
        "tests/data/err_schema.yaml:36:12: platforms[api].pricing.api: missing required key \"output_per_m\"\n"
        "tests/data/err_schema.yaml:37:5: platforms[api].performance: key \"performance\" does not apply to api pricing\n"
        "tests/data/err_schema.yaml:40:7: platforms[api].claims.cost_per_gpu_hour: claim \"cost_per_gpu_hour\" does not apply to api pricing\n"
        "tests/data/err_schema.yaml:42:7: platforms[api].claims: unknown key \"cost_per_token\" (did you mean \"cost_per_m_tokens\"?)\n"
        "tests/data/err_schema.yaml:46:18: analysis.scoring.criteria[0].metric: unknown metric \"cheapness\" (expected one of: cost_per_m_tokens, tokens_per_s_per_mw, tokens_per_s_per_gpu, cost_per_gpu_hour, pflops_per_dollar_hour, levelized_cost_per_m_tokens, tco_npv, tco_nominal, facility_mw)\n"
        "tests/data/err_schema.yaml:46:37: analysis.scoring.criteria[0].weight: 0 is out of range (expected a number > 0)\n"
        "tests/data/err_schema.yaml:48:9: analysis.scoring.requirements[0]: missing required key \"max\" or \"min\" (expected a bound on facility_mw)\n"
        "tests/data/err_schema.yaml:49:9: analysis.scoring.requirements[1]: meets_slo takes no max or min\n");
}

static void test_errors_dist(void **state)
{
    (void)state;
    expect_errors("tests/data/err_dist.yaml",
        "tests/data/err_dist.yaml:4:18: assumptions.discount_rate: low must be less than high (expected low < high)\n"
        "tests/data/err_dist.yaml:5:16: assumptions.utilization: mode is outside [low, high] (expected low <= mode <= high)\n"
        "tests/data/err_dist.yaml:6:29: assumptions.pue.low: 0.9 is out of range (expected a number in [1, 5])\n"
        "tests/data/err_dist.yaml:7:56: assumptions.facility_per_kw_month: sd must be positive (expected sd > 0)\n"
        "tests/data/err_dist.yaml:8:3: assumptions: key \"escalation\" belongs under assumptions.electricity\n"
        "tests/data/err_dist.yaml:9:32: assumptions.electricity.price_per_kwh: p90 must be greater than median (expected p90 > median)\n"
        "tests/data/err_dist.yaml:9:94: assumptions.electricity.escalation.dist: invalid value \"beta\" (expected one of: triangular, uniform, normal, lognormal)\n"
        "tests/data/err_dist.yaml:10:48: assumptions.token_price_per_m: median must be positive (expected median > 0)\n"
        "tests/data/err_dist.yaml:11:42: assumptions.site_power_mw: unknown key \"mode\" (expected one of: dist, low, high)\n"
        "tests/data/err_dist.yaml:12:18: assumptions.horizon_years: a distribution is not allowed here (expected an integer in 1..15)\n"
        "tests/data/err_dist.yaml:14:19: demand.tokens_per_day: missing required key \"dist\" (expected a number or a distribution)\n"
        "tests/data/err_dist.yaml:16:46: workloads[a].share: a distribution is not allowed here (expected a share in (0, 1])\n"
        "tests/data/err_dist.yaml:21:53: platforms[p].pricing.cloud.gpu_hour.sd: expected a number, got a mapping (distributions do not nest)\n");
}

static void test_errors_yaml_features(void **state)
{
    (void)state;
    expect_errors("tests/data/err_yaml.yaml",
        "tests/data/err_yaml.yaml:3:10: anchors and aliases are not allowed\n"
        "tests/data/err_yaml.yaml:4:13: anchors and aliases are not allowed\n"
        "tests/data/err_yaml.yaml:5:16: tags are not allowed\n"
        "tests/data/err_yaml.yaml:6:17: tags are not allowed\n"
        "tests/data/err_yaml.yaml:7:3: merge keys are not allowed\n"
        "tests/data/err_yaml.yaml:10:46: workloads[a].share: 2 is out of range (expected a share in (0, 1])\n");
    expect_errors("tests/data/multi_doc.yaml",
        "tests/data/multi_doc.yaml:2:1: a file must hold exactly one yaml document\n");
    expect_errors("tests/data/err_parse.yaml",
        "tests/data/err_parse.yaml:3:9: this [ list is never closed (expected ',' or ']')\n");
}

static void test_include(void **state)
{
    (void)state;
    tc_scenario *s = load_ok("tests/data/include_ok.yaml");
    assert_int_equal(s->n_platforms, 3);
    assert_string_equal(s->platforms[0].id, "h200");      /* inline first */
    assert_string_equal(s->platforms[1].id, "gb300");     /* then includes, sorted */
    assert_string_equal(s->platforms[1].file, "tests/data/bids_good/a_gb300.yaml");
    assert_int_equal(s->platforms[1].gpus_per_node, 72);
    assert_string_equal(s->platforms[2].id, "hosted");
    assert_string_equal(s->baseline, "hosted");
    char sha[65];
    const char *files[] = {"tests/data/include_ok.yaml", "tests/data/bids_good/a_gb300.yaml",
                           "tests/data/bids_good/b_api.yaml"};
    sha_files(files, 3, sha);
    assert_string_equal(s->input_sha256, sha);
    tc_scenario_free(s);
    expect_errors("tests/data/include_bad.yaml",
        "tests/data/include_bad.yaml:11:5: include[1]: no file matches \"no_such_folder/*.yaml\"\n"
        "tests/data/bids_bad/bad.yaml:2:1: unknown key \"assumptions\" (expected one of: platforms)\n"
        "tests/data/bids_bad/bad.yaml:5:9: platforms[h200].id: duplicate id \"h200\" (first at tests/data/include_bad.yaml:6)\n"
        "tests/data/bids_bad/bad.yaml:8:25: platforms[h200].pricing.cloud.gpu_hour: -1 is out of range (expected a number in [0, 1e9])\n");
}

static void test_check_file(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_check_file("tests/data/bids_good/a_gb300.yaml", &d), TC_OK);
    assert_int_equal(tc_check_file("scenarios/seed.yaml", &d), TC_OK);
    assert_int_equal(d.count, 0);
    /* alone, the bad bid has no duplicate id: only its own two errors */
    assert_int_equal(tc_check_file("tests/data/bids_bad/bad.yaml", &d), TC_ERR_INVALID);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[1].path, "platforms[h200].pricing.cloud.gpu_hour");
    assert_int_equal(tc_check_file("tests/data/err_yaml.yaml", &d), TC_ERR_INVALID);
    assert_int_equal(d.count, 8);
    assert_int_equal(tc_check_file("tests/data/no_such_file.yaml", &d), TC_ERR_READ);
    assert_string_equal(d.items[8].message, "cannot read the file: no such file or directory");
    tc_diags_free(&d);
}

/* A bid checked alone: placeholders, keys at the wrong level, misspellings,
 * the reader's anchor error, all sorted by line and column. */
static void test_check_vendor_mistakes(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_check_file("tests/data/vendor/bid_mistakes.yaml", &d), TC_ERR_INVALID);
    char *got = diag_text(&d);
    assert_string_equal(got,
        "tests/data/vendor/bid_mistakes.yaml:6:11: platforms[mi355x].name: still a placeholder (replace FILL with a value)\n"
        "tests/data/vendor/bid_mistakes.yaml:8:5: platforms[mi355x]: key \"gpu_hour\" belongs under pricing.cloud\n"
        "tests/data/vendor/bid_mistakes.yaml:9:5: platforms[mi355x]: key \"includes_power\" belongs under pricing.cloud\n"
        "tests/data/vendor/bid_mistakes.yaml:12:9: platforms[mi355x].pricing.cloud: unknown key \"gpu_hours\" (did you mean \"gpu_hour\"?)\n"
        "tests/data/vendor/bid_mistakes.yaml:12:9: platforms[mi355x].pricing.cloud: missing required key \"gpu_hour\"\n"
        "tests/data/vendor/bid_mistakes.yaml:13:13: anchors and aliases are not allowed\n"
        "tests/data/vendor/bid_mistakes.yaml:14:7: platforms[mi355x].claims: unknown key \"cost_per_m_token\" (did you mean \"cost_per_m_tokens\"?)\n"
        "tests/data/vendor/bid_mistakes.yaml:16:16: platforms[mi355x].performance[0].model: still a placeholder (replace FILL with a value)\n"
        "tests/data/vendor/bid_mistakes.yaml:20:45: platforms[mi355x].performance[0].points[0].throughput: still a placeholder (replace FILL with a value)\n");
    free(got);
    tc_diags_free(&d);
}

/* Writes a generated fixture into the test's temporary folder. */
static char *tmp_file(const char *name, const char *prefix, const char *unit, size_t n,
                      const char *suffix)
{
    char *path = malloc(strlen(tmpdir) + strlen(name) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(prefix, f);
    for (size_t i = 0; i < n; i++)
        fputs(unit, f);
    fputs(suffix, f);
    fclose(f);
    return path;
}

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* One error expected, with this message, at line:col; returns the time taken. */
static double expect_one(const char *path, int line, int col, const char *msg)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    double t0 = seconds_now();
    tc_status st = tc_load_scenario(path, NULL, &s, &d);
    double dt = seconds_now() - t0;
    assert_int_equal(st, TC_ERR_INVALID);
    assert_null(s);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].message, msg);
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    tc_diags_free(&d);
    return dt;
}

static void test_depth_bound(void **state)
{
    (void)state;
    const char *msg = "nesting deeper than 64 levels is not allowed";
    char *flow = tmp_file("flow.yaml", "a: ", "[", 100000, "1");
    assert_true(expect_one(flow, 1, 67, msg) < 0.5);
    char *flowmap = tmp_file("flowmap.yaml", "", "{a: ", 100000, "1");
    assert_true(expect_one(flowmap, 1, 257, msg) < 0.5);
    char *block = tmp_file("block.yaml", "a:\n", "- ", 100000, "1\n");
    assert_true(expect_one(block, 2, 127, msg) < 0.5);
    free(flow);
    free(flowmap);
    free(block);
}

static void test_size_bounds(void **state)
{
    (void)state;
    char *events = tmp_file("events.yaml", "a: [", "1,", 250000, "1]\n");
    expect_one(events, 1, 399995, "the file has more than 200000 yaml events (too many values)");
    char *big = tmp_file("big.yaml", "# ", "0123456789abcdef", 300000, "\n");
    expect_one(big, 1, 1, "the file is larger than 4194304 bytes (the limit is 4 MiB)");
    char *scalar = tmp_file("scalar.yaml", "a: ", "x", 70000, "\n");
    expect_one(scalar, 1, 4, "a value longer than 65536 bytes is not allowed");
    free(events);
    free(big);
    free(scalar);
}

static void test_long_text(void **state)
{
    (void)state;
    char *title = tmp_file("title.yaml", "scenario:\n  title: ", "x", 1001,
                           "\ndemand: {tokens_per_day: 1}\nworkloads: [{id: a, model: m, isl: 1, osl: 1, share: 1}]\n"
                           "platforms: [{id: p, power_kw_per_gpu: 1, pricing: {cloud: {gpu_hour: 1}}}]\n");
    expect_one(title, 2, 10, "text of 1001 bytes is too long (expected at most 1000 bytes)");
    free(title);
}

static void test_overrides(void **state)
{
    (void)state;
    const char *ok[] = {"assumptions.utilization=0.4", "platforms[h200].pricing.cloud.gpu_hour=1.2",
                        "platforms[1].gpus_per_node=8", "assumptions.site_power_mw=0.5 GW"};
    tc_load_opts opts = {ok, 4};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("scenarios/seed.yaml", &opts, &s, &d), TC_OK);
    assert_double_rel(s->utilization.value, 0.4, 1e-15);
    assert_double_rel(s->platforms[0].pricing.gpu_hour.value, 1.2, 1e-15);
    assert_int_equal(s->platforms[1].gpus_per_node, 8);
    assert_double_rel(s->site_power_mw.value, 500, 1e-15);    /* added, converted to MW */
    assert_int_equal(s->n_overrides, 4);
    assert_string_equal(s->overrides[1], "platforms[h200].pricing.cloud.gpu_hour=1.2");
    tc_scenario_free(s);

    const char *bad[] = {"assumptions.utilization=1.4", "platforms[h300].pricing.cloud.gpu_hour=1",
                         "platforms[7].name=x", "noequals", "scenario.colour=red"};
    tc_load_opts bopts = {bad, 5};
    s = (tc_scenario *)&d;
    assert_int_equal(tc_load_scenario("scenarios/seed.yaml", &bopts, &s, &d), TC_ERR_INVALID);
    assert_null(s);
    char *got = diag_text(&d);
    assert_string_equal(got,
        "--set:1:25: assumptions.utilization: 1.4 is out of range (expected a fraction in [0.01, 1])\n"
        "--set:2:11: platforms[h300].pricing.cloud.gpu_hour: no platform with id \"h300\" in the scenario or its included bid files\n"
        "--set:3:11: platforms[7].name: no item [7] in this list\n"
        "--set:4:1: noequals: expected key.path=value, e.g. assumptions.utilization=0.4\n"
        "--set:5:10: scenario: unknown key \"colour\" (expected one of: title, subtitle, prepared_for, prepared_by, date, currency, baseline, token_basis, paper)\n");
    free(got);
    tc_diags_free(&d);
}

/* A platform of an included bid file is what-if'd by its id like one
 * written in the scenario, and the figures follow; a key is printed whole. */
static void test_override_included(void **state)
{
    (void)state;
    const char *sets[] = {"platforms[mi355x].pricing.cloud.gpu_hour=2.0"};
    tc_load_opts opts = {sets, 1};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", &opts, &s, &d), TC_OK);
    int i = tc_scenario_platform_index(s, "mi355x");
    assert_true(i >= 0);
    assert_string_equal(s->platforms[i].file, "scenarios/bids/amd_mi355x.yaml");
    assert_double_rel(s->platforms[i].pricing.gpu_hour.value, 2.0, 1e-15);
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    /* cloud with includes_power (the default): the GPU-hour is the price, 2.0 (was 1.48) */
    assert_double_rel(r->platforms[i].cost_per_gpu_hour, 2.0, 1e-12);
    tc_results_free(r);
    tc_scenario_free(s);

    const char *bad[] = {"platforms[mi355xx].pricing.cloud.gpu_hour=2.0",
                         "platforms[mi355x].pricing.cloud.gpu_hours=2.0"};
    tc_load_opts bopts = {bad, 2};
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", &bopts, &s, &d), TC_ERR_INVALID);
    char *got = diag_text(&d);
    assert_string_equal(got,
        "--set:1:11: platforms[mi355xx].pricing.cloud.gpu_hour: no platform with id \"mi355xx\" in the scenario or its included bid files\n"
        "--set:2:33: platforms[mi355x].pricing.cloud: unknown key \"gpu_hours\" (did you mean \"gpu_hour\"?)\n");
    free(got);
    tc_diags_free(&d);
}

/* Power units to the key's unit, energy prices per kWh. */
static void test_units(void **state)
{
    (void)state;
    const char *sets[] = {"platforms[0].power_kw_per_gpu=0.0005 GW", "platforms[1].power_kw_per_gpu=0.3MW",
                          "assumptions.site_power_mw=1450 W", "assumptions.electricity.price_per_kwh=0.08 /kWh",
                          "platforms[0].pricing.cloud.gpu_hour=.5"};
    tc_load_opts opts = {sets, 5};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("scenarios/seed.yaml", &opts, &s, &d), TC_OK);
    assert_double_rel(s->platforms[0].power_kw_per_gpu.value, 500, 1e-15);
    assert_double_rel(s->platforms[1].power_kw_per_gpu.value, 300, 1e-15);
    assert_double_rel(s->site_power_mw.value, 0.00145, 1e-12);
    assert_double_rel(s->price_per_kwh.value, 0.08, 1e-15);
    assert_double_rel(s->platforms[0].pricing.gpu_hour.value, 0.5, 1e-15);
    tc_scenario_free(s);
    tc_diags_free(&d);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"flow.yaml", "flowmap.yaml", "block.yaml", "events.yaml", "big.yaml",
                           "scalar.yaml", "title.yaml"};
    char path[200];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_errors_numbers),
        cmocka_unit_test(test_errors_schema),
        cmocka_unit_test(test_errors_dist),
        cmocka_unit_test(test_errors_yaml_features),
        cmocka_unit_test(test_include),
        cmocka_unit_test(test_check_file),
        cmocka_unit_test(test_depth_bound),
        cmocka_unit_test(test_size_bounds),
        cmocka_unit_test(test_long_text),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_override_included),
        cmocka_unit_test(test_check_vendor_mistakes),
        cmocka_unit_test(test_units),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
