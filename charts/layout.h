/* Private to the layout files: primitive emitters, scales, the frame
 * (title, legend, footnote) and the placed-label registry. */
#ifndef TC_LAYOUT_H
#define TC_LAYOUT_H

#include "chart.h"

/* Font sizes in chart units (1 unit = 1 PNG pixel at 1x, 1 point in a PDF). */
#define TS_TITLE 17.0
#define TS_SUB 11.5
#define TS_AXIS 11.0
#define TS_TICK 10.0
#define TS_LABEL 10.5
#define TS_VALUE 10.0
#define TS_LEGEND 10.0
#define TS_NOTE 9.0
#define TC_MARGIN 16.0

#define TC_TEXT_DARK 0x222222
#define TC_TEXT_MID 0x555555
#define TC_GRID 0xE4E4E4
#define TC_AXIS_LINE 0x6E6E6E

typedef struct { double x0, y0, x1, y1; } tc_box;

typedef struct {
    const tc_chart *c;
    const tc_metrics *m;
    tc_prims *p;
    double width, height;
    tc_box plot;            /* what the frame leaves for the plot */
    tc_box placed[256];     /* text already placed (collision checks) */
    size_t n_placed;
} tc_lay;

typedef struct { double d0, d1, p0, p1; int log; } tc_scale;
double tc_scale_at(const tc_scale *s, double v);

/* Ticks for a value axis over [lo, hi] with about `target` intervals. */
typedef struct {
    double v[64];
    size_t n;
    double step, maxabs, dlo, dhi;
} tc_axis_ticks;
void tc_axis_ticks_choose(const tc_axis *a, double lo, double hi, int target,
                          tc_axis_ticks *out);
double tc_axis_ticks_width(const tc_lay *L, const tc_axis *a, const tc_axis_ticks *t);
char *tc_axis_ticks_text(const tc_axis *a, const tc_axis_ticks *t, size_t i,
                         char *buf, size_t n);

double tc_text_w(const tc_lay *L, const char *s, double size, int bold);
void tc_emit_rect(tc_lay *L, double x, double y, double w, double h, tc_rgb fill);
void tc_emit_line(tc_lay *L, double x1, double y1, double x2, double y2, tc_rgb c,
                  double lw, int dash);
void tc_emit_poly(tc_lay *L, const double *pts, size_t n_pts, tc_rgb c, double lw, int dash);
/* Text whose vertical centre is at y (ascender-free: the cap height). */
tc_prim *tc_emit_text(tc_lay *L, double x, double y, const char *s, double size,
                      int bold, tc_anchor a, tc_rgb c);
/* One line of text, shortened with an ellipsis to max_w. */
tc_prim *tc_emit_text_fit(tc_lay *L, double x, double y, const char *s, double size,
                          int bold, tc_anchor a, tc_rgb c, double max_w);
void tc_emit_marker(tc_lay *L, double x, double y, double size, tc_marker mk,
                    tc_rgb c, int filled);

/* Box of a text centred vertically at y. */
tc_box tc_text_box(const tc_lay *L, double x, double y, const char *s, double size,
                   int bold, tc_anchor a);
/* Overlaps no placed text (nor, with curves, any polyline drawn so far). */
int tc_box_free(const tc_lay *L, tc_box b, int curves);
void tc_box_take(tc_lay *L, tc_box b);

/* Lays out title, subtitle, legend and footnote; sets L->plot. */
void tc_layout_frame(tc_lay *L);

void tc_layout_hbar(tc_lay *L);
void tc_layout_vbar(tc_lay *L);
void tc_layout_xy(tc_lay *L);

#endif
