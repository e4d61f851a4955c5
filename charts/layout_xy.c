/* Line charts on numeric axes (linear or log): series, reference lines,
 * marked points with labels placed clear of each other, and series names
 * beside their last point, spread so they never overlap. */
#include "layout.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double xa0, xa1, ya0, ya1;
    tc_scale sx, sy;
    tc_axis_ticks tx, ty;
    double end_size;        /* type size of the names beside the last points */
} tc_xy;

static void take(double v, int log, double *lo, double *hi)
{
    if (!isfinite(v) || (log && v <= 0))
        return;
    if (v < *lo) *lo = v;
    if (v > *hi) *hi = v;
}

static void xy_domain(const tc_chart *c, int vertical, double *lo, double *hi)
{
    int log = vertical ? c->x.log : c->y.log;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->series[s].n; i++)
            take(vertical ? c->series[s].x[i] : c->series[s].y[i], log, lo, hi);
    for (size_t i = 0; i < c->n_refs; i++)
        if (c->refs[i].vertical == vertical)
            take(c->refs[i].at, log, lo, hi);
    for (size_t i = 0; i < c->n_callouts; i++)
        take(vertical ? c->callouts[i].x : c->callouts[i].y, log, lo, hi);
    if (*lo > *hi) {
        *lo = log ? 1.0 : 0.0;
        *hi = log ? 10.0 : 1.0;
    }
}

/* The names beside the last points, all in one size: smaller (down to
 * three quarters) before any is cut. */
static double end_label_width(tc_lay *L, tc_lines *names, double *size)
{
    const tc_chart *c = L->c;
    double w = 0.0, room = L->width * 0.27;
    *size = TS_LEGEND;
    for (size_t s = 0; s < c->n_series; s++)
        if (c->series[s].end_label) {
            double tw = tc_text_w(L, c->series[s].name, TS_LEGEND, 0);
            if (tw > room)
                *size = fmax(TS_LEGEND * 0.75, fmin(*size, TS_LEGEND * room / tw * 0.98));
        }
    for (size_t s = 0; s < c->n_series; s++) {
        names[s].n = 0;
        if (!c->series[s].end_label)
            continue;
        tc_wrap_text(L->m, c->series[s].name, *size, 0, room, 1, &names[s]);
        w = fmax(w, tc_text_w(L, names[s].line[0], *size, 0));
    }
    return w;
}

static int has_vref_labels(const tc_chart *c)
{
    for (size_t i = 0; i < c->n_refs; i++)
        if (c->refs[i].vertical && c->refs[i].label)
            return 1;
    return 0;
}

/* dom: the x and y domains (xlo, xhi, ylo, yhi), shared by the panels. */
static void xy_place(tc_lay *L, tc_xy *g, tc_lines *names, const double *dom)
{
    const tc_chart *c = L->c;
    tc_box P = L->plot;
    double xlo = dom[0], xhi = dom[1], ylo = dom[2], yhi = dom[3];
    g->ya0 = P.y0 + (has_vref_labels(c) ? 18 : 6);
    g->ya1 = P.y1 - 40;
    tc_axis_ticks_choose(&c->y, ylo, yhi, (int)fmin(8, fmax(2, (g->ya1 - g->ya0) / 45)), &g->ty);
    double right = end_label_width(L, names, &g->end_size);
    g->xa0 = P.x0 + tc_axis_ticks_width(L, &c->y, &g->ty) + 8 + TS_AXIS * 1.5;
    g->xa1 = P.x1 - (right > 0 ? right + 12 : 8);
    for (int target = (int)fmin(10, fmax(2, (g->xa1 - g->xa0) / 80)); target >= 1; target--) {
        tc_axis_ticks_choose(&c->x, xlo, xhi, target, &g->tx);
        double space = (g->xa1 - g->xa0) / (double)(g->tx.n > 1 ? g->tx.n - 1 : 1);
        if (tc_axis_ticks_width(L, &c->x, &g->tx) + 10 <= space)
            break;
    }
    tc_scale sx = {g->tx.dlo, g->tx.dhi, g->xa0, g->xa1, c->x.log};
    tc_scale sy = {g->ty.dlo, g->ty.dhi, g->ya1, g->ya0, c->y.log};
    g->sx = sx;
    g->sy = sy;
}

