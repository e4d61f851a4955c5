/* results.json from a results struct built by hand (the seed table's two
 * platforms plus an api bid): documented key order, null for what does not
 * apply, numbers that parse back to the same doubles, same bytes twice,
 * no machine path. */
#include "tc_test.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tc_json.h"
#include "tc_render.h"

enum { NP = 3, NW = 1, NY = 2 };

typedef struct {
    tc_scenario s;
    tc_platform p[NP];
    tc_workload w[NW];
    tc_claim claims[2];
    tc_results r;
    tc_platform_result pr[NP];
    tc_wl_result wr[NP][NW];
    tc_year years[NP][NY];
    tc_claim_result cr[2];
    size_t ranking[NP];
    char *warnings[1];
} fixture;

static void fill_platform(fixture *f, size_t i, const char *id, const char *name, double gpu_hour,
                          double tput, double kw)
{
    tc_platform *p = &f->p[i];
    tc_platform_result *pr = &f->pr[i];
    p->id = (char *)id;
    p->name = (char *)name;
    p->file = i == 2 ? "/home/someone/bids/api.yaml" : "/home/someone/scenario.yaml";
    p->pricing.kind = TC_PRICING_CLOUD;
    pr->in = p;
    pr->covered = 1;
    pr->cost_per_gpu_hour = gpu_hour;
    pr->tokens_per_s_per_gpu = tput;
    pr->tokens_per_s_per_mw = tput / kw * 1000.0;
    pr->cost_per_m_tokens = gpu_hour / (tput * 3600.0) * 1e6;
    pr->levelized_cost_per_m_tokens = pr->cost_per_m_tokens * 1.05;
    pr->crf = NAN;
    pr->revenue_npv = pr->margin_total = pr->payback_years = NAN;
    pr->site_fits = -1;
    pr->site_max_tokens_per_day = NAN;
    pr->workloads = f->wr[i];
    f->wr[i][0] = (tc_wl_result){.in = &f->w[0], .covered = 1, .how = TC_TPUT_SINGLE,
                                 .tokens_per_s_per_gpu = tput,
                                 .cost_per_m_tokens = pr->cost_per_m_tokens};
    pr->years = f->years[i];
    for (int y = 0; y < NY; y++)
        f->years[i][y] = (tc_year){.year = y + 1, .gpus = 8.0 * (y + 1), .tokens = 1e12,
                                   .revenue = NAN, .gross_margin = NAN, .facility_mw = 0.5};
}

/* The api bid: no GPUs, so every per-GPU figure is NAN. */
static void make_api(fixture *f)
{
    tc_platform_result *pr = &f->pr[2];
    f->p[2].pricing.kind = TC_PRICING_API;
    pr->cost_per_gpu_hour = pr->tokens_per_s_per_gpu = pr->tokens_per_s_per_mw = NAN;
    pr->pflops_per_dollar_hour = pr->peak_facility_mw = NAN;
    pr->cost_per_m_tokens = 2.19;
    f->wr[2][0].how = TC_TPUT_API;
    f->wr[2][0].tokens_per_s_per_gpu = NAN;
    f->wr[2][0].cost_per_m_tokens = 2.19;
    for (int y = 0; y < NY; y++)
        f->years[2][y].gpus = f->years[2][y].facility_mw = NAN;
}

