/* The workbook: safety helpers (names, text, sheet names), then workbooks
 * built from scenarios made in C and evaluated by tc_eval, checked by
 * tests/xlsx_recalc.py: Gnumeric recalculates every formula and must agree
 * with the cached engine value; a broken formula must be caught; an input
 * change must move the cost as METHOD.md says; hostile text stays text. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tc_test.h"
#include "tc_analysis.h"
#include "tc_results.h"
#include "scenario_fixture.h"
#include "../gen/render/xlsx/xlsx.h"

#define CHECKER "/usr/bin/python3 tests/xlsx_recalc.py"

static char dir[] = "/tmp/tc_xlsx_XXXXXX";

/* What the loader would also fill in: the file, the date, the hash. */
static void defaults(fixture *f)
{
    scenario_defaults(f);
    f->s.title = "Workbook test";
    f->s.date = "2026-11-21";
    f->s.file = "/somewhere/private/scenario.yaml";
    strcpy(f->s.input_sha256, "0123456789abcdef");
}

/* A bid with its source and its file, as the loader makes it. */
static tc_platform *platform(fixture *f, char *id, tc_pricing_kind kind)
{
    tc_platform *p = add_platform(f, id, kind);
    p->source = "test bid";
    p->file = "bids/x.yaml";
    return p;
}

/* METHOD.md's seed table: H200 and GB300 in the cloud, utilization 1, PUE 1. */
static void seed(fixture *f)
{
    defaults(f);
    f->s.utilization = given(1.0);
    f->s.pue = given(1.0);
    add_workload(f, "r1", "deepseek-r1", 1024, 1024, 1.0);
    tc_platform *h = platform(f, "h200", TC_PRICING_CLOUD);
    h->pricing.gpu_hour = given(1.41);
    h->peak_pflops = given(3.958);
    h->power_kw_per_gpu = given(1.73);
    double t1 = 90, t2 = 6000;
    add_perf(f, 0, "deepseek-r1", 1024, 1024, TC_BASIS_OUTPUT, NULL, &t1, 1);
    tc_platform *g = platform(f, "gb300", TC_PRICING_CLOUD);
    g->pricing.gpu_hour = given(2.65);
    g->peak_pflops = given(15);
    g->power_kw_per_gpu = given(2.10);
    g->gpus_per_node = 72;
    add_perf(f, 1, "deepseek-r1", 1024, 1024, TC_BASIS_OUTPUT, NULL, &t2, 1);
    add_claim(f, 1, TC_CLAIM_COST_PER_M_TOKENS, 0.12, 0.01);
}

/* Every pricing form and every way to find a throughput: cloud paying its
 * power, owned with refresh cohorts inside the horizon, api, a platform
 * that misses a workload; two workloads (SLO interpolated, flat, no SLO),
 * growth, escalation, uplift, facility, token price, site power. */
