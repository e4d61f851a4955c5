/* The board report: rendered from hand-built results (pdf_fixture.h) and
 * checked with the tools a reviewer would use: qpdf, pdffonts, pdftotext,
 * pdfinfo. Also the placeholder renderer of the report wording. */
#include "tc_test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf_fixture.h"
#include "pdf_ops.h"
#include <hpdf_fontdef.h>
#include "../gen/render/pdf/pdf.h"
#include "tc_render.h"
#include "tc_template.h"

#define OUT "/tmp/tokcost_test_pdf"


/* Renders f into dir/report.pdf; returns the status, err the message. */
static tc_status render(const fixture *f, const char *dir, const char *templates, char *err,
                        size_t n)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    if (!o)
        return TC_ERR_WRITE;
    tc_render_opts opts = {templates, 0, 0, 1};
    tc_status st = tc_render_pdf(&f->r, o, &opts, err, n);
    if (st == TC_OK)
        st = tc_outset_commit(o);
    else
        print_message("render: %s\n", err);
    tc_outset_free(o);
    return st;
}

/* Output of a shell command (stdout and stderr), malloc'd. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(p);
    for (size_t got; (got = fread(buf + len, 1, cap - len - 1, p)) > 0;) {
        len += got;
        if (cap - len < 1024)
            buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    int st = pclose(p);
    if (status)
        *status = st;
    return buf;
}

static char *pdf_text_of(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
    return run(cmd, NULL);
}

static int pdf_pages(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdfinfo %s 2>/dev/null | sed -n 's/^Pages: *//p'", path);
    char *out = run(cmd, NULL);
    int n = atoi(out);
    free(out);
    return n;
}

static char *outline_of(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "qpdf --json --json-key=outlines %s | sed -n 's/^ *\"title\": \"\\(.*\\)\"$/\\1/p'", path);
    return run(cmd, NULL);
}

static int check_ok(const char *cmd_fmt, const char *path)
{
    char cmd[512];
    int st;
    snprintf(cmd, sizeof cmd, cmd_fmt, path);
    free(run(cmd, &st));
    return st == 0;
}

/* Asserts the needles occur in text in this order. */
static void assert_in_order(const char *text, const char *const *needles, size_t n)
{
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        const char *hit = strstr(at, needles[i]);
        if (!hit)
            fail_msg("\"%s\" missing or out of order", needles[i]);
        at = hit + strlen(needles[i]);
    }
}

static const char *const sections[] = {
    "Executive summary", "Cost per token by workload", "Fleet, power and site fit",
    "Multi-year total cost of ownership", "Vendor claims checked", "Assumptions and provenance",
    "Method"};

static void test_seed_report(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    char err[512] = "";
    const char *pdf = OUT "/seed/report.pdf";
    assert_int_equal(render(f, OUT "/seed", NULL, err, sizeof err), TC_OK);
    assert_true(check_ok("qpdf --check %s >/dev/null 2>&1", pdf));
    /* every font embedded: the "emb" column of pdffonts is "yes" on each font line */
    assert_true(check_ok("test \"$(pdffonts %s 2>/dev/null | tail -n +3 | awk '$(NF-4) != \"yes\"' | wc -l)\" = 0", pdf));
    assert_true(check_ok("test \"$(pdffonts %s 2>/dev/null | tail -n +3 | wc -l)\" = 2", pdf));
    char *text = pdf_text_of(pdf);
    static const char *const figures[] = {
        "Société Générale — Zürich €", "$1.41", "$2.65", "2.807", "5.660", "52,023",
        "2,857,143", "$4.3519", "$0.12269", "1.9x higher", "67x higher", "2.0x higher",
        "55x higher", "35x lower", "$4.35", "$0.123", "52.0k", "2.86M",
        "inconsistent: 3.5% below computed", "inconsistent: 3.8% above computed",
        "inconsistent: 2.0% below computed", "consistent at the stated precision",
        "$4.20", "54,000", "2,800,000", "We recommend GB300 NVL72", "21 November 2026",
        "default (not stated)", "page 2 of 8", "page 8 of 8", "seed.yaml"};
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++)
        if (!strstr(text, figures[i]) && strcmp(figures[i], "seed.yaml") != 0)
            fail_msg("\"%s\" not in the report text", figures[i]);
    assert_null(strstr(text, "/home/someone"));   /* no path of the machine */
    free(text);
    text = run("pdftotext " OUT "/seed/report.pdf - 2>/dev/null", NULL);
    assert_in_order(text, sections, sizeof sections / sizeof sections[0]);
    free(text);
    char *outline = outline_of(pdf);
    assert_in_order(outline, sections, sizeof sections / sizeof sections[0]);
    assert_non_null(strstr(outline, "Société Générale — Zürich €"));
    free(outline);
    /* cover, then sections that follow each other on a page when they fit */
    assert_int_equal(pdf_pages(pdf), 8);
    assert_true(check_ok("pdfinfo %s | grep -q 'Page size: *595.28 x 841.89'", pdf));
    assert_true(check_ok("pdfinfo %s | grep -q 'Title: *DeepSeek-R1 serving: Hopper vs Blackwell for Société'", pdf));
    fixture_free(f);
}

