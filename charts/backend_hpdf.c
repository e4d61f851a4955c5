/* The vector backend for the PDF report: replays the same laid-out
 * primitives on a libharu page. libharu clamps every number to +-32767
 * and 5 decimals, so everything is converted to page points here. */
#include "chart.h"

#include <math.h>
#include "tc_charts_hpdf.h"

/* The graphics state last written (set 0: none yet), so that a primitive
 * whose colours, width, dash and join are those of the one before writes
 * no operator for them: each of libharu's clears a 512-byte buffer byte by
 * byte, and a chart's primitives mostly share their state. */
typedef struct {
    int set, dash, round_join;
    tc_rgb fill, stroke;
    double line_width;
} hp_state;

typedef struct {
    HPDF_Page page;
    const tc_hpdf_fonts *fonts;
    double x0, top, s;      /* page point of chart (0, 0), and the scale */
    hp_state now;
} tc_hp;

#define HP(call) do { if ((call) != HPDF_OK) return TC_ERR_RENDER; } while (0)

static double px(const tc_hp *h, double x) { return h->x0 + x * h->s; }
static double py(const tc_hp *h, double y) { return h->top - y * h->s; }

static tc_status colours(tc_hp *h, const tc_prim *q)
{
    tc_rgb f = q->fill, k = q->stroke;
    hp_state *now = &h->now;
    if (!now->set || now->fill != f)
        HP(HPDF_Page_SetRGBFill(h->page, ((f >> 16) & 255) / 255.0f, ((f >> 8) & 255) / 255.0f,
                                (f & 255) / 255.0f));
    if (!now->set || now->stroke != k)
        HP(HPDF_Page_SetRGBStroke(h->page, ((k >> 16) & 255) / 255.0f,
                                  ((k >> 8) & 255) / 255.0f, (k & 255) / 255.0f));
    if (!now->set || now->line_width != q->line_width)
        HP(HPDF_Page_SetLineWidth(h->page, (HPDF_REAL)(q->line_width * h->s)));
    static const HPDF_UINT16 pattern[4][4] = {{0}, {3, 2}, {1, 2}, {5, 2, 1, 2}};
    static const HPDF_UINT count[4] = {0, 2, 2, 4};
    int dk = q->dash < 0 || q->dash > 3 ? 1 : q->dash;
    if (!now->set || now->dash != dk)
        HP(HPDF_Page_SetDash(h->page, dk ? pattern[dk] : NULL, count[dk], 0));
    now->set = 1;       /* the join stays: only polylines set it */
    now->dash = dk;
    now->fill = f;
    now->stroke = k;
    now->line_width = q->line_width;
    return TC_OK;
}

static tc_status paint(const tc_hp *h, const tc_prim *q)
{
    if (q->filled && q->stroked)
        HP(HPDF_Page_FillStroke(h->page));
    else if (q->filled)
        HP(HPDF_Page_Fill(h->page));
    else
        HP(HPDF_Page_Stroke(h->page));
    return TC_OK;
}

static tc_status marker(const tc_hp *h, const tc_prim *q)
{
    double x = px(h, q->x), y = py(h, q->y), r = q->w / 2.0 * h->s;
    HPDF_Page p = h->page;
    switch (q->marker) {
    case TC_MARK_SQUARE:
        HP(HPDF_Page_Rectangle(p, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7));
        break;
    case TC_MARK_DIAMOND:
        HP(HPDF_Page_MoveTo(p, x, y + r * 1.15));
        HP(HPDF_Page_LineTo(p, x + r * 1.15, y));
        HP(HPDF_Page_LineTo(p, x, y - r * 1.15));
        HP(HPDF_Page_LineTo(p, x - r * 1.15, y));
        HP(HPDF_Page_ClosePath(p));
        break;
    case TC_MARK_TRIANGLE:
        HP(HPDF_Page_MoveTo(p, x, y + r * 1.1));
        HP(HPDF_Page_LineTo(p, x + r, y - r * 0.8));
        HP(HPDF_Page_LineTo(p, x - r, y - r * 0.8));
        HP(HPDF_Page_ClosePath(p));
        break;
    default:
        HP(HPDF_Page_Circle(p, x, y, r));
        break;
    }
    return paint(h, q);
}