static fixture *make_fixture(void)
{
    fixture *f = calloc(1, sizeof *f);
    tc_scenario *s = &f->s;
    s->title = "Seed: H200 vs GB300";
    strcpy(s->currency, "USD");
    s->horizon_years = NY;
    s->file = "/home/someone/scenario.yaml";
    strcpy(s->input_sha256, "ab12");
    s->workloads = f->w;
    s->n_workloads = NW;
    s->platforms = f->p;
    s->n_platforms = NP;
    f->w[0] = (tc_workload){.id = "r1", .name = "DeepSeek-R1", .model = "deepseek-r1",
                            .isl = 1024, .osl = 1024};
    fill_platform(f, 0, "h200", "HGX H200", 1.41, 90.0, 1.73);
    fill_platform(f, 1, "gb300", "GB300 NVL72", 2.65, 6000.0, 2.10);
    fill_platform(f, 2, "api", "DeepSeek API", NAN, NAN, 1.0);
    make_api(f);
    f->pr[0].pflops_per_dollar_hour = 3.958 / 1.41;
    f->pr[1].pflops_per_dollar_hour = 15.0 / 2.65;
    f->claims[0] = (tc_claim){TC_CLAIM_COST_PER_M_TOKENS, 4.20, 0.01, 10, 7};
    f->claims[1] = (tc_claim){TC_CLAIM_TOKENS_PER_S_PER_MW, 54000, 1, 11, 7};
    f->p[0].claims = f->claims;
    f->p[0].n_claims = 2;
    f->cr[0] = (tc_claim_result){TC_CLAIM_COST_PER_M_TOKENS, 4.20, f->pr[0].cost_per_m_tokens,
                                 (4.20 - f->pr[0].cost_per_m_tokens) / f->pr[0].cost_per_m_tokens, 0};
    f->cr[1] = (tc_claim_result){TC_CLAIM_TOKENS_PER_S_PER_MW, 54000, f->pr[0].tokens_per_s_per_mw,
                                 (54000 - f->pr[0].tokens_per_s_per_mw) / f->pr[0].tokens_per_s_per_mw, 0};
    f->pr[0].claims = f->cr;
    f->r = (tc_results){.scenario = s, .baseline = 0, .platforms = f->pr, .ranking = f->ranking,
                        .n_ranking = 3, .warnings = f->warnings, .n_warnings = 1};
    f->ranking[0] = 1;
    f->ranking[1] = 2;
    f->ranking[2] = 0;
    f->warnings[0] = "api: prices change without notice";
    return f;
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *doc = json_loads(text, 0, &e);
    if (!doc)
        print_error("json: %s at line %d\n", e.text, e.line);
    assert_non_null(doc);
    return doc;
}

/* The object's keys in order, joined by spaces. */
static char *keys_of(json_t *obj)
{
    static char buf[2048];
    buf[0] = '\0';
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        if (buf[0])
            strcat(buf, " ");
        strcat(buf, k);
    }
    return buf;
}

#define assert_prefix(s, prefix) assert_memory_equal((s), (prefix), strlen(prefix))

static void keys_in_documented_order(void **state)
{
    (void)state;
    fixture *f = make_fixture();
    char *text = tc_results_json(&f->r);
    json_t *doc = parse(text);
    assert_string_equal(keys_of(doc), "tool scenario platforms ranking warnings");
    assert_string_equal(keys_of(json_object_get(doc, "tool")), "name version");
    assert_string_equal(keys_of(json_object_get(doc, "scenario")),
                        "title currency token_basis baseline input_sha256 horizon_years");
    json_t *p0 = json_array_get(json_object_get(doc, "platforms"), 0);
    assert_prefix(keys_of(p0),
        "id name pricing covered cost_per_gpu_hour pflops_per_dollar_hour tokens_per_s_per_gpu "
        "tokens_per_s_per_mw cost_per_m_tokens levelized_cost_per_m_tokens tco_npv tco_nominal ");
    assert_non_null(strstr(keys_of(p0), " workloads years claims"));
    json_t *w = json_array_get(json_object_get(p0, "workloads"), 0);
    assert_string_equal(keys_of(w), "id covered tokens_per_s_per_gpu cost_per_m_tokens throughput_method evidence");
    json_t *y = json_array_get(json_object_get(p0, "years"), 0);
    assert_prefix(keys_of(y), "year gpus capex opex credit tokens facility_mw ");
    json_t *c = json_array_get(json_object_get(p0, "claims"), 0);
    assert_string_equal(keys_of(c), "metric claimed computed deviation consistent");
    json_decref(doc);
    free(text);
    free(f);
}

