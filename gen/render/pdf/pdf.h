/* Internals of the PDF board report, shared by gen/pdf*.c: the document
 * (fonts, pages, cursor, errors), text layout, tables, the wording. */
#ifndef TC_PDF_H
#define TC_PDF_H

#include <hpdf.h>
#include <stdint.h>
#include "tc_charts_hpdf.h"
#include "tc_render.h"
#include "tc_style.h"
#include "tc_template.h"

/* Type sizes, points (named like the charts' TS_*). */
#define PDF_TS_COVER_TITLE 26.0
#define PDF_TS_COVER_SUB 14.0
#define PDF_TS_COVER_FIELD 12.0     /* prepared for / by, date */
#define PDF_TS_COVER_HASH 8.0
#define PDF_TS_COVER_LABEL 8.0
#define PDF_TS_KICKER 9.5
#define PDF_TS_BAND 11.0            /* the what-if band's heading */
#define PDF_TS_BAND_TEXT 9.0
#define PDF_TS_TITLE 17.0           /* a section */
#define PDF_TS_SUBTITLE 11.0
#define PDF_TS_CALLOUT 10.5         /* the recommendation box */
#define PDF_TS_BODY 9.5
#define PDF_TS_NOTE 7.5
#define PDF_TS_FRAME 7.5            /* running header and footer */
#define PDF_TS_CELL 8.0
#define PDF_TS_HEAD 7.5             /* table header row */
#define PDF_TS_NO_CHART 9.0

/* Colours, as r, g, b for pdf_color. */
#define PDF_BLACK 0, 0, 0
#define PDF_WHITE 1, 1, 1
#define PDF_NAVY 0.10, 0.22, 0.40       /* titles, table headers, the cover band */
#define PDF_GREY 0.38, 0.41, 0.46       /* cover labels and subtitle */
#define PDF_INK 0.1, 0.1, 0.12          /* cover values */
#define PDF_NOTE_GREY 0.30, 0.33, 0.38
#define PDF_MUTED 0.40, 0.44, 0.50      /* "no chart" lines */
#define PDF_FRAME_TEXT 0.35, 0.38, 0.42
#define PDF_FRAME_RULE 0.75, 0.78, 0.82
#define PDF_ALERT 0.80, 0.13, 0.13      /* the what-if band */
#define PDF_CALLOUT_FILL 0.90, 0.94, 0.98
#define PDF_CALLOUT_INK 0.08, 0.12, 0.2
#define PDF_ROW_MARK_FILL 0.87, 0.93, 0.98
#define PDF_ROW_STRIPE 0.955, 0.96, 0.97
#define PDF_ROW_RULE 0.82, 0.84, 0.87

#define PDF_MAX_MISSING 16
#define PDF_MAX_COLS 12

enum { PDF_LEFT = 0, PDF_RIGHT, PDF_CENTER };

/* A set of characters (a HarfBuzz set): those the font subsets hold, or
 * those a full font has. */
typedef struct pdf_chars pdf_chars;

#define PDF_KEEP_ROWS 3             /* rows kept on each side of a table's split */
#define PDF_KEEP_TEXT 100.0         /* text under a heading that may stand without what follows */
#define PDF_MAX_KEEPS 4096          /* headings that can be moved (later ones are not) */

/* The headings found alone at the foot of a page, by their order in the
 * report: the next layout opens a page with them. Kept over the passes. */
typedef struct {
    unsigned char bits[PDF_MAX_KEEPS / 8];
    int changed;                    /* a heading was marked in this pass */
} pdf_keeps;

/* The report wording: the template files, their placeholders' values. */
typedef struct {
    tc_tpl **files;
    size_t n_files;
    tc_tpl_var *vars;
    size_t n_vars;
} pdf_words;

