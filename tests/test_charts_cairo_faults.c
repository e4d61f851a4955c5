/* Every cairo status the charts read (of a context, a surface, a font face,
 * a scaled font, the PNG writer), one call site at a time, says "out of
 * memory" (each wrapped with --wrap; the site is the caller's return
 * address): the chart render must then fail with a message and leave no
 * file, or succeed with the very same bytes. */
#include "tc_test.h"

#include <cairo.h>

#define ERR CAIRO_STATUS_NO_MEMORY
#define ON_FAIL() do { } while (0)
#include "fault_sweep.h"

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

static void forget_failed_object(void)
{
    failed_object = NULL;
}

static void every_cairo_failure_is_caught(void **state)
{
    (void)state;
    fault_sweep_counts c;
    fault_sweep_run(&(fault_sweep){"cairo", TC_FMT_PNG | TC_FMT_SVG, 5, 1, forget_failed_object},
                    &c);
    /* Surface, context, font face, scaled font: PNG files are written by
     * libpng (charts/png_write.c, its failures tested in test_png). */
    assert_true(n_sites - c.once >= 4);
    failed_object = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_cairo_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
