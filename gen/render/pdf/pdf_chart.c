/* The place of a chart in the report. The charts are vector drawings made by
 * the charts' libharu backend; draw_chart is the one place that calls it. */
#include "pdf.h"

/* Said in place of a chart that has nothing to show. */
static const char *const labels[TC_CHART_KIND_COUNT] = {
    "No bid has a cost per million tokens to chart.",
    "No bid uses GPUs: there is no tokens/s per MW to chart.",
    "No FLOPS figures to compare.",
    "No bid has a measured throughput curve.",
    "No bid serves every workload: there is no TCO to chart.",
    "No bid serves every workload: there is no cumulative cost to chart.",
    "No site power limit was set, or no bid uses GPUs.",
    "No sensitivity analysis.",
    "No Monte Carlo analysis.",
};

/* The chart itself, drawn as vectors by the charts' libharu backend. */
static void draw_chart(tc_pdf *d, tc_chart_kind k, double x, double y, double w, double h)
{
    tc_status st = tc_chart_draw_hpdf(d->r, k, d->page, &d->fonts, x, y, w, h);
    if (st != TC_OK)
        pdf_fail(d, st, "chart %s: %s", tc_chart_terms[k].name, tc_strerror(st));
    pdf_color(d, 1, PDF_BLACK);
}

/* A chart with nothing to show (no site power line, say) leaves one line
 * saying so, so its heading never stands alone. */
static void no_chart(tc_pdf *d, tc_chart_kind k)
{
    pdf_need(d, 20);
    pdf_color(d, 1, PDF_MUTED);
    pdf_text_box(d, d->fonts.regular, PDF_TS_NO_CHART, d->left, d->y - 12, d->right - d->left, PDF_LEFT, labels[k]);
    pdf_color(d, 1, PDF_BLACK);
    d->y -= 24;
    pdf_keep_done(d);
}

/* A heading kept on the page of its chart. */
void pdf_chart_titled(tc_pdf *d, const char *title, tc_chart_kind k, double h)
{
    if (d->st == TC_OK && (unsigned)k < TC_CHART_KIND_COUNT && tc_chart_applies(d->r, k))
        pdf_need(d, h + 48);
    pdf_subtitle(d, title);
    pdf_chart(d, k, h);
}

void pdf_chart(tc_pdf *d, tc_chart_kind k, double h)
{
    if (d->st != TC_OK || (unsigned)k >= TC_CHART_KIND_COUNT)
        return;
    if (!tc_chart_applies(d->r, k)) {
        no_chart(d, k);
        return;
    }
    pdf_need(d, h + 10);
    draw_chart(d, k, d->left, d->y - h, d->right - d->left, h);
    d->y -= h + 14;
    pdf_keep_done(d);
}
