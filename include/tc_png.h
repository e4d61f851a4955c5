/* PNG writing for chart bitmaps, through libpng with settings made for
 * charts: cairo_surface_write_to_png uses libpng's defaults (adaptive
 * filter choice per row, zlib level 6), about 45 ms for one 1600 x 1000
 * chart. Flat colour with anti-aliased edges compresses nearly as well
 * with no filter at zlib level 1, many times faster (charts/png_write.c). */
#ifndef TC_PNG_H
#define TC_PNG_H

#include <stddef.h>
#include "tc_status.h"

/* Writes the pixels (cairo's ARGB32 layout: one native-endian uint32 per
 * pixel, 0xAARRGGBB, alpha premultiplied; stride in bytes) to path as an
 * 8-bit PNG: RGB when every pixel is opaque, else RGBA. The same pixels
 * give the same bytes. err receives "PATH: reason" on failure. */
tc_status tc_png_write(const char *path, const unsigned char *pixels, int width, int height,
                       int stride, char *err, size_t n);

/* tc_png_write of a chart's bitmap, every pixel opaque (drawn over opaque
 * white), the same bytes, leaving each pixel's 4 bytes of every row
 * opaque white (0xFFFFFFFF) in the same pass, so the next chart drawn
 * into it needs no fill. A pixel found not opaque is TC_ERR_RENDER and
 * writes nothing; on any failure the pixels are partly white. */
tc_status tc_png_write_whiten(const char *path, unsigned char *pixels, int width, int height,
                              int stride, char *err, size_t n);

#endif
