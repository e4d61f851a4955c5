/* Every call of libxlsxwriter in the workbook renderer that can report an
 * error, one call site at a time, returns one (each wrapped with --wrap;
 * the site is the caller's return address): the render must then fail
 * with a message and leave no file, or succeed with the very same bytes.
 * Checks that every return code is read. */
#include "tc_test.h"

#include <stdint.h>
#include <xlsxwriter.h>

#define ERR LXW_ERROR_MEMORY_MALLOC_FAILED
#define ON_FAIL() do { } while (0)
#include "fault_sweep.h"

W5(lxw_error, worksheet_write_string, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t, const char *,
   lxw_format *)
W5(lxw_error, worksheet_write_number, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t, double,
   lxw_format *)
W6(lxw_error, worksheet_write_formula_num, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t,
   const char *, lxw_format *, double)
W6(lxw_error, worksheet_write_formula_str, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t,
   const char *, lxw_format *, const char *)
W5(lxw_error, worksheet_write_comment_opt, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t,
   const char *, lxw_comment_options *)
W4(lxw_error, worksheet_set_row, ERR, lxw_worksheet *, lxw_row_t, double, lxw_format *)
W5(lxw_error, worksheet_set_column, ERR, lxw_worksheet *, lxw_col_t, lxw_col_t, double,
   lxw_format *)
W5(lxw_error, worksheet_insert_chart_opt, ERR, lxw_worksheet *, lxw_row_t, lxw_col_t,
   lxw_chart *, lxw_chart_options *)
W2(lxw_error, worksheet_set_header, ERR, lxw_worksheet *, const char *)
W3(lxw_error, worksheet_repeat_rows, ERR, lxw_worksheet *, lxw_row_t, lxw_row_t)
W3(lxw_error, workbook_define_name, ERR, lxw_workbook *, const char *, const char *)
W2(lxw_error, workbook_set_properties, ERR, lxw_workbook *, lxw_doc_properties *)
/* workbook_close frees the workbook whatever it returns: so does its failure. */
lxw_error __real_workbook_close(lxw_workbook *wb);
lxw_error __wrap_workbook_close(lxw_workbook *wb);
lxw_error __wrap_workbook_close(lxw_workbook *wb)
{
    if (site_fails(__builtin_return_address(0), "workbook_close")) {
        (void)__real_workbook_close(wb);
        return ERR;
    }
    return __real_workbook_close(wb);
}
W2(lxw_worksheet *, workbook_add_worksheet, NULL, lxw_workbook *, const char *)
W1(lxw_format *, workbook_add_format, NULL, lxw_workbook *)
W2(lxw_chart *, workbook_add_chart, NULL, lxw_workbook *, uint8_t)
W2(lxw_workbook *, workbook_new_opt, NULL, const char *, lxw_workbook_options *)
W3(lxw_chart_series *, chart_add_series, NULL, lxw_chart *, const char *, const char *)

static void every_libxlsxwriter_failure_is_caught(void **state)
{
    (void)state;
    fault_sweep_counts c;
    fault_sweep_run(&(fault_sweep){"libxlsxwriter", TC_FMT_XLSX, 21, 0, NULL}, &c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_libxlsxwriter_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