static void test_reproducible_bytes(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    char err[512];
    assert_int_equal(render(f, OUT "/rep1", NULL, err, sizeof err), TC_OK);
    assert_int_equal(render(f, OUT "/rep2", NULL, err, sizeof err), TC_OK);
    assert_true(check_ok("cmp -s " OUT "/rep1/report.pdf %s", OUT "/rep2/report.pdf"));
    fixture_free(f);
}

static void test_thirty_platforms_paginate(void **state)
{
    (void)state;
    fixture *f = fixture_many(30);
    char err[512];
    const char *pdf = OUT "/many/report.pdf";
    assert_int_equal(render(f, OUT "/many", NULL, err, sizeof err), TC_OK);
    assert_true(check_ok("qpdf --check %s >/dev/null 2>&1", pdf));
    assert_true(check_ok("pdfinfo %s | grep -q 'Page size: *612 x 792'", pdf));
    int pages = pdf_pages(pdf);
    assert_true(pages > 14);
    char *text = run("pdftotext -layout " OUT "/many/report.pdf - 2>/dev/null", NULL);
    assert_non_null(strstr(text, "Bid 28 Ærø Łódź"));
    assert_non_null(strstr(text, "Plateforme n°27 Société"));
    assert_non_null(strstr(text, "the SLO is above every measured point"));
    /* the ranking table runs over pages and repeats its header on each */
    size_t headers = 0;
    for (const char *p = text; (p = strstr(p, "LCOT vs")) != NULL; p++)
        headers++;
    assert_true(headers >= 2);
    char last[64];
    snprintf(last, sizeof last, "page %d of %d", pages, pages);
    assert_non_null(strstr(text, last));
    free(text);
    fixture_free(f);
}

