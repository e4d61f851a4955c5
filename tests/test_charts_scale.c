/* The throughput chart at scale (issue 19, finding 9): at most
 * TC_CURVE_PANELS panels, the workloads of largest share in scenario order,
 * and TC_CURVE_BIDS bids, the lowest LCOT first, with a footnote saying
 * what is shown; a chart of 1,000 series grows its array by doubling.
 * Before: one panel per workload (20 here) and every bid. */
#include "tc_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../charts/chart.h"
#include "tc_load.h"

/* 12 cloud bids, gpu_hour 1.0 + 0.1 i except p11 at 0.5: with one curve
 * each of the same throughput, LCOT orders them p11, p0, p1, ..., p10 (the
 * cost per token is the GPU-hour price over a common throughput). 20
 * workloads of one shape: w3, w5, ..., w17 have share 0.1 (0.8 in all),
 * the other 12 share 0.2 / 12 each. */
static char *scenario_text(int n_wl, int n_bids, int baseline)
{
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    assert_non_null(b);
    n += (size_t)snprintf(b + n, cap - n, "scenario: {title: \"Scale\", baseline: p%d}\n"
                          "demand: {tokens_per_day: 1.0e9}\nworkloads:\n", baseline);
    for (int w = 0; w < n_wl; w++) {
        int big = w % 2 == 1 && w >= 3 && w <= 17;
        n += (size_t)snprintf(b + n, cap - n, "  - {id: w%d, name: \"W%d\", model: m, isl: 1024, "
                              "osl: 1024, share: %.17g, min_interactivity: 20}\n", w, w,
                              n_wl == 1 ? 1.0 : big ? 0.1 : 0.2 / 12);
    }
    n += (size_t)snprintf(b + n, cap - n, "platforms:\n");
    for (int i = 0; i < n_bids; i++)
        n += (size_t)snprintf(b + n, cap - n, "  - id: p%d\n    name: \"P%d\"\n"
                              "    power_kw_per_gpu: 1\n    pricing: {cloud: {gpu_hour: %g}}\n"
                              "    performance:\n      - {model: m, isl: 1024, osl: 1024, points: "
                              "[{interactivity: 10, throughput: 2000}, {interactivity: 50, "
                              "throughput: 500}]}\n", i, i, i == 11 ? 0.5 : 1.0 + 0.1 * i);
    return b;
}

static void load_eval_bids(int n_wl, int n_bids, int baseline, tc_scenario **s, tc_results **r)
{
    char *text = scenario_text(n_wl, n_bids, baseline);
    tc_diags d;
    tc_diags_init(&d);
    char path[] = "/tmp/tc_charts_scale_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    free(text);
    tc_status st = tc_load_scenario(path, NULL, s, &d);
    unlink(path);
    if (st != TC_OK)
        fail_msg("%s", d.count ? d.items[0].message : "load failed");
    tc_diags_free(&d);
    assert_int_equal(tc_eval(*s, r), TC_OK);
}

static void load_eval(int n_wl, tc_scenario **s, tc_results **r)
{
    load_eval_bids(n_wl, 12, 0, s, r);
}

static void capped_panels_and_bids(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    load_eval(20, &s, &r);
    assert_int_equal(r->ranking[0], 11);
    assert_int_equal(r->ranking[1], 0);
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(r, TC_CHART_CURVES, &c), TC_OK);
    assert_non_null(c);
    assert_int_equal(c->n_panels, 8);
    for (size_t k = 0; k < 8; k++) {
        char want[8];
        snprintf(want, sizeof want, "W%zu", 3 + 2 * k);
        assert_string_equal(c->panel_titles[k], want);
    }
    /* 10 bids in each panel, in scenario order: p0..p8 and p11 (p9, p10 left out) */
    assert_int_equal(c->n_series, 80);
    static const char *const bids[] = {"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P11"};
    size_t legend = 0;
    for (size_t k = 0; k < c->n_series; k++) {
        assert_int_equal(c->series[k].panel, (int)(k / 10) + 1);
        assert_string_equal(c->series[k].name, bids[k % 10]);
        assert_int_equal(c->series[k].in_legend, k < 10);
        legend += (size_t)c->series[k].in_legend;
    }
    assert_int_equal(legend, 10);
    assert_int_equal(c->n_refs, 8);         /* one SLO line per panel */
    assert_int_equal(c->n_callouts, 80);    /* one operating point per curve */
    assert_string_equal(c->footnote, "Shown: the 8 workloads of largest share (of 20) and the 10 "
                        "bids of lowest LCOT (of 12 with curves); results.json and the workbook "
                        "hold every curve.");
    tc_chart_free(c);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* One workload: one plot, its legend the 10 bids with their evidence. */