static void mixed(fixture *f)
{
    static const double xs[] = { 20, 50, 100 }, ys[] = { 9000, 6000, 2500 };
    static const double xs2[] = { 10, 40 }, ys2[] = { 3000, 1200 };
    defaults(f);
    tc_scenario *s = &f->s;
    s->horizon_years = 7;
    s->token_basis = TC_BASIS_TOTAL;
    s->growth = given(0.4);
    s->escalation = given(0.03);
    s->facility_per_kw_month = given(150);
    s->site_power_mw = given(3);
    s->token_price_per_m = given(2.0);
    s->tokens_per_day = given(5e9);
    s->utilization = (tc_num){ .value = 0.7, .given = 1, .dist = TC_DIST_TRIANGULAR,
                               .p1 = 0.5, .p2 = 0.7, .p3 = 0.9 };
    tc_workload *chat = add_workload(f, "chat", "deepseek-r1", 1024, 1024, 0.6);
    chat->min_interactivity = given(70);
    add_workload(f, "batch", "deepseek-r1", 8192, 1024, 0.4);
    tc_platform *c = platform(f, "gb300", TC_PRICING_CLOUD);
    c->pricing.gpu_hour = given(2.65);
    c->pricing.includes_power = 0;
    c->pricing.annual_change = given(-0.1);
    c->gpus_per_node = 72;
    c->idle_power_fraction = given(0.4);
    c->software_uplift = given(0.1);
    c->peak_pflops = given(15);
    add_perf(f, 0, "deepseek-r1", 1024, 1024, TC_BASIS_OUTPUT, xs, ys, 3);
    add_perf(f, 0, "deepseek-r1", 8192, 1024, TC_BASIS_OUTPUT, xs2, ys2, 2);
    tc_platform *o = platform(f, "own-h200", TC_PRICING_OWNED);
    o->pricing.capex_per_node = given(3.9e5);
    o->pricing.network_capex_per_node = given(2.5e4);
    o->pricing.amortization_years = 3;
    o->pricing.residual_value = given(0.1);
    o->pricing.maintenance_rate = given(0.05);
    o->pricing.software_per_gpu_year = given(4500);
    o->pricing.other_per_year = given(1e5);
    o->pricing.one_time = given(2e5);
    o->power_kw_per_gpu = given(1.73);
    o->idle_power_fraction = given(0.5);
    /* SLO 70 > 40: not covered */
    add_perf(f, 1, "deepseek-r1", 1024, 1024, TC_BASIS_TOTAL, xs2, ys2, 2);
    add_perf(f, 1, "deepseek-r1", 8192, 1024, TC_BASIS_OUTPUT, xs2, ys2, 2);
    tc_platform *a = platform(f, "api", TC_PRICING_API);
    a->pricing.input_per_m = given(0.55);
    a->pricing.output_per_m = given(2.19);
    a->pricing.annual_change = given(-0.2);
    a->pricing.one_time = given(5e4);
    tc_platform *w = platform(f, "owned-2", TC_PRICING_OWNED);
    w->pricing.capex_per_node = given(3.0e5);
    w->pricing.residual_value = given(0.2);
    w->pricing.amortization_years = 4;
    add_perf(f, 3, "deepseek-r1", 1024, 1024, TC_BASIS_TOTAL, xs, ys, 3);
    add_perf(f, 3, "deepseek-r1", 8192, 1024, TC_BASIS_OUTPUT, xs2, ys2, 2);
    s->baseline = "gb300";
}

static tc_results *eval(const fixture *f)
{
    tc_results *r = NULL;
    assert_int_equal(tc_eval(&f->s, &r), TC_OK);
    return r;
}

static void book_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s.xlsx", dir, name);
}

static void write_ok(const tc_results *r, const char *path)
{
    char err[256] = "";
    tc_status st = tc_xlsx_write(r, path, err, sizeof err);
    if (st != TC_OK)
        print_error("%s\n", err);
    assert_int_equal(st, TC_OK);
}

static int run(const char *fmt, const char *a, const char *b)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* ---- safety helpers ---- */

static void test_names_are_safe(void **state)
{
    (void)state;
    char out[XL_NAME_MAX + 1];
    const char *cases[][2] = {
        { "h200_gpu_hour", "h200_gpu_hour" }, { "a1", "_a1" }, { "XFD1048576", "_XFD1048576" },
        { "r1c1", "_r1c1" }, { "R", "_R" }, { "rc", "_rc" }, { "c12", "_c12" },
        { "8x_gpu_hour", "_8x_gpu_hour" }, { "own-h200_capex", "own_h200_capex" },
        { "_xlnm_print", "__xlnm_print" }, { "ab1c", "ab1c" }, { "rate.x", "rate.x" },
        { "gpu hour\xc3\xa9", "gpu_hour__" } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        xl_name_sanitize(cases[k][0], out, sizeof out);
        assert_string_equal(out, cases[k][1]);
    }
    char longname[600];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    xl_name_sanitize(longname, out, sizeof out);
    assert_int_equal(strlen(out), XL_NAME_MAX);
    char other[600];
    memcpy(other, longname, sizeof other);
    other[500] = 'b';
    char out2[XL_NAME_MAX + 1];
    xl_name_sanitize(other, out2, sizeof out2);
    assert_int_equal(strlen(out2), XL_NAME_MAX);
    assert_string_not_equal(out, out2);     /* cut names stay distinct */
}

