/* tc_render_pdf: the board report, written through the output set so a
 * failure leaves no partial file. */
#include "pdf.h"

#include <stdio.h>
#include <string.h>

static void info(tc_pdf *d)
{
    char buf[1024];
    const tc_scenario *s = d->s;
    int y, m, day;
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, pdf_clean(d, s->title, buf, sizeof buf));
    if (s->subtitle)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, pdf_clean(d, s->subtitle, buf, sizeof buf));
    if (s->prepared_by)
        HPDF_SetInfoAttr(d->pdf, HPDF_INFO_AUTHOR, pdf_clean(d, s->prepared_by, buf, sizeof buf));
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "tokcost");
    snprintf(buf, sizeof buf, "input sha256 %s", s->input_sha256);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_KEYWORDS, buf);
    if (pdf_date(d, &y, &m, &day)) {
        HPDF_Date date = {y, m, day, 0, 0, 0, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
    }
}

/* Characters the fonts lack are named on stderr (the report lists them too). */
static void warn_missing(const tc_pdf *d)
{
    for (size_t i = 0; i < d->n_missing; i++)
        fprintf(stderr, "warning: %s: character U+%04X is not in the report font (DejaVu Sans); "
                        "shown as U+FFFD\n", d->s->title ? d->s->title : "report",
                (unsigned)d->missing[i]);
}

static void sections(tc_pdf *d)
{
    static void (*const order[])(tc_pdf *) = {
        pdf_sec_cover, pdf_sec_summary, pdf_sec_workloads, pdf_sec_fleet, pdf_sec_tco,
        pdf_sec_decision, pdf_sec_analysis, pdf_sec_scoring, pdf_sec_claims, pdf_sec_assumptions,
        pdf_sec_method,
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0] && d->st == TC_OK; i++)
        order[i](d);
    if (d->st == TC_OK)
        pdf_frame(d);
}

#define MAX_PASSES 6     /* a guard: the examples take one pass, a heading moved one more */

/* One pass: the document laid out and saved, unless it is not the last
 * pass and a text asked for a character the font subsets lack (d->retry)
 * or a heading was found alone at the foot of a page (keeps->changed). */
static tc_status render_once(tc_pdf *d, const tc_results *r, tc_outset *o,
                             const tc_render_opts *opts, pdf_chars *chars, pdf_keeps *keeps,
                             int last)
{
    keeps->changed = 0;
    if (pdf_open(d, r, chars) == TC_OK
        && pdf_words_load(d, opts ? opts->templates_dir : NULL) == TC_OK
        && pdf_vars_fill(d) == TC_OK) {
        d->keeps = keeps;
        info(d);
        sections(d);
    }
    if ((d->retry || keeps->changed) && !last && d->st == TC_OK)
        return TC_OK;
    const char *path = d->st == TC_OK ? tc_outset_add(o, TC_OUT_PDF) : NULL;
    if (d->st == TC_OK && !path)
        pdf_fail(d, TC_ERR_WRITE, "%s", tc_outset_error(o));
    if (path)
        pdf_save(d, path);
    return d->st;
}

tc_status tc_render_pdf(const tc_results *r, tc_outset *o, const tc_render_opts *opts,
                        char *err, size_t n)
{
    tc_pdf d;
    pdf_keeps keeps;
    memset(&keeps, 0, sizeof keeps);
    pdf_chars *chars = pdf_chars_new();
    if (!chars) {
        snprintf(err, n, "report.pdf: %s", tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    pdf_chars_scenario(chars, r->scenario);
    tc_status st = render_once(&d, r, o, opts, chars, &keeps, 0);
    /* again while a pass found a character or a heading to move; the set of
     * both only grows, so this ends (MAX_PASSES is a guard) */
    for (int pass = 2; st == TC_OK && (d.retry || keeps.changed) && pass <= MAX_PASSES; pass++) {
        pdf_close(&d);
        st = render_once(&d, r, o, opts, chars, &keeps, pass == MAX_PASSES);
    }
    if (st != TC_OK)
        snprintf(err, n, "report.pdf: %s", d.err);
    else
        warn_missing(&d);
    pdf_close(&d);
    pdf_chars_free(chars);
    return st;
}
