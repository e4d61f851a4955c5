/* Running text at the cursor: section titles (a new page and a bookmark),
 * sub-titles kept with what follows, paragraphs and bullets that flow over
 * pages. */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#define LEADING 13.5
#define MAX_LINES 400
#define TITLE_KEEP 220.0    /* a title, its intro and the start of what follows */

void pdf_gap(tc_pdf *d, double h)
{
    d->y -= h;
}

/* A section follows the previous one on its page when its heading and a
 * first block fit (a page left mostly empty reads as a missing page); the
 * first section after the cover always opens a page. */
void pdf_title(tc_pdf *d, const char *title)
{
    int push = pdf_keep_head(d);
    if (push || d->n_pages <= d->first_body_page || d->y - TITLE_KEEP < d->bottom)
        pdf_new_page(d);
    else if (d->y < d->top)
        d->y -= 22;
    if (d->st != TC_OK)
        return;
    int at_top = d->y >= d->top;
    pdf_bookmark(d, title);
    pdf_color(d, 1, PDF_NAVY);
    pdf_text_box(d, d->fonts.bold, PDF_TS_TITLE, d->left, d->y - PDF_TS_TITLE, d->right - d->left, PDF_LEFT, title);
    pdf_color(d, 0, PDF_NAVY);
    HPDF_Page_SetLineWidth(d->page, 1.2);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)d->left, (HPDF_REAL)(d->y - 26));
    HPDF_Page_LineTo(d->page, (HPDF_REAL)d->right, (HPDF_REAL)(d->y - 26));
    HPDF_Page_Stroke(d->page);
    pdf_color(d, 1, PDF_BLACK);
    d->y -= 42;
    pdf_keep_open(d, at_top);
}

void pdf_subtitle(tc_pdf *d, const char *title)
{
    char buf[1024];
    const char *lines[2];
    if (pdf_keep_head(d))
        pdf_new_page(d);    /* found alone at the foot of a page in an earlier pass */
    else
        pdf_need(d, 190);   /* kept with what follows, never alone at the foot of a page */
    int at_top = d->y >= d->top;
    if (d->y < d->top)
        d->y -= 6;
    size_t n = pdf_wrap(d, d->fonts.bold, PDF_TS_SUBTITLE, title, d->right - d->left, buf, sizeof buf, lines, 2);
    pdf_color(d, 1, PDF_NAVY);
    for (size_t i = 0; i < n; i++) {
        pdf_text(d, d->fonts.bold, PDF_TS_SUBTITLE, d->left, d->y - PDF_TS_SUBTITLE, lines[i]);
        d->y -= 15;
    }
    pdf_color(d, 1, PDF_BLACK);
    d->y -= 5;
    pdf_keep_open(d, at_top);
}

/* Draws one wrapped paragraph, indented by indent, with an optional bullet. */
static void paragraph(tc_pdf *d, double size, double leading, const char *text,
                      double indent, int bullet, int grey)
{
    size_t len = strlen(text);
    char *buf = malloc(4 * len + 64);
    const char **lines = malloc(MAX_LINES * sizeof *lines);
    if (!buf || !lines) {
        free(buf);
        free(lines);
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return;
    }
    HPDF_Font f = d->fonts.regular;
    double x = d->left + indent, w = d->right - x;
    size_t n = pdf_wrap(d, f, size, text, w, buf, 4 * len + 64, lines, MAX_LINES);
    for (size_t i = 0; i < n && d->st == TC_OK; i++) {
        pdf_need(d, leading);
        if (grey)
            pdf_color(d, 1, PDF_NOTE_GREY);
        if (bullet && i == 0)
            pdf_text(d, f, size, x - 10, d->y - size, "\xe2\x80\xa2");
        pdf_text(d, f, size, x, d->y - size, lines[i]);
        d->y -= leading;
    }
    pdf_color(d, 1, PDF_BLACK);
    free(buf);
    free(lines);
}

/* Joins the lines [start, end) of a paragraph with spaces. */
static char *join(const char *start, const char *end)
{
    char *s = malloc((size_t)(end - start) + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (const char *p = start; p < end; p++)
        s[o++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    s[o] = '\0';
    return s;
}

/* One paragraph or bullet item runs to a blank line or the next "- " line. */
static const char *item_end(const char *p)
{
    for (const char *nl = strchr(p, '\n'); nl; nl = strchr(nl + 1, '\n')) {
        const char *q = nl + 1;
        while (*q == ' ' || *q == '\r')
            q++;
        if (*q == '\n' || (q[0] == '-' && q[1] == ' '))
            return nl;
    }
    return p + strlen(p);
}

static void flow(tc_pdf *d, const char *text, double size, double leading, int grey)
{
    for (const char *p = text; *p && d->st == TC_OK;) {
        while (*p == '\n' || *p == ' ' || *p == '\r')
            p++;
        if (!*p)
            break;
        int bullet = p[0] == '-' && p[1] == ' ';
        const char *end = item_end(p);
        char *item = join(p + (bullet ? 2 : 0), end);
        if (!item) {
            pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
            return;
        }
        paragraph(d, size, leading, item, bullet ? 14 : 0, bullet, grey);
        free(item);
        int blank = *end && strspn(end + 1, " \r") < strlen(end + 1) &&
                    end[1 + strspn(end + 1, " \r")] == '\n';
        d->y -= (bullet && !blank) ? 3.5 : leading * 0.5;
        p = end;
    }
}

void pdf_block(tc_pdf *d, const char *text)
{
    flow(d, text, PDF_TS_BODY, LEADING, 0);
}

void pdf_note(tc_pdf *d, const char *text)
{
    flow(d, text, PDF_TS_NOTE, 10.5, 1);
}