static void values_and_nulls(void **state)
{
    (void)state;
    fixture *f = make_fixture();
    f->p[0].name = "HGX \"H200\" 1.4099999999999999";
    f->pr[0].tco_npv = 100.0;
    f->pr[0].tco_nominal = 1e20;
    char *text = tc_results_json(&f->r);
    json_t *doc = parse(text);
    json_t *plats = json_object_get(doc, "platforms");
    json_t *h200 = json_array_get(plats, 0), *api = json_array_get(plats, 2);
    json_t *api_y1 = json_array_get(json_object_get(api, "years"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "tool"), "name")), "tokcost");
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "scenario"), "baseline")), "h200");
    assert_string_equal(json_string_value(json_object_get(api, "pricing")), "api");
    /* 17 significant digits: the very double the engine computed comes back. */
    assert_true(json_real_value(json_object_get(h200, "cost_per_m_tokens")) == 1.41 / (90.0 * 3600.0) * 1e6);
    assert_true(json_real_value(json_object_get(h200, "cost_per_gpu_hour")) == 1.41);
    /* ... in its shortest form, a real staying a real, strings untouched. */
    assert_non_null(strstr(text, "\"cost_per_gpu_hour\": 1.41,\n"));
    assert_non_null(strstr(text, "\"cost_per_m_tokens\": 4.351851851851851,\n"));
    assert_non_null(strstr(text, "\"tokens_per_s_per_gpu\": 90.0,\n"));
    assert_non_null(strstr(text, "\"tco_npv\": 100.0,\n"));
    assert_non_null(strstr(text, "\"tco_nominal\": 1e+20,\n"));
    assert_non_null(strstr(text, "\"name\": \"HGX \\\"H200\\\" 1.4099999999999999\","));
    assert_true(json_is_integer(json_object_get(api_y1, "year")));
    assert_true(json_is_real(json_object_get(h200, "tokens_per_s_per_gpu")));
    assert_double_rel(json_real_value(json_object_get(h200, "cost_per_m_tokens")), 4.3518518518518521, 1e-15);
    assert_double_rel(json_real_value(json_object_get(h200, "tokens_per_s_per_mw")), 52023.121387283236, 1e-15);
    /* What does not apply is null, never 0. */
    assert_true(json_is_null(json_object_get(api, "cost_per_gpu_hour")));
    assert_true(json_is_null(json_object_get(api, "tokens_per_s_per_mw")));
    assert_true(json_is_null(json_object_get(h200, "payback_years")));
    assert_true(json_is_null(json_object_get(h200, "site_fits")));
    assert_true(json_is_null(json_object_get(api_y1, "gpus")));
    assert_true(json_is_null(json_object_get(api_y1, "revenue")));
    assert_int_equal(json_integer_value(json_object_get(api_y1, "year")), 1);
    json_t *c0 = json_array_get(json_object_get(h200, "claims"), 0);
    assert_string_equal(json_string_value(json_object_get(c0, "metric")), "cost_per_m_tokens");
    assert_double_rel(json_real_value(json_object_get(c0, "deviation")), -0.034893617021276406, 1e-15);
    assert_true(json_is_false(json_object_get(c0, "consistent")));
    json_t *rank = json_object_get(doc, "ranking");
    assert_string_equal(json_string_value(json_array_get(rank, 0)), "gb300");
    assert_string_equal(json_string_value(json_array_get(rank, 2)), "h200");
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "warnings"), 0)),
                        "api: prices change without notice");
    /* No NaN or Infinity token, no path of the machine. */
    assert_null(strstr(text, ": nan"));
    assert_null(strstr(text, ": inf"));
    assert_null(strstr(text, "NaN"));
    assert_null(strstr(text, "/home/someone"));
    assert_int_equal(text[strlen(text) - 1], '\n');
    json_decref(doc);
    free(text);
    free(f);
}

