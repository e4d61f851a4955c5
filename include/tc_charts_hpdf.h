/* The vector backend of the charts: draws a laid-out chart on a libharu
 * page, for the PDF report (no raster images in the report). */
#ifndef TC_CHARTS_HPDF_H
#define TC_CHARTS_HPDF_H

#include <hpdf.h>
#include "tc_charts.h"

typedef struct {
    HPDF_Font regular;   /* DejaVu Sans, loaded by the report with UTF-8 encoding */
    HPDF_Font bold;      /* DejaVu Sans Bold */
    /* Called with each label before it is drawn, when set: the report
     * embeds font subsets and must hear of every character it shows. */
    void (*on_text)(void *user, const char *utf8);
    void *user;
} tc_hpdf_fonts;

/* Draws chart k into the box (x, y, w, h) of page, in points, origin at
 * the bottom left as libharu has it. */
tc_status tc_chart_draw_hpdf(const tc_results *r, tc_chart_kind k, HPDF_Page page,
                             const tc_hpdf_fonts *fonts,
                             double x, double y, double w, double h);

#endif
