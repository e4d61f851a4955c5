/* The place of a chart in the report. The charts are vector drawings made by
 * the charts' libharu backend; draw_chart is the one place that calls it. */
#include "pdf.h"

static const char *const labels[TC_CHART_KIND_COUNT] = {
    "Cost per million tokens by platform",
    "Tokens per second per MW by platform",
    "FLOPS per dollar versus cost per token",
    "Throughput versus interactivity",
    "TCO by year and cost category",
    "Cumulative cost over the horizon",
    "Facility power by year versus site power",
    "Sensitivity of LCOT (tornado)",
    "Monte Carlo distribution of LCOT",
};

/* Until the charts backend is merged: a framed box naming the chart. */
static void draw_chart(tc_pdf *d, tc_chart_kind k, double x, double y, double w, double h)
{
    pdf_color(d, 0, 0.60, 0.64, 0.70);
    HPDF_Page_SetLineWidth(d->page, 0.8);
    HPDF_Page_SetDash(d->page, (const HPDF_UINT16[]){4, 3}, 2, 0);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Stroke(d->page);
    HPDF_Page_SetDash(d->page, NULL, 0, 0);
    pdf_color(d, 1, 0.40, 0.44, 0.50);
    pdf_text_box(d, d->fonts.regular, 9, x, y + h / 2, w, PDF_CENTER, labels[k]);
    pdf_color(d, 1, 0, 0, 0);
}

void pdf_chart(tc_pdf *d, tc_chart_kind k, double h)
{
    if (d->st != TC_OK || (unsigned)k >= TC_CHART_KIND_COUNT)
        return;
    pdf_need(d, h + 10);
    draw_chart(d, k, d->left, d->y - h, d->right - d->left, h);
    d->y -= h + 14;
}