static void analysis_sections_when_present(void **state)
{
    (void)state;
    fixture *f = make_fixture();
    tc_tornado_row rows0[] = {{.input = "utilization", .low = 5.1, .high = 3.9}}, *rows[NP] = {rows0, NULL, NULL};
    size_t n_rows[NP] = {1, 0, 0};
    tc_sensitivity sens = {0.2, rows, n_rows};
    tc_break_even be[] = {{1, 0, "utilization", 0.41, NULL}, {1, 2, "price_per_kwh", NAN, "no crossing in range"}};
    tc_quantiles q[NP] = {{1, 2, 3, 2.1}, {1, 2, 3, 2.2}, {1, 2, 3, 2.3}};
    double pc[NP] = {0.25, 0.73, 0.02};
    tc_monte_carlo mc = {10000, 42, q, q, pc};
    double cs[2] = {100, 90};
    tc_score sc[] = {{1, 97.2, 1, NULL, cs}, {0, 0, 0, "facility_mw 12.5 above max 10", NULL}};
    tc_criterion crit[] = {{TC_METRIC_LCOT, 0.6, TC_BETTER_LOWER, 0, 0},
                           {TC_METRIC_TOKENS_PER_S_PER_MW, 0.4, TC_BETTER_HIGHER, 0, 0}};
    f->s.analysis.criteria = crit;
    f->s.analysis.n_criteria = 2;
    tc_scoring scoring = {sc, 2};
    f->r.sensitivity = &sens;
    f->r.break_even = be;
    f->r.n_break_even = 2;
    f->r.monte_carlo = &mc;
    f->r.scoring = &scoring;
    char *text = tc_results_json(&f->r);
    json_t *doc = parse(text);
    assert_string_equal(keys_of(doc), "tool scenario platforms ranking sensitivity break_even "
                                      "monte_carlo scoring warnings");
    json_t *t = json_array_get(json_object_get(json_object_get(json_object_get(doc, "sensitivity"),
                                                               "platforms"), "h200"), 0);
    assert_string_equal(keys_of(t), "input low high");
    assert_double_rel(json_real_value(json_object_get(t, "low")), 5.1, 1e-15);
    json_t *be1 = json_array_get(json_object_get(doc, "break_even"), 1);
    assert_string_equal(keys_of(be1), "a b input value reason");
    assert_string_equal(json_string_value(json_object_get(be1, "a")), "gb300");
    assert_true(json_is_null(json_object_get(be1, "value")));
    json_t *m = json_object_get(doc, "monte_carlo");
    assert_int_equal(json_integer_value(json_object_get(m, "seed")), 42);
    json_t *mg = json_object_get(json_object_get(m, "platforms"), "gb300");
    assert_string_equal(keys_of(mg), "lcot cost_per_m_tokens p_cheapest");
    assert_string_equal(keys_of(json_object_get(mg, "lcot")), "p5 p50 p95 mean");
    json_t *s = json_object_get(doc, "scoring");
    json_t *r0 = json_array_get(json_object_get(s, "ranking"), 0);
    assert_string_equal(json_string_value(json_object_get(r0, "id")), "gb300");
    assert_int_equal(json_integer_value(json_object_get(r0, "rank")), 1);
    json_t *nc = json_array_get(json_object_get(s, "non_compliant"), 0);
    assert_string_equal(json_string_value(json_object_get(nc, "id")), "h200");
    assert_string_equal(json_string_value(json_object_get(nc, "reason")), "facility_mw 12.5 above max 10");
    json_decref(doc);
    free(text);
    free(f);
}

static void same_bytes_and_invalid_utf8_escaped(void **state)
{
    (void)state;
    fixture *f = make_fixture();
    char *a = tc_results_json(&f->r), *b = tc_results_json(&f->r);
    assert_string_equal(a, b);
    f->p[1].name = "GB300 \xff NVL72";
    char *c = tc_results_json(&f->r);
    assert_non_null(c);
    assert_non_null(strstr(c, "\"GB300 \\\\xff NVL72\""));
    free(a);
    free(b);
    free(c);
    free(f);
}

static void render_json_writes_through_the_outset(void **state)
{
    (void)state;
    fixture *f = make_fixture();
    char dir[] = "/tmp/tc_json_XXXXXX", path[64], err[256] = "";
    assert_non_null(mkdtemp(dir));
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    tc_render_opts opts = {0};
    assert_int_equal(tc_render_json(&f->r, o, &opts, err, sizeof err), TC_OK);
    assert_int_equal(tc_outset_commit(o), TC_OK);
    tc_outset_free(o);
    snprintf(path, sizeof path, "%s/results.json", dir);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    buf[n] = '\0';
    fclose(in);
    char *text = tc_results_json(&f->r);
    assert_string_equal(buf, text);
    free(text);
    unlink(path);
    rmdir(dir);
    free(f);
}

