/* Chart layout as numbers: nice ticks for awkward ranges, tick texts,
 * bar geometry, label spreading and wrapping, stacked sums, crossings,
 * the figures the descriptions carry, and no two texts overlapping in
 * any chart of any fixture. */
#include "tc_test.h"

#include <string.h>
#include "../charts/chart.h"
#include "../charts/build_util.h"
#include "chart_fixture.h"
#include "chart_check.h"

/* ---- ticks ---- */

static void test_ticks_small_range(void **state)
{
    (void)state;
    tc_ticks t = tc_nice_ticks(0.0, 0.123, 5);
    assert_double_rel(t.step, 0.02, 1e-12);
    assert_double_rel(t.lo, 0.0, 1e-12);
    assert_double_rel(t.hi, 0.14, 1e-12);
    assert_int_equal(t.n, 8);
}

static void test_ticks_millions(void **state)
{
    (void)state;
    tc_ticks t = tc_nice_ticks(0.0, 2.8e6, 5);
    assert_double_rel(t.step, 5e5, 1e-12);
    assert_double_rel(t.hi, 3e6, 1e-12);
    assert_int_equal(t.n, 7);
}

static void test_ticks_negative(void **state)
{
    (void)state;
    tc_ticks t = tc_nice_ticks(-1.2e6, 3.4e6, 5);
    assert_double_rel(t.step, 1e6, 1e-12);
    assert_double_rel(t.lo, -2e6, 1e-12);
    assert_double_rel(t.hi, 4e6, 1e-12);
    assert_int_equal(t.n, 7);
    t = tc_nice_ticks(-0.37, -0.02, 4);     /* all below zero */
    assert_double_rel(t.step, 0.1, 1e-12);
    assert_double_rel(t.lo, -0.4, 1e-12);
    assert_true(t.hi == 0.0);
    assert_int_equal(t.n, 5);
}

static void test_ticks_degenerate(void **state)
{
    (void)state;
    tc_ticks t = tc_nice_ticks(5.0, 5.0, 5);    /* one value: widened around it */
    assert_double_rel(t.step, 1.0, 1e-12);
    assert_double_rel(t.lo, 2.0, 1e-12);
    assert_double_rel(t.hi, 8.0, 1e-12);
    t = tc_nice_ticks(0.0, 0.0, 5);
    assert_double_rel(t.hi, 1.0, 1e-12);
    t = tc_nice_ticks(NAN, 1.0, 5);
    assert_double_rel(t.hi, 1.0, 1e-12);
}

static void test_log_ticks(void **state)
{
    (void)state;
    double v[64], lo, hi;
    size_t n = tc_log_ticks(40, 9000, 5, v, 64, &lo, &hi);
    assert_int_equal(n, 9);     /* 20 50 100 200 500 1k 2k 5k 10k */
    assert_double_rel(v[0], 20, 1e-12);
    assert_double_rel(v[1], 50, 1e-12);
    assert_double_rel(v[8], 10000, 1e-12);
    assert_double_rel(lo, 20, 1e-12);
    assert_double_rel(hi, 10000, 1e-12);
    n = tc_log_ticks(0.5, 2e6, 5, v, 64, &lo, &hi);     /* 8 decades: powers of ten */
    assert_int_equal(n, 9);
    assert_double_rel(v[0], 0.1, 1e-12);
    assert_double_rel(v[1], 1, 1e-12);
    assert_double_rel(v[8], 1e7, 1e-12);
}

static void test_axis_text(void **state)
{
    (void)state;
    char b[64];
    tc_axis money = {.fmt = TC_FMT_MONEY, .currency = "USD"};
    tc_axis plain = {.fmt = TC_FMT_PLAIN};
    tc_axis chf = {.fmt = TC_FMT_MONEY, .currency = "CHF"};
    tc_axis ratio = {.fmt = TC_FMT_RATIO, .abs_labels = 1};
    assert_string_equal(tc_axis_text(&money, 0.02, 0.02, 0.14, b, sizeof b), "$0.02");
    assert_string_equal(tc_axis_text(&money, 0.0, 0.02, 0.14, b, sizeof b), "$0");
    assert_string_equal(tc_axis_text(&money, -1e6, 1e6, 4e6, b, sizeof b), "-$1M");
    assert_string_equal(tc_axis_text(&plain, 2.5e6, 5e5, 3e6, b, sizeof b), "2.5M");
    assert_string_equal(tc_axis_text(&plain, 50000, 10000, 60000, b, sizeof b), "50k");
    assert_string_equal(tc_axis_text(&plain, 3000, 1000, 5000, b, sizeof b), "3,000");
    assert_string_equal(tc_axis_text(&chf, 4.5, 0.5, 5, b, sizeof b), "4.5");
    assert_string_equal(tc_axis_text(&ratio, -35, 5, 40, b, sizeof b), "35x");
    assert_string_equal(tc_axis_text(&plain, 2000, 0, 0, b, sizeof b), "2k");   /* log axis */
    assert_string_equal(tc_axis_text(&plain, 50, 0, 0, b, sizeof b), "50");
    assert_string_equal(tc_axis_text(&plain, 0.05, 0, 0, b, sizeof b), "0.05");
}

