/* The chart description's memory: one arena per chart, so a builder can
 * hand out strings and arrays without tracking each. */
#include "chart.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tc_chart_block {
    tc_chart_block *next;
    max_align_t data[];
};

void *tc_chart_alloc(tc_chart *c, size_t count, size_t size)
{
    if (count == 0)
        count = 1;
    if (size != 0 && count > (SIZE_MAX - sizeof(tc_chart_block)) / size) {
        c->failed = 1;
        return NULL;
    }
    tc_chart_block *b = calloc(1, sizeof *b + count * size);
    if (!b) {
        c->failed = 1;
        return NULL;
    }
    b->next = c->blocks;
    c->blocks = b;
    return b->data;
}

const char *tc_chart_str(tc_chart *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        c->failed = 1;
        return "";
    }
    char *s = tc_chart_alloc(c, (size_t)len + 1, 1);
    if (!s)
        return "";
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Grows the series array by one, its room doubling (the arena keeps the old
 * copies: a copy per series was quadratic in time and memory, 1.1 GB for
 * 8,000 curves); arrays x, y, labels of n values. */
tc_series *tc_chart_add_series(tc_chart *c, const char *name, tc_rgb colour, size_t n)
{
    tc_series *all = c->series;
    if (c->n_series == c->series_cap) {
        size_t cap = c->series_cap ? 2 * c->series_cap : 8;
        all = tc_chart_alloc(c, cap, sizeof *all);
        if (all && c->n_series)
            memcpy(all, c->series, c->n_series * sizeof *all);
        if (all) {
            c->series = all;
            c->series_cap = cap;
        }
    }
    double *x = tc_chart_alloc(c, n, sizeof *x);
    double *y = tc_chart_alloc(c, n, sizeof *y);
    const char **labels = tc_chart_alloc(c, n, sizeof *labels);
    if (!all || !x || !y || !labels)
        return NULL;
    tc_series *s = &all[c->n_series++];
    s->name = name;
    s->colour = colour;
    s->n = n;
    s->x = x;
    s->y = y;
    s->labels = labels;
    s->style = TC_STYLE_BAR;
    return s;
}

void tc_chart_free(tc_chart *c)
{
    if (!c)
        return;
    tc_chart_block *b = c->blocks;
    while (b) {
        tc_chart_block *next = b->next;
        free(b);
        b = next;
    }
    free(c);
}

void tc_prims_free(tc_prims *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].text);
        free(p->items[i].pts);
    }
    free(p->items);
    p->items = NULL;
    p->n = p->cap = 0;
}