/* labels: 1 x and y axis titles, 2 the y title only, 0 none. */
static void xy_axes(tc_lay *L, const tc_xy *g, int labels)
{
    const tc_chart *c = L->c;
    char buf[64];
    for (size_t i = 0; i < g->tx.n; i++) {
        double x = tc_scale_at(&g->sx, g->tx.v[i]);
        tc_emit_line(L, x, g->ya0, x, g->ya1, TC_GRID, 1.0, 0);
        tc_emit_text(L, x, g->ya1 + 11, tc_axis_ticks_text(&c->x, &g->tx, i, buf, sizeof buf),
                     TS_TICK, 0, TC_ANCHOR_MIDDLE, TC_TEXT_MID);
    }
    for (size_t i = 0; i < g->ty.n; i++) {
        double y = tc_scale_at(&g->sy, g->ty.v[i]);
        int zero = !c->y.log && g->ty.v[i] == 0.0;
        tc_emit_line(L, g->xa0, y, g->xa1, y, zero ? TC_AXIS_LINE : TC_GRID, zero ? 1.2 : 1.0, 0);
        tc_emit_text(L, g->xa0 - 6, y, tc_axis_ticks_text(&c->y, &g->ty, i, buf, sizeof buf),
                     TS_TICK, 0, TC_ANCHOR_END, TC_TEXT_MID);
    }
    tc_emit_line(L, g->xa0, g->ya1, g->xa1, g->ya1, TC_AXIS_LINE, 1.0, 0);
    tc_emit_line(L, g->xa0, g->ya0, g->xa0, g->ya1, TC_AXIS_LINE, 1.0, 0);
    if (labels == 1)
        tc_emit_text_fit(L, (g->xa0 + g->xa1) / 2, g->ya1 + 30, c->x.label, TS_AXIS, 0,
                         TC_ANCHOR_MIDDLE, TC_TEXT_DARK, g->xa1 - g->xa0);
    if (!labels)
        return;
    tc_prim *q = tc_emit_text_fit(L, L->plot.x0 + TS_AXIS * 0.6, (g->ya0 + g->ya1) / 2,
                                  c->y.label, TS_AXIS, 0, TC_ANCHOR_MIDDLE, TC_TEXT_DARK,
                                  g->ya1 - g->ya0);
    if (q)
        q->vertical = 1;
}

/* Places text at the first candidate inside `area` clear of texts and
 * curves; with must, failing that, the first clear of texts only. */
static int place_text(tc_lay *L, const double (*cand)[3], size_t n, const char *s,
                      double size, tc_box area, tc_rgb colour, int must)
{
    for (int pass = 0; pass < (must ? 2 : 1); pass++)
        for (size_t k = 0; k < n; k++) {
            tc_anchor a = (tc_anchor)cand[k][2];
            tc_box b = tc_text_box(L, cand[k][0], cand[k][1], s, size, 0, a);
            if (b.x0 < area.x0 || b.x1 > area.x1 || b.y0 < area.y0 || b.y1 > area.y1)
                continue;
            if (!tc_box_free(L, b, pass == 0))
                continue;
            tc_box_take(L, b);
            tc_emit_text(L, cand[k][0], cand[k][1], s, size, 0, a, colour);
            return 1;
        }
    return 0;
}

/* Label spots beside a vertical line: the strip above the plot, then rows
 * down the plot on either side. */
static size_t vline_spots(const tc_xy *g, double x, double (*cand)[3], size_t max)
{
    size_t n = 0;
    for (int row = 0; row < 12 && n + 3 <= max; row++) {
        double y = g->ya0 - 10 + row * 14;
        if (row == 0) {
            cand[n][0] = x; cand[n][1] = y; cand[n++][2] = TC_ANCHOR_MIDDLE;
        }
        cand[n][0] = x + 4; cand[n][1] = y; cand[n++][2] = TC_ANCHOR_START;
        cand[n][0] = x - 4; cand[n][1] = y; cand[n++][2] = TC_ANCHOR_END;
    }
    return n;
}

/* Reference lines are drawn under the curves; their labels are placed
 * after them (labels_only), clear of the curves. */