/* ---- geometry and placement ---- */

static void test_band_bar(void **state)
{
    (void)state;
    tc_span s = tc_band_bar(0, 100, 4, 1, 0.6, 0);
    assert_double_rel(s.size, 15, 1e-12);
    assert_double_rel(s.start, 30, 1e-12);
    s = tc_band_bar(0, 1000, 2, 0, 0.62, 30);   /* capped thickness, still centred */
    assert_double_rel(s.size, 30, 1e-12);
    assert_double_rel(s.start, 235, 1e-12);
}

static void test_spread_cluster(void **state)
{
    (void)state;
    double p[3] = {104, 100, 102};      /* any order; each keeps its rank */
    tc_spread_labels(p, 3, 12, 0, 500);
    assert_double_rel(p[1], 90, 1e-12);  /* centred on what they wanted */
    assert_double_rel(p[2], 102, 1e-12);
    assert_double_rel(p[0], 114, 1e-12);
    double q[2] = {5, 6};
    tc_spread_labels(q, 2, 12, 0, 500);  /* pushed off the top edge */
    assert_double_rel(q[0], 0, 1e-12);
    assert_double_rel(q[1], 12, 1e-12);
    double r[2] = {499, 498};
    tc_spread_labels(r, 2, 12, 0, 500);
    assert_double_rel(r[1], 488, 1e-12);
    assert_double_rel(r[0], 500, 1e-12);
    double s[3] = {4, 4, 4};             /* cannot fit: evenly spread */
    tc_spread_labels(s, 3, 12, 0, 10);
    assert_double_rel(s[0], 0, 1e-12);
    assert_double_rel(s[1], 5, 1e-12);
    assert_double_rel(s[2], 10, 1e-12);
}

static void test_spread_never_overlaps(void **state)
{
    (void)state;
    double p[30], before[30];
    unsigned long x = 12345;
    for (int i = 0; i < 30; i++) {
        x = x * 1103515245UL + 12345UL;
        p[i] = before[i] = (double)((x >> 8) % 400);
    }
    tc_spread_labels(p, 30, 13, 0, 400);
    for (int i = 0; i < 30; i++) {
        assert_true(p[i] >= 0 && p[i] <= 400);
        for (int j = 0; j < 30; j++)
            if (i != j && (before[i] < before[j] || (before[i] == before[j] && i < j)))
                assert_true(p[j] - p[i] >= 13 - 1e-9);
    }
}

/* Fake metric: every character is 0.6 em wide. */
static double fake_width(void *ctx, const char *s, double size, int bold)
{
    (void)ctx;
    (void)bold;
    double n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n * size * 0.6;
}
static const tc_metrics fake = {fake_width, NULL};

static void test_wrap_lines(void **state)
{
    (void)state;
    tc_lines l;
    const char *name = "Vendor A Hyperscale Inference Cluster Configuration 10000000";
    tc_wrap_text(&fake, name, 10, 0, 150, 3, &l);   /* 25 characters a line */
    assert_int_equal(l.n, 3);
    assert_string_equal(l.line[0], "Vendor A Hyperscale");
    assert_string_equal(l.line[1], "Inference Cluster");
    assert_string_equal(l.line[2], "Configuration 10000000");
    assert_false(l.shortened);
    tc_wrap_text(&fake, name, 10, 0, 150, 2, &l);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.line[1], "Inference Cluster\xe2\x80\xa6");
    assert_true(l.shortened);
    tc_wrap_text(&fake, "Supercalifragilisticexpialidocious", 10, 0, 60, 1, &l);
    assert_string_equal(l.line[0], "Supercali\xe2\x80\xa6");
    tc_wrap_text(&fake, "Vendor Hyperscale Inference", 10, 0, 54, 3, &l);   /* 9 a line */
    assert_int_equal(l.n, 3);
    assert_string_equal(l.line[0], "Vendor");
    assert_string_equal(l.line[1], "Hypersca\xe2\x80\xa6");
    assert_string_equal(l.line[2], "Inference");
    assert_true(l.shortened);
}

