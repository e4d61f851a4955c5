/* Out of memory at every allocation of tokcost's own code (linked with
 * --wrap for malloc, calloc, realloc, strdup, strndup and posix_memalign:
 * the libraries' allocations are not touched). The k-th allocation fails, for every k
 * until a run makes fewer than k: each step must then report
 * TC_ERR_NOMEM (or the CLI exit 3), never crash, never leak (under `make
 * asan`) and never return a result that differs from the undisturbed one:
 * an allocation failure may stop the work, not bend a figure. */
#include "tc_cli.h"
#include "tc_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze_text.h"
#include "tc_json.h"
#include "tc_table.h"
#include "tc_render.h"
#include "tc_load.h"
#include "tc_inputs.h"
#include "tc_analysis.h"
#include "../charts/chart.h"

/* ---- the failing allocator ---------------------------------------------- */
static long fail_at;    /* 0: never; k: the k-th allocation from arm() fails */
static long n_allocs;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_posix_memalign(void **p, size_t align, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_posix_memalign(void **p, size_t align, size_t n);

static int fails(void)
{
    return ++n_allocs == fail_at;
}
void *__wrap_malloc(size_t n) { return fails() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return fails() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return fails() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return fails() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return fails() ? NULL : __real_strndup(s, n); }
int __wrap_posix_memalign(void **p, size_t align, size_t n)
{
    return fails() ? ENOMEM : __real_posix_memalign(p, align, n);
}

static int disarm(void **state)
{
    (void)state;
    fail_at = 0;    /* a failed test may have left it armed */
    return 0;
}

static void arm(long k)
{
    n_allocs = 0;
    fail_at = k;
}

/* Whether the armed failure happened (else the sweep is over). */
static int struck(void)
{
    int hit = fail_at > 0 && n_allocs >= fail_at;
    fail_at = 0;
    return hit;
}

#define MAX_K 200000

/* ---- the undisturbed results -------------------------------------------- */
static const char *const scenario_files[] = {"tests/data/full.yaml", "scenarios/committee.yaml",
                                             "tests/data/import/imported.yaml"};
/* Evaluated with every analysis passing: */
static const char *const eval_files[] = {"scenarios/committee.yaml", "scenarios/seed.yaml"};

static tc_results *evaluate(const char *path, const tc_load_opts *opts, tc_scenario **s)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_results *r = NULL;
    assert_int_equal(tc_load_scenario(path, opts, s, &d), TC_OK);
    assert_int_equal(tc_eval(*s, &r), TC_OK);
    char err[1024];
    assert_int_equal(tc_test_analyze(*s, r, err, sizeof err), TC_OK);
    tc_diags_free(&d);
    return r;
}

static char *json_of(tc_scenario *s)
{
    tc_results *r = NULL;
    char err[1024];
    assert_int_equal(tc_eval(s, &r), TC_OK);
    (void)tc_test_analyze(s, r, err, sizeof err);   /* full.yaml's scoring does not apply */
    char *json = tc_results_json(r);
    assert_non_null(json);
    tc_results_free(r);
    return json;
}

static char *reference_json(const char *path, const tc_load_opts *opts)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario(path, opts, &s, &d), TC_OK);
    char *json = json_of(s);
    tc_scenario_free(s);
    tc_diags_free(&d);
    return json;
}

/* A load that succeeded despite a failed allocation (a message's echo fell
 * back to "?") must still give the very same figures. */
static void same_figures(tc_scenario *s, const char *want, const char *file, long k)
{
    char *got = json_of(s);
    if (strcmp(got, want) != 0)
        fail_msg("%s: allocation %ld failed, the load succeeded with other figures", file, k);
    free(got);
}

