/* Every call of libharu in the report and the chart backend, one call site
 * at a time, returns an error (each wrapped with --wrap; the site is the
 * caller's return address): the PDF render must then fail with a message
 * and leave no file, or succeed with the very same bytes (a call whose
 * failure changes nothing). Checks that every return code is read. */
#include "tc_test.h"

#include <hpdf.h>

#define ERR HPDF_FAILD_TO_ALLOC_MEM
/* libharu reports each error to the document's handler too, as here. */
static HPDF_Error_Handler handler;
static void *handler_data;
#define ON_FAIL() \
    do { if (handler) handler(ERR, 0, handler_data); } while (0)
#include "fault_sweep.h"

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

static void every_libharu_failure_is_caught(void **state)
{
    (void)state;
    fault_sweep_counts c;
    fault_sweep_run(&(fault_sweep){"libharu", TC_FMT_PDF, 31, 0, NULL}, &c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_libharu_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
