/* Private to the PNG writer (and its tests): cairo's pixels to the rows
 * libpng takes, with SSSE3 where the processor has it and in plain C
 * otherwise, giving the same bytes either way. */
#ifndef TC_PNG_PIXELS_H
#define TC_PNG_PIXELS_H

#include <stddef.h>
#include <stdint.h>

/* One row of cairo's ARGB32 (native-endian, premultiplied) to PNG's RGB
 * bytes, returning the AND of its pixels (opaque when its top byte is
 * 0xFF: an RGB file holds only opaque rows). out holds 3 * w bytes plus
 * TC_PNG_SLACK: the fast path writes whole 16-byte words, the last one
 * past the row's end. */
#define TC_PNG_SLACK 16
uint32_t tc_png_unpack_rgb(const uint32_t *px, int w, unsigned char *out);

/* tc_png_unpack_rgb, leaving each pixel read opaque white (0xFFFFFFFF):
 * a chart's bitmap, written, is ready for the next chart without a fill
 * (charts/backend_cairo.c). */
uint32_t tc_png_unpack_rgb_whiten(uint32_t *px, int w, unsigned char *out);

/* One row to un-premultiplied RGBA bytes (4 * w), rounding as cairo's own
 * PNG writer does. */
void tc_png_unpack_rgba(const uint32_t *px, int w, unsigned char *out);

/* The plain C form, which the fast one must equal (tests compare). */
uint32_t tc_png_unpack_rgb_plain(const uint32_t *px, int w, unsigned char *out);
uint32_t tc_png_unpack_rgb_whiten_plain(uint32_t *px, int w, unsigned char *out);

#endif