/* The fake metric, counting its measurements. */
static int measured;
static double counted_width(void *ctx, const char *s, double size, int bold)
{
    measured++;
    return fake_width(ctx, s, size, bold);
}
static const tc_metrics counted = {counted_width, NULL};

/* The line's last fitting word is bisected, not found word by word: 60
 * words of 3 characters in a line of 180 characters (45 words and the
 * ellipsis) take 5 measurements and 1 for the ellipsis, where a walk took
 * 46 and 1. The line is the walk's. */
static void test_wrap_bisects_words(void **state)
{
    (void)state;
    char text[300] = "", expect[300] = "";
    for (int i = 0; i < 60; i++) {
        char w[16];
        snprintf(w, sizeof w, "%sw%02d", i ? " " : "", i);
        strcat(text, w);
        if (i < 45)
            strcat(expect, w);
    }
    strcat(expect, "\xe2\x80\xa6");
    tc_lines l;
    measured = 0;
    tc_wrap_text(&counted, text, 10, 0, 180 * 6.0, 1, &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.line[0], expect);
    assert_true(l.shortened);
    assert_int_equal(measured, 6);
}

/* A line may end after a hyphen inside a word: no ellipsis for
 * "(deepseek-reasoner)" in a 10-character column (6 units a character). */
static void test_wrap_after_hyphen(void **state)
{
    (void)state;
    tc_lines l;
    tc_wrap_text(&fake, "DeepSeek API (deepseek-reasoner)", 10, 0, 60, 4, &l);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.line[0], "DeepSeek");
    assert_string_equal(l.line[1], "API");
    assert_string_equal(l.line[2], "(deepseek-");
    assert_string_equal(l.line[3], "reasoner)");
    assert_false(l.shortened);
    tc_wrap_text(&fake, "a-b", 10, 0, 60, 1, &l);     /* fits whole: not broken */
    assert_string_equal(l.line[0], "a-b");
}

/* Off scale: the largest peak over 5x the median of the others. The
 * committee's yearly TCO peaks: others' median (10.5 + 24) / 2 = 17.25,
 * 97.6 > 86.25, so the cap is 31.6 x 1.15 = 36.34. */
static void test_offscale_cap(void **state)
{
    (void)state;
    size_t out = 99;
    double tco[] = {31.6, 10.5, 24.0, 7.6, 97.6};
    assert_double_rel(tc_offscale_cap(tco, 5, &out), 36.34, 1e-12);
    assert_int_equal(out, 4);
    double close[] = {10.0, 9.0, 8.0};     /* 10 < 5 x 8.5 */
    out = 99;
    assert_true(tc_offscale_cap(close, 3, &out) == 0.0);
    assert_int_equal(out, 99);
    double two[] = {100.0, 1.0};            /* too few bids to call one an outlier */
    assert_true(tc_offscale_cap(two, 2, &out) == 0.0);
    double zeros[] = {5.0, 0.0, 0.0};       /* the others' median is 0: no ratio */
    assert_true(tc_offscale_cap(zeros, 3, &out) == 0.0);
    double nan_peak[] = {NAN, 1.0, 2.0};    /* a bid without years does not count */
    assert_true(tc_offscale_cap(nan_peak, 3, &out) == 0.0);
}

static void test_wrap_keeps_utf8_whole(void **state)
{
    (void)state;
    tc_lines l;
    tc_wrap_text(&fake, "\xc3\x9c\xc3\x9c\xc3\x9c\xc3\x9c\xc3\x9c\xc3\x9c\xc3\x9c", 10, 0, 18, 2, &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.line[0], "\xc3\x9c\xc3\x9c\xe2\x80\xa6");
}

