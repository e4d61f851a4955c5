/* Bar layouts: horizontal bars by category (values, ranges, tornado) and
 * vertical stacked bars in clusters (TCO by year, the iceberg). */
#include "layout.h"

#include <math.h>
#include <stdlib.h>

#define HBAR_BOTTOM 40.0
#define LABEL_GAP 5.0
#define MARK_GAP 6.0    /* clear of a marker drawn at the end */

static void extend(double *lo, double *hi, double v)
{
    if (!isfinite(v))
        return;
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
}

static void hbar_domain(const tc_chart *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            if (c->series[s].style != TC_STYLE_POINT)
                extend(lo, hi, c->series[s].x[i]);
            extend(lo, hi, c->series[s].y[i]);
        }
    for (size_t i = 0; i < c->n_refs; i++)
        extend(lo, hi, c->refs[i].at);
    if (c->y_cap > 0 && *hi > c->y_cap) {   /* off scale beyond the cap */
        *hi = c->y_cap;
        *lo = fmin(*lo, c->y_cap);
    }
    if (*lo > *hi) {
        *lo = 0.0;
        *hi = 1.0;
    }
}

/* The label of series s, row i: outer end value and side (+1 right). A
 * range's label goes right of everything in its row (markers included). */
static int hbar_label_end(const tc_chart *c, const tc_series *s, size_t i, double *end)
{
    double a = s->x[i], b = s->y[i];
    if (!s->labels || !s->labels[i] || !isfinite(a) || !isfinite(b) || s->style == TC_STYLE_POINT)
        return 0;
    if (s->style == TC_STYLE_BAR && fabs(b - a) <= 1e-9 * fmax(fabs(a), fabs(b)))
        return 0;   /* no bar (a tornado input that changes nothing): no label */
    if (s->style == TC_STYLE_RANGE) {
        *end = fmax(a, b);
        for (size_t k = 0; k < c->n_series; k++)
            if (i < c->series[k].n && isfinite(c->series[k].y[i]))
                *end = fmax(*end, c->series[k].y[i]);
        return 1;
    }
    *end = b;
    return b >= a ? 1 : -1;
}

/* Off-scale values (past y_cap, the value axis cap) are drawn at the cap. */
static double hcap(const tc_chart *c, double v)
{
    return c->y_cap > 0 && v > c->y_cap ? c->y_cap : v;
}

/* Narrows the scale range [*a, *b] so outside labels fit in [x0, x1]. */
static void hbar_fit_labels(tc_lay *L, const tc_axis_ticks *t, double x0, double x1,
                            double *a, double *b)
{
    const tc_chart *c = L->c;
    *a = x0;
    *b = x1;
    for (int iter = 0; iter < 8; iter++)     /* the two sides pull on each other */
        for (size_t s = 0; s < c->n_series; s++)
            for (size_t i = 0; i < c->series[s].n; i++) {
                double end;
                int side = hbar_label_end(c, &c->series[s], i, &end);
                if (!side)
                    continue;
                double w = tc_text_w(L, c->series[s].labels[i], TS_VALUE, 0) + LABEL_GAP +
                           (c->series[s].style == TC_STYLE_RANGE ? MARK_GAP : 0);
                double f = (hcap(c, end) - t->dlo) / (t->dhi - t->dlo);
                if (side > 0 && f > 0)
                    *b = fmin(*b, *a + (x1 - *a - w) / f);
                if (side < 0 && f < 1)
                    *a = fmax(*a, (x0 + w - f * *b) / (1 - f));
            }
    if (*b - *a < (x1 - x0) * 0.4) {    /* labels too wide: they go inside */
        *a = x0;
        *b = x1;
    }
}

