/* Tables: cells wrap to at most six lines (the last shortened with an
 * ellipsis), rows never split across pages, the header row is repeated on
 * every page the table runs onto, and a split leaves at least PDF_KEEP_ROWS
 * rows on each side. Rows are kept until pdf_table_end, which measures them
 * all before placing any (a split is decided by the rows after it). */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#define SIZE PDF_TS_CELL
#define HEAD_SIZE PDF_TS_HEAD
#define LEAD 10.0
#define PAD_X 4.0
#define PAD_Y 4.0
#define MAX_CELL_LINES 6

typedef struct {
    char buf[PDF_MAX_COLS][768];
    const char *lines[PDF_MAX_COLS][MAX_CELL_LINES];
    size_t n[PDF_MAX_COLS];
    double size[PDF_MAX_COLS];
} cell_layout;

/* A number must not wrap: a right-aligned cell too wide for its column is
 * set smaller (down to 5.5 pt) before it may wrap. */
static double fitted_size(pdf_table *t, size_t i, const char *s, HPDF_Font f, double size,
                          double w)
{
    char buf[768];
    if (t->cols[i].align == PDF_LEFT)
        return size;
    double tw = pdf_width(f, size, pdf_clean(t->d, s, buf, sizeof buf));
    if (tw <= w || strchr(buf, ' '))
        return size;
    double fit = size * w / tw * 0.98;     /* measured widths round up */
    return fit < 5.5 ? 5.5 : fit;
}

static double layout(pdf_table *t, cell_layout *c, const char *const *cells, HPDF_Font f,
                     double size)
{
    size_t most = 1;
    for (size_t i = 0; i < t->n; i++) {
        double w = t->x[i + 1] - t->x[i] - 2 * PAD_X;
        const char *s = cells[i] ? cells[i] : "";
        c->size[i] = fitted_size(t, i, s, f, size, w);
        c->n[i] = pdf_wrap(t->d, f, c->size[i], s, w, c->buf[i], sizeof c->buf[i], c->lines[i],
                           MAX_CELL_LINES);
        if (c->n[i] > most)
            most = c->n[i];
    }
    return (double)most * LEAD + 2 * PAD_Y - 2.0;
}

static void fill_rect(tc_pdf *d, double x, double y, double w, double h)
{
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
}

static void draw_cells(pdf_table *t, const cell_layout *c, HPDF_Font f, int head)
{
    tc_pdf *d = t->d;
    for (size_t i = 0; i < t->n; i++) {
        double w = t->x[i + 1] - t->x[i] - 2 * PAD_X;
        int align = head && t->cols[i].align == PDF_LEFT ? PDF_LEFT : t->cols[i].align;
        double size = c->size[i];
        for (size_t l = 0; l < c->n[i]; l++) {
            double tw = pdf_width(f, size, c->lines[i][l]);
            double x = t->x[i] + PAD_X;
            if (align == PDF_RIGHT)
                x += w - tw;
            else if (align == PDF_CENTER)
                x += (w - tw) / 2;
            pdf_text(d, f, size, x, d->y - PAD_Y - SIZE - l * LEAD + 1.0, c->lines[i][l]);
        }
    }
}

static void draw_header(pdf_table *t)
{
    tc_pdf *d = t->d;
    cell_layout c;
    const char *heads[PDF_MAX_COLS];
    for (size_t i = 0; i < t->n; i++)
        heads[i] = t->cols[i].head;
    double h = layout(t, &c, heads, d->fonts.bold, HEAD_SIZE);
    pdf_color(d, 1, PDF_NAVY);
    fill_rect(d, t->x[0], d->y - h, t->x[t->n] - t->x[0], h);
    pdf_color(d, 1, PDF_WHITE);
    draw_cells(t, &c, d->fonts.bold, 1);
    pdf_color(d, 1, PDF_BLACK);
    d->y -= h;
}

void pdf_table_start(pdf_table *t, tc_pdf *d, const pdf_col *cols, size_t n)
{
    memset(t, 0, sizeof *t);
    t->d = d;
    t->cols = cols;
    t->n = n > PDF_MAX_COLS ? PDF_MAX_COLS : n;
    double total = 0, w = d->right - d->left;
    for (size_t i = 0; i < t->n; i++)
        total += cols[i].w;
    t->x[0] = d->left;
    for (size_t i = 0; i < t->n; i++)
        t->x[i + 1] = t->x[i] + w * cols[i].w / (total > 0 ? total : 1);
}

/* A row's cells, copied (the caller's buffers are reused for the next
 * row) into one block: n strings one after the other. */
