/* Every call of libxlsxwriter in the workbook renderer that can report an
 * error, one call site at a time, returns one (each wrapped with --wrap;
 * the site is the caller's return address): the render must then fail
 * with a message and leave no file, or succeed with the very same bytes.
 * Checks that every return code is read. */
#include "tc_test.h"

#include <xlsxwriter.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tc_analysis.h"
#include "tc_cli.h"
#include "tc_load.h"

#define ERR LXW_ERROR_MEMORY_MALLOC_FAILED
#define ON_FAIL() do { } while (0)
#include "cover_wrap.h"

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

static tc_status render(const tc_results *r, const char *dir, char *err, size_t n)
{
    tc_render_opts opts = {0};
    err[0] = '\0';
    return tc_render_scenario(r, dir, TC_FMT_XLSX, &opts, err, n);
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

static void every_libxlsxwriter_failure_is_caught(void **state)
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
    assert_true(n_sites > 20);
    snprintf(cmd, sizeof cmd, "%s/workbook.xlsx", ref);
    size_t ref_len, got_len;
    char *want = slurp(cmd, &ref_len);
    assert_non_null(want);
    size_t harmless = 0;
    for (size_t i = 0; i < n_sites; i++) {
        target = sites[i];
        fired = 0;
        tc_status st = render(r, dir, err, sizeof err);
        assert_true(fired);
        snprintf(cmd, sizeof cmd, "%s/workbook.xlsx", dir);
        if (st == TC_OK) {
            char *got = slurp(cmd, &got_len);
            if (!got || got_len != ref_len || memcmp(got, want, ref_len) != 0)
                fail_msg("libxlsxwriter call site %zu (%s) failed, the render succeeded with another PDF",
                         i, site_fn[i]);
            free(got);
            harmless++;
        } else if (!err[0] || access(dir, F_OK) == 0) {
            fail_msg("libxlsxwriter call site %zu (%s) failed: message \"%s\", folder %s", i, site_fn[i], err,
                     access(dir, F_OK) == 0 ? "left" : "removed");
        }
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        assert_int_equal(system(cmd), 0);
    }
    print_message("%zu libxlsxwriter call sites, %zu without effect when failing\n", n_sites, harmless);
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
        cmocka_unit_test(every_libxlsxwriter_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