static void value_axis_h(tc_lay *L, const tc_axis *ax, const tc_axis_ticks *t,
                         const tc_scale *sc, double y0, double y1)
{
    char buf[64];
    for (size_t i = 0; i < t->n; i++) {
        double x = tc_scale_at(sc, t->v[i]);
        tc_emit_line(L, x, y0, x, y1, t->v[i] == 0.0 ? TC_AXIS_LINE : TC_GRID,
                     t->v[i] == 0.0 ? 1.2 : 1.0, 0);
        tc_emit_text(L, x, y1 + 11, tc_axis_ticks_text(ax, t, i, buf, sizeof buf),
                     TS_TICK, 0, TC_ANCHOR_MIDDLE, TC_TEXT_MID);
    }
    tc_emit_text_fit(L, (sc->p0 + sc->p1) / 2, y1 + 30, ax->label, TS_AXIS, 0,
                     TC_ANCHOR_MIDDLE, TC_TEXT_DARK, sc->p1 - sc->p0);
}

static int hbar_row_empty(const tc_chart *c, size_t i)
{
    for (size_t s = 0; s < c->n_series; s++)
        if (i < c->series[s].n && isfinite(c->series[s].y[i]))
            return 0;
    return 1;
}

/* Row labels wrapped into the label column; returns the column width. */
static double hbar_row_labels(tc_lay *L, tc_lines *rows, int max_lines)
{
    const tc_chart *c = L->c;
    double colw = 0.0, colmax = L->width * 0.3;
    for (size_t i = 0; i < c->n_cats; i++) {
        const tc_category *cat = &c->cats[i];
        int note = cat->note && max_lines >= 2 && !hbar_row_empty(c, i);
        tc_wrap_text(L->m, cat->label, TS_LABEL, cat->emphasis, colmax,
                     max_lines - note, &rows[i]);
        for (int k = 0; k < rows[i].n; k++)
            colw = fmax(colw, tc_text_w(L, rows[i].line[k], TS_LABEL, cat->emphasis));
        if (note)
            colw = fmax(colw, fmin(colmax, tc_text_w(L, cat->note, TS_NOTE, 0)));
    }
    return colw;
}

static void hbar_draw_labels(tc_lay *L, const tc_lines *rows, double xr,
                             double y0, double band, int max_lines)
{
    const tc_chart *c = L->c;
    double lh = TS_LABEL * 1.2;
    for (size_t i = 0; i < c->n_cats; i++) {
        const tc_category *cat = &c->cats[i];
        int note = cat->note && max_lines >= 2 && !hbar_row_empty(c, i);
        double block = lh * (rows[i].n + note);
        double top = y0 + band * (i + 0.5) - block / 2;
        for (int k = 0; k < rows[i].n; k++)
            tc_emit_text(L, xr, top + lh * (k + 0.5), rows[i].line[k], TS_LABEL,
                         cat->emphasis, TC_ANCHOR_END, TC_TEXT_DARK);
        if (note)
            tc_emit_text(L, xr, top + lh * (rows[i].n + 0.5), cat->note, TS_NOTE, 0,
                         TC_ANCHOR_END, TC_TEXT_MID);
    }
}

static void hbar_value_label(tc_lay *L, const tc_series *s, size_t i, const tc_scale *sc,
                             double yc, double xmin, double xmax)
{
    double end;
    int side = hbar_label_end(L->c, s, i, &end);
    if (!side)
        return;
    double gap = LABEL_GAP + (s->style == TC_STYLE_RANGE ? MARK_GAP : 0);
    const char *text = s->labels[i];
    double w = tc_text_w(L, text, TS_VALUE, 0);
    double xe = tc_scale_at(sc, hcap(L->c, end));
    double xs = tc_scale_at(sc, s->style == TC_STYLE_RANGE ? fmin(s->x[i], s->y[i]) : s->x[i]);
    int outside_fits = side > 0 ? xe + gap + w <= xmax + 1 : xe - gap - w >= xmin - 1;
    if (outside_fits || fabs(xe - xs) < w + 2 * gap || s->style != TC_STYLE_BAR)
        tc_emit_text(L, xe + side * gap, yc, text, TS_VALUE, 0,
                     side > 0 ? TC_ANCHOR_START : TC_ANCHOR_END, TC_TEXT_DARK);
    else    /* inside the bar's end, white on the bar */
        tc_emit_text(L, xe - side * gap, yc, text, TS_VALUE, 1,
                     side > 0 ? TC_ANCHOR_END : TC_ANCHOR_START, TC_WHITE);
}