void pdf_table_row(pdf_table *t, const char *const *cells, int flags)
{
    tc_pdf *d = t->d;
    if (d->st != TC_OK)
        return;
    if (t->rows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        pdf_row *r = realloc(t->row, cap * sizeof *r);
        if (!r) {
            pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
            return;
        }
        t->row = r;
        t->cap = cap;
    }
    size_t len = 0;
    for (size_t i = 0; i < t->n; i++)
        len += strlen(cells[i] ? cells[i] : "") + 1;
    char *text = malloc(len);
    if (!text) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return;
    }
    t->row[t->rows] = (pdf_row){text, flags};
    for (size_t i = 0; i < t->n; i++) {
        size_t k = strlen(cells[i] ? cells[i] : "") + 1;
        memcpy(text, cells[i] ? cells[i] : "", k);
        text += k;
    }
    t->rows++;
}

/* The cells of row r, pointing into its block. */
static void cells_of(const pdf_table *t, size_t r, const char **cells)
{
    const char *p = t->row[r].text;
    for (size_t i = 0; i < t->n; i++, p += strlen(p) + 1)
        cells[i] = p;
}

static HPDF_Font row_font(const pdf_table *t, size_t r)
{
    return (t->row[r].flags & PDF_ROW_BOLD) ? t->d->fonts.bold : t->d->fonts.regular;
}

static void draw_row(pdf_table *t, size_t r)
{
    tc_pdf *d = t->d;
    cell_layout c;
    const char *cells[PDF_MAX_COLS];
    cells_of(t, r, cells);
    HPDF_Font f = row_font(t, r);
    double h = layout(t, &c, cells, f, SIZE);
    if (t->row[r].flags & PDF_ROW_MARK)
        pdf_color(d, 1, PDF_ROW_MARK_FILL);
    else if (r % 2)
        pdf_color(d, 1, PDF_ROW_STRIPE);
    else
        pdf_color(d, 1, PDF_WHITE);
    fill_rect(d, t->x[0], d->y - h, t->x[t->n] - t->x[0], h);
    pdf_color(d, 0, PDF_ROW_RULE);
    HPDF_Page_SetLineWidth(d->page, 0.4);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)t->x[0], (HPDF_REAL)(d->y - h));
    HPDF_Page_LineTo(d->page, (HPDF_REAL)t->x[t->n], (HPDF_REAL)(d->y - h));
    HPDF_Page_Stroke(d->page);
    pdf_color(d, 1, PDF_BLACK);
    draw_cells(t, &c, f, 0);
    d->y -= h;
}

/* The heights of the header and of every row, as drawn. */
static double measure(pdf_table *t, double *h)
{
    cell_layout c;
    const char *cells[PDF_MAX_COLS];
    for (size_t i = 0; i < t->n; i++)
        cells[i] = t->cols[i].head;
    double head = layout(t, &c, cells, t->d->fonts.bold, HEAD_SIZE);
    for (size_t r = 0; r < t->rows; r++) {
        cells_of(t, r, cells);
        h[r] = layout(t, &c, cells, row_font(t, r), SIZE);
    }
    return head;
}

/* Places the rows by pdf_table_breaks: each chunk under its own header. */
static void place(pdf_table *t, double *h, size_t *start)
{
    tc_pdf *d = t->d;
    int fresh = 0;
    double head = measure(t, h);
    double room = d->page ? d->y - d->bottom : 0;
    size_t chunks = pdf_table_breaks(h, t->rows, head, room, d->top - d->bottom,
                                     PDF_KEEP_ROWS, &fresh, start);
    for (size_t c = 0; c < chunks && d->st == TC_OK; c++) {
        if (c > 0 || fresh)
            pdf_new_page(d);
        draw_header(t);
        size_t end = c + 1 < chunks ? start[c + 1] : t->rows;
        for (size_t r = start[c]; r < end && d->st == TC_OK; r++)
            draw_row(t, r);
        pdf_keep_done(d);   /* its heading stands with the first chunk */
    }
}

void pdf_table_end(pdf_table *t)
{
    tc_pdf *d = t->d;
    double *h = t->rows ? malloc(t->rows * sizeof *h) : NULL;
    size_t *start = t->rows ? malloc(t->rows * sizeof *start) : NULL;
    if (t->rows && (!h || !start))
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
    if (d->st == TC_OK && t->rows)
        place(t, h, start);
    else if (d->st == TC_OK) {      /* no rows: the header, never alone on a page */
        pdf_need(d, 40);
        draw_header(t);
    }
    free(h);
    free(start);
    for (size_t r = 0; r < t->rows; r++)
        free(t->row[r].text);
    free(t->row);
    t->row = NULL;
    t->rows = t->cap = 0;
    d->y -= 12;
}
