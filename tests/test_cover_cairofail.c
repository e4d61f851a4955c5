/* Every cairo status the charts read (of a context, a surface, a font face,
 * a scaled font, the PNG writer), one call site at a time, says "out of
 * memory" (each wrapped with --wrap; the site is the caller's return
 * address): the chart render must then fail with a message and leave no
 * file, or succeed with the very same bytes. */
#include "tc_test.h"

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tc_analysis.h"
#include "tc_cli.h"
#include "tc_load.h"

#define ERR CAIRO_STATUS_NO_MEMORY
#define ON_FAIL() do { } while (0)
#include "cover_wrap.h"

/* A cairo error is sticky: once a context or surface reports one, it
 * reports it from then on. */
static const void *failed_object;

cairo_status_t __real_cairo_status(cairo_t *cr);
cairo_status_t __wrap_cairo_status(cairo_t *cr);
cairo_status_t __wrap_cairo_status(cairo_t *cr)
{
    if (cr == failed_object)
        return ERR;
    if (site_fails(__builtin_return_address(0), "cairo_status")) {
        failed_object = cr;
        return ERR;
    }
    return __real_cairo_status(cr);
}

cairo_status_t __real_cairo_surface_status(cairo_surface_t *sf);
cairo_status_t __wrap_cairo_surface_status(cairo_surface_t *sf);
cairo_status_t __wrap_cairo_surface_status(cairo_surface_t *sf)
{
    if (sf == failed_object)
        return ERR;
    if (site_fails(__builtin_return_address(0), "cairo_surface_status")) {
        failed_object = sf;
        return ERR;
    }
    return __real_cairo_surface_status(sf);
}
W1(cairo_status_t, cairo_font_face_status, ERR, cairo_font_face_t *)
W1(cairo_status_t, cairo_scaled_font_status, ERR, cairo_scaled_font_t *)

static tc_status render(const tc_results *r, const char *dir, char *err, size_t n)
{
    tc_render_opts opts = {0};
    err[0] = '\0';
    return tc_render_scenario(r, dir, TC_FMT_PNG | TC_FMT_SVG, &opts, err, n);
}

static void every_cairo_failure_is_caught(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    char err[2048], root[] = "/tmp/tc_cairo_XXXXXX", dir[64], ref[64], cmd[256];
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &d), TC_OK);
    assert_int_equal(tc_eval(s, &r), TC_OK);
    assert_int_equal(tc_analyze(s, r, err, sizeof err), TC_OK);
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/out", root);
    snprintf(ref, sizeof ref, "%s/ref", root);
    recording = 1;
    assert_int_equal(render(r, ref, err, sizeof err), TC_OK);
    recording = 0;
    assert_true(n_sites >= 5);
    size_t harmless = 0, once = 0;
    for (size_t i = 0; i < n_sites; i++) {
        target = sites[i];
        fired = 0;
        failed_object = NULL;
        tc_status st = render(r, dir, err, sizeof err);
        if (!fired) {
            once++;     /* fonts are loaded once per process: not called again */
        } else if (st == TC_OK) {
            snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' >/dev/null", ref, dir);
            if (system(cmd) != 0)
                fail_msg("cairo call site %zu (%s) failed, the render succeeded with other charts",
                         i, site_fn[i]);
            harmless++;
        } else if (!err[0] || access(dir, F_OK) == 0) {
            fail_msg("cairo call site %zu (%s) failed: message \"%s\", folder %s", i, site_fn[i], err,
                     access(dir, F_OK) == 0 ? "left" : "removed");
        }
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        assert_int_equal(system(cmd), 0);
    }
    print_message("%zu cairo call sites, %zu without effect when failing, %zu only reached once\n",
                  n_sites, harmless, once);
    /* Surface, context, font face, scaled font: PNG files are written by
     * libpng (gen/png_write.c, its failures tested in test_png). */
    assert_true(n_sites - once >= 4);
    target = NULL;
    failed_object = NULL;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_cairo_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
