/* Page breaks: where a table splits (pure arithmetic on row heights), and
 * headings kept with what follows them. A heading cannot be moved once
 * drawn, so a heading found alone at the foot of a page (what follows went
 * to the next page) is marked in pdf_keeps, and the report is laid out
 * again with that heading opening a page (tc_render_pdf repeats until no
 * new heading is marked). */
#include "pdf.h"

#include <string.h>

/* How many rows from i fit in space points. */
static size_t fit_rows(const double *h, size_t i, size_t n, double space)
{
    size_t k = 0;
    double used = 0;
    while (i + k < n && used + h[i + k] <= space)
        used += h[i + k++];
    return k;
}

/* Rows on each page, the first page with first points, the others with
 * page points; start[c]: the first row of chunk c. A chunk that would
 * leave fewer than keep rows to the next gives rows back, down to an even
 * split when both sides cannot hold keep. */
static size_t plan(const double *h, size_t n, double head, double first, double page,
                   size_t keep, size_t *start)
{
    size_t c = 0;
    for (size_t i = 0; i < n;) {
        size_t k = fit_rows(h, i, n, (c == 0 ? first : page) - head);
        size_t left = n - i;
        if (k == 0)
            k = 1;                  /* a row taller than a page goes alone */
        if (k < left && left - k < keep) {
            size_t back = left >= 2 * keep ? left - keep : left / 2;
            if (back >= 1 && back < k)
                k = back;
        }
        start[c++] = i;
        i += k;
    }
    return c;
}

size_t pdf_table_breaks(const double *h, size_t n, double head, double room, double page,
                        size_t keep, int *fresh, size_t *start)
{
    size_t need = n < 2 * keep ? n : keep;   /* rows the first page must hold */
    *fresh = 0;
    if (n == 0)
        return 0;
    if (room < page && fit_rows(h, 0, n, room - head) < need)
        *fresh = 1;
    size_t c = plan(h, n, head, *fresh ? page : room, page, keep, start);
    if (!*fresh && room < page && (c > 1 ? start[1] : n) < need) {
        *fresh = 1;
        c = plan(h, n, head, page, page, keep, start);
    }
    return c;
}

static int marked(const pdf_keeps *k, size_t i)
{
    return k && i < PDF_MAX_KEEPS && (k->bits[i / 8] >> (i % 8) & 1);
}

int pdf_keep_head(tc_pdf *d)
{
    size_t i = d->n_heads++;
    int push = marked(d->keeps, i) && d->page && d->y < d->top;
    d->head = i;
    d->head_open = 0;       /* set by pdf_keep_open once the heading is drawn */
    return push;
}

void pdf_keep_open(tc_pdf *d, int at_top)
{
    d->head_open = !at_top && d->head < PDF_MAX_KEEPS;
    d->head_page = d->n_pages;
    d->head_y = d->y;
}

void pdf_keep_done(tc_pdf *d)
{
    d->head_open = 0;
}

void pdf_keep_break(tc_pdf *d)
{
    if (!d->head_open || d->head_page != d->n_pages)
        return;
    d->head_open = 0;
    if (d->head_y - d->y >= PDF_KEEP_TEXT || !d->keeps)
        return;     /* enough text under the heading to stand on its page */
    d->keeps->bits[d->head / 8] |= (unsigned char)(1u << (d->head % 8));
    d->keeps->changed = 1;
}