static void load_fails_cleanly(void **state)
{
    (void)state;
    static const char *const sets[] = {"assumptions.utilization=0.7", "demand.growth=0.1"};
    tc_load_opts opts = {sets, 2};
    for (size_t f = 0; f < sizeof scenario_files / sizeof scenario_files[0]; f++) {
        char *want = reference_json(scenario_files[f], &opts);
        long k = 1;
        for (; k < MAX_K; k++) {
            tc_diags d;
            tc_diags_init(&d);
            tc_scenario *s = NULL;
            arm(k);
            tc_status st = tc_load_scenario(scenario_files[f], &opts, &s, &d);
            int hit = struck();
            if (st == TC_OK)
                same_figures(s, want, scenario_files[f], k);
            else if (!hit || st != TC_ERR_NOMEM)
                fail_msg("%s: allocation %ld failed, status %d", scenario_files[f], k, st);
            else
                assert_null(s);
            tc_scenario_free(s);
            tc_diags_free(&d);
            if (!hit)
                break;
        }
        assert_true(k > 50 && k < MAX_K);
        free(want);
    }
}

static void check_fails_cleanly(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/bids/amd_mi355x.yaml", "tests/data/err_schema.yaml",
                                        "tests/data/err_numbers.yaml", "tests/data/err_yaml.yaml"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        tc_diags d;
        tc_diags_init(&d);
        tc_status want = tc_check_file(files[f], &d);
        tc_diags_free(&d);
        long k = 1;
        for (; k < MAX_K; k++) {
            tc_diags_init(&d);
            arm(k);
            tc_status st = tc_check_file(files[f], &d);
            int hit = struck();
            tc_diags_free(&d);
            if (!hit) {
                assert_int_equal(st, want);
                break;
            }
            /* a diagnostic that could not be recorded still fails the file */
            if (st != TC_ERR_NOMEM && st != want)
                fail_msg("%s: allocation %ld failed, status %d", files[f], k, st);
        }
        assert_true(k < MAX_K);
    }
}

/* Evaluation, analyses and the JSON text: NOMEM or the reference, exactly. */
static void eval_and_json_fail_cleanly(void **state)
{
    (void)state;
    for (size_t f = 0; f < 2; f++) {
        char *want = reference_json(eval_files[f], NULL);
        tc_scenario *s = NULL;
        tc_results *ref = evaluate(eval_files[f], NULL, &s);
        long k = 1;
        for (; k < MAX_K; k++) {
            tc_results *r = NULL;
            char err[1024] = "", *json = NULL;
            arm(k);
            tc_status st = tc_eval(s, &r);
            if (st == TC_OK)
                st = tc_test_analyze(s, r, err, sizeof err);
            if (st == TC_OK && !(json = tc_results_json(r)))
                st = TC_ERR_NOMEM;
            int hit = struck();
            if (st == TC_OK)
                assert_string_equal(json, want);
            else if (!hit || st != TC_ERR_NOMEM)
                fail_msg("%s: allocation %ld failed, status %d (%s)", eval_files[f], k, st, err);
            free(json);
            tc_results_free(r);
            if (!hit)
                break;
        }
        assert_true(k > 1 && k < MAX_K);
        /* the table: whatever it prints, it prints without crashing */
        FILE *null = fopen("/dev/null", "w");
        assert_non_null(null);
        for (k = 1; k < MAX_K; k++) {
            arm(k);
            tc_table_print(null, ref);
            tc_table_print_analysis(null, ref);
            if (!struck())
                break;
        }
        fclose(null);
        tc_results_free(ref);
        tc_scenario_free(s);
        free(want);
    }
}

static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
    closedir(d);
    return n;
}

