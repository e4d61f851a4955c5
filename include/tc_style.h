/* The house style every renderer shares: the Okabe-Ito palette (charts and
 * workbook) and the font files (charts and the PDF). Defined here once so a
 * bid has the same colour in a chart and in the workbook, and the report and
 * its charts draw with the same faces. */
#ifndef TC_STYLE_H
#define TC_STYLE_H

#include <stddef.h>
#include <stdint.h>

/* DejaVu Sans (fonts-dejavu-core), loaded by file so every machine draws
 * the same glyphs whatever fontconfig says. */
#define TC_FONT_DIR "/usr/share/fonts/truetype/dejavu/"
#define TC_FONT_REGULAR TC_FONT_DIR "DejaVuSans.ttf"
#define TC_FONT_BOLD TC_FONT_DIR "DejaVuSans-Bold.ttf"

/* Okabe-Ito, the colour-blind-safe palette, plus neutral greys (0xRRGGBB). */
enum {
    TC_OI_BLACK = 0x000000, TC_OI_ORANGE = 0xE69F00, TC_OI_SKY = 0x56B4E9,
    TC_OI_GREEN = 0x009E73, TC_OI_YELLOW = 0xF0E442, TC_OI_BLUE = 0x0072B2,
    TC_OI_VERMILLION = 0xD55E00, TC_OI_PURPLE = 0xCC79A7,
    TC_GREY_DARK = 0x444444, TC_GREY = 0x8C8C8C, TC_GREY_LIGHT = 0xDDDDDD,
    TC_WHITE = 0xFFFFFF
};

/* Colour of the i-th series (a bid): palette order chosen so neighbours
 * contrast; repeats after the palette's length. */
uint32_t tc_style_series_colour(size_t i);

#endif
