/* Private: the DejaVu faces for the cairo backend. */
#ifndef TC_CHART_FONTS_H
#define TC_CHART_FONTS_H

#include <stddef.h>
#include <cairo.h>
#include "chart.h"

/* Regular or bold face of the calling thread's own font set (taken from
 * the pool on its first use, given back by tc_render_charts_done or when
 * the thread ends); NULL (and err) if no set could be loaded. */
cairo_font_face_t *tc_chart_face(int bold, char *err, size_t n);

/* How many font sets the pool holds, in use or not (tests: as many as
 * threads ever drew at once). */
size_t tc_chart_font_sets(void);

/* Frees the widths measured so far (kept from one chart to the next). */
void tc_chart_widths_free(void);

/* The font options every measurement and drawing uses. */
void tc_chart_font_options(cairo_font_options_t *o);

#endif