static void test_crossings(void **state)
{
    (void)state;
    double x[] = {1, 2, 3, 4}, a[] = {10, 20, 30, 40}, b[] = {15, 18, 35, 38};
    double xs[8], ys[8];
    size_t n = tc_chart_crossings(x, a, b, 4, xs, ys, 8);
    assert_int_equal(n, 3);
    assert_double_rel(xs[0], 1 + 5.0 / 7.0, 1e-12);
    assert_double_rel(ys[0], 10 + 10 * 5.0 / 7.0, 1e-12);
    assert_double_rel(xs[1], 2 + 2.0 / 7.0, 1e-12);
    assert_double_rel(xs[2], 3 + 5.0 / 7.0, 1e-12);
    double c[] = {1, 2, 3}, d[] = {2, 2, 1};    /* a touch is one crossing */
    n = tc_chart_crossings(x, c, d, 3, xs, ys, 8);
    assert_int_equal(n, 1);
    assert_double_rel(xs[0], 2, 1e-12);
    double e[] = {1, 2, 3}, f[] = {0, 1, 2};    /* parallel: none */
    assert_int_equal(tc_chart_crossings(x, e, f, 3, xs, ys, 8), 0);
}

/* ---- descriptions ---- */

static tc_chart *build(tc_fixture *f, tc_chart_kind k)
{
    tc_chart *c = NULL;
    assert_int_equal(tc_chart_build(&f->r, k, &c), TC_OK);
    assert_non_null(c);
    return c;
}

static void test_headline_labels(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    tc_chart *c = build(f, TC_CHART_COST_PER_M);
    assert_int_equal(c->type, TC_PLOT_HBAR);
    assert_double_rel(c->series[0].y[0], 4.3518518518518, 1e-9);   /* 1.41 / (90 * 3600) * 1e6 */
    assert_double_rel(c->series[0].y[1], 0.1226851851852, 1e-9);
    assert_string_equal(c->series[0].labels[0], "$4.35 (baseline)");
    /* 4.3519 / 0.12269 = 35.47: two significant figures */
    assert_string_equal(c->series[0].labels[1], "$0.123 (35x lower)");
    assert_string_equal(c->x.label, "USD per million output tokens (lower is better)");
    tc_chart_free(c);
    c = build(f, TC_CHART_TOKENS_PER_MW);
    /* one number style on the axis: 52,023 -> 52.0k beside 2.86M; 54.9x -> 55x */
    assert_string_equal(c->series[0].labels[0], "52.0k (baseline)");
    assert_string_equal(c->series[0].labels[1], "2.86M (55x higher)");
    tc_chart_free(c);
    free(f);
}

static void test_iceberg_figures(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    tc_chart *c = build(f, TC_CHART_ICEBERG);
    /* (15 / 2.65) / (3.958 / 1.41) and 4.35185 / 0.122685 */
    assert_double_rel(c->series[0].y[1], (15 / 2.65) / (3.958 / 1.41), 1e-12);
    assert_double_rel(c->series[1].y[1], -(1.41 / 90) / (2.65 / 6000), 1e-12);
    assert_string_equal(c->top_labels[1], "2.0x");
    assert_string_equal(c->bottom_labels[1], "35x");     /* 35.47, two significant figures */
    assert_string_equal(c->subtitle, "GB300 NVL72 has 2.0x the peak FLOPS per dollar of HGX H200, "
                                     "but 35x its tokens per dollar");
    tc_chart_free(c);
    strcpy(f->s.currency, "EUR");   /* the currency's unit in every label */
    c = build(f, TC_CHART_ICEBERG);
    assert_string_equal(c->title, "FLOPS per euro vs cost per token");
    assert_string_equal(c->series[0].name, "\xe2\x86\x91 peak FLOPS per euro (what the spec sheet says)");
    tc_chart_free(c);
    free(f);
}

static void test_tco_stack_sums_to_cash(void **state)
{
    (void)state;
    tc_fixture *f = fx_owned();
    tc_chart *c = build(f, TC_CHART_TCO_STACK);
    int h = f->s.horizon_years, credits = 0;
    assert_int_equal(c->n_cats, 3);
    assert_int_equal(c->n_sub, (size_t)h);
    for (size_t j = 0; j < c->n_cats; j++)
        for (int y = 0; y < h; y++) {
            double sum = 0;
            for (size_t s = 0; s < c->n_series; s++)
                sum += c->series[s].y[j * (size_t)h + (size_t)y];
            assert_double_rel(sum, f->pres[j].years[y].cash, 1e-12);
            credits += f->pres[j].years[y].credit > 0;
        }
    assert_true(credits > 0);   /* the case with a part below zero is covered */
    tc_chart_free(c);
    free(f);
}