static void test_missing_glyph_is_shown_and_listed(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    free(f->s.platforms[1].name);
    f->s.platforms[1].name = strdup("GB300 \xe4\xb8\xad\xe6\x96\x87 NVL72");   /* CJK: not in DejaVu */
    char err[512];
    assert_int_equal(render(f, OUT "/glyph", NULL, err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/glyph/report.pdf");
    assert_non_null(strstr(text, "GB300 \xef\xbf\xbd\xef\xbf\xbd NVL72"));
    assert_non_null(strstr(text, "U+4E2D U+6587"));
    free(text);
    fixture_free(f);
}

static void test_templates_folder(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    char err[512] = "";
    const char *dir = OUT "/tpl";
    assert_true(check_ok("rm -rf %s && mkdir -p " OUT "/tpl && cp templates/report/*.txt " OUT "/tpl/", dir));
    assert_true(check_ok("sed -i 's/^We recommend {{best_platform}}\\./The committee favours {{best_platform}} at {{best_lcot}}./' %s/summary.txt", dir));
    assert_int_equal(render(f, OUT "/tplout", dir, err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/tplout/report.pdf");
    assert_non_null(strstr(text, "The committee favours GB300 NVL72 at $0.440."));
    free(text);
    /* an unknown placeholder: an error naming file and line, and no report */
    assert_true(check_ok("sed -i 's/{{best_lcot}}\\./{{best_lcott}}./' %s/summary.txt", dir));
    assert_true(check_ok("rm -rf %s", OUT "/tplbad"));
    assert_int_equal(render(f, OUT "/tplbad", dir, err, sizeof err), TC_ERR_INVALID);
    assert_string_equal(err, "report.pdf: " OUT "/tpl/summary.txt:6: unknown placeholder {{best_lcott}}");
    assert_true(check_ok("test ! -e %s/report.pdf", OUT "/tplbad"));
    /* a folder missing a file */
    assert_true(check_ok("rm %s/method.txt", dir));
    assert_int_equal(render(f, OUT "/tplbad", dir, err, sizeof err), TC_ERR_READ);
    assert_string_equal(err, "report.pdf: " OUT "/tpl/method.txt: No such file or directory");
    /* a folder with a block renamed */
    assert_true(check_ok("cp templates/report/method.txt %s/", dir));
    assert_true(check_ok("sed -i 's/^\\[body\\]/[bdy]/' %s/method.txt", dir));
    assert_int_equal(render(f, OUT "/tplbad", dir, err, sizeof err), TC_ERR_INVALID);
    assert_string_equal(err, "report.pdf: " OUT "/tpl/method.txt: missing block [body]");
    fixture_free(f);
}

/* The fonts are embedded as subsets: a character outside the first guess
 * (ASCII, the renderer's literals, the scenario's names) that the full
 * fonts have sends the document through a second pass with it, so the
 * subset has its glyph; the first pass's subset lacks it. */
static void test_font_subset_second_pass(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    pdf_chars *chars = pdf_chars_new();
    assert_non_null(chars);
    char buf[64];
    for (int pass = 0; pass < 2; pass++) {
        tc_pdf d;
        assert_int_equal(pdf_open(&d, &f->r, chars), TC_OK);
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(d.defs[0], 0x03A9) != 0, pass);
        assert_string_equal(pdf_clean(&d, "\xce\xa9 ohm", buf, sizeof buf), "\xce\xa9 ohm");
        assert_int_equal(d.retry, !pass);
        pdf_subset_check(&d, "chart \xe2\x82\xac \xce\xa9 \xff");  /* known, known, invalid */
        assert_int_equal(d.retry, !pass);
        pdf_subset_check(&d, pass ? "\xce\xb2" : "\xce\xb1");  /* beta, alpha: chart labels */
        assert_int_equal(d.retry, 1);
        assert_true(pdf_chars_has(chars, pass ? 0x03B2 : 0x03B1));
        pdf_close(&d);
    }
    pdf_chars_free(chars);
    /* through a wording folder: the report shows the character, no U+FFFD */
    char err[512] = "";
    assert_true(check_ok("rm -rf %s && mkdir -p " OUT "/tplo && cp templates/report/*.txt " OUT "/tplo/", OUT "/tplo"));
    assert_true(check_ok("sed -i 's/^We recommend {{best_platform}}\\./We recommend \xce\xa9 {{best_platform}}./' %s/summary.txt", OUT "/tplo"));
    assert_int_equal(render(f, OUT "/tploout", OUT "/tplo", err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/tploout/report.pdf");
    assert_non_null(strstr(text, "We recommend \xce\xa9 GB300 NVL72."));
    assert_null(strstr(text, "\xef\xbf\xbd"));
    free(text);
    fixture_free(f);
}

/* pdf_fit on long text (issue 19, finding 9): the last line of a note
 * listing 1,000 bids (72 KB) was shortened one character at a time, each
 * time measured whole, and libharu refuses to measure past 65,535 bytes
 * (exit 3). Now: the longest prefix that fits with the ellipsis, found by
 * bisection; on shorter texts the same as shortening one by one. */
static void test_fit_long_text(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    pdf_chars *chars = pdf_chars_new();
    tc_pdf d;
    assert_int_equal(pdf_open(&d, &f->r, chars), TC_OK);
    HPDF_Font font = d.fonts.regular;
    size_t n = 200000;
    char *s = malloc(n + 1), *out = malloc(3 * n + 4), *ref = malloc(3 * n + 4);
    assert_true(s && out && ref);
    for (size_t i = 0; i < n; i++)
        s[i] = "Platform 12: Power per GPU, \xc3\xa9t\xc3\xa9 "[i % 33];
    s[n] = '\0';
    pdf_fit(&d, font, 7.5, s, 483.28, out, 3 * n + 4);
    assert_int_equal(d.st, TC_OK);
    size_t len = strlen(out);
    assert_true(len > 3 && strcmp(out + len - 3, "\xe2\x80\xa6") == 0);
    assert_true(pdf_width(font, 7.5, out) <= 483.28);
    /* the old way, on a 500-byte prefix, at several widths */
    for (double w = 20; w < 600; w += 37) {
        char part[501];
        memcpy(part, s, 500);
        part[500] = '\0';
        pdf_fit(&d, font, 9, part, w, out, sizeof part * 3);
        pdf_clean(&d, part, ref, sizeof part * 3);
        size_t k = strlen(ref);
        double ew = pdf_width(font, 9, "\xe2\x80\xa6");
        while (k > 0) {
            char c = ref[k];
            ref[k] = '\0';
            double tw = pdf_width(font, 9, ref);
            ref[k] = c;
            if (!(tw + ew > w) && ref[k - 1] != ' ')
                break;
            do
                k--;
            while (k > 0 && ((unsigned char)ref[k] & 0xC0) == 0x80);
        }
        memcpy(ref + k, "\xe2\x80\xa6", 4);
        assert_string_equal(out, ref);
    }
    free(s);
    free(out);
    free(ref);
    pdf_close(&d);
    pdf_chars_free(chars);
    fixture_free(f);
}

/* Issue 18: a font, size or colour the page has is not set again. Five
 * texts in two fonts and sizes and two colours, on a page saved
 * uncompressed: 3 font changes and 2 fill colours written (black, the
 * page's first colour, needs none), 5 texts shown. */
static void test_text_state_set_on_change(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    pdf_chars *chars = pdf_chars_new();
    tc_pdf d;
    assert_int_equal(pdf_open(&d, &f->r, chars), TC_OK);
    HPDF_SetCompressionMode(d.pdf, HPDF_COMP_NONE);
    pdf_new_page(&d);
    pdf_color(&d, 1, 0, 0, 0);
    pdf_text(&d, d.fonts.regular, 10, 50, 700, "one");
    pdf_text(&d, d.fonts.regular, 10, 50, 680, "two");
    pdf_color(&d, 1, 0.1, 0.22, 0.4);
    pdf_text(&d, d.fonts.bold, 10, 50, 660, "three");
    pdf_color(&d, 1, 0.1, 0.22, 0.4);
    pdf_text(&d, d.fonts.bold, 12, 50, 640, "four");
    pdf_color(&d, 1, 0.5, 0.5, 0.5);
    pdf_text(&d, d.fonts.bold, 12, 50, 620, "five");
    assert_int_equal(d.st, TC_OK);
    HPDF_UINT32 n = 0;
    char *buf = pdf_saved(d.pdf, &n);
    assert_non_null(buf);
    assert_int_equal(pdf_count_op(buf, n, " Tf\n"), 3);
    assert_int_equal(pdf_count_op(buf, n, " rg\n"), 2);
    assert_int_equal(pdf_count_op(buf, n, "> Tj\n"), 5);
    free(buf);
    pdf_close(&d);
    pdf_chars_free(chars);
    fixture_free(f);
}

/* The analysis sections, from hand-made analysis results on the seed pair. */
static void test_analysis_sections(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    tc_tornado_row rows0[] = {{.input = "utilization", .low = 5.1, .high = 3.9}},
                   rows1[] = {{.input = "gpu_hour", .low = 0.40, .high = 0.60},
                                                                      {.input = "throughput", .low = 0.70, .high = 0.30}};
    tc_tornado_row *rows[] = {rows0, rows1};
    size_t n_rows[] = {1, 2};
    tc_sensitivity sens = {0.2, rows, n_rows};
    tc_quantiles lcot[] = {{4.1, 4.4, 4.9, 4.45}, {0.38, 0.44, 0.52, 0.45}};
    double cheapest[] = {0.0, 1.0};
    tc_monte_carlo mc = {2000, 42, lcot, lcot, cheapest};
    double crit[] = {100.0, 100.0};
    tc_score scores[] = {{1, 97.25, 1, NULL, crit}, {0, 0, 0, "facility_mw 12.4 above the maximum 10", NULL}};
    tc_scoring scoring = {scores, 2};
    tc_criterion criteria[] = {{TC_METRIC_LCOT, 0.6, TC_BETTER_LOWER, 0, 0},
                               {TC_METRIC_TOKENS_PER_S_PER_MW, 0.4, TC_BETTER_HIGHER, 0, 0}};
    tc_break_even be[] = {{1, 0, "utilization", 0.4125, NULL}, {1, 0, "price_per_kwh", NAN, "no crossing in range"}};
    f->s.analysis.criteria = criteria;
    f->s.analysis.n_criteria = 2;
    f->r.sensitivity = &sens;
    f->r.monte_carlo = &mc;
    f->r.scoring = &scoring;
    f->r.break_even = be;
    f->r.n_break_even = 2;
    char err[512];
    assert_int_equal(render(f, OUT "/analysis", NULL, err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/analysis/report.pdf");
    static const char *const order[] = {
        "Multi-year total cost of ownership", "Break-even points", "41.3%", "no crossing in range",
        "Sensitivity", "Price per GPU-hour", "$0.400", "$0.600", "Throughput (every point)",
        "Monte Carlo simulation", "2,000 draws, seed 42", "100.0%",
        "Bid scoring and compliance", "97.3", "Non-compliant bids", "facility_mw 12.4 above the maximum 10",
        "Vendor claims checked"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);
    assert_true(check_ok("qpdf --check %s >/dev/null 2>&1", OUT "/analysis/report.pdf"));
    f->s.analysis.criteria = NULL;
    fixture_free(f);
}

/* The decision on the summary and in its own section, from hand-built
 * robustness: the runner-up margin before the baseline comparison, the
 * closest flip in words, the caveats, the flip table and the holds; with
 * no flip, the sentence that says so. */
static void test_decision_section(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    f->r.decision = (tc_decision){1, 1, 1, 0, 4.7887, 25283552};
    tc_flip flips[] = {{"platforms[h200].pricing.cloud.gpu_hour", TC_IN_GPU_HOUR, 0, 1.41, 0.29,
                        0.29 / 1.41 - 1, 0}};
    tc_hold holds[] = {{"assumptions.pue", TC_IN_PUE, -1}, {"platforms[gb300].power_kw_per_gpu",
                                                             TC_IN_POWER_KW_PER_GPU, 1}};
    tc_robustness rob = {flips, 1, holds, 2};
    f->r.robustness = &rob;
    char err[512];
    assert_int_equal(render(f, OUT "/decision", NULL, err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/decision/report.pdf");
    static const char *const order[] = {
        "Executive summary", "the runner-up, the baseline", "costs 4.8", "times as much at", "What would change it",
        "HGX H200 wins if its price falls 79%, to $0.290 per GPU-hour",
        "What would change the recommendation", "GPU-hour price, HGX H200", "$1.41 per",
        "$0.290 per", "-79.4%", "Scenario: PUE.", "GB300 NVL72: Power per GPU."};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);
    rob.n_flips = 0;
    rob.n_holds = 0;
    assert_int_equal(render(f, OUT "/decision", NULL, err, sizeof err), TC_OK);
    text = pdf_text_of(OUT "/decision/report.pdf");
    static const char *const none[] = {
        "What would change it", "No input moved on its own", "What would change the recommendation",
        "No input moved on its own"};
    assert_in_order(text, none, sizeof none / sizeof none[0]);
    free(text);
    f->r.robustness = NULL;
    fixture_free(f);
}

static void test_unwritable_output_is_a_status(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    char err[512] = "";
    /* the output folder cannot exist: a regular file stands in its path */
    assert_true(check_ok("touch %s", OUT "/afile"));
    assert_int_equal(render(f, OUT "/afile/sub", NULL, err, sizeof err), TC_ERR_WRITE);
    assert_true(check_ok("test ! -e %s", OUT "/afile/sub/report.pdf"));
    fixture_free(f);
}

static void test_template_placeholders(void **state)
{
    (void)state;
    static const char *const known[] = {"best_platform", "best_lcot"};
    tc_tpl *t = NULL;
    char err[256] = "";
    const char *text = "# comment\n[a]\nUse {{best_platform}} at {{best_lcot}}.\n\n[b]\n  two {{nope}}\n";
    assert_int_equal(tc_tpl_parse("x.txt", text, known, 2, &t, err, sizeof err), TC_ERR_INVALID);
    assert_null(t);
    assert_string_equal(err, "x.txt:6: unknown placeholder {{nope}}");
    assert_int_equal(tc_tpl_parse("x.txt", "[a]\nopen {{best_lcot\n", known, 2, &t, err, sizeof err),
                     TC_ERR_INVALID);
    assert_string_equal(err, "x.txt:2: unclosed placeholder (expected {{name}})");
    assert_int_equal(tc_tpl_parse("x.txt", "text first\n[a]\n", known, 2, &t, err, sizeof err),
                     TC_ERR_INVALID);
    assert_string_equal(err, "x.txt:1: text before the first [block] line");
    assert_int_equal(tc_tpl_parse("y.txt", "[a]\nx\n[a]\ny\n", known, 2, &t, err, sizeof err),
                     TC_ERR_INVALID);
    assert_string_equal(err, "y.txt:3: duplicate block [a]");
    assert_int_equal(tc_tpl_parse("x.txt", text, known, 2, &t, err, sizeof err) , TC_ERR_INVALID);
    const char *good = "# c\n[a]\n\nUse {{best_platform}} at {{best_lcot}}.\n\n[b]\nsecond\n";
    assert_int_equal(tc_tpl_parse("x.txt", good, known, 2, &t, err, sizeof err), TC_OK);
    assert_int_equal(tc_tpl_count(t), 2);
    assert_string_equal(tc_tpl_get(t, "b"), "second");
    tc_tpl_var vars[] = {{"best_platform", "Société GB300"}, {"best_lcot", "$0.12"}};
    char *out = tc_tpl_expand(tc_tpl_get(t, "a"), vars, 2);
    assert_string_equal(out, "Use Société GB300 at $0.12.");
    free(out);
    assert_null(tc_tpl_get(t, "c"));
    tc_tpl_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_placeholders),
        cmocka_unit_test(test_seed_report),
        cmocka_unit_test(test_reproducible_bytes),
        cmocka_unit_test(test_thirty_platforms_paginate),
        cmocka_unit_test(test_missing_glyph_is_shown_and_listed),
        cmocka_unit_test(test_templates_folder),
        cmocka_unit_test(test_font_subset_second_pass),
        cmocka_unit_test(test_analysis_sections),
        cmocka_unit_test(test_fit_long_text),
        cmocka_unit_test(test_text_state_set_on_change),
        cmocka_unit_test(test_decision_section),
        cmocka_unit_test(test_unwritable_output_is_a_status),
    };
    mkdir(OUT, 0777);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
