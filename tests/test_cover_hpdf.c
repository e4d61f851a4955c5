/* Every call of libharu in the report and the chart backend, one call site
 * at a time, returns an error (each wrapped with --wrap; the site is the
 * caller's return address): the PDF render must then fail with a message
 * and leave no file, or succeed with the very same bytes (a call whose
 * failure changes nothing). Checks that every return code is read. */
#include "tc_test.h"

#include <hpdf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tc_analysis.h"
#include "tc_cli.h"
#include "tc_load.h"

#define ERR HPDF_FAILD_TO_ALLOC_MEM
/* libharu reports each error to the document's handler too, as here. */
static HPDF_Error_Handler handler;
static void *handler_data;
#define ON_FAIL() \
    do { if (handler) handler(ERR, 0, handler_data); } while (0)
#include "cover_wrap.h"

W1(HPDF_STATUS, HPDF_Page_BeginText, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_EndText, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_ClosePath, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_Fill, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_FillStroke, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_Stroke, ERR, HPDF_Page)
W1(HPDF_STATUS, HPDF_Page_GSave, ERR, HPDF_Page)
/* A failing restore still pops the state (the test checks the code is
 * read; a state never popped would be a leak of this test's making). */
HPDF_STATUS __real_HPDF_Page_GRestore(HPDF_Page p);
HPDF_STATUS __wrap_HPDF_Page_GRestore(HPDF_Page p);
HPDF_STATUS __wrap_HPDF_Page_GRestore(HPDF_Page p)
{
    HPDF_STATUS st = __real_HPDF_Page_GRestore(p);
    if (site_fails(__builtin_return_address(0), "HPDF_Page_GRestore")) {
        ON_FAIL();
        return ERR;
    }
    return st;
}
W4(HPDF_STATUS, HPDF_Page_Circle, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL)
W3(HPDF_STATUS, HPDF_Page_LineTo, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL)
W3(HPDF_STATUS, HPDF_Page_MoveTo, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL)
W5(HPDF_STATUS, HPDF_Page_Rectangle, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL, HPDF_REAL)
W4(HPDF_STATUS, HPDF_Page_SetDash, ERR, HPDF_Page, const HPDF_UINT16 *, HPDF_UINT, HPDF_UINT)
W3(HPDF_STATUS, HPDF_Page_SetFontAndSize, ERR, HPDF_Page, HPDF_Font, HPDF_REAL)
W2(HPDF_STATUS, HPDF_Page_SetHeight, ERR, HPDF_Page, HPDF_REAL)
W2(HPDF_STATUS, HPDF_Page_SetWidth, ERR, HPDF_Page, HPDF_REAL)
W2(HPDF_STATUS, HPDF_Page_SetLineJoin, ERR, HPDF_Page, HPDF_LineJoin)
W2(HPDF_STATUS, HPDF_Page_SetLineWidth, ERR, HPDF_Page, HPDF_REAL)
W4(HPDF_STATUS, HPDF_Page_SetRGBFill, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL)
W4(HPDF_STATUS, HPDF_Page_SetRGBStroke, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL)
W7(HPDF_STATUS, HPDF_Page_SetTextMatrix, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL,
   HPDF_REAL, HPDF_REAL, HPDF_REAL)
