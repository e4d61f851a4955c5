/* Private to charts/: the chart description built from the results, the
 * drawing primitives the layout turns it into, and the one text metric
 * (DejaVu Sans through FreeType) that layout and every backend share. */
#ifndef TC_CHART_H
#define TC_CHART_H

#include <stddef.h>
#include <stdint.h>
#include "tc_charts.h"
#include "tc_style.h"

typedef uint32_t tc_rgb;    /* 0xRRGGBB */

/* Colour of platform i: the shared series order (tc_style.h). */
#define tc_chart_platform_colour(i) ((tc_rgb)tc_style_series_colour(i))
/* The throughput chart draws at most this many panels (workloads) and bids
 * (chart_build_curves.c): more are unreadable, and cost the square. */
#define TC_CURVE_PANELS 8
#define TC_CURVE_BIDS 10
/* Every other chart of bids draws at most this many (chart_pick.c). */
#define TC_CHART_BIDS 12

typedef enum { TC_PLOT_HBAR, TC_PLOT_VBAR, TC_PLOT_XY } tc_plot_type;
typedef enum { TC_FMT_PLAIN, TC_FMT_MONEY, TC_FMT_RATIO, TC_FMT_PERCENT } tc_value_fmt;
typedef enum { TC_MARK_NONE, TC_MARK_CIRCLE, TC_MARK_SQUARE, TC_MARK_DIAMOND,
               TC_MARK_TRIANGLE } tc_marker;
typedef enum { TC_STYLE_BAR, TC_STYLE_RANGE, TC_STYLE_POINT, TC_STYLE_LINE } tc_series_style;

typedef struct {
    const char *label;      /* title with unit and currency */
    tc_value_fmt fmt;
    const char *currency;   /* ISO code, for TC_FMT_MONEY */
    int log;                /* log10 scale (XY only) */
    int include_zero;
    int integer;            /* ticks at whole numbers only (years) */
    int abs_labels;         /* tick labels show |v| (the iceberg's two halves) */
} tc_axis;

typedef struct {
    const char *name;
    tc_rgb colour;
    int dash;               /* 0 solid, 1 dashed, 2 dotted, 3 dash-dot */
    tc_marker marker;
    tc_series_style style;
    /* HBAR: n = n_cats, bar from x[i] to y[i] (NAN: none); POINT at y[i].
     * VBAR: n = n_cats * n_sub, y[i] a stacked segment (sign picks the side).
     * XY: n points (x[i], y[i]). */
    size_t n;
    double *x, *y;
    const char **labels;    /* HBAR: label at the bar's outer end; may be NULL */
    tc_rgb *colours;        /* per value override (HBAR baseline bar); may be NULL */
    int in_legend;
    int end_label;          /* XY: the name beside the last point */
    int panel;              /* XY small multiples: 1..n_panels; 0: legend only */
} tc_series;

typedef struct {
    int vertical;           /* 1: x = at, else y = at */
    double at;
    const char *label;
    tc_rgb colour;
    int panel;              /* XY small multiples: its panel (1..), else 0 */
} tc_refline;

typedef struct {
    double x, y;
    const char *label;
    tc_rgb colour;
    tc_marker marker;
    int panel;              /* XY small multiples: its panel (1..), else 0 */
} tc_callout;

typedef struct {
    const char *label;      /* wrapped or shortened by the layout */
    const char *note;       /* small second line ("baseline", "not covered") */
    int emphasis;           /* bold label */
} tc_category;

typedef struct tc_chart_block tc_chart_block;

typedef struct {
    tc_chart_kind kind;
    tc_plot_type type;
    const char *title, *subtitle, *footnote;
    tc_axis x, y;           /* HBAR: x is the value axis */
    tc_category *cats;
    size_t n_cats;
    size_t n_sub;           /* VBAR: bars per cluster */
    const char **sub_labels;
    const char **top_labels, **bottom_labels;  /* VBAR: per bar, may be NULL */
    tc_series *series;
    size_t n_series, series_cap;    /* series_cap: room in series (tc_chart_add_series) */
    tc_refline *refs;
    size_t n_refs;
    tc_callout *callouts;
    size_t n_callouts;
    double y_cap;           /* VBAR, XY: > 0: values above are drawn off scale */
    size_t n_panels;        /* XY: more than 1: one panel per title, axes shared */
    const char **panel_titles;
    int failed;             /* an allocation failed while building */
    tc_chart_block *blocks; /* everything above is allocated from here */
} tc_chart;