static void test_text_and_sheet_names(void **state)
{
    (void)state;
    assert_int_equal(xl_utf8_cut("abc", 10), 3);
    assert_int_equal(xl_utf8_cut("a\xc3\xa9z", 2), 1);     /* does not split é */
    assert_int_equal(xl_utf8_cut("a\xc3\xa9z", 3), 3);
    int cut = 0;
    char *t = xl_clean("ok\x01\xff\ttab", &cut);
    assert_string_equal(t, "ok\xef\xbf\xbd\xef\xbf\xbd\ttab");
    assert_false(cut);
    free(t);
    char big[40000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    t = xl_clean(big, &cut);
    assert_true(cut);
    assert_int_equal(strlen(t), XL_STR_MAX);
    free(t);
    char s[32];
    xl_sheet_name("a[b]:c*d?e/f\\g", s, sizeof s);
    assert_string_equal(s, "a_b__c_d_e_f_g");
    xl_sheet_name("'quoted'", s, sizeof s);
    assert_string_equal(s, "_quoted_");
    xl_sheet_name("history", s, sizeof s);
    assert_string_equal(s, "Sheet_");
    xl_sheet_name("0123456789012345678901234567890123456789", s, sizeof s);
    assert_int_equal(strlen(s), 31);
}

/* ---- workbooks ---- */

static void test_seed_recalculates(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    tc_results *r = eval(&f);
    assert_double_rel(r->platforms[0].cost_per_m_tokens, 4.351851851851852, 1e-12);
    char path[256];
    book_path(path, sizeof path, "seed");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    /* the recalculated names give METHOD.md's figures */
    char cmd[512];
    snprintf(cmd, sizeof cmd, CHECKER " get %s h200_cost_per_m_tokens gb300_cost_per_m_tokens "
             "gb300_tokens_per_s_per_mw > %s/seed.txt", path, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/seed.txt", dir);
    FILE *fp = fopen(cmd, "r");
    assert_non_null(fp);
    double a = 0, b = 0, c = 0;
    assert_int_equal(fscanf(fp, "h200_cost_per_m_tokens %lf gb300_cost_per_m_tokens %lf "
                            "gb300_tokens_per_s_per_mw %lf", &a, &b, &c), 3);
    fclose(fp);
    assert_double_rel(a, 4.3519, 1e-4);
    assert_double_rel(b, 0.12269, 1e-4);
    assert_double_rel(c, 2857142.857, 1e-9);
    tc_results_free(r);
}

static void test_mixed_recalculates(void **state)
{
    (void)state;
    fixture f;
    mixed(&f);
    tc_results *r = eval(&f);
    assert_false(r->platforms[1].covered);      /* own-h200 misses chat's SLO */
    assert_int_equal(r->platforms[0].workloads[0].how, TC_TPUT_INTERP);
    assert_int_equal(r->platforms[0].workloads[1].how, TC_TPUT_MAX);
    char path[256];
    book_path(path, sizeof path, "mixed");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    /* the SLO at or below the lowest point: the flat case */
    f.w[0].min_interactivity = given(10);
    tc_results_free(r);
    r = eval(&f);
    assert_int_equal(r->platforms[0].workloads[0].how, TC_TPUT_FLAT);
    assert_true(r->platforms[1].covered);
    book_path(path, sizeof path, "mixed_flat");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    tc_results_free(r);
}

/* A wrong formula must fail the check: the checker really compares. */
static void test_broken_formula_is_caught(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    tc_results *r = eval(&f);
    char path[256], bad[256];
    book_path(path, sizeof path, "tobreak");
    book_path(bad, sizeof bad, "broken");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " break %s %s", path, bad), 0);
    assert_int_equal(run(CHECKER " check %s%s > /dev/null", bad, ""), 1);
    tc_results_free(r);
}

