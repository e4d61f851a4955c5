/* tc_render_charts: every chart that applies, as PNG and/or SVG, written
 * through the output set (temporary files renamed on commit). */
#include "chart.h"

#include <stdio.h>
#include <string.h>
#include "tc_render.h"

tc_status tc_chart_prepare(const tc_results *r, tc_chart_kind k, double width, double height,
                           tc_prims *out, int *applies, char *err, size_t n)
{
    memset(out, 0, sizeof *out);
    *applies = 0;
    const tc_metrics *m = tc_chart_metrics(err, n);
    if (!m)
        return TC_ERR_RENDER;
    tc_chart *c = NULL;
    tc_status st = tc_chart_build(r, k, &c);
    if (st == TC_OK && c) {
        *applies = 1;
        st = tc_chart_layout(c, width, height, m, out);
    }
    tc_chart_free(c);
    if (st != TC_OK)
        snprintf(err, n, "chart %s: %s", tc_chart_terms[k].name, tc_strerror(st));
    return st;
}

const char *tc_chart_file(int kind, int svg, char *buf, size_t n)
{
    snprintf(buf, n, "charts/%s.%s", tc_chart_terms[kind].name,
             tc_format_terms[svg ? TC_FORMAT_SVG : TC_FORMAT_PNG].name);
    return buf;
}

static tc_status write_one(const tc_prims *p, tc_outset *o, tc_chart_kind k, int svg,
                           char *err, size_t n)
{
    char rel[128];
    const char *path = tc_outset_add(o, tc_chart_file(k, svg, rel, sizeof rel));
    if (!path) {
        snprintf(err, n, "%s", tc_outset_error(o));
        return TC_ERR_WRITE;
    }
    return svg ? tc_chart_write_svg(p, path, err, n) : tc_chart_write_png(p, path, err, n);
}

tc_status tc_render_chart(const tc_results *r, tc_outset *o, const tc_render_opts *opts,
                          int kind, char *err, size_t n)
{
    tc_chart_kind k = (tc_chart_kind)kind;
    int png = !opts || opts->png, svg = !opts || opts->svg;
    if (!png && !svg)
        return TC_OK;
    tc_prims p;
    int applies;
    tc_status st = tc_chart_prepare(r, k, TC_CHART_WIDTH, TC_CHART_HEIGHT, &p, &applies, err, n);
    if (st == TC_OK && applies && png)
        st = write_one(&p, o, k, 0, err, n);
    if (st == TC_OK && applies && svg)
        st = write_one(&p, o, k, 1, err, n);
    tc_prims_free(&p);
    return st;
}

tc_status tc_render_charts(const tc_results *r, tc_outset *o,
                           const tc_render_opts *opts, char *err, size_t n)
{
    tc_status st = TC_OK;
    for (int k = 0; k < TC_CHART_KIND_COUNT && st == TC_OK; k++)
        st = tc_render_chart(r, o, opts, k, err, n);
    return st;
}