/* Issue 19: jansson writes 1e17 as "1e17", the shortest form is "1e+17":
 * rewritten in place, the longer form overwrote text not yet read and the
 * document was invalid. Every magnitude from the smallest subnormal to the
 * largest double parses back, bit for bit, through a strict parser. */
static void numbers_of_every_magnitude_round_trip(void **state)
{
    (void)state;
    /* First: no shorter number before it leaves slack to overwrite. */
    json_t *first = json_pack("[f, f, s]", 1e17, 2.5, "x");
    char *d1 = json_dumps(first, JSON_REAL_PRECISION(17));
    char *t1 = tc_json_shorten(d1);
    assert_string_equal(d1, "[1e17, 2.5, \"x\"]");
    assert_string_equal(t1, "[1e+17, 2.5, \"x\"]");
    json_decref(first);
    free(d1);
    free(t1);
    json_t *a = json_array();
    const double odd[] = {4.9406564584124654e-324, 1e-310, 2.2250738585072014e-308, 1e-100,
                          1e-5, 0.1, 1.41, 100.0, 1e15, 5e15, 1e16, 1e17, 123456789012345678.0,
                          1e21, 1e22, 1.2345678901234567e89, 1e300, 1.7976931348623157e308};
    size_t n = 0;
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++, n += 2) {
        json_array_append_new(a, json_real(odd[i]));
        json_array_append_new(a, json_real(-odd[i]));
    }
    for (int e = -323; e <= 308; e++, n++)
        json_array_append_new(a, json_real(pow(10.0, e)));
    json_array_append_new(a, json_string("1e17 in a string stays"));
    char *dump = json_dumps(a, JSON_REAL_PRECISION(17));
    char *text = tc_json_shorten(dump);
    assert_non_null(text);
    assert_non_null(strstr(text, ", 1e+17, -1e+17,"));
    assert_non_null(strstr(text, "\"1e17 in a string stays\""));
    json_error_t err;
    json_t *back = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    assert_non_null(back);
    assert_int_equal(json_array_size(back), n + 1);
    for (size_t i = 0; i < n; i++) {
        double want = json_real_value(json_array_get(a, i));
        double got = json_real_value(json_array_get(back, i));
        assert_memory_equal(&want, &got, sizeof want);
    }
    json_decref(back);
    json_decref(a);
    free(dump);
    free(text);
}

/* Issue 18: where 17 digits show 15 or fewer significant ones, the
 * search starts there (0.5 tries nothing); without an exponent where 17
 * digits have none, the integer digits are kept (100.0, 1e15 written out);
 * 16 and 17 digits search as before. Texts checked one by one. */
static void shortest_reals_at_the_search_bounds(void **state)
{
    (void)state;
    json_t *a = json_pack("[f, f, f, f, f, f, f, f, f, f, f, f, f, f, f]", 0.5, 90.0, 100.0, 1e15,
                          1e16, 0.0001, 1e-5, 123.456, 123456789012345.0, 1234567890123456.0,
                          0.3, 2.5e20, 0.0, -0.0, 1.41);
    char *dump = json_dumps(a, JSON_REAL_PRECISION(17));
    char *text = tc_json_shorten(dump);
    assert_string_equal(text, "[0.5, 90.0, 100.0, 1000000000000000.0, 10000000000000000.0, "
                              "0.0001, 1e-05, 123.456, 123456789012345.0, 1234567890123456.0, "
                              "0.3, 2.5e+20, 0.0, -0.0, 1.41]");
    json_decref(a);
    free(dump);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_in_documented_order),
        cmocka_unit_test(numbers_of_every_magnitude_round_trip),
        cmocka_unit_test(shortest_reals_at_the_search_bounds),
        cmocka_unit_test(values_and_nulls),
        cmocka_unit_test(analysis_sections_when_present),
        cmocka_unit_test(same_bytes_and_invalid_utf8_escaped),
        cmocka_unit_test(render_json_writes_through_the_outset),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