typedef struct {
    HPDF_Doc pdf;
    HPDF_Encoder utf8;
    tc_hpdf_fonts fonts;
    HPDF_FontDef defs[2];           /* regular, bold (the subsets) */
    pdf_chars *chars;               /* what the subsets hold (the caller's; may grow) */
    pdf_chars *cover[2];            /* what the full fonts have */
    int retry;                      /* a text needed a character not in chars */
    const tc_results *r;
    const tc_scenario *s;
    pdf_words words;
    double pw, ph;                  /* page size, points */
    double left, right, top, bottom;/* the content box */
    HPDF_Page *pages;
    size_t n_pages, cap_pages;
    size_t first_body_page;         /* pages before it get no header */
    HPDF_Page page;                 /* current page */
    double y;                       /* cursor: top of the next line */
    tc_status st;                   /* first error */
    char err[256];
    uint32_t missing[PDF_MAX_MISSING]; /* code points the fonts lack */
    size_t n_missing;
    char **kept;                    /* strings freed with the document */
    size_t n_kept, cap_kept;
    pdf_keeps *keeps;               /* the caller's; NULL: no heading is moved */
    size_t n_heads, head;           /* headings so far; the last one */
    int head_open;                  /* the last heading has only text under it */
    size_t head_page;               /* its page (n_pages when drawn) */
    double head_y;                  /* the cursor under it */
} tc_pdf;

/* pdf_doc.c: document, fonts, pages, frame, saving. chars: the characters
 * to embed (pdf_subset.c). */
