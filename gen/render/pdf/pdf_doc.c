/* The report document: libharu set up with embedded DejaVu fonts in UTF-8,
 * pages of the scenario's paper size, the page frame, and saving. libharu
 * reports errors through a handler: it records the first one as a status, so
 * a failure becomes a message and no file, never a crash. */
#include "pdf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tc_status hpdf_status(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return TC_ERR_NOMEM;
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
        return TC_ERR_WRITE;
    default:
        return TC_ERR_RENDER;
    }
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    tc_pdf *d = user;
    pdf_fail(d, hpdf_status(e), "libharu error 0x%04X (detail %u)", (unsigned)e,
             (unsigned)detail);
}

void pdf_fail(tc_pdf *d, tc_status st, const char *fmt, ...)
{
    if (d->st != TC_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, sizeof d->err, fmt, ap);
    va_end(ap);
    d->st = st;
}

const char *pdf_keep(tc_pdf *d, char *s)
{
    if (s && d->n_kept == d->cap_kept) {
        size_t cap = d->cap_kept ? 2 * d->cap_kept : 64;
        char **k = realloc(d->kept, cap * sizeof *k);
        if (!k) {
            free(s);
            s = NULL;
        } else {
            d->kept = k;
            d->cap_kept = cap;
        }
    }
    if (!s) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return "";
    }
    d->kept[d->n_kept++] = s;
    return s;
}

/* A missing font file is named, with the package that provides it. */
static HPDF_Font load_font(tc_pdf *d, const char *path, int i)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        pdf_fail(d, TC_ERR_RENDER, "%s: %s (install fonts-dejavu-core)", path, strerror(errno));
        return NULL;
    }
    fclose(f);
    return pdf_subset_font(d, i);
}

static void chart_text(void *user, const char *utf8)
{
    pdf_subset_check(user, utf8);
}

static void set_paper(tc_pdf *d)
{
    if (d->s->paper == TC_PAPER_LETTER) {
        d->pw = 612.0;
        d->ph = 792.0;
    } else {
        d->pw = 595.28;
        d->ph = 841.89;
    }
    d->left = 56.0;
    d->right = d->pw - 56.0;
    d->top = d->ph - 70.0;
    d->bottom = 62.0;
}

tc_status pdf_open(tc_pdf *d, const tc_results *r, pdf_chars *chars)
{
    memset(d, 0, sizeof *d);
    d->chars = chars;
    d->r = r;
    d->s = r->scenario;
    d->first_body_page = 1;
    set_paper(d);
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return d->st;
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    d->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
    d->fonts.regular = load_font(d, TC_FONT_REGULAR, 0);
    if (d->fonts.regular)
        d->fonts.bold = load_font(d, TC_FONT_BOLD, 1);
    if (d->st == TC_OK && (!d->fonts.regular || !d->fonts.bold || !d->utf8))
        pdf_fail(d, TC_ERR_RENDER, "cannot load the report fonts");
    d->fonts.on_text = chart_text;
    d->fonts.user = d;
    return d->st;
}

void pdf_close(tc_pdf *d)
{
    if (d->pdf)
        HPDF_Free(d->pdf);
    pdf_subset_close(d);
    for (size_t i = 0; i < d->n_kept; i++)
        free(d->kept[i]);
    free(d->kept);
    free(d->pages);
    pdf_words_free(&d->words);
    memset(d, 0, sizeof *d);
}

void pdf_new_page(tc_pdf *d)
{
    if (d->st != TC_OK)
        return;
    pdf_keep_break(d);
    if (d->n_pages == d->cap_pages) {
        size_t cap = d->cap_pages ? 2 * d->cap_pages : 16;
        HPDF_Page *p = realloc(d->pages, cap * sizeof *p);
        if (!p) {
            pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
            return;
        }
        d->pages = p;
        d->cap_pages = cap;
    }
    HPDF_Page page = HPDF_AddPage(d->pdf);
    if (!page)
        return;
    HPDF_Page_SetWidth(page, (HPDF_REAL)d->pw);
    HPDF_Page_SetHeight(page, (HPDF_REAL)d->ph);
    d->pages[d->n_pages++] = page;
    d->page = page;
    d->y = d->top;
}

void pdf_need(tc_pdf *d, double h)
{
    if (!d->page || d->y - h < d->bottom)
        pdf_new_page(d);
}

void pdf_bookmark(tc_pdf *d, const char *title)
{
    char buf[512];
    if (d->st != TC_OK || !d->page)
        return;
    HPDF_Outline o = HPDF_CreateOutline(d->pdf, NULL, pdf_clean(d, title, buf, sizeof buf),
                                        d->utf8);
    HPDF_Destination dest = HPDF_Page_CreateDestination(d->page);
    if (!o || !dest)
        return;
    HPDF_Outline_SetDestination(o, dest);
}

static void frame_page(tc_pdf *d, size_t i, const char *left_head, const char *right_head)
{
    HPDF_Page saved = d->page;
    HPDF_Font f = d->fonts.regular;
    char num[32], total[32];
    d->page = d->pages[i];
    double head_y = d->ph - 42.0, w = d->right - d->left;
    pdf_color(d, 1, PDF_FRAME_TEXT);
    pdf_text_box(d, f, PDF_TS_FRAME, d->left, head_y, w * 0.68, PDF_LEFT, left_head);
    pdf_text_box(d, f, PDF_TS_FRAME, d->left + w * 0.70, head_y, w * 0.30, PDF_RIGHT, right_head);
    pdf_color(d, 0, PDF_FRAME_RULE);
    HPDF_Page_SetLineWidth(d->page, 0.5);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)d->left, (HPDF_REAL)(head_y - 6.0));
    HPDF_Page_LineTo(d->page, (HPDF_REAL)d->right, (HPDF_REAL)(head_y - 6.0));
    HPDF_Page_Stroke(d->page);
    snprintf(num, sizeof num, "%zu", i + 1);
    snprintf(total, sizeof total, "%zu", d->n_pages);
    pdf_words_set(d, "page", num);
    pdf_words_set(d, "pages", total);
    pdf_text_box(d, f, PDF_TS_FRAME, d->left, 34.0, w * 0.68, PDF_LEFT, pdf_say(d, "frame", "footer"));
    pdf_text_box(d, f, PDF_TS_FRAME, d->left + w * 0.70, 34.0, w * 0.30, PDF_RIGHT,
                 pdf_say(d, "frame", "page"));
    pdf_color(d, 1, PDF_BLACK);
    d->page = saved;
}

void pdf_frame(tc_pdf *d)
{
    const char *left = pdf_say(d, "frame", "header");
    const char *right = pdf_say(d, "frame", "header_right");
    for (size_t i = d->first_body_page; i < d->n_pages && d->st == TC_OK; i++)
        frame_page(d, i, left, right);
}

tc_status pdf_save(tc_pdf *d, const char *path)
{
    if (d->st != TC_OK)
        return d->st;
    errno = 0;
    HPDF_STATUS rc = HPDF_SaveToFile(d->pdf, path);
    /* Whatever libharu calls a failed save (a file error, a zlib error once
     * the disk is full), the user is told of the file and the reason. */
    if (rc != HPDF_OK || d->st != TC_OK) {
        int e = errno;
        snprintf(d->err, sizeof d->err, "%s: %s", path,
                 e ? strerror(e) : "cannot write the report");
        d->st = d->st == TC_ERR_NOMEM ? TC_ERR_NOMEM : TC_ERR_WRITE;
    }
    return d->st;
}
