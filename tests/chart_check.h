/* Test helper: every text of every chart of a result stays on the canvas
 * and overlaps no other text (the layout's promise, checked on numbers). */
#ifndef TC_CHART_CHECK_H
#define TC_CHART_CHECK_H

#include <string.h>
#include "../charts/chart.h"

typedef struct { double x0, y0, x1, y1; } box;

static box text_box(const tc_prim *q)
{
    double off = q->anchor == TC_ANCHOR_START ? 0 : q->anchor == TC_ANCHOR_MIDDLE ? q->w / 2 : q->w;
    box b;
    if (q->vertical) {
        b = (box){q->x - q->size * 0.75, q->y - q->w + off, q->x + q->size * 0.22, q->y + off};
    } else {
        b = (box){q->x - off, q->y - q->size * 0.72, q->x - off + q->w, q->y + q->size * 0.2};
    }
    return b;
}

/* A footnote that explains labels above the bars needs them drawn (the
 * layout leaves them out when they do not all fit). */
static void check_footnote_drawn(const tc_chart *c, const tc_prims *p, const char *name, int k)
{
    if (!c->footnote || !strstr(c->footnote, "Above each bar") || !c->top_labels)
        return;
    size_t drawn = 0;
    for (size_t i = 0; i < p->n; i++)
        for (size_t b = 0; b < c->n_cats * c->n_sub && p->items[i].type == TC_PRIM_TEXT; b++)
            if (c->top_labels[b] && strcmp(p->items[i].text, c->top_labels[b]) == 0) {
                drawn++;
                break;
            }
    if (drawn == 0)
        fail_msg("%s/%s: the footnote speaks of labels above the bars, none is drawn", name,
                 tc_chart_terms[k].name);
}

/* Every text of every chart stays on the canvas and overlaps no other. */
static void check_layout_clean(const tc_results *r, const char *name)
{
    const tc_metrics *m = tc_chart_metrics(NULL, 0);
    for (int k = 0; k < TC_CHART_KIND_COUNT; k++) {
        tc_chart *c = NULL;
        assert_int_equal(tc_chart_build(r, (tc_chart_kind)k, &c), TC_OK);
        if (!c)
            continue;
        tc_prims p;
        assert_int_equal(tc_chart_layout(c, 800, 500, m, &p), TC_OK);
        for (size_t i = 0; i < p.n; i++) {
            if (p.items[i].type != TC_PRIM_TEXT)
                continue;
            box a = text_box(&p.items[i]);
            if (a.x0 < -0.5 || a.x1 > 800.5 || a.y0 < -0.5 || a.y1 > 500.5)
                fail_msg("%s/%s: \"%s\" leaves the canvas", name, tc_chart_terms[k].name, p.items[i].text);
            for (size_t j = i + 1; j < p.n; j++) {
                if (p.items[j].type != TC_PRIM_TEXT)
                    continue;
                box b = text_box(&p.items[j]);
                if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
                    fail_msg("%s/%s: \"%s\" overlaps \"%s\"", name, tc_chart_terms[k].name,
                             p.items[i].text, p.items[j].text);
            }
        }
        check_footnote_drawn(c, &p, name, k);
        tc_prims_free(&p);
        tc_chart_free(c);
    }
}

#endif