static void xy_refs(tc_lay *L, const tc_xy *g, int labels_only)
{
    tc_box top = {g->xa0 - 30, g->ya0 - 20, L->plot.x1, g->ya1};
    for (size_t i = 0; i < L->c->n_refs; i++) {
        const tc_refline *r = &L->c->refs[i];
        if (r->vertical) {
            double x = tc_scale_at(&g->sx, r->at);
            double pts[4] = {x, g->ya0 - 4, x, g->ya1};   /* a polyline: labels avoid it */
            if (!labels_only)
                tc_emit_poly(L, pts, 2, r->colour, 1.4, 1);
            double cand[40][3];
            size_t n = vline_spots(g, x, cand, 40);
            if (r->label && labels_only)
                place_text(L, cand, n, r->label, TS_NOTE, top, r->colour, 1);
        } else {
            double y = tc_scale_at(&g->sy, r->at);
            double pts[4] = {g->xa0, y, g->xa1, y};
            if (!labels_only)
                tc_emit_poly(L, pts, 2, r->colour, 1.6, 1);
            double cand[][3] = {{g->xa1 - 4, y - 8, 2}, {g->xa1 - 4, y + 9, 2},
                                {g->xa0 + 4, y - 8, 0}, {g->xa0 + 4, y + 9, 0}};
            tc_box area = {g->xa0, g->ya0, g->xa1, g->ya1};
            if (r->label && labels_only)
                place_text(L, cand, 4, r->label, TS_NOTE, area, r->colour, 1);
        }
    }
}

static void put_pt(const tc_xy *g, double *pts, size_t *k, double x, double y)
{
    pts[2 * *k] = tc_scale_at(&g->sx, x);
    pts[2 * *k + 1] = tc_scale_at(&g->sy, y);
    (*k)++;
}

/* The series' line, cut where it leaves the chart above the off-scale cap
 * (y_cap) and resumed where it comes back; markers only on scale. */
static void xy_series(tc_lay *L, const tc_xy *g, const tc_series *s)
{
    double cap = L->c->y_cap > 0 ? L->c->y_cap : INFINITY;
    double *pts = malloc((s->n * 2 + 2) * 2 * sizeof *pts);
    if (!pts) {
        L->p->failed = 1;
        return;
    }
    size_t k = 0;
    double px = NAN, py = NAN;
    for (size_t i = 0; i < s->n; i++) {
        double x = s->x[i], y = s->y[i];
        if (!isfinite(x) || !isfinite(y))
            continue;
        if (isfinite(py) && (py > cap) != (y > cap)) {  /* crosses the cap */
            double t = (cap - py) / (y - py);
            put_pt(g, pts, &k, px + t * (x - px), cap);
            if (y > cap) {
                tc_emit_poly(L, pts, k, s->colour, 2.2, s->dash);
                k = 0;
            }
        }
        if (y <= cap) {
            put_pt(g, pts, &k, x, y);
            tc_emit_marker(L, pts[2 * k - 2], pts[2 * k - 1], 6, s->marker, s->colour, 1);
        }
        px = x;
        py = y;
    }
    tc_emit_poly(L, pts, k, s->colour, 2.2, s->dash);
    free(pts);
}

static void xy_end_labels(tc_lay *L, const tc_xy *g, const tc_lines *names)
{
    const tc_chart *c = L->c;
    double pos[c->n_series + 1];
    size_t which[c->n_series + 1], n = 0;
    for (size_t s = 0; s < c->n_series; s++) {
        const tc_series *se = &c->series[s];
        if (!se->end_label || names[s].n == 0)
            continue;
        for (size_t i = se->n; i-- > 0;)
            if (isfinite(se->x[i]) && isfinite(se->y[i])) {
                pos[n] = tc_scale_at(&g->sy, c->y_cap > 0 ? fmin(se->y[i], c->y_cap) : se->y[i]);
                which[n++] = s;
                break;
            }
    }
    tc_spread_labels(pos, n, g->end_size * 1.3, g->ya0, g->ya1);
    for (size_t k = 0; k < n; k++) {
        const tc_series *se = &c->series[which[k]];
        tc_emit_text(L, g->xa1 + 8, pos[k], names[which[k]].line[0], g->end_size, 0,
                     TC_ANCHOR_START, se->colour);
        tc_box_take(L, tc_text_box(L, g->xa1 + 8, pos[k], names[which[k]].line[0],
                                   g->end_size, 0, TC_ANCHOR_START));
    }
}