/* Cloud cost per million tokens is c_h / (T u 3600) 1e6: halving u doubles it. */
static void test_input_change_moves_cost(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    f.s.utilization = given(0.8);
    tc_results *r = eval(&f);
    double before = r->platforms[0].cost_per_m_tokens;
    char path[256], changed[256], cmd[1024];
    book_path(path, sizeof path, "u80");
    book_path(changed, sizeof changed, "u40");
    write_ok(r, path);
    snprintf(cmd, sizeof cmd, CHECKER " set %s utilization 0.4 %s && " CHECKER
             " get %s h200_cost_per_m_tokens h200_tco_npv > %s/u40.txt", path, changed, changed, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/u40.txt", dir);
    FILE *fp = fopen(cmd, "r");
    assert_non_null(fp);
    double after = 0, npv = 0;
    assert_int_equal(fscanf(fp, "h200_cost_per_m_tokens %lf h200_tco_npv %lf", &after, &npv), 2);
    fclose(fp);
    assert_double_rel(after, before * 0.8 / 0.4, 1e-12);
    /* the fleet follows: ceil(1e9 / 86400 / (90 u) / 8) nodes, 21 at u = 0.8, 41 at
     * 0.4; no growth, so the NPV scales with the nodes */
    assert_double_rel(npv, r->platforms[0].tco_npv * 41 / 21, 1e-12);
    tc_results_free(r);
}

static void test_hostile_text_stays_text(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    char *sub = malloc(40001);
    assert_non_null(sub);
    memset(sub, 'y', 40000);
    sub[40000] = '\0';
    f.s.title = "=HYPERLINK(\"http://evil.example\",\"click\")";
    f.s.subtitle = sub;
    f.s.prepared_by = "+cmd|' /C calc'!A0";
    f.s.prepared_for = "bad \x01 utf8 \xff here";
    f.p[0].name = "@SUM(1+1)*cmd|' /C calc'!A0";
    f.p[0].id = "a1";               /* looks like a cell reference */
    f.p[1].id = "r1c1";
    f.s.baseline = "a1";
    f.w[0].name = "-2+3";
    tc_results *r = eval(&f);
    char path[256];
    book_path(path, sizeof path, "hostile");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CHECKER " text %s '=HYPERLINK(\"http://evil.example\",\"click\")' "
             "\"+cmd|' /C calc'!A0\" \"@SUM(1+1)*cmd|' /C calc'!A0\"", path);
    assert_int_equal(system(cmd), 0);
    /* the long subtitle is cut, and the Summary says so */
    snprintf(cmd, sizeof cmd, CHECKER " text %s \"workbook: Summary!A2: a text of 40000 bytes "
             "was cut to Excel's limit of 32767\"", path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, CHECKER " get %s a1_cost_per_m_tokens r1c1_gpu_hour > /dev/null", path);
    assert_int_equal(system(cmd), 0);
    tc_results_free(r);
    free(sub);
}

/* exit 0 when docProps/core.xml of zip argv[1] holds argv[2] */
#define CORE_HAS "/usr/bin/python3 -c \"import sys, zipfile; sys.exit(sys.argv[2].encode() not in " \
                 "zipfile.ZipFile(sys.argv[1]).read('docProps/core.xml'))\" %s "

static void test_same_bytes_and_date(void **state)
{
    (void)state;
    fixture f;
    mixed(&f);
    tc_results *r = eval(&f);
    char a[256], b[256];
    book_path(a, sizeof a, "same1");
    book_path(b, sizeof b, "same2");
    write_ok(r, a);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);   /* scenario.date wins */
    write_ok(r, b);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(run("cmp -s %s %s", a, b), 0);
    assert_int_equal(run(CORE_HAS "'2026-11-21T00:00:00Z' %s", a, ""), 0);
    /* no scenario.date: SOURCE_DATE_EPOCH, else a fixed epoch, never now */
    f.s.date = NULL;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    write_ok(r, b);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(run(CORE_HAS "'2023-11-14T22:13:20Z' %s", b, ""), 0);
    write_ok(r, b);
    assert_int_equal(run(CORE_HAS "'1980-01-01T00:00:00Z' %s", b, ""), 0);
    tc_results_free(r);
}