static void test_not_applicable_kinds(void **state)
{
    (void)state;
    tc_fixture *f = fx_owned();
    tc_chart *c = (tc_chart *)1;
    assert_int_equal(tc_chart_build(&f->r, TC_CHART_TORNADO, &c), TC_OK);
    assert_null(c);
    assert_false(tc_chart_applies(&f->r, TC_CHART_MONTE_CARLO));
    assert_true(tc_chart_applies(&f->r, TC_CHART_CUMULATIVE));
    assert_int_equal(tc_chart_build(&f->r, TC_CHART_KIND_COUNT, &c), TC_ERR_INVALID);
    free(f);
}

/* ---- laid out: stacking and overlaps ---- */

static const tc_prim *find_rect(const tc_prims *p, tc_rgb fill, int nth)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].type == TC_PRIM_RECT && p->items[i].fill == fill && nth-- == 0)
            return &p->items[i];
    return NULL;
}

static void test_vbar_stacks(void **state)
{
    (void)state;
    const tc_metrics *m = tc_chart_metrics(NULL, 0);
    assert_non_null(m);
    tc_chart *c = calloc(1, sizeof *c);
    c->type = TC_PLOT_VBAR;
    c->y.include_zero = 1;
    c->n_sub = 2;
    c->cats = tc_chart_alloc(c, 1, sizeof *c->cats);
    c->cats[0].label = "one";
    c->n_cats = 1;
    tc_series *a = tc_chart_add_series(c, "a", 0x111111, 2);
    a->y[0] = 3;
    a->y[1] = 4;
    tc_series *b = tc_chart_add_series(c, "b", 0x222222, 2);
    b->y[0] = 2;
    b->y[1] = -1;
    tc_prims p;
    assert_int_equal(tc_chart_layout(c, 800, 500, m, &p), TC_OK);
    const tc_prim *a0 = find_rect(&p, 0x111111, 0), *a1 = find_rect(&p, 0x111111, 1);
    const tc_prim *b0 = find_rect(&p, 0x222222, 0), *b1 = find_rect(&p, 0x222222, 1);
    assert_non_null(a0);
    assert_non_null(b1);
    assert_double_rel(a0->h / b0->h, 3.0 / 2.0, 1e-9);
    assert_double_rel(b0->y + b0->h, a0->y, 1e-9);         /* b sits on a */
    assert_double_rel(a1->h / b1->h, 4.0, 1e-9);
    assert_double_rel(b1->y, a1->y + a1->h, 1e-9);         /* negative part hangs below zero */
    assert_double_rel(a0->y + a0->h, a1->y + a1->h, 1e-9); /* one zero line */
    assert_double_rel(a0->w, a1->w, 1e-12);
    assert_true(a1->x > a0->x + a0->w);                     /* side by side, apart */
    tc_prims_free(&p);
    tc_chart_free(c);
}

static void test_no_text_overlaps(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    check_layout_clean(&f->r, "reference");
    free(f);
    f = fx_owned();
    check_layout_clean(&f->r, "owned");
    free(f);
    f = fx_many();
    check_layout_clean(&f->r, "many");
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks_small_range),
        cmocka_unit_test(test_ticks_millions),
        cmocka_unit_test(test_ticks_negative),
        cmocka_unit_test(test_ticks_degenerate),
        cmocka_unit_test(test_log_ticks),
        cmocka_unit_test(test_axis_text),
        cmocka_unit_test(test_band_bar),
        cmocka_unit_test(test_spread_cluster),
        cmocka_unit_test(test_spread_never_overlaps),
        cmocka_unit_test(test_wrap_lines),
        cmocka_unit_test(test_wrap_bisects_words),
        cmocka_unit_test(test_wrap_after_hyphen),
        cmocka_unit_test(test_offscale_cap),
        cmocka_unit_test(test_wrap_keeps_utf8_whole),
        cmocka_unit_test(test_crossings),
        cmocka_unit_test(test_headline_labels),
        cmocka_unit_test(test_iceberg_figures),
        cmocka_unit_test(test_tco_stack_sums_to_cash),
        cmocka_unit_test(test_not_applicable_kinds),
        cmocka_unit_test(test_vbar_stacks),
        cmocka_unit_test(test_no_text_overlaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
