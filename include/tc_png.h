/* A fast PNG writer for chart bitmaps. cairo_surface_write_to_png goes
 * through libpng's defaults (adaptive filter choice per row, zlib level 6):
 * about 45 ms for one 1600 x 1000 chart, most of a report's render time.
 * Charts are flat colour with anti-aliased edges: after the Up filter
 * they are almost all zeros, which png_deflate.c compresses about ten
 * times faster (files about 1.6 times larger than libpng's). */
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

#endif
