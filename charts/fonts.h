/* Private: the DejaVu faces for the cairo backend. */
#ifndef TC_CHART_FONTS_H
#define TC_CHART_FONTS_H

#include <stddef.h>
#include <cairo.h>
#include "chart.h"

/* Regular or bold face, loaded once per process; NULL (and err) if not. */
cairo_font_face_t *tc_chart_face(int bold, char *err, size_t n);

/* FreeType faces must not be used from two threads at once, and cairo
 * shares its font caches between threads: every cairo call that may touch
 * a font (measuring, drawing, finishing an SVG) runs under this one lock.
 * What takes the time, compressing the PNGs, runs outside it. */
void tc_chart_lock(void);
void tc_chart_unlock(void);

/* Frees the widths measured so far (kept from one chart to the next). */
void tc_chart_widths_free(void);

/* The font options every measurement and drawing uses. */
void tc_chart_font_options(cairo_font_options_t *o);

#endif