tc_status pdf_open(tc_pdf *d, const tc_results *r, pdf_chars *chars);
void pdf_close(tc_pdf *d);
void pdf_fail(tc_pdf *d, tc_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void pdf_new_page(tc_pdf *d);
void pdf_need(tc_pdf *d, double h);     /* a new page unless h points are left */
void pdf_frame(tc_pdf *d);              /* header and "page N of M" on every page */
void pdf_bookmark(tc_pdf *d, const char *title);
tc_status pdf_save(tc_pdf *d, const char *path);
const char *pdf_keep(tc_pdf *d, char *s); /* takes ownership; NULL sets NOMEM */

/* pdf_subset.c: the fonts embedded as subsets of the characters shown */
pdf_chars *pdf_chars_new(void);             /* ASCII, U+FFFD, the renderer's literals */
void pdf_chars_free(pdf_chars *c);          /* accepts NULL */
int pdf_chars_has(const pdf_chars *c, uint32_t cp);
void pdf_chars_add(pdf_chars *c, uint32_t cp);
void pdf_chars_scenario(pdf_chars *c, const tc_scenario *s);  /* every name in s */
/* Font i (0 regular, 1 bold) of d as a subset of d->chars; sets d->cover[i]
 * and d->defs[i]. NULL (and d's error) on failure. */
HPDF_Font pdf_subset_font(tc_pdf *d, int i);
void pdf_subset_close(tc_pdf *d);
/* Marks d for another pass when utf8 asks for a character the full fonts
 * have and the subsets lack (chart labels, drawn without pdf_clean). */
void pdf_subset_check(tc_pdf *d, const char *utf8);

/* pdf_glyph.c: text the fonts can show */
/* Copies s into out as valid UTF-8: bad bytes and characters the font lacks
 * become U+FFFD (and are recorded for the warning), controls spaces. */
const char *pdf_clean(tc_pdf *d, const char *s, char *out, size_t n);

/* pdf_text.c: measuring, shortening, wrapping, drawing */
double pdf_width(HPDF_Font f, double size, const char *clean);
void pdf_text(tc_pdf *d, HPDF_Font f, double size, double x, double y, const char *clean);
void pdf_text_box(tc_pdf *d, HPDF_Font f, double size, double x, double y, double w,
                  int align, const char *s);
/* Shortens s with an ellipsis to fit w; out receives clean text. */
const char *pdf_fit(tc_pdf *d, HPDF_Font f, double size, const char *s, double w,
                    char *out, size_t n);
/* Wraps s to width w in at most max lines (the last shortened when more
 * were needed). lines[] point into buf. Returns the line count. */
size_t pdf_wrap(tc_pdf *d, HPDF_Font f, double size, const char *s, double w,
                char *buf, size_t n, const char **lines, size_t max);
void pdf_color(tc_pdf *d, int fill, double r, double g, double b);

/* pdf_flow.c: running text at the cursor */
void pdf_title(tc_pdf *d, const char *title);       /* section: new page, bookmark */
void pdf_subtitle(tc_pdf *d, const char *title);
void pdf_block(tc_pdf *d, const char *text);        /* paragraphs and "- " bullets */
void pdf_note(tc_pdf *d, const char *text);         /* small grey text */
void pdf_gap(tc_pdf *d, double h);

/* pdf_table.c: tables that wrap cells and repeat their header */
typedef struct {
    const char *head;
    double w;           /* share of the content width */
    int align;
} pdf_col;

enum { PDF_ROW_BOLD = 1, PDF_ROW_MARK = 2 };

typedef struct {
    char *text;         /* the row's cells, one string after the other */
    int flags;
} pdf_row;

typedef struct {
    tc_pdf *d;
    const pdf_col *cols;
    size_t n;
    double x[PDF_MAX_COLS + 1];
    pdf_row *row;       /* kept until pdf_table_end places them */
    size_t rows, cap;
} pdf_table;

/* A table is drawn by pdf_table_end, which must follow every start. */
void pdf_table_start(pdf_table *t, tc_pdf *d, const pdf_col *cols, size_t n);
void pdf_table_row(pdf_table *t, const char *const *cells, int flags);
void pdf_table_end(pdf_table *t);

/* pdf_paginate.c: page breaks */
/* Where a table of n rows of heights h[] (and a header of head points)
 * splits: room points are left on the current page, page on a new one.
 * The first chunk goes on the current page unless it cannot hold keep rows
 * (all of a table under 2 * keep rows), then *fresh is 1 and it opens a
 * new page; every later chunk opens one. A split leaves at least keep rows
 * on each side when the page holds them, else splits as evenly as it can;
 * a row taller than a page goes alone. Writes the first row of each chunk
 * into start[] (room for n) and returns the chunk count (0 when n is 0). */
size_t pdf_table_breaks(const double *h, size_t n, double head, double room, double page,
                        size_t keep, int *fresh, size_t *start);
/* A heading is about to be drawn: 1 when an earlier pass found it alone at
 * the foot of a page, so it must open one. */
int pdf_keep_head(tc_pdf *d);
/* The heading is drawn (at_top: it opened its page, so moving it is useless). */
void pdf_keep_open(tc_pdf *d, int at_top);
/* A table or chart is placed: the heading stands with it. */
void pdf_keep_done(tc_pdf *d);
/* A new page begins: marks the open heading when less than PDF_KEEP_TEXT
 * points of text stand under it on its page. */
void pdf_keep_break(tc_pdf *d);

/* pdf_chart.c: the box of a chart */
void pdf_chart(tc_pdf *d, tc_chart_kind k, double h);
void pdf_chart_titled(tc_pdf *d, const char *title, tc_chart_kind k, double h);

/* pdf_words.c: the wording */
tc_status pdf_words_load(tc_pdf *d, const char *dir);
void pdf_words_free(pdf_words *w);
/* Block `block` of template `file` ("summary"), placeholders filled. */
const char *pdf_say(tc_pdf *d, const char *file, const char *block);
tc_status pdf_words_set(tc_pdf *d, const char *name, const char *value);

/* pdf_vars.c: the placeholder names and their values */
int pdf_date(const tc_pdf *d, int *y, int *m, int *day);
extern const char *const pdf_var_names[];
extern const size_t pdf_n_var_names;
tc_status pdf_vars_fill(tc_pdf *d);

/* pdf_num.c: numbers as the workbook shows them */
const char *pdf_money(char *buf, size_t n, const tc_pdf *d, double v, int decimals);
const char *pdf_money_fine(char *buf, size_t n, const tc_pdf *d, double v);
const char *pdf_board(char *buf, size_t n, const tc_pdf *d, double v);
const char *pdf_pflops_head(char *buf, size_t n, const tc_pdf *d);
const char *pdf_pct(char *buf, size_t n, double v, int decimals);
const tc_platform_result *pdf_best(const tc_pdf *d);
const tc_platform_result *pdf_baseline(const tc_pdf *d);

/* pdf_sec_decision.c: the executive summary's closest flips, Monte Carlo
 * line and caveats (after the recommendation) */
void pdf_summary_decision(tc_pdf *d);

/* pdf_sec_*.c: the sections, in order */
void pdf_sec_cover(tc_pdf *d);
void pdf_sec_summary(tc_pdf *d);
void pdf_sec_workloads(tc_pdf *d);
void pdf_sec_fleet(tc_pdf *d);
void pdf_sec_tco(tc_pdf *d);
void pdf_sec_decision(tc_pdf *d);      /* pdf_sec_decision.c: what would change it */
void pdf_sec_analysis(tc_pdf *d);
void pdf_sec_scoring(tc_pdf *d);
void pdf_sec_claims(tc_pdf *d);
void pdf_sec_assumptions(tc_pdf *d);
void pdf_sec_imported(tc_pdf *d);      /* in the assumptions, when points were imported */
void pdf_sec_method(tc_pdf *d);

#endif
