/* Page breaks of the report as numbers (pdf_paginate.c): where a table
 * splits, given its rows' heights, the room left on the page and a page's
 * room; and which headings the next pass moves to a new page. Heights in
 * points; a header of 25, rows of 20 unless said. */
#include "tc_test.h"

#include <string.h>

#include "../gen/render/pdf/pdf.h"

#define HEAD 25.0
#define KEEP 3

static double rows20[40];

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < 40; i++)
        rows20[i] = 20.0;
    return 0;
}

/* Breaks of n rows of 20: chunks returned, their first rows in start[]. */
static size_t breaks(size_t n, double room, double page, int *fresh, size_t *start)
{
    return pdf_table_breaks(rows20, n, HEAD, room, page, KEEP, fresh, start);
}

static void whole_on_the_page(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = -1;
    /* 25 + 3 * 20 = 85 <= 100 */
    assert_int_equal(breaks(3, 100, 700, &fresh, start), 1);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[0], 0);
    assert_int_equal(breaks(0, 100, 700, &fresh, start), 0);
}

/* Under 2 * 3 rows a table cannot split with 3 on each side: 5 rows need
 * 125 points, 100 hold 3 (85; a 4th makes 105), so it opens a new page. */
static void short_table_kept_whole(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = 0;
    assert_int_equal(breaks(5, 100, 700, &fresh, start), 1);
    assert_int_equal(fresh, 1);
    assert_int_equal(start[0], 0);
}

/* 12 rows, 105 points left (25 + 4 * 20 = 105: 4 rows), a page of 245
 * (11 rows): 4 here, the other 8 on the next page under the header. */