static void hbar_series(tc_lay *L, const tc_series *s, const tc_scale *sc, double y0,
                        double band, double xmin, double xmax)
{
    for (size_t i = 0; i < s->n && i < L->c->n_cats; i++) {
        tc_span bar = tc_band_bar(y0, y0 + band * L->c->n_cats, L->c->n_cats, i, 0.62, 30);
        double yc = bar.start + bar.size / 2;
        tc_rgb col = s->colours ? s->colours[i] : s->colour;
        if (s->style == TC_STYLE_POINT) {
            if (isfinite(s->y[i]) && hcap(L->c, s->y[i]) == s->y[i])
                tc_emit_marker(L, tc_scale_at(sc, s->y[i]), yc, 10, s->marker, col,
                               s->marker != TC_MARK_DIAMOND);
            continue;
        }
        if (!isfinite(s->x[i]) || !isfinite(s->y[i]))
            continue;
        double xa = tc_scale_at(sc, hcap(L->c, s->x[i])), xb = tc_scale_at(sc, hcap(L->c, s->y[i]));
        double th = s->style == TC_STYLE_RANGE ? bar.size * 0.32 : bar.size;
        if (hcap(L->c, fmax(s->x[i], s->y[i])) != fmax(s->x[i], s->y[i]))
            tc_emit_marker(L, fmax(xa, xb), yc, 10, TC_MARK_TRIANGLE, col, 1);  /* off scale */
        tc_emit_rect(L, fmin(xa, xb), yc - th / 2, fabs(xb - xa), th, col);
        hbar_value_label(L, s, i, sc, yc, xmin, xmax);
    }
}

static void hbar_empty_notes(tc_lay *L, const tc_scale *sc, double y0, double band)
{
    const tc_chart *c = L->c;
    double x = tc_scale_at(sc, fmax(0.0, sc->d0));
    for (size_t i = 0; i < c->n_cats; i++)
        if (c->cats[i].note && hbar_row_empty(c, i))
            tc_emit_text(L, x + LABEL_GAP, y0 + band * (i + 0.5), c->cats[i].note, TS_NOTE,
                         0, TC_ANCHOR_START, TC_TEXT_MID);
}

static void hbar_refs(tc_lay *L, const tc_scale *sc, double y0, double y1)
{
    for (size_t i = 0; i < L->c->n_refs; i++) {
        const tc_refline *r = &L->c->refs[i];
        double x = tc_scale_at(sc, r->at);
        tc_emit_line(L, x, y0 - 4, x, y1, r->colour, 1.4, 1);
        tc_emit_text(L, x, y0 - 10, r->label, TS_NOTE, 0, TC_ANCHOR_MIDDLE, r->colour);
    }
}