static void capped_bids_one_workload(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    load_eval(1, &s, &r);
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(r, TC_CHART_CURVES, &c), TC_OK);
    assert_int_equal(c->n_panels, 0);
    assert_int_equal(c->n_series, 10);
    assert_string_equal(c->series[9].name, "P11 (vendor)");
    assert_int_equal(c->n_callouts, 10);
    assert_string_equal(c->footnote, "Shown: the 10 bids of lowest LCOT (of 12 with curves); "
                        "results.json and the workbook hold every curve.");
    tc_chart_free(c);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* 15 bids, the baseline p14 the dearest: every chart of bids draws
 * TC_CHART_BIDS (12), the baseline and the 11 of lowest LCOT (p11, p0 ..
 * p9), in scenario order, and says so after its own footnote. */
static void other_charts_pick_twelve(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    load_eval_bids(1, 15, 14, &s, &r);
    static const char *const bids[] = {"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9",
                                       "P11", "P14"};
    static const char cut[] = "Shown: 12 of 15 bids (the baseline and the lowest LCOT); "
                              "results.json and the workbook hold every bid.";
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(r, TC_CHART_COST_PER_M, &c), TC_OK);
    assert_int_equal(c->n_cats, 12);
    for (size_t j = 0; j < 12; j++)
        assert_string_equal(c->cats[j].label, bids[j]);
    assert_true(c->cats[11].emphasis);
    char want[300];
    snprintf(want, sizeof want, "Relative figures against the baseline, P14 (grey bar). %s", cut);
    assert_string_equal(c->footnote, want);
    tc_chart_free(c);
    assert_int_equal(tc_chart_build(r, TC_CHART_CUMULATIVE, &c), TC_OK);
    assert_int_equal(c->n_series, 12);
    for (size_t j = 0; j < 12; j++)
        assert_string_equal(c->series[j].name, bids[j]);
    assert_non_null(strstr(c->footnote, cut));
    tc_chart_free(c);
    assert_int_equal(tc_chart_build(r, TC_CHART_TCO_STACK, &c), TC_OK);
    assert_int_equal(c->n_cats, 12);
    assert_string_equal(c->cats[10].label, "P11");
    assert_string_equal(c->footnote, cut);
    tc_chart_free(c);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* 12 bids (the fixture's): every chart of bids draws them all, no note. */
static void twelve_bids_all_drawn(void **state)
{
    (void)state;
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    load_eval(1, &s, &r);
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(r, TC_CHART_SITE_POWER, &c), TC_OK);
    assert_int_equal(c->n_series, 12);
    assert_null(c->footnote);
    tc_chart_free(c);
    tc_results_free(r);
    tc_scenario_free(s);
}

/* 1,000 series: the array doubles (8, 16, ... 1024), earlier series kept. */
static void series_array_doubles(void **state)
{
    (void)state;
    tc_chart *c = calloc(1, sizeof *c);
    assert_non_null(c);
    char name[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "s%d", i);
        tc_series *s = tc_chart_add_series(c, tc_chart_str(c, "%s", name), (tc_rgb)i, 2);
        assert_non_null(s);
        s->x[1] = i;
        if (i == 8)
            assert_int_equal(c->series_cap, 16);
    }
    assert_int_equal(c->n_series, 1000);
    assert_int_equal(c->series_cap, 1024);
    for (int i = 0; i < 1000; i += 111) {
        snprintf(name, sizeof name, "s%d", i);
        assert_string_equal(c->series[i].name, name);
        assert_int_equal(c->series[i].colour, i);
        assert_true(c->series[i].x[1] == i);
    }
    tc_chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(capped_panels_and_bids),
        cmocka_unit_test(capped_bids_one_workload),
        cmocka_unit_test(series_array_doubles),
        cmocka_unit_test(other_charts_pick_twelve),
        cmocka_unit_test(twelve_bids_all_drawn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