static void long_table_split(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = -1;
    assert_int_equal(breaks(12, 105, 245, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[0], 0);
    assert_int_equal(start[1], 4);
}

/* 225 points hold 10 of 12 rows (25 + 200), which would leave 2 alone on
 * the next page: the split gives one back, 9 and 3. */
static void no_orphan_rows(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = -1;
    assert_int_equal(breaks(12, 225, 700, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 9);
    /* 6 rows, 4 fit (105): 3 and 3, not 4 and 2 */
    assert_int_equal(breaks(6, 105, 700, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 3);
}

/* 80 points hold 2 rows (65; a 3rd makes 85): too few to start the
 * table, which opens the next page whole; nor a header alone. */
static void no_lonely_start(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = 0;
    assert_int_equal(breaks(12, 80, 700, &fresh, start), 1);
    assert_int_equal(fresh, 1);
    assert_int_equal(breaks(12, 20, 700, &fresh, start), 1);     /* not even the header fits */
    assert_int_equal(fresh, 1);
}

/* Pages of 245 (11 rows): 30 rows are 11, 11, 8; 25 are 11, 11, 3; 24
 * would be 11, 11, 2, so the second page gives one back: 11, 10, 3. */
static void many_pages(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = -1;
    assert_int_equal(breaks(30, 245, 245, &fresh, start), 3);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 11);
    assert_int_equal(start[2], 22);
    assert_int_equal(breaks(25, 245, 245, &fresh, start), 3);
    assert_int_equal(start[2], 22);
    assert_int_equal(breaks(24, 245, 245, &fresh, start), 3);
    assert_int_equal(start[1], 11);
    assert_int_equal(start[2], 21);
}

/* When no page holds 3 + 3 the split is as even as it can be: a page of
 * 105 holds 4; 5 rows are 2 and 3 rather than 4 and 1. On a page already
 * at its top (room = page) nothing is gained by a new page. */
static void even_split_on_small_pages(void **state)
{
    (void)state;
    size_t start[40];
    int fresh = -1;
    assert_int_equal(breaks(5, 105, 105, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 2);
}

/* A row taller than a page goes alone; the rest follow on the next page. */
static void row_taller_than_a_page(void **state)
{
    (void)state;
    double h[] = {800, 20, 20, 20, 20, 20, 20};
    size_t start[8];
    int fresh = -1;
    assert_int_equal(pdf_table_breaks(h, 7, HEAD, 700, 700, KEEP, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 1);
}

/* Rows of different heights: 25 + 40 + 40 + 40 = 145 of 150 left; the
 * 4th row (40) does not fit, and 3 rows are enough to start. 4 rows
 * follow (40 + 20 * 3): 3 / 4. */
static void mixed_heights(void **state)
{
    (void)state;
    double h[] = {40, 40, 40, 40, 20, 20, 20};
    size_t start[8];
    int fresh = -1;
    assert_int_equal(pdf_table_breaks(h, 7, HEAD, 150, 700, KEEP, &fresh, start), 2);
    assert_int_equal(fresh, 0);
    assert_int_equal(start[1], 3);
}

/* A bare document state: a page 800 high, cursor mid-page. */
static void bare(tc_pdf *d, pdf_keeps *k)
{
    memset(d, 0, sizeof *d);
    memset(k, 0, sizeof *k);
    d->keeps = k;
    d->top = 800;
    d->bottom = 60;
    d->page = (HPDF_Page)d;     /* any non-NULL page: nothing is drawn */
    d->n_pages = 3;
    d->y = 300;
}

/* A heading with 40 points of text under it when the page breaks is
 * marked; the next pass (headings counted again) moves it. */
static void heading_alone_is_moved(void **state)
{
    (void)state;
    tc_pdf d;
    pdf_keeps k;
    bare(&d, &k);
    assert_int_equal(pdf_keep_head(&d), 0);
    pdf_keep_open(&d, 0);
    d.y -= 40;
    pdf_keep_break(&d);
    assert_int_equal(k.changed, 1);
    assert_int_equal(k.bits[0], 1);
    d.n_heads = 0;
    assert_int_equal(pdf_keep_head(&d), 1);
    d.y = d.top;                /* at the top of a page: nothing to move */
    d.n_heads = 0;
    assert_int_equal(pdf_keep_head(&d), 0);
}

/* Not marked: 100 points of text or more under it, a table or chart
 * placed under it, a heading that opened its page, a heading after it,
 * a break on a later page, or no keeps at all. */
static void heading_that_stands(void **state)
{
    (void)state;
    tc_pdf d;
    pdf_keeps k;
    bare(&d, &k);
    pdf_keep_head(&d);
    pdf_keep_open(&d, 0);
    d.y -= PDF_KEEP_TEXT;
    pdf_keep_break(&d);
    pdf_keep_head(&d);
    pdf_keep_open(&d, 0);
    pdf_keep_done(&d);
    pdf_keep_break(&d);
    pdf_keep_head(&d);
    pdf_keep_open(&d, 1);
    pdf_keep_break(&d);
    pdf_keep_head(&d);
    pdf_keep_open(&d, 0);
    pdf_keep_head(&d);          /* the next heading closes it */
    pdf_keep_break(&d);
    pdf_keep_open(&d, 0);
    d.n_pages++;
    pdf_keep_break(&d);
    assert_int_equal(k.changed, 0);
    assert_int_equal(k.bits[0], 0);
    d.keeps = NULL;
    pdf_keep_head(&d);
    pdf_keep_open(&d, 0);
    pdf_keep_break(&d);
    assert_int_equal(pdf_keep_head(&d), 0);
    /* past PDF_MAX_KEEPS headings are never marked (the bitset's size) */
    d.keeps = &k;
    d.n_heads = PDF_MAX_KEEPS;
    pdf_keep_head(&d);
    pdf_keep_open(&d, 0);
    pdf_keep_break(&d);
    assert_int_equal(k.changed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_on_the_page),
        cmocka_unit_test(short_table_kept_whole),
        cmocka_unit_test(long_table_split),
        cmocka_unit_test(no_orphan_rows),
        cmocka_unit_test(no_lonely_start),
        cmocka_unit_test(many_pages),
        cmocka_unit_test(even_split_on_small_pages),
        cmocka_unit_test(row_taller_than_a_page),
        cmocka_unit_test(mixed_heights),
        cmocka_unit_test(heading_alone_is_moved),
        cmocka_unit_test(heading_that_stands),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