/* One format's render with allocation k failing; 1 when it failed. */
static int render_once(const tc_results *r, const char *dir, unsigned format, long k)
{
    tc_render_opts opts = {0};
    char err[2048] = "";
    arm(k);
    tc_status st = tc_render_scenario(r, dir, format, &opts, err, sizeof err);
    int hit = struck();
    if (st == TC_OK) {
        assert_true(files_in(dir) > 0);
    } else {
        if (!hit)
            fail_msg("format %u: render failed without a failed allocation: %s", format, err);
        if (err[0] == '\0')
            fail_msg("format %u: allocation %ld failed without a message", format, k);
        if (files_in(dir) != 0)
            fail_msg("format %u: allocation %ld failed (%s) and files were left in %s", format, k,
                     err, dir);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return hit;
}

/* The output set of each format: NOMEM (or another error, named) and no
 * file at all, or every file. A render makes hundreds of allocations and
 * the PNG one is slow: up to `budget` of them fail, evenly spread, or every
 * one when TC_OOM_EXHAUSTIVE is set (make coverage sets it). */
static void render_fails_cleanly(void **state)
{
    (void)state;
    static const struct { unsigned format; long budget; } formats[] = {
        {TC_FMT_JSON, 1000}, {TC_FMT_PDF, 80}, {TC_FMT_XLSX, 80}, {TC_FMT_SVG, 40}, {TC_FMT_PNG, 12},
    };
    char root[] = "/tmp/tc_oom_XXXXXX", dir[64];
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/out", root);
    tc_scenario *s = NULL;
    tc_results *r = evaluate("scenarios/seed.yaml", NULL, &s);
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        if (!(tc_render_available() & formats[f].format))
            continue;
        /* twice: the first also loads what a process keeps (the charts'
         * font set, whose failures test_charts_fonts tests), so the
         * count is that of every later render */
        render_once(r, dir, formats[f].format, 0);
        render_once(r, dir, formats[f].format, 0);
        long total = n_allocs;
        long budget = getenv("TC_OOM_EXHAUSTIVE") ? total : formats[f].budget;
        long stride = budget >= total ? 1 : (total + budget - 1) / budget;
        for (long k = 1; k <= total; k += stride)
            assert_true(render_once(r, dir, formats[f].format, k));
        assert_false(render_once(r, dir, formats[f].format, total + 1));
    }
    rmdir(root);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* A chart of 15 bids draws 12 (charts/chart_pick.c): each allocation of
 * every chart's build fails in turn; NOMEM, or the same chart. */
static void chart_pick_fails_cleanly(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_results *r = evaluate("tests/data/many_bids.yaml", NULL, &s);
    for (int k = 0; k < TC_CHART_KIND_COUNT; k++) {
        tc_chart *want = NULL, *c = NULL;
        assert_int_equal(tc_chart_build(r, (tc_chart_kind)k, &want), TC_OK);
        for (long at = 1; at < MAX_K; at++) {
            arm(at);
            tc_status st = tc_chart_build(r, (tc_chart_kind)k, &c);
            int hit = struck();
            if (!hit) {
                assert_int_equal(st, TC_OK);
                tc_chart_free(c);
                break;
            }
            if (st == TC_OK) {      /* a failure the build may shrug off: same chart */
                assert_int_equal(c->n_cats, want->n_cats);
                assert_int_equal(c->n_series, want->n_series);
                tc_chart_free(c);
            } else {
                assert_int_equal(st, TC_ERR_NOMEM);
            }
        }
        if (want && want->n_cats)
            assert_true(want->n_cats <= TC_CHART_BIDS);
        tc_chart_free(want);
    }
    tc_results_free(r);
    tc_scenario_free(s);
}

/* Runs the program in this process with its output to /dev/null
 * (tc_cli_main closes stdout, as a program's end does: it gets a stream of
 * its own). Returns the exit status, plus 100 when the armed allocation
 * failed. */
static int run_cli(const char *const *argv, long k)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    FILE *out = stdout, *err = stderr;
    fflush(stdout);
    stdout = fopen("/dev/null", "w");
    stderr = fopen("/dev/null", "w");
    assert_non_null(stdout);
    assert_non_null(stderr);
    arm(k);
    int rc = tc_cli_main(argc, (char **)argv);
    int hit = struck();
    fclose(stderr);
    stdout = out;
    stderr = err;
    return rc + (hit ? 100 : 0);
}

/* The whole program: its exit status, or 3 (out of memory is an output
 * that could not be made). */