void tc_layout_hbar(tc_lay *L)
{
    const tc_chart *c = L->c;
    tc_box P = L->plot;
    size_t n = c->n_cats;
    if (n == 0)
        return;
    double y0 = P.y0 + (c->n_refs ? 16 : 0), y1 = P.y1 - HBAR_BOTTOM;
    double band = (y1 - y0) / (double)n;
    int max_lines = (int)floor((band - 2) / (TS_LABEL * 1.2));
    max_lines = max_lines < 1 ? 1 : max_lines > 3 ? 3 : max_lines;
    tc_lines *rows = malloc(n * sizeof *rows);
    if (!rows) {
        L->p->failed = 1;
        return;
    }
    double colw = hbar_row_labels(L, rows, max_lines);
    double xa0 = P.x0 + colw + 12, xa1 = P.x1 - 4, lo, hi, a = xa0, b = xa1;
    hbar_domain(c, &lo, &hi);
    tc_axis_ticks t;
    for (int target = (int)fmin(8, fmax(2, (xa1 - xa0) / 95)); target >= 1; target--) {
        tc_axis_ticks_choose(&c->x, lo, hi, target, &t);
        hbar_fit_labels(L, &t, xa0, xa1, &a, &b);
        if (t.n < 2 || tc_axis_ticks_width(L, &c->x, &t) + 10 <= (b - a) / (double)(t.n - 1))
            break;
    }
    tc_scale sc = {t.dlo, t.dhi, a, b, 0};
    value_axis_h(L, &c->x, &t, &sc, y0, y1);
    hbar_refs(L, &sc, y0, y1);
    for (size_t s = 0; s < c->n_series; s++)
        hbar_series(L, &c->series[s], &sc, y0, band, xa0, xa1);
    hbar_empty_notes(L, &sc, y0, band);
    hbar_draw_labels(L, rows, P.x0 + colw, y0, band, max_lines);
    free(rows);
}

/* ---- vertical stacked bars in clusters ---- */

typedef struct {
    size_t n, ns;
    double *pos, *neg;      /* stack ends per bar */
    double xa0, xa1, ya0, ya1, band, slot, bar_w;
    tc_scale sy;
} tc_vbar;

static int vbar_stacks(tc_lay *L, tc_vbar *v)
{
    const tc_chart *c = L->c;
    size_t nb = v->n * v->ns;
    v->pos = calloc(nb, sizeof *v->pos);
    v->neg = calloc(nb, sizeof *v->neg);
    if (!v->pos || !v->neg) {
        L->p->failed = 1;
        return 0;
    }
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t b = 0; b < nb && b < c->series[s].n; b++) {
            double y = c->series[s].y[b];
            if (isfinite(y) && y > 0) v->pos[b] += y;
            if (isfinite(y) && y < 0) v->neg[b] += y;
        }
    return 1;
}

static double vbar_x(const tc_vbar *v, size_t cl, size_t j)
{
    double inner = v->slot * (double)v->ns;
    return v->xa0 + v->band * (double)cl + (v->band - inner) / 2 + v->slot * (double)j
           + (v->slot - v->bar_w) / 2;
}

static void vbar_geometry(tc_vbar *v, double xa0, double xa1)
{
    v->xa0 = xa0;
    v->xa1 = xa1;
    v->band = (xa1 - xa0) / (double)v->n;
    double inner = v->band * (v->ns > 1 ? 0.86 : 0.5);
    v->slot = inner / (double)v->ns;
    v->bar_w = fmin(v->slot * (v->ns > 1 ? 0.8 : 1.0), 70);
}

static int vbar_cat_lines(tc_lay *L, const tc_vbar *v, tc_lines *rows)
{
    int most = 0;
    for (size_t i = 0; i < v->n; i++) {
        const tc_category *cat = &L->c->cats[i];
        tc_wrap_text(L->m, cat->label, TS_LABEL, cat->emphasis, v->band - 8, 3, &rows[i]);
        most = rows[i].n > most ? rows[i].n : most;
    }
    return most;
}

/* A value clamped to the off-scale cap (none when the cap is 0). */
static double capped(const tc_chart *c, double v)
{
    return c->y_cap > 0 && v > c->y_cap ? c->y_cap : v;
}

/* An off-scale bar: cut by a white notch near its top, its full value above. */
static void vbar_off_scale(tc_lay *L, const tc_vbar *v, double x, const char *label)
{
    double top = tc_scale_at(&v->sy, L->c->y_cap);
    tc_emit_rect(L, x - 1, top + 7, v->bar_w + 2, 3, TC_WHITE);
    if (label)
        tc_emit_text(L, x + v->bar_w / 2, top - TS_NOTE * 0.5 - 3, label, TS_NOTE - 1.0, 0,
                     TC_ANCHOR_MIDDLE, TC_TEXT_DARK);
}