static void test_analysis_sheets(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    tc_results *r = eval(&f);
    assert_null(r->sensitivity);
    tc_tornado_row rows[2][1] = { { { .input = "utilization", .low = 5.1, .high = 3.9 } },
                                    { { .input = "gpu_hour", .low = 0.1, .high = 0.14 } } };
    tc_tornado_row *rp[2] = { rows[0], rows[1] };
    size_t nr[2] = { 1, 1 };
    tc_sensitivity sv = { 0.2, rp, nr };
    tc_quantiles q[2] = { { 1, 2, 3, 2 }, { 0.1, 0.2, 0.3, 0.2 } };
    double pc[2] = { 0.1, 0.9 };
    tc_monte_carlo mc = { 1000, 42, q, q, pc };
    /* no criteria: a compliant bid scores 0 (the weighted sum of nothing) */
    tc_score sc[2] = { { 1, 0, 1, NULL, NULL }, { 0, NAN, 0, "=HYPERLINK(\"x\")", NULL } };
    tc_scoring scoring = { sc, 2 };
    r->sensitivity = &sv;
    r->monte_carlo = &mc;
    r->scoring = &scoring;
    char path[256], cmd[1024];
    book_path(path, sizeof path, "analysis");
    write_ok(r, path);
    r->sensitivity = NULL, r->monte_carlo = NULL, r->scoring = NULL;
    snprintf(cmd, sizeof cmd, CHECKER " sheets %s | grep -qx 'Summary Inputs Platforms Workloads "
             "CostPerToken TCO Sensitivity MonteCarlo Scoring'", path);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    assert_int_equal(run(CHECKER " text %s '=HYPERLINK(\"x\")'%s", path, ""), 0);
    tc_results_free(r);
}

/* The mixed scenario scored for real: lcot and cost per million tokens
 * (lower is better), nominal TCO (higher, as a criterion may say: the only
 * way to score a direction the api bid has a figure for); facility_mw at most halfway
 * between the two GPU bids' peaks (the bigger one fails), tokens/s per MW at
 * least 1 (an api bid has none: not checked); own-h200 covers no mix. Every cached
 * score, value and rank equals Gnumeric's recalculation; lifting the MW
 * bound in the workbook ranks both GPU bids as the analysis then does. */