static tc_status text(const tc_hp *h, const tc_prim *q)
{
    double dx = q->anchor == TC_ANCHOR_START ? 0.0
              : q->anchor == TC_ANCHOR_MIDDLE ? -q->w / 2.0 : -q->w;
    double x = px(h, q->x), y = py(h, q->y), d = dx * h->s;
    HPDF_Page p = h->page;
    if (h->fonts->on_text)
        h->fonts->on_text(h->fonts->user, q->text);
    HP(HPDF_Page_BeginText(p));
    HP(HPDF_Page_SetFontAndSize(p, q->bold ? h->fonts->bold : h->fonts->regular,
                                (HPDF_REAL)(q->size * h->s)));
    if (q->vertical)    /* reads bottom to top */
        HP(HPDF_Page_SetTextMatrix(p, 0, 1, -1, 0, (HPDF_REAL)x, (HPDF_REAL)(y + d)));
    else
        HP(HPDF_Page_SetTextMatrix(p, 1, 0, 0, 1, (HPDF_REAL)(x + d), (HPDF_REAL)y));
    HP(HPDF_Page_ShowText(p, q->text));
    HP(HPDF_Page_EndText(p));
    return TC_OK;
}

static tc_status draw(tc_hp *h, const tc_prim *q)
{
    if (colours(h, q) != TC_OK)
        return TC_ERR_RENDER;
    HPDF_Page p = h->page;
    switch (q->type) {
    case TC_PRIM_RECT:
        HP(HPDF_Page_Rectangle(p, px(h, q->x), py(h, q->y + q->h), q->w * h->s, q->h * h->s));
        return paint(h, q);
    case TC_PRIM_LINE:
        HP(HPDF_Page_MoveTo(p, px(h, q->x), py(h, q->y)));
        HP(HPDF_Page_LineTo(p, px(h, q->x + q->w), py(h, q->y + q->h)));
        return paint(h, q);
    case TC_PRIM_POLYLINE:
        if (!h->now.round_join)     /* no primitive sets another join */
            HP(HPDF_Page_SetLineJoin(p, HPDF_ROUND_JOIN));
        h->now.round_join = 1;
        HP(HPDF_Page_MoveTo(p, px(h, q->pts[0]), py(h, q->pts[1])));
        for (size_t i = 1; i < q->n_pts; i++)
            HP(HPDF_Page_LineTo(p, px(h, q->pts[2 * i]), py(h, q->pts[2 * i + 1])));
        return paint(h, q);
    case TC_PRIM_MARKER:
        return marker(h, q);
    case TC_PRIM_TEXT:
        return text(h, q);
    }
    return TC_ERR_RENDER;
}

tc_status tc_chart_draw_hpdf(const tc_results *r, tc_chart_kind k, HPDF_Page page,
                             const tc_hpdf_fonts *fonts,
                             double x, double y, double w, double h)
{
    if (!page || !fonts || !fonts->regular || !fonts->bold || !(w > 1) || !(h > 1) ||
        !isfinite(x) || !isfinite(y) || fabs(x) + w > 32000 || fabs(y) + h > 32000)
        return TC_ERR_INVALID;
    /* Lay out on a canvas at least as wide as a small PNG, so text keeps
     * the proportions it has in the PNG; then scale it into the box. */
    double cw = fmax(w, 640.0), ch = cw * h / w;
    tc_prims prims;
    int applies;
    char err[200];
    tc_status st = tc_chart_prepare(r, k, cw, ch, &prims, &applies, err, sizeof err);
    if (st == TC_OK && !applies)
        st = TC_ERR_INVALID;
    tc_hp hp = {page, fonts, x, y + h, w / cw, {0}};
    int saved = st == TC_OK && HPDF_Page_GSave(page) == HPDF_OK;
    if (st == TC_OK && !saved)
        st = TC_ERR_RENDER;
    for (size_t i = 0; st == TC_OK && i < prims.n; i++)
        st = draw(&hp, &prims.items[i]);
    /* restored on failure too (an open text or path object ended first):
     * libharu leaks a graphics state left saved */
    HPDF_UINT16 mode = saved ? HPDF_Page_GetGMode(page) : HPDF_GMODE_PAGE_DESCRIPTION;
    if (mode == HPDF_GMODE_TEXT_OBJECT)
        (void)HPDF_Page_EndText(page);
    else if (mode == HPDF_GMODE_PATH_OBJECT)
        (void)HPDF_Page_EndPath(page);
    if (saved && HPDF_Page_GRestore(page) != HPDF_OK && st == TC_OK)
        st = TC_ERR_RENDER;
    tc_prims_free(&prims);
    return st;
}