static void xy_callouts(tc_lay *L, const tc_xy *g)
{
    tc_box area = {g->xa0, g->ya0, g->xa1, g->ya1};
    for (size_t i = 0; i < L->c->n_callouts; i++) {   /* markers first: labels avoid them */
        const tc_callout *co = &L->c->callouts[i];
        if (L->c->y_cap > 0 && co->y > L->c->y_cap)
            continue;
        double x = tc_scale_at(&g->sx, co->x), y = tc_scale_at(&g->sy, co->y);
        tc_emit_marker(L, x, y, 10, co->marker, co->colour, 1);
        tc_box b = {x - 5, y - 5, x + 5, y + 5};
        tc_box_take(L, b);
    }
    for (size_t i = 0; i < L->c->n_callouts; i++) {
        const tc_callout *co = &L->c->callouts[i];
        if (!co->label || (L->c->y_cap > 0 && co->y > L->c->y_cap))
            continue;
        double x = tc_scale_at(&g->sx, co->x), y = tc_scale_at(&g->sy, co->y);
        double cand[][3] = {{x + 8, y - 10, 0}, {x - 8, y - 10, 2}, {x + 8, y + 11, 0},
                            {x - 8, y + 11, 2}, {x, y - 16, 1}, {x, y + 17, 1},
                            {x + 10, y, 0}, {x - 10, y, 2}};
        place_text(L, cand, 8, co->label, TS_NOTE, area, TC_TEXT_DARK, 0);
    }
}

static void xy_plot(tc_lay *L, tc_lines *names, const double *dom, int labels)
{
    const tc_chart *c = L->c;
    tc_xy g;
    xy_place(L, &g, names, dom);
    xy_axes(L, &g, labels);
    xy_refs(L, &g, 0);
    for (size_t s = 0; s < c->n_series; s++)
        xy_series(L, &g, &c->series[s]);
    xy_end_labels(L, &g, names);
    xy_refs(L, &g, 1);
    xy_callouts(L, &g);
}

/* Each panel's series, lines and points: one pass over c sorts their
 * indices by panel, order kept (looking through every item for each panel
 * cost panels x items). at[k]..at[k + 1] of idx are panel k's (1..n). */
typedef struct {
    size_t *idx, *at;
} bucket;

static int bucket_fill(bucket *b, size_t n_panels, size_t n, const void *items, size_t size,
                       size_t panel_offset)
{
    b->idx = malloc((n + 1) * sizeof *b->idx);
    b->at = calloc(n_panels + 2, sizeof *b->at);
    if (!b->idx || !b->at)
        return 0;
    const char *p = items;
    for (size_t i = 0; i < n; i++) {     /* counts at at[panel + 1]; others dropped */
        int k = *(const int *)(p + i * size + panel_offset);
        if (k >= 1 && (size_t)k <= n_panels)
            b->at[k + 1]++;
    }
    for (size_t k = 1; k <= n_panels; k++)
        b->at[k + 1] += b->at[k];
    size_t *fill = b->at;       /* at[k] is panel k's next free place while filling */
    for (size_t i = 0; i < n; i++) {
        int k = *(const int *)(p + i * size + panel_offset);
        if (k >= 1 && (size_t)k <= n_panels)
            b->idx[fill[k]++] = i;
    }
    for (size_t k = n_panels + 1; k > 1; k--)   /* back to each panel's start */
        b->at[k] = b->at[k - 1];
    b->at[1] = 0;
    return 1;
}

static void bucket_free(bucket *b)
{
    free(b->idx);
    free(b->at);
}

typedef struct {
    bucket series, refs, callouts;
} panel_index;

static int panel_index_new(const tc_chart *c, panel_index *x)
{
    memset(x, 0, sizeof *x);
    int ok = bucket_fill(&x->series, c->n_panels, c->n_series, c->series, sizeof *c->series,
                         offsetof(tc_series, panel));
    ok = ok && bucket_fill(&x->refs, c->n_panels, c->n_refs, c->refs, sizeof *c->refs,
                           offsetof(tc_refline, panel));
    return ok && bucket_fill(&x->callouts, c->n_panels, c->n_callouts, c->callouts,
                             sizeof *c->callouts, offsetof(tc_callout, panel));
}

static void panel_index_free(panel_index *x)
{
    bucket_free(&x->series);
    bucket_free(&x->refs);
    bucket_free(&x->callouts);
}