static void test_scoring_live(void **state)
{
    (void)state;
    fixture f;
    mixed(&f);
    tc_results *r = eval(&f);
    tc_criterion crit[3] = { { TC_METRIC_LCOT, 0.5, TC_BETTER_DEFAULT, 1, 1 },
                             { TC_METRIC_COST_PER_M_TOKENS, 0.3, TC_BETTER_DEFAULT, 2, 1 },
                             { TC_METRIC_TCO_NOMINAL, 0.2, TC_BETTER_HIGHER, 3, 1 } };
    double mw = (r->platforms[0].peak_facility_mw + r->platforms[3].peak_facility_mw) / 2;
    tc_requirement req[3] = { { TC_METRIC_MEETS_SLO, 0, 0, 0, 0, 4, 1 },
                              { TC_METRIC_FACILITY_MW, 1, 0, mw, 0, 5, 1 },
                              { TC_METRIC_TOKENS_PER_S_PER_MW, 0, 1, 0, 1, 6, 1 } };
    f.s.analysis = (tc_analysis){ .has_scoring = 1, .criteria = crit, .n_criteria = 3,
                                  .requirements = req, .n_requirements = 3 };
    char path[256], lifted[256], cmd[2048];
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_scoring_run(&f.s, r, &r->scoring, &d), TC_OK);
    int ranked[6] = { 0 };
    for (size_t k = 0; k < r->scoring->n_scores; k++)
        ranked[r->scoring->scores[k].platform] = r->scoring->scores[k].rank;
    assert_true((ranked[0] == 0) != (ranked[3] == 0));     /* one GPU bid is over the bound */
    assert_int_equal(ranked[1], 0);                         /* own-h200: no mix */
    book_path(path, sizeof path, "scoring");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    req[1].max = 1e9;
    tc_results *r2 = eval(&f);
    assert_int_equal(tc_scoring_run(&f.s, r2, &r2->scoring, &d), TC_OK);
    tc_diags_free(&d);
    book_path(lifted, sizeof lifted, "scoring_lifted");
    snprintf(cmd, sizeof cmd, CHECKER " set %s requirement_facility_mw_max 1e9 %s && " CHECKER
             " get %s gb300_score_rank owned_2_score_rank api_score_rank gb300_score > %s/rk.txt",
             path, lifted, lifted, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/rk.txt", dir);
    FILE *fp = fopen(cmd, "r");
    assert_non_null(fp);
    double got[4];
    assert_int_equal(fscanf(fp, "gb300_score_rank %lf owned_2_score_rank %lf api_score_rank %lf "
                            "gb300_score %lf", &got[0], &got[1], &got[2], &got[3]), 4);
    fclose(fp);
    int want[6] = { 0 };
    double gb_score = NAN;
    for (size_t k = 0; k < r2->scoring->n_scores; k++) {
        want[r2->scoring->scores[k].platform] = r2->scoring->scores[k].rank;
        if (r2->scoring->scores[k].platform == 0)
            gb_score = r2->scoring->scores[k].score;
    }
    assert_true(want[0] > 0 && want[3] > 0 && want[2] > 0);   /* all three ranked now */
    assert_int_equal((int)got[0], want[0]);
    assert_int_equal((int)got[1], want[3]);
    assert_int_equal((int)got[2], want[2]);
    assert_double_rel(got[3], gb_score, 1e-9);
    tc_scoring_free(r->scoring), tc_scoring_free(r2->scoring);
    r->scoring = r2->scoring = NULL;
    tc_results_free(r), tc_results_free(r2);
}

/* A curve of more than 40 points is not spelled out: its throughput is the
 * engine's value with a note, and every other formula still agrees. */
static void test_long_curve_is_a_value(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    static tc_point pts[41];
    for (int j = 0; j < 41; j++)
        pts[j] = (tc_point){ .interactivity = given(1 + j), .throughput = given(200 - 2 * j) };
    f.w[0].min_interactivity = given(10.5);
    f.perf[0][0] = (tc_perf){ .model = "deepseek-r1", .isl = 1024, .osl = 1024, .points = pts,
                              .n_points = 41, .has_interactivity = 1 };
    /* gb300's one point becomes a curve ending at 5 < 10.5: not covered */
    f.perf[1][0].points[0].interactivity = given(5);
    f.perf[1][0].has_interactivity = 1;
    tc_results *r = eval(&f);
    /* 10.5 between points 10 (182) and 11 (180): 181 */
    assert_double_rel(r->platforms[0].tokens_per_s_per_gpu, 181, 1e-12);
    char path[256];
    book_path(path, sizeof path, "long");
    write_ok(r, path);
    assert_int_equal(run(CHECKER " check %s%s", path, ""), 0);
    assert_int_equal(run("unzip -p %s xl/comments*.xml | grep -q 'more than 40 points'%s", path, ""), 0);
    tc_results_free(r);
}

/* A file cut short is not a complete zip. */
static void test_truncated_zip_detected(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    tc_results *r = eval(&f);
    char path[256], cut[256];
    book_path(path, sizeof path, "whole");
    book_path(cut, sizeof cut, "cut");
    write_ok(r, path);
    assert_true(xl_zip_complete(path));
    assert_int_equal(run("head -c 20000 %s > %s", path, cut), 0);
    assert_false(xl_zip_complete(cut));
    assert_int_equal(run("head -c -1 %s > %s", path, cut), 0);
    assert_false(xl_zip_complete(cut));
    assert_false(xl_zip_complete("/nonexistent"));
    tc_results_free(r);
}