static void vbar_bars(tc_lay *L, const tc_vbar *v)
{
    const tc_chart *c = L->c;
    for (size_t cl = 0; cl < v->n; cl++) {
        size_t most = SIZE_MAX;     /* the cluster's largest off-scale bar is labelled */
        for (size_t j = 0; j < v->ns; j++) {
            size_t b = cl * v->ns + j;
            double pos = 0, neg = 0, x = vbar_x(v, cl, j);
            for (size_t s = 0; s < c->n_series; s++) {
                double y = b < c->series[s].n ? c->series[s].y[b] : NAN;
                if (!isfinite(y) || y == 0)
                    continue;
                double *acc = y > 0 ? &pos : &neg;
                double ya = tc_scale_at(&v->sy, capped(c, *acc));
                double yb = tc_scale_at(&v->sy, capped(c, *acc + y));
                if (ya != yb)
                    tc_emit_rect(L, x, fmin(ya, yb), v->bar_w, fabs(yb - ya), c->series[s].colour);
                *acc += y;
            }
            if (c->y_cap > 0 && pos > c->y_cap) {
                vbar_off_scale(L, v, x, NULL);
                if (most == SIZE_MAX || pos > v->pos[cl * v->ns + most])
                    most = j;
            }
        }
        if (most != SIZE_MAX && c->top_labels)
            vbar_off_scale(L, v, vbar_x(v, cl, most), c->top_labels[cl * v->ns + most]);
    }
}

/* Labels above (dir -1) or below (+1) every stack, if they all fit. */
static void vbar_end_labels(tc_lay *L, const tc_vbar *v, const char **labels, int dir)
{
    const tc_chart *c = L->c;
    if (!labels)
        return;
    double size = TS_VALUE, room = v->slot * (v->ns > 1 ? 0.98 : 1.6);
    for (int pass = 0; pass < 2; pass++) {
        int fits = 1;
        for (size_t b = 0; b < v->n * v->ns; b++)
            if (labels[b] && tc_text_w(L, labels[b], size, 0) > room)
                fits = 0;
        if (fits)
            break;
        if (pass == 1)
            return;     /* unreadable when crowded: the axis carries the values */
        size = TS_NOTE - 1.0;
    }
    for (size_t cl = 0; cl < v->n; cl++)
        for (size_t j = 0; j < v->ns; j++) {
            size_t b = cl * v->ns + j;
            double end = dir < 0 ? v->pos[b] : v->neg[b];
            if (!labels[b] || (dir > 0 && end == 0.0) || (dir < 0 && capped(c, end) != end))
                continue;   /* an off-scale bar carries its own label */
            double y = tc_scale_at(&v->sy, end) + dir * (size * 0.5 + 4);
            tc_emit_text(L, vbar_x(v, cl, j) + v->bar_w / 2, y, labels[b], size, 0,
                         TC_ANCHOR_MIDDLE, TC_TEXT_DARK);
        }
}

static void vbar_sub_labels(tc_lay *L, const tc_vbar *v)
{
    const tc_chart *c = L->c;
    if (!c->sub_labels)
        return;
    double w = 0;
    for (size_t j = 0; j < v->ns; j++)
        w = fmax(w, tc_text_w(L, c->sub_labels[j], TS_NOTE, 0));
    size_t every = 1;
    while (every < v->ns && w + 3 > v->slot * (double)every)
        every++;
    for (size_t cl = 0; cl < v->n; cl++)
        for (size_t j = 0; j < v->ns; j++)
            if (j % every == 0 || j == v->ns - 1)
                if (j % every == 0 || w + 3 <= v->slot * (double)(j % every))
                    tc_emit_text(L, vbar_x(v, cl, j) + v->bar_w / 2, v->ya1 + 10,
                                 c->sub_labels[j], TS_NOTE, 0, TC_ANCHOR_MIDDLE, TC_TEXT_MID);
}

