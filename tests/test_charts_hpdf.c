/* The vector backend: charts drawn on libharu pages (DejaVu embedded,
 * UTF-8), saved, then checked by qpdf and pdftotext (test packages).
 * TC_CHARTS_PDF=file keeps the PDF there (to look at it). */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../charts/chart.h"
#include "chart_fixture.h"
#include "pdf_ops.h"
#include "tc_charts_hpdf.h"

static HPDF_STATUS last_error;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    (void)detail_no;
    (void)user;
    last_error = error_no;
}

static HPDF_Font load_font(HPDF_Doc pdf, const char *file)
{
    const char *name = HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE);
    assert_non_null(name);
    HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
    assert_non_null(f);
    return f;
}

/* Counts the labels the backend announces before drawing them. */
static void count_label(void *user, const char *utf8)
{
    (void)utf8;
    ++*(int *)user;
}

/* One A4 page per fixture: two charts each, in boxes of report size. */
static void draw_page(HPDF_Doc pdf, const tc_hpdf_fonts *fonts, const tc_results *r,
                      tc_chart_kind a, tc_chart_kind b)
{
    HPDF_Page page = HPDF_AddPage(pdf);
    assert_non_null(page);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    assert_int_equal(tc_chart_draw_hpdf(r, a, page, fonts, 50, 450, 495, 330), TC_OK);
    assert_int_equal(tc_chart_draw_hpdf(r, b, page, fonts, 50, 60, 495, 330), TC_OK);
}

static void test_charts_on_pdf_pages(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    int labels = 0;
    tc_hpdf_fonts fonts = {
        .regular = load_font(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        .bold = load_font(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    };
    tc_fixture *ref = fx_reference(), *many = fx_many(), *owned = fx_owned();
    draw_page(pdf, &fonts, &ref->r, TC_CHART_COST_PER_M, TC_CHART_ICEBERG);
    fonts.on_text = count_label;    /* the report hears of every label (font subsets) */
    fonts.user = &labels;
    draw_page(pdf, &fonts, &ref->r, TC_CHART_CURVES, TC_CHART_TORNADO);
    draw_page(pdf, &fonts, &many->r, TC_CHART_COST_PER_M, TC_CHART_TCO_STACK);
    draw_page(pdf, &fonts, &owned->r, TC_CHART_CUMULATIVE, TC_CHART_SITE_POWER);
    /* a chart that does not apply, and a box libharu cannot hold */
    HPDF_Page page = HPDF_GetCurrentPage(pdf);
    assert_int_equal(tc_chart_draw_hpdf(&owned->r, TC_CHART_TORNADO, page, &fonts, 0, 0, 400, 300),
                     TC_ERR_INVALID);
    assert_int_equal(tc_chart_draw_hpdf(&ref->r, TC_CHART_COST_PER_M, page, &fonts, 0, 0, 40000, 300),
                     TC_ERR_INVALID);
    assert_int_equal(last_error, 0);
    assert_true(labels > 20);

    const char *keep = getenv("TC_CHARTS_PDF");
    char path[256];
    snprintf(path, sizeof path, "%s", keep ? keep : "/tmp/tc-charts-hpdf-XXXXXX");
    if (!keep) {
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
    }
    assert_int_equal(HPDF_SaveToFile(pdf, path), HPDF_OK);
    HPDF_Free(pdf);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null", path);
    assert_int_equal(system(cmd), 0);
    /* the chart text is real text in the embedded font, not outlines */
    snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 '%s' - 2>/dev/null | grep -q 'Cost per million tokens, by platform'", path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "pdftotext -f 1 -l 1 '%s' - 2>/dev/null | grep -q '35x lower'", path);
    assert_int_equal(system(cmd), 0);
    if (!keep)
        unlink(path);
    free(ref);
    free(many);
    free(owned);
}

/* The state operators a chart writes are the changes of its primitives'
 * state, the first one's included: a repeated colour, width or dash is
 * not written again (each libharu operator cost a 512-byte clear). The
 * page is saved uncompressed and its operators counted. */
static void test_state_written_once_per_change(void **state)
{
    (void)state;
    tc_fixture *ref = fx_reference();
    const tc_chart_kind kinds[] = {TC_CHART_CURVES, TC_CHART_COST_PER_M, TC_CHART_TORNADO};
    for (size_t c = 0; c < sizeof kinds / sizeof *kinds; c++) {
        HPDF_Doc pdf = HPDF_New(on_error, NULL);
        HPDF_UseUTFEncodings(pdf);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        tc_hpdf_fonts fonts = {
            .regular = load_font(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            .bold = load_font(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        };
        HPDF_Page page = HPDF_AddPage(pdf);
        assert_int_equal(tc_chart_draw_hpdf(&ref->r, kinds[c], page, &fonts, 50, 450, 495, 330),
                         TC_OK);
        tc_prims p;
        int applies = 0;
        char err[200];
        double cw = 640.0, ch = cw * 330 / 495;     /* the canvas tc_chart_draw_hpdf lays out */
        assert_int_equal(tc_chart_prepare(&ref->r, kinds[c], cw, ch, &p, &applies, err, sizeof err),
                         TC_OK);
        int fills = 0, strokes = 0, widths = 0, dashes = 0, joins = 0;
        for (size_t i = 0; i < p.n; i++) {
            const tc_prim *q = &p.items[i], *b = i ? &p.items[i - 1] : NULL;
            fills += !b || b->fill != q->fill;
            strokes += !b || b->stroke != q->stroke;
            widths += !b || b->line_width != q->line_width;
            dashes += !b || (b->dash < 0 || b->dash > 3 ? 1 : b->dash) !=
                                (q->dash < 0 || q->dash > 3 ? 1 : q->dash);
            joins += q->type == TC_PRIM_POLYLINE && joins == 0;
        }
        size_t prims = p.n;
        tc_prims_free(&p);
        assert_true(fills > 1 && (size_t)fills < prims);
        HPDF_UINT32 n = 0;
        char *d = pdf_saved(pdf, &n);
        assert_non_null(d);
        assert_int_equal(pdf_count_op(d, n, " rg\n"), fills);
        assert_int_equal(pdf_count_op(d, n, " RG\n"), strokes);
        assert_int_equal(pdf_count_op(d, n, " w\n"), widths);
        assert_int_equal(pdf_count_op(d, n, " d\n"), dashes);
        assert_int_equal(pdf_count_op(d, n, " j\n"), joins);
        free(d);
        HPDF_Free(pdf);
    }
    assert_int_equal(last_error, 0);
    free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charts_on_pdf_pages),
        cmocka_unit_test(test_state_written_once_per_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