/* How a write under a file size limit ended (write_limited). */
enum { LIM_OK, LIM_WRITE_ERROR, LIM_INCOMPLETE, LIM_WRONG };

/* The reason's form for err: LIM_WRONG unless it names path, then the
 * parts' folder when it is not beside path (a full /dev/shm is not the
 * output's disk; the user would look there for room) and not otherwise. */
static int limited_form(const char *err, const char *path, const char *parts)
{
    char tail[512];
    snprintf(tail, sizeof tail, "its parts are written to %s first)", parts);
    int beside = strcmp(parts, dir) == 0;
    if (strncmp(err, path, strlen(path)) != 0 || (beside ? strstr(err, "its parts") != NULL
                                                         : strstr(err, tail) == NULL))
        return LIM_WRONG;
    return strstr(err, ": the written workbook is incomplete (disk full?") ? LIM_INCOMPLETE
                                                                           : LIM_WRITE_ERROR;
}

/* Writes r to path under a file size limit (writes past it fail with EFBIG,
 * as on a full disk, parts included): LIM_OK, or a TC_ERR_WRITE of the
 * form limited_form gives with no file left, else LIM_WRONG. */
static int write_limited(const tc_results *r, const char *path, long limit)
{
    const char *parts = xl_parts_dir(dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = { (rlim_t)limit, (rlim_t)limit };
        setrlimit(RLIMIT_FSIZE, &lim);
        fclose(stderr);     /* libxlsxwriter's own messages */
        char err[256] = "";
        tc_status st = tc_xlsx_write(r, path, err, sizeof err);
        if (st == TC_OK)
            _exit(LIM_OK);
        _exit(st == TC_ERR_WRITE && access(path, F_OK) != 0 ? limited_form(err, path, parts)
                                                            : LIM_WRONG);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Every limit from 1000 bytes to the largest part fails, and both forms
 * of the reason are seen. */
static void every_limit_fails(const tc_results *r, const char *path, long largest)
{
    int seen[LIM_WRONG + 1] = { 0 };
    for (long limit = 1000; limit < largest; limit = limit * 9 / 8) {
        int how = write_limited(r, path, limit);
        if (how == LIM_OK || how == LIM_WRONG)
            print_error("file size limit %ld, parts in %s: not reported as a write error\n",
                        limit, xl_parts_dir(dir));
        assert_true(how == LIM_WRITE_ERROR || how == LIM_INCOMPLETE);
        seen[how]++;
    }
    assert_true(seen[LIM_WRITE_ERROR] > 0 && seen[LIM_INCOMPLETE] > 0);
}

/* Issue 18: libxlsxwriter's temporary parts go to /dev/shm when it has
 * room, else beside the workbook (NULL: always; a folder that is not
 * there: beside too). The same bytes every way, and no part left behind.
 * That last is looked for in a parts folder of this test's own: /dev/shm
 * is shared, and other tests' workbooks, written at the same moment, have
 * their parts there for a while (CI saw one). */
static void test_parts_folder_changes_nothing(void **state)
{
    (void)state;
    fixture f;
    mixed(&f);
    tc_results *r = eval(&f);
    char a[256], b[256], c[256], d[256], parts[256];
    book_path(a, sizeof a, "parts_memory");
    book_path(b, sizeof b, "parts_beside");
    book_path(c, sizeof c, "parts_missing");
    book_path(d, sizeof d, "parts_own");
    snprintf(parts, sizeof parts, "%s/parts", dir);
    assert_int_equal(mkdir(parts, 0700), 0);
    write_ok(r, a);
    xl_set_parts_dir(NULL);
    write_ok(r, b);
    xl_set_parts_dir("/nonexistent-parts-dir");
    write_ok(r, c);
    xl_set_parts_dir(parts);
    write_ok(r, d);
    xl_set_parts_dir("/dev/shm");
    assert_int_equal(run("cmp -s %s %s", a, b), 0);
    assert_int_equal(run("cmp -s %s %s", a, c), 0);
    assert_int_equal(run("cmp -s %s %s", a, d), 0);
    assert_int_equal(run("test -z \"$(find %s %s -maxdepth 1 -name 'tmp.*')\"", dir, parts), 0);
    assert_int_equal(rmdir(parts), 0);
    tc_results_free(r);
}

/* A full disk is a write error at every size below the workbook's largest
 * part (each part is a temporary file first), leaving no file. Between the
 * zip's size and that, libxlsxwriter itself reports success on a workbook
 * whose sheet XML is cut short; the check of every part catches those. */
static void test_disk_full_fails(void **state)
{
    (void)state;
    fixture f;
    mixed(&f);
    tc_results *r = eval(&f);
    char path[256];
    book_path(path, sizeof path, "full");
    write_ok(r, path);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c \"import sys, zipfile; print(max(i.file_size "
             "for i in zipfile.ZipFile(sys.argv[1]).infolist()))\" %s > %s/largest", path, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/largest", dir);
    FILE *fp = fopen(cmd, "r");
    assert_non_null(fp);
    long largest = 0;
    assert_int_equal(fscanf(fp, "%ld", &largest), 1);
    fclose(fp);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(largest > (long)st.st_size);    /* the silent range exists */
    every_limit_fails(r, path, largest);       /* parts where they go by default */
    xl_set_parts_dir(NULL);
    every_limit_fails(r, path, largest);       /* beside: not named */
    char parts[256];
    snprintf(parts, sizeof parts, "%s/full_parts", dir);
    assert_int_equal(mkdir(parts, 0700), 0);
    xl_set_parts_dir(parts);
    if (strcmp(xl_parts_dir(dir), parts) == 0)  /* needs 1 GB free in the test's folder */
        every_limit_fails(r, path, largest);   /* elsewhere: named */
    else
        print_message("the test's folder has under 1 GB free: parts elsewhere not tried\n");
    xl_set_parts_dir("/dev/shm");
    assert_int_equal(rmdir(parts), 0);
    tc_results_free(r);
}

static void test_unwritable_path_fails(void **state)
{
    (void)state;
    fixture f;
    seed(&f);
    tc_results *r = eval(&f);
    char err[256] = "";
    assert_int_equal(tc_xlsx_write(r, "/nonexistent-dir/x/workbook.xlsx", err, sizeof err),
                     TC_ERR_WRITE);
    assert_non_null(strstr(err, "/nonexistent-dir/x/workbook.xlsx"));
    assert_int_equal(access("/nonexistent-dir/x/workbook.xlsx", F_OK), -1);
    tc_results_free(r);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

/* TC_XLSX_KEEP=1 keeps the workbooks to open them by hand. */
static int teardown(void **state)
{
    (void)state;
    if (getenv("TC_XLSX_KEEP")) {
        print_message("workbooks kept in %s\n", dir);
        return 0;
    }
    return run("rm -rf %s%s", dir, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_are_safe),
        cmocka_unit_test(test_text_and_sheet_names),
        cmocka_unit_test(test_seed_recalculates),
        cmocka_unit_test(test_mixed_recalculates),
        cmocka_unit_test(test_broken_formula_is_caught),
        cmocka_unit_test(test_input_change_moves_cost),
        cmocka_unit_test(test_hostile_text_stays_text),
        cmocka_unit_test(test_same_bytes_and_date),
        cmocka_unit_test(test_parts_folder_changes_nothing),
        cmocka_unit_test(test_analysis_sheets),
        cmocka_unit_test(test_scoring_live),
        cmocka_unit_test(test_long_curve_is_a_value),
        cmocka_unit_test(test_truncated_zip_detected),
        cmocka_unit_test(test_disk_full_fails),
        cmocka_unit_test(test_unwritable_path_fails),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
