/* Primitive emitters, the placed-label registry and the chart frame:
 * title, subtitle, legend and footnote around the plot. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static tc_prim *push(tc_lay *L, tc_prim_type type)
{
    tc_prims *p = L->p;
    if (p->failed)
        return NULL;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        tc_prim *items = realloc(p->items, cap * sizeof *items);
        if (!items) {
            p->failed = 1;
            return NULL;
        }
        p->items = items;
        p->cap = cap;
    }
    tc_prim *q = &p->items[p->n++];
    memset(q, 0, sizeof *q);
    q->type = type;
    q->line_width = 1.0;
    return q;
}

double tc_text_w(const tc_lay *L, const char *s, double size, int bold)
{
    return s && *s ? L->m->width(L->m->ctx, s, size, bold) : 0.0;
}

void tc_emit_rect(tc_lay *L, double x, double y, double w, double h, tc_rgb fill)
{
    if (w < 0) { x += w; w = -w; }
    if (h < 0) { y += h; h = -h; }
    tc_prim *q = push(L, TC_PRIM_RECT);
    if (!q)
        return;
    q->x = x; q->y = y; q->w = w; q->h = h;
    q->fill = fill;
    q->filled = 1;
}

void tc_emit_line(tc_lay *L, double x1, double y1, double x2, double y2, tc_rgb c,
                  double lw, int dash)
{
    tc_prim *q = push(L, TC_PRIM_LINE);
    if (!q)
        return;
    q->x = x1; q->y = y1; q->w = x2 - x1; q->h = y2 - y1;
    q->stroke = c;
    q->stroked = 1;
    q->line_width = lw;
    q->dash = dash;
}

void tc_emit_poly(tc_lay *L, const double *pts, size_t n_pts, tc_rgb c, double lw, int dash)
{
    if (n_pts < 2)
        return;
    tc_prim *q = push(L, TC_PRIM_POLYLINE);
    if (!q)
        return;
    q->pts = malloc(n_pts * 2 * sizeof *q->pts);
    if (!q->pts) {
        L->p->failed = 1;
        return;
    }
    memcpy(q->pts, pts, n_pts * 2 * sizeof *q->pts);
    q->n_pts = n_pts;
    q->stroke = c;
    q->stroked = 1;
    q->line_width = lw;
    q->dash = dash;
}

tc_prim *tc_emit_text(tc_lay *L, double x, double y, const char *s, double size,
                      int bold, tc_anchor a, tc_rgb c)
{
    if (!s || !*s)
        return NULL;
    tc_prim *q = push(L, TC_PRIM_TEXT);
    if (!q)
        return NULL;
    q->text = strdup(s);
    if (!q->text) {
        L->p->failed = 1;
        return NULL;
    }
    q->x = x;
    q->y = y + 0.36 * size;     /* baseline below the centre of the caps */
    q->w = tc_text_w(L, s, size, bold);
    q->h = size;
    q->size = size;
    q->bold = bold;
    q->anchor = a;
    q->fill = c;
    q->filled = 1;
    return q;
}

tc_prim *tc_emit_text_fit(tc_lay *L, double x, double y, const char *s, double size,
                          int bold, tc_anchor a, tc_rgb c, double max_w)
{
    tc_lines one;
    /* set smaller, down to two thirds, before anything is cut */
    double fit = size;
    if (s && max_w > 0 && tc_text_w(L, s, size, bold) > max_w)
        fit = fmax(size * 0.66, size * max_w / tc_text_w(L, s, size, bold) * 0.98);
    tc_wrap_text(L->m, s, fit, bold, max_w, 1, &one);
    return one.n ? tc_emit_text(L, x, y, one.line[0], fit, bold, a, c) : NULL;
}

