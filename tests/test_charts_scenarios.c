/* The example scenarios (the .yaml files in scenarios/) loaded, evaluated and analysed
 * as the CLI does, then every chart that applies rendered as PNG and SVG:
 * files present and identical across two renders, no text overlapping.
 * TC_CHARTS_OUT=dir keeps the files there (to look at them). */
#include "tc_test.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "chart_check.h"
#include "analyze_text.h"
#include "tc_load.h"
#include "tc_render.h"

static char base_dir[512];

static void load(const char *path, tc_scenario **s, tc_results **r)
{
    tc_diags d;
    tc_diags_init(&d);
    assert_int_equal(tc_load_scenario(path, NULL, s, &d), TC_OK);
    tc_diags_free(&d);
    assert_int_equal(tc_eval(*s, r), TC_OK);
    char err[1024] = "";
    assert_int_equal(tc_test_analyze(*s, *r, err, sizeof err), TC_OK);
}

static void render(const tc_results *r, const char *dir)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(o);
    tc_render_opts opts = {NULL, 1, 1, 1};
    char err[512] = "";
    tc_status st = tc_render_charts(r, o, &opts, err, sizeof err);
    if (st != TC_OK)
        fail_msg("%s: %s", dir, err);
    assert_int_equal(tc_outset_commit(o), TC_OK);
    tc_outset_free(o);
}

static int same_file(const char *a, const char *b)
{
    char cmd[2100];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

static void check_scenario(const char *path)
{
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    load(path, &s, &r);
    const char *stem = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char d1[700], d2[720];
    snprintf(d1, sizeof d1, "%s/%.*s", base_dir, (int)(strlen(stem) - 5), stem);
    snprintf(d2, sizeof d2, "%s-again", d1);
    render(r, d1);
    render(r, d2);
    int n = 0;
    for (int k = 0; k < TC_CHART_KIND_COUNT; k++) {
        if (!tc_chart_applies(r, (tc_chart_kind)k))
            continue;
        n++;
        for (int svg = 0; svg < 2; svg++) {
            char p1[900], p2[900];
            snprintf(p1, sizeof p1, "%s/charts/%s.%s", d1, tc_chart_terms[k].name, svg ? "svg" : "png");
            snprintf(p2, sizeof p2, "%s/charts/%s.%s", d2, tc_chart_terms[k].name, svg ? "svg" : "png");
            struct stat sb;
            if (stat(p1, &sb) != 0 || sb.st_size < 2000)
                fail_msg("%s missing or small", p1);
            if (!same_file(p1, p2))
                fail_msg("%s and %s differ", p1, p2);
        }
    }
    assert_true(n >= 6);    /* every scenario has the headline, curves and years */
    check_layout_clean(r, stem);
    tc_results_free(r);
    tc_scenario_free(s);
}

static void test_every_example_scenario(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("scenarios/*.yaml", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 1);
    for (size_t i = 0; i < g.gl_pathc; i++)
        check_scenario(g.gl_pathv[i]);
    globfree(&g);
}

int main(void)
{
    const char *keep = getenv("TC_CHARTS_OUT");
    snprintf(base_dir, sizeof base_dir, "%s", keep ? keep : "/tmp/tc-charts-scen-XXXXXX");
    if (keep)
        mkdir(base_dir, 0777);
    else if (!mkdtemp(base_dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_example_scenario),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (!keep) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", base_dir);
        if (system(cmd) != 0)
            failed++;
    }
    return failed;
}