static void cli_fails_cleanly(void **state)
{
    (void)state;
    char root[] = "/tmp/tc_oomcli_XXXXXX";
    assert_non_null(mkdtemp(root));
    const char *const runs[][8] = {
        {"tokcost", "scenarios/seed.yaml", "-o", root, "-q", "--formats", "json", NULL},
        {"tokcost", "eval", "--json", "scenarios/seed.yaml", NULL},
        {"tokcost", "eval", "scenarios/seed.yaml", NULL},
        {"tokcost", "check", "scenarios/committee.yaml", "tests/data/err_schema.yaml", NULL},
        {"tokcost", "template", "bid", NULL},
        {"tokcost", "--formats", "nope", "x.yaml", NULL},
    };
    static const int ok_exit[] = {0, 0, 0, 1, 0, 2};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        long k = 1;
        for (; k < MAX_K; k++) {
            int rc = run_cli(runs[i], k);
            if (rc < 100) {
                if (rc != ok_exit[i])
                    fail_msg("%s %s: exit %d undisturbed", runs[i][1], runs[i][2], rc);
                break;
            }
            if (rc - 100 != ok_exit[i] && rc - 100 != 3)
                fail_msg("%s %s: allocation %ld failed, exit %d", runs[i][1], runs[i][2], k, rc - 100);
        }
        assert_true(k > 1 && k < MAX_K);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

/* The inputs table: NULL on any failed allocation, else the full table. */
static void inputs_fail_cleanly(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &d), TC_OK);
    tc_diags_free(&d);
    tc_inputs *ref = tc_inputs_new(s);
    assert_non_null(ref);
    long k = 1;
    for (; k < MAX_K; k++) {
        arm(k);
        tc_inputs *t = tc_inputs_new(s);
        int hit = struck();
        if (!hit) {
            assert_non_null(t);
            assert_int_equal(t->n, ref->n);
            tc_inputs_free(t);
            break;
        }
        if (t)
            fail_msg("tc_inputs_new: allocation %ld failed, table returned", k);
    }
    assert_true(k > (long)ref->n);
    tc_inputs_free(ref);
    tc_scenario_free(s);
}

/* The post-evaluation check's culprit search (issue 19): every
 * allocation of its copy, tables and evaluations fails in turn; the
 * check still refuses the scenario (never TC_OK), as TC_ERR_NOMEM or with
 * the one located message, and leaks nothing. */
static void finite_check_fails_cleanly(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("scenarios/seed.yaml", NULL, &s, &d), TC_OK);
    tc_diags_free(&d);
    s->platforms[0].pricing.gpu_hour.value = 0;     /* PFLOPS per dollar: 1 / 0 */
    tc_results *r = NULL;
    assert_int_equal(tc_eval(s, &r), TC_OK);
    long k = 1;
    for (; k < MAX_K; k++) {
        tc_diags_init(&d);
        arm(k);
        tc_status st = tc_check_finite(s, r, &d);
        int hit = struck();
        tc_diags_free(&d);
        if (!hit) {
            assert_int_equal(st, TC_ERR_INVALID);
            break;
        }
        if (st != TC_ERR_NOMEM && st != TC_ERR_INVALID)
            fail_msg("tc_check_finite: allocation %ld failed, status %d", k, (int)st);
    }
    assert_true(k > 3);
    tc_results_free(r);
    tc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(load_fails_cleanly, disarm),
        cmocka_unit_test_setup(check_fails_cleanly, disarm),
        cmocka_unit_test_setup(eval_and_json_fail_cleanly, disarm),
        cmocka_unit_test_setup(render_fails_cleanly, disarm),
        cmocka_unit_test_setup(chart_pick_fails_cleanly, disarm),
        cmocka_unit_test_setup(cli_fails_cleanly, disarm),
        cmocka_unit_test_setup(inputs_fail_cleanly, disarm),
        cmocka_unit_test_setup(finite_check_fails_cleanly, disarm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