/* Allocation from the chart's arena (zeroed); NULL and c->failed on failure. */
void *tc_chart_alloc(tc_chart *c, size_t count, size_t size);
/* printf into the arena; "" and c->failed on failure (never NULL). */
const char *tc_chart_str(tc_chart *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
tc_series *tc_chart_add_series(tc_chart *c, const char *name, tc_rgb colour, size_t n);
void tc_chart_free(tc_chart *c);    /* accepts NULL */

/* Builds chart k; *out NULL when it does not apply (TC_OK) or on error. */
tc_status tc_chart_build(const tc_results *r, tc_chart_kind k, tc_chart **out);

/* Where two year-by-year curves cross: x of each sign change of a - b
 * (linear between points, exact touches once). Returns the count. */
size_t tc_chart_crossings(const double *x, const double *a, const double *b, size_t n,
                          double *xs, double *ys, size_t max);

/* ---- layout ---- */

typedef double (*tc_measure_fn)(void *ctx, const char *text, double size, int bold);
typedef struct {
    tc_measure_fn width;    /* advance width of text at size (chart units) */
    void *ctx;
} tc_metrics;

typedef enum { TC_PRIM_RECT, TC_PRIM_LINE, TC_PRIM_POLYLINE, TC_PRIM_TEXT,
               TC_PRIM_MARKER } tc_prim_type;
typedef enum { TC_ANCHOR_START, TC_ANCHOR_MIDDLE, TC_ANCHOR_END } tc_anchor;

/* Chart units, origin top left, y down. */
typedef struct {
    tc_prim_type type;
    double x, y, w, h;      /* RECT box; LINE from (x, y) to (x + w, y + h);
                               TEXT baseline point and measured width w;
                               MARKER centre and size w */
    double *pts;            /* POLYLINE x0 y0 x1 y1 ... */
    size_t n_pts;
    tc_rgb fill, stroke;
    int filled, stroked;
    double line_width;
    int dash;
    char *text;
    double size;            /* font size */
    int bold;
    tc_anchor anchor;
    int vertical;           /* TEXT rotated 90 degrees counter-clockwise */
    tc_marker marker;
} tc_prim;

typedef struct {
    tc_prim *items;
    size_t n, cap;
    double width, height;
    int failed;
} tc_prims;

void tc_prims_free(tc_prims *p);    /* frees the items, not p */

/* Lays out c on a width x height canvas. Pure: the only outside input is
 * the metric m. */
tc_status tc_chart_layout(const tc_chart *c, double width, double height,
                          const tc_metrics *m, tc_prims *out);

/* Nice 1-2-5 ticks covering [lo, hi] with about `target` intervals. */
typedef struct {
    double lo, hi, step;
    int n;                  /* number of ticks: (hi - lo) / step + 1 */
} tc_ticks;
tc_ticks tc_nice_ticks(double lo, double hi, int target);
/* Log-axis ticks: 1, 2, 5 x 10^k (or 10^k only when too many) covering [lo, hi]. */
size_t tc_log_ticks(double lo, double hi, int target, double *out, size_t max,
                    double *dlo, double *dhi);

/* Tick text for value v on axis a, given the tick step and the largest |tick|. */
char *tc_axis_text(const tc_axis *a, double v, double step, double maxabs,
                   char *buf, size_t n);

#define TC_WRAP_MAX_LINES 4
typedef struct {
    char line[TC_WRAP_MAX_LINES][256];
    int n;
    int shortened;          /* text was cut and ends in an ellipsis */
} tc_lines;
/* Word-wraps text into at most max_lines lines of max_w; what does not fit
 * ends in an ellipsis. */
void tc_wrap_text(const tc_metrics *m, const char *text, double size, int bold,
                  double max_w, int max_lines, tc_lines *out);

/* Moves label centres pos[0..n) (any order) apart by at least gap, staying
 * inside [lo, hi] and as close to where they were as it can. */
void tc_spread_labels(double *pos, size_t n, double gap, double lo, double hi);

/* Bar geometry: band i of n across [a, b], bar of `fill` (0..1) of the band. */
typedef struct { double start, size; } tc_span;
tc_span tc_band_bar(double a, double b, size_t n, size_t i, double fill, double max_size);

/* ---- fonts and backends ---- */

/* The DejaVu metric: measures with the calling thread's own font set
 * (charts/fonts.c), loaded if the pool has none free. NULL (and err): no
 * set could be loaded. */
const tc_metrics *tc_chart_metrics(char *err, size_t n);

tc_status tc_chart_write_png(const tc_prims *p, const char *path, char *err, size_t n);
tc_status tc_chart_write_svg(const tc_prims *p, const char *path, char *err, size_t n);

/* Builds and lays out chart k on a width x height canvas. *applies is 0
 * (and out empty) when the chart has nothing to show. */
tc_status tc_chart_prepare(const tc_results *r, tc_chart_kind k, double width, double height,
                           tc_prims *out, int *applies, char *err, size_t n);

/* Canvas of the stand-alone charts, in chart units (PNG pixels at 1x). */
#define TC_CHART_WIDTH 800.0
#define TC_CHART_HEIGHT 500.0

#endif