void tc_emit_marker(tc_lay *L, double x, double y, double size, tc_marker mk,
                    tc_rgb c, int filled)
{
    if (mk == TC_MARK_NONE)
        return;
    tc_prim *q = push(L, TC_PRIM_MARKER);
    if (!q)
        return;
    q->x = x; q->y = y; q->w = size; q->h = size;
    q->marker = mk;
    q->fill = filled ? c : TC_WHITE;
    q->filled = 1;
    q->stroke = filled ? TC_WHITE : c;
    q->stroked = 1;
    q->line_width = filled ? 1.0 : 1.6;
}

tc_box tc_text_box(const tc_lay *L, double x, double y, const char *s, double size,
                   int bold, tc_anchor a)
{
    double w = tc_text_w(L, s, size, bold);
    double x0 = a == TC_ANCHOR_START ? x : a == TC_ANCHOR_MIDDLE ? x - w / 2 : x - w;
    tc_box b = {x0 - 1, y - size * 0.55, x0 + w + 1, y + size * 0.55};
    return b;
}

/* Liang-Barsky: whether segment (x0, y0)-(x1, y1) enters box b. */
static int segment_hits(double x0, double y0, double x1, double y1, tc_box b)
{
    double t0 = 0.0, t1 = 1.0;
    double p[4] = {-(x1 - x0), x1 - x0, -(y1 - y0), y1 - y0};
    double q[4] = {x0 - b.x0, b.x1 - x0, y0 - b.y0, b.y1 - y0};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0.0) {
            if (q[k] < 0.0)
                return 0;
            continue;
        }
        double r = q[k] / p[k];
        if (p[k] < 0.0) {
            if (r > t1) return 0;
            if (r > t0) t0 = r;
        } else {
            if (r < t0) return 0;
            if (r < t1) t1 = r;
        }
    }
    return 1;
}

static int hits_curves(const tc_lay *L, tc_box b)
{
    for (size_t i = 0; i < L->p->n; i++) {
        const tc_prim *q = &L->p->items[i];
        for (size_t k = 1; q->type == TC_PRIM_POLYLINE && k < q->n_pts; k++)
            if (segment_hits(q->pts[2 * k - 2], q->pts[2 * k - 1], q->pts[2 * k],
                             q->pts[2 * k + 1], b))
                return 1;
    }
    return 0;
}

int tc_box_free(const tc_lay *L, tc_box b, int curves)
{
    if (curves && hits_curves(L, b))
        return 0;
    for (size_t i = 0; i < L->n_placed; i++) {
        const tc_box *o = &L->placed[i];
        if (b.x0 < o->x1 && o->x0 < b.x1 && b.y0 < o->y1 && o->y0 < b.y1)
            return 0;
    }
    return 1;
}

void tc_box_take(tc_lay *L, tc_box b)
{
    if (L->n_placed < sizeof L->placed / sizeof L->placed[0])
        L->placed[L->n_placed++] = b;
}

/* Lines of wrapped text from the top y; returns the y below them. */
static double text_block(tc_lay *L, double y, const char *s, double size, int bold,
                         int max_lines, tc_rgb c)
{
    if (!s || !*s)
        return y;
    tc_lines lines;
    tc_wrap_text(L->m, s, size, bold, L->width - 2 * TC_MARGIN, max_lines, &lines);
    double lh = size * 1.3;
    for (int i = 0; i < lines.n; i++) {
        tc_emit_text(L, TC_MARGIN, y + lh / 2, lines.line[i], size, bold, TC_ANCHOR_START, c);
        y += lh;
    }
    return y;
}

static void legend_swatch(tc_lay *L, const tc_series *s, double x, double yc)
{
    if (s->style == TC_STYLE_LINE) {
        tc_emit_line(L, x, yc, x + 20, yc, s->colour, 2.0, s->dash);
        tc_emit_marker(L, x + 10, yc, 7, s->marker, s->colour, 1);
    } else if (s->style == TC_STYLE_POINT) {
        tc_emit_marker(L, x + 6, yc, 9, s->marker, s->colour, s->marker != TC_MARK_DIAMOND);
    } else {
        tc_emit_rect(L, x, yc - 5.5, 12, s->style == TC_STYLE_RANGE ? 11 : 11, s->colour);
    }
}