/* The part of c in panel k (1..): its series, lines and points, in sub's
 * own arrays (caller frees them). 0 when out of memory. */
static int panel_view(const tc_chart *c, const panel_index *x, size_t k, tc_chart *sub)
{
    const bucket *bs = &x->series, *br = &x->refs, *bc = &x->callouts;
    *sub = *c;
    sub->series = malloc((bs->at[k + 1] - bs->at[k] + 1) * sizeof *sub->series);
    sub->refs = malloc((br->at[k + 1] - br->at[k] + 1) * sizeof *sub->refs);
    sub->callouts = malloc((bc->at[k + 1] - bc->at[k] + 1) * sizeof *sub->callouts);
    sub->n_series = sub->n_refs = sub->n_callouts = 0;
    sub->n_panels = 0;
    if (!sub->series || !sub->refs || !sub->callouts)
        return 0;
    for (size_t i = bs->at[k]; i < bs->at[k + 1]; i++)
        sub->series[sub->n_series++] = c->series[bs->idx[i]];
    for (size_t i = br->at[k]; i < br->at[k + 1]; i++)
        sub->refs[sub->n_refs++] = c->refs[br->idx[i]];
    for (size_t i = bc->at[k]; i < bc->at[k + 1]; i++)
        sub->callouts[sub->n_callouts++] = c->callouts[bc->idx[i]];
    return 1;
}

/* Small multiples: the plot box cut into n_panels columns on shared axes,
 * each with its title above it; the x axis title once, under all. */
static void xy_panels(tc_lay *L, tc_lines *names, const double *dom)
{
    const tc_chart *c = L->c;
    tc_box P = L->plot;
    double gap = 14, w = (P.x1 - P.x0 - gap * (double)(c->n_panels - 1)) / (double)c->n_panels;
    double size = TS_LABEL;     /* one size for every panel title */
    for (size_t k = 0; c->panel_titles && k < c->n_panels; k++) {
        double tw = tc_text_w(L, c->panel_titles[k], TS_LABEL, 1);
        if (tw > w - 2 * TS_AXIS)
            size = fmax(TS_LABEL * 0.75, fmin(size, TS_LABEL * (w - 2 * TS_AXIS) / tw * 0.98));
    }
    panel_index x;
    if (!panel_index_new(c, &x))
        L->p->failed = 1;
    for (size_t k = 0; k < c->n_panels && !L->p->failed; k++) {
        tc_chart sub;
        int ok = panel_view(c, &x, k + 1, &sub);
        tc_box box = {P.x0 + (double)k * (w + gap), P.y0 + TS_LABEL * 2.6, 0, P.y1 + 8};
        box.x1 = box.x0 + w;
        if (ok) {
            tc_emit_text_fit(L, (box.x0 + box.x1) / 2 + TS_AXIS, P.y0 + TS_LABEL * 0.8,
                             c->panel_titles ? c->panel_titles[k] : "", size, 1,
                             TC_ANCHOR_MIDDLE, TC_TEXT_DARK, w - 2 * TS_AXIS);
            L->c = &sub;
            L->plot = box;
            xy_plot(L, names, dom, k == 0 ? 2 : 0);
            L->c = c;
        } else
            L->p->failed = 1;
        free(sub.series);
        free(sub.refs);
        free(sub.callouts);
    }
    panel_index_free(&x);
    L->plot = P;
    tc_emit_text_fit(L, (P.x0 + P.x1) / 2, P.y1 - 2, c->x.label, TS_AXIS, 0, TC_ANCHOR_MIDDLE,
                     TC_TEXT_DARK, P.x1 - P.x0);
}

void tc_layout_xy(tc_lay *L)
{
    const tc_chart *c = L->c;
    tc_lines *names = calloc(c->n_series + 1, sizeof *names);
    if (!names) {
        L->p->failed = 1;
        return;
    }
    double dom[4];
    xy_domain(c, 1, &dom[0], &dom[1]);
    xy_domain(c, 0, &dom[2], &dom[3]);
    if (c->y_cap > 0 && dom[3] > c->y_cap)
        dom[3] = c->y_cap;
    if (c->n_panels > 1)
        xy_panels(L, names, dom);
    else
        xy_plot(L, names, dom, 1);
    free(names);
}