static void vbar_axis(tc_lay *L, const tc_vbar *v, const tc_axis_ticks *t)
{
    const tc_chart *c = L->c;
    char buf[64];
    for (size_t i = 0; i < t->n; i++) {
        double y = tc_scale_at(&v->sy, t->v[i]);
        if (t->v[i] != 0.0)
            tc_emit_line(L, v->xa0, y, v->xa1, y, TC_GRID, 1.0, 0);
        tc_emit_text(L, v->xa0 - 6, y, tc_axis_ticks_text(&c->y, t, i, buf, sizeof buf),
                     TS_TICK, 0, TC_ANCHOR_END, TC_TEXT_MID);
    }
    tc_prim *q = tc_emit_text_fit(L, L->plot.x0 + TS_AXIS * 0.6, (v->ya0 + v->ya1) / 2,
                                  c->y.label, TS_AXIS, 0, TC_ANCHOR_MIDDLE, TC_TEXT_DARK,
                                  v->ya1 - v->ya0);
    if (q)
        q->vertical = 1;
}

static void vbar_place(tc_lay *L, tc_vbar *v, tc_lines *rows, tc_axis_ticks *t)
{
    const tc_chart *c = L->c;
    tc_box P = L->plot;
    double lo = 0, hi = 0;
    for (size_t b = 0; b < v->n * v->ns; b++) {
        lo = fmin(lo, v->neg[b]);
        hi = fmax(hi, capped(c, v->pos[b]));
    }
    vbar_geometry(v, P.x0 + 70, P.x1 - 4);
    int lines = vbar_cat_lines(L, v, rows);
    double bottom = (c->sub_labels ? 18 : 6) + lines * TS_LABEL * 1.2 + 4;
    v->ya0 = P.y0 + 4;
    v->ya1 = P.y1 - bottom;
    double pad_top = c->top_labels ? 16 : 0, pad_bottom = c->bottom_labels ? 16 : 0;
    tc_axis_ticks_choose(&c->y, lo, hi, (int)fmin(8, fmax(2, (v->ya1 - v->ya0) / 45)), t);
    double left = tc_axis_ticks_width(L, &c->y, t) + 8 + TS_AXIS * 1.5;
    vbar_geometry(v, P.x0 + left, P.x1 - 4);
    vbar_cat_lines(L, v, rows);
    tc_scale sy = {t->dlo, t->dhi, v->ya1 - pad_bottom, v->ya0 + pad_top, 0};
    v->sy = sy;
}

void tc_layout_vbar(tc_lay *L)
{
    const tc_chart *c = L->c;
    tc_vbar v = {.n = c->n_cats, .ns = c->n_sub ? c->n_sub : 1};
    tc_lines *rows = v.n ? malloc(v.n * sizeof *rows) : NULL;
    if (v.n == 0 || !rows || !vbar_stacks(L, &v)) {
        if (v.n)
            L->p->failed = 1;
        goto done;
    }
    tc_axis_ticks t;
    vbar_place(L, &v, rows, &t);
    vbar_axis(L, &v, &t);
    vbar_bars(L, &v);
    double y0 = tc_scale_at(&v.sy, 0.0);
    tc_emit_line(L, v.xa0, y0, v.xa1, y0, TC_AXIS_LINE, 1.2, 0);
    vbar_end_labels(L, &v, c->top_labels, -1);
    vbar_end_labels(L, &v, c->bottom_labels, +1);
    vbar_sub_labels(L, &v);
    double ytxt = v.ya1 + (c->sub_labels ? 18 : 6);
    for (size_t i = 0; i < v.n; i++)
        for (int k = 0; k < rows[i].n; k++)
            tc_emit_text(L, v.xa0 + v.band * (i + 0.5), ytxt + TS_LABEL * 1.2 * (k + 0.5),
                         rows[i].line[k], TS_LABEL, c->cats[i].emphasis, TC_ANCHOR_MIDDLE,
                         TC_TEXT_DARK);
done:
    free(rows);
    free(v.pos);
    free(v.neg);
}