W2(HPDF_STATUS, HPDF_Page_ShowText, ERR, HPDF_Page, const char *)
W4(HPDF_STATUS, HPDF_Page_TextOut, ERR, HPDF_Page, HPDF_REAL, HPDF_REAL, const char *)
W2(HPDF_STATUS, HPDF_SaveToFile, ERR, HPDF_Doc, const char *)
W2(HPDF_STATUS, HPDF_SetCompressionMode, ERR, HPDF_Doc, HPDF_UINT)
W2(HPDF_STATUS, HPDF_SetCurrentEncoder, ERR, HPDF_Doc, const char *)
W3(HPDF_STATUS, HPDF_SetInfoAttr, ERR, HPDF_Doc, HPDF_InfoType, const char *)
W3(HPDF_STATUS, HPDF_SetInfoDateAttr, ERR, HPDF_Doc, HPDF_InfoType, HPDF_Date)
W1(HPDF_STATUS, HPDF_UseUTFEncodings, ERR, HPDF_Doc)
W2(HPDF_STATUS, HPDF_Outline_SetDestination, ERR, HPDF_Outline, HPDF_Destination)
W1(HPDF_Page, HPDF_AddPage, NULL, HPDF_Doc)
W3(HPDF_Font, HPDF_GetFont, NULL, HPDF_Doc, const char *, const char *)
W2(HPDF_Encoder, HPDF_GetEncoder, NULL, HPDF_Doc, const char *)
W3(const char *, HPDF_LoadTTFontFromFile, NULL, HPDF_Doc, const char *, HPDF_BOOL)
W4(HPDF_Outline, HPDF_CreateOutline, NULL, HPDF_Doc, HPDF_Outline, const char *, HPDF_Encoder)
W1(HPDF_Destination, HPDF_Page_CreateDestination, NULL, HPDF_Page)
HPDF_Doc __real_HPDF_New(HPDF_Error_Handler fn, void *data);
HPDF_Doc __wrap_HPDF_New(HPDF_Error_Handler fn, void *data);
HPDF_Doc __wrap_HPDF_New(HPDF_Error_Handler fn, void *data)
{
    handler = NULL;     /* no document yet: nothing to report to */
    FAIL_IF_SITE(NULL);
    handler = fn;
    handler_data = data;
    return __real_HPDF_New(fn, data);
}

static tc_status render(const tc_results *r, const char *dir, char *err, size_t n)
{
    tc_render_opts opts = {0};
    err[0] = '\0';
    return tc_render_scenario(r, dir, TC_FMT_PDF, &opts, err, n);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = malloc(8 << 20);
    *n = b ? fread(b, 1, 8 << 20, f) : 0;
    fclose(f);
    return b;
}

static void every_libharu_failure_is_caught(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    char err[2048], root[] = "/tmp/tc_hpdf_XXXXXX", dir[64], ref[64], cmd[128];
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &d), TC_OK);
    assert_int_equal(tc_eval(s, &r), TC_OK);
    assert_int_equal(tc_analyze(s, r, err, sizeof err), TC_OK);
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/out", root);
    snprintf(ref, sizeof ref, "%s/ref", root);
    recording = 1;
    assert_int_equal(render(r, ref, err, sizeof err), TC_OK);
    recording = 0;
    assert_true(n_sites > 30);
    snprintf(cmd, sizeof cmd, "%s/report.pdf", ref);
    size_t ref_len, got_len;
    char *want = slurp(cmd, &ref_len);
    assert_non_null(want);
    size_t harmless = 0;
    for (size_t i = 0; i < n_sites; i++) {
        target = sites[i];
        fired = 0;
        tc_status st = render(r, dir, err, sizeof err);
        assert_true(fired);
        snprintf(cmd, sizeof cmd, "%s/report.pdf", dir);
        if (st == TC_OK) {
            char *got = slurp(cmd, &got_len);
            if (!got || got_len != ref_len || memcmp(got, want, ref_len) != 0)
                fail_msg("libharu call site %zu (%s) failed, the render succeeded with another PDF",
                         i, site_fn[i]);
            free(got);
            harmless++;
        } else if (!err[0] || access(dir, F_OK) == 0) {
            fail_msg("libharu call site %zu (%s) failed: message \"%s\", folder %s", i, site_fn[i], err,
                     access(dir, F_OK) == 0 ? "left" : "removed");
        }
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        assert_int_equal(system(cmd), 0);
    }
    print_message("%zu libharu call sites, %zu without effect when failing\n", n_sites, harmless);
    target = NULL;
    free(want);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_libharu_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