/* Legend items flow left to right, wrapping; returns the y below. */
static double legend(tc_lay *L, double y)
{
    const tc_chart *c = L->c;
    double x = TC_MARGIN, lh = TS_LEGEND * 1.6, right = L->width - TC_MARGIN;
    int any = 0;
    for (size_t i = 0; i < c->n_series; i++) {
        const tc_series *s = &c->series[i];
        if (!s->in_legend || !s->name)
            continue;
        double sw = s->style == TC_STYLE_LINE ? 20 : 12;
        tc_lines name;
        tc_wrap_text(L->m, s->name, TS_LEGEND, 0, (right - TC_MARGIN) * 0.45, 1, &name);
        double w = sw + 5 + tc_text_w(L, name.line[0], TS_LEGEND, 0);
        if (any && x + w > right) {
            x = TC_MARGIN;
            y += lh;
        }
        legend_swatch(L, s, x, y + lh / 2);
        tc_emit_text(L, x + sw + 5, y + lh / 2, name.line[0], TS_LEGEND, 0,
                     TC_ANCHOR_START, TC_TEXT_DARK);
        x += w + 18;
        any = 1;
    }
    return any ? y + lh : y;
}

void tc_layout_frame(tc_lay *L)
{
    const tc_chart *c = L->c;
    double y = TC_MARGIN - 4;
    y = text_block(L, y, c->title, TS_TITLE, 1, 2, TC_TEXT_DARK);
    y = text_block(L, y, c->subtitle, TS_SUB, 0, 2, TC_TEXT_MID);
    y = legend(L, y + 4);
    double yb = L->height - TC_MARGIN + 4;
    if (c->footnote && *c->footnote) {
        tc_lines lines;
        tc_wrap_text(L->m, c->footnote, TS_NOTE, 0, L->width - 2 * TC_MARGIN, 3, &lines);
        double lh = TS_NOTE * 1.3;
        yb -= lh * lines.n;
        for (int i = 0; i < lines.n; i++)
            tc_emit_text(L, TC_MARGIN, yb + lh * (i + 0.5), lines.line[i], TS_NOTE, 0,
                         TC_ANCHOR_START, TC_TEXT_MID);
        yb -= 4;
    }
    tc_box plot = {TC_MARGIN, y + 8, L->width - TC_MARGIN, yb - 2};
    L->plot = plot;
}

static int prims_finite(const tc_prims *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const tc_prim *q = &p->items[i];
        if (!isfinite(q->x) || !isfinite(q->y) || !isfinite(q->w) || !isfinite(q->h))
            return 0;
        for (size_t k = 0; k < q->n_pts * 2; k++)
            if (!isfinite(q->pts[k]))
                return 0;
    }
    return 1;
}

tc_status tc_chart_layout(const tc_chart *c, double width, double height,
                          const tc_metrics *m, tc_prims *out)
{
    memset(out, 0, sizeof *out);
    tc_lay *L = calloc(1, sizeof *L);
    if (!L)
        return TC_ERR_NOMEM;
    L->c = c;
    L->m = m;
    L->p = out;
    L->width = out->width = width;
    L->height = out->height = height;
    tc_layout_frame(L);
    if (c->type == TC_PLOT_HBAR)
        tc_layout_hbar(L);
    else if (c->type == TC_PLOT_VBAR)
        tc_layout_vbar(L);
    else
        tc_layout_xy(L);
    free(L);
    if (out->failed) {
        tc_prims_free(out);
        return TC_ERR_NOMEM;
    }
    if (!prims_finite(out)) {   /* a layout bug must not become a blank chart */
        tc_prims_free(out);
        return TC_ERR_RENDER;
    }
    return TC_OK;
}
