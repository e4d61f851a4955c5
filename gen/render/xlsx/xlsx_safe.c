/* Safety helpers of the workbook: every cell, note and formula goes through
 * here, so that input text never becomes a formula, never overflows Excel's
 * limits, is valid XML text, and no NaN or infinity reaches a cell. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsx.h"

#define XL_FORMULA_MAX 8192     /* Excel's formula length limit */

int xl_ok(const xl_ctx *c)
{
    return c->st == TC_OK;
}

void xl_fail(xl_ctx *c, tc_status st, const char *fmt, ...)
{
    if (c->st != TC_OK)
        return;
    c->st = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
}

void xl_check(xl_ctx *c, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR)
        xl_fail(c, TC_ERR_RENDER, "workbook: %s: %s", what, lxw_strerror(e));
}

void xl_warn(xl_ctx *c, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = realloc(c->warnings, (c->n_warnings + 1) * sizeof *w);
    char *dup = strdup(buf);
    if (!w || !dup) {
        free(dup);
        if (w)
            c->warnings = w;
        xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return;
    }
    c->warnings = w;
    c->warnings[c->n_warnings++] = dup;
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    /* F5..FF start no character (they would encode above U+10FFFF) */
    size_t n = s[0] >= 0xF5 ? 0 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0;   /* overlong, surrogate */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0;
    return n;
}

size_t xl_utf8_cut(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

char *xl_clean(const char *s, int *cut)
{
    size_t len = strlen(s), o = 0;
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t k = utf8_seq(p);
        if (k == 0 || (k == 1 && p[0] < 0x20 && p[0] != '\t' && p[0] != '\n') || p[0] == 0x7F) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += k ? k : 1;
        } else {
            memcpy(out + o, p, k);
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
    *cut = o > XL_STR_MAX;
    out[xl_utf8_cut(out, XL_STR_MAX)] = '\0';
    return out;
}

void xl_str(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
            const char *text, lxw_format *fmt)
{
    if (!xl_ok(c) || !text)
        return;
    int cut = 0;
    char *t = xl_clean(text, &cut);
    if (!t) {
        xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return;
    }
    if (cut) {
        char at[16];
        lxw_rowcol_to_cell(at, r, col);
        xl_warn(c, "workbook: %s!%s: a text of %zu bytes was cut to Excel's limit of %d",
                ws->name, at, strlen(text), XL_STR_MAX);
    }
    /* write_string: stored as text, so "=HYPERLINK(...)" stays text. */
    xl_check(c, worksheet_write_string(ws, r, col, t, fmt), "write text");
    free(t);
}

void xl_num(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
            double v, lxw_format *fmt)
{
    if (!xl_ok(c))
        return;
    if (!isfinite(v))
        xl_check(c, worksheet_write_string(ws, r, col, "n/a", c->f.text), "write n/a");
    else
        xl_check(c, worksheet_write_number(ws, r, col, v, fmt), "write number");
}

void xl_note(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, const char *fmt, ...)
{
    if (!xl_ok(c))
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int cut = 0;
    char *t = xl_clean(buf, &cut);
    if (!t) {
        xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return;
    }
    lxw_comment_options o = { .width = 360, .height = 120 };
    xl_check(c, worksheet_write_comment_opt(ws, r, col, t, &o), "write note");
    free(t);
}

/* Replaces every {key} of in by its defined name. 0 on failure. */
static int expand_names(xl_ctx *c, const char *in, char *out, size_t n)
{
    size_t o = 0;
    for (const char *p = in; *p;) {
        const char *name = NULL, *end = NULL;
        char key[256];
        if (*p == '{' && (end = strchr(p, '}')) && (size_t)(end - p) < sizeof key) {
            memcpy(key, p + 1, (size_t)(end - p - 1));
            key[end - p - 1] = '\0';
            if (!(name = xl_name_of(c, key))) {
                xl_fail(c, TC_ERR_RENDER, "workbook: internal: no defined name for %s", key);
                return 0;
            }
        }
        const char *src = name ? name : p;
        size_t k = name ? strlen(name) : 1;
        if (o + k >= n) {
            xl_fail(c, TC_ERR_RENDER, "workbook: a formula exceeds %d characters", XL_FORMULA_MAX);
            return 0;
        }
        memcpy(out + o, src, k);
        o += k;
        p = name ? end + 1 : p + 1;
    }
    out[o] = '\0';
    return 1;
}

static int build(xl_ctx *c, char *out, const char *tmpl, va_list ap)
{
    char raw[XL_FORMULA_MAX];
    int k = vsnprintf(raw, sizeof raw, tmpl, ap);
    if (k < 0 || (size_t)k >= sizeof raw) {
        xl_fail(c, TC_ERR_RENDER, "workbook: a formula exceeds %d characters", XL_FORMULA_MAX);
        return 0;
    }
    return expand_names(c, raw, out, XL_FORMULA_MAX);
}

/* The formula of tmpl written with its cached value: the text str, or
 * the number num when str is NULL. formula_num, not write_formula: that
 * one caches 0 and readers that trust cached values would show 0. */
static void write_fx(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, lxw_format *fmt,
                     double num, const char *str, const char *tmpl, va_list ap)
{
    char f[XL_FORMULA_MAX];
    if (!build(c, f, tmpl, ap))
        return;
    if (str)
        xl_check(c, worksheet_write_formula_str(ws, r, col, f, fmt, str), "write formula");
    else
        xl_check(c, worksheet_write_formula_num(ws, r, col, f, fmt, num), "write formula");
}

void xl_fx(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
           lxw_format *fmt, double cached, const char *tmpl, ...)
{
    if (!xl_ok(c))
        return;
    if (!isfinite(cached)) {
        xl_num(c, ws, r, col, cached, fmt);
        return;
    }
    va_list ap;
    va_start(ap, tmpl);
    write_fx(c, ws, r, col, fmt, cached, NULL, tmpl, ap);
    va_end(ap);
}

void xl_fx_na(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
              lxw_format *fmt, double cached, const char *tmpl, ...)
{
    if (!xl_ok(c))
        return;
    va_list ap;
    va_start(ap, tmpl);
    write_fx(c, ws, r, col, fmt, cached, isfinite(cached) ? NULL : "n/a", tmpl, ap);
    va_end(ap);
}

void xl_fx_str(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
               lxw_format *fmt, const char *cached, const char *tmpl, ...)
{
    if (!xl_ok(c))
        return;
    va_list ap;
    va_start(ap, tmpl);
    write_fx(c, ws, r, col, fmt, 0.0, cached, tmpl, ap);
    va_end(ap);
}

void xl_ref(char *buf, size_t n, const char *sheet, lxw_row_t r, lxw_col_t col)
{
    char cell[32];
    lxw_rowcol_to_cell_abs(cell, r, col, 1, 1);
    snprintf(buf, n, "%s!%s", sheet, cell);
}

void xl_range(char *buf, size_t n, const char *sheet, lxw_row_t r0, lxw_row_t r1, lxw_col_t col)
{
    char a[32], b[32];
    lxw_rowcol_to_cell_abs(a, r0, col, 1, 1);
    lxw_rowcol_to_cell_abs(b, r1, col, 1, 1);
    snprintf(buf, n, "%s!%s:%s", sheet, a, b);
}

/* "A1".."XFD1048576" (up to 3 letters then digits) or R1C1 forms. */
static int looks_like_ref(const char *s)
{
    size_t i = 0;
    while (isalpha((unsigned char)s[i]))
        i++;
    int digits = s[i] != '\0';
    for (size_t j = i; s[j]; j++)
        digits &= isdigit((unsigned char)s[j]) != 0;
    if (i >= 1 && i <= 3 && digits)
        return 1;
    const char *p = s;
    if (*p == 'r' || *p == 'R') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'c' || *p == 'C') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return p != s && *p == '\0';
}

void xl_name_sanitize(const char *base, char *out, size_t n)
{
    size_t o = 0, cap = n - 1 < XL_NAME_MAX ? n - 1 : XL_NAME_MAX;
    if (!(isalpha((unsigned char)base[0]) || base[0] == '_') || looks_like_ref(base)
        || strncasecmp(base, "_xlnm", 5) == 0)
        out[o++] = '_';
    for (const char *p = base; *p && o < cap; p++)
        out[o++] = isalnum((unsigned char)*p) || *p == '_' || *p == '.' ? *p : '_';
    out[o] = '\0';
    if (strlen(base) + 1 > cap) {    /* cut: keep it distinct with a hash of the whole */
        unsigned long h = 5381;
        for (const char *p = base; *p; p++)
            h = h * 33 + (unsigned char)*p;
        snprintf(out + cap - 9, 10, "_%08lx", h & 0xFFFFFFFFul);
    }
}

void xl_sheet_name(const char *base, char *out, size_t n)
{
    size_t o = 0, cap = n - 1 < 31 ? n - 1 : 31;
    for (const char *p = base; *p && o < cap; p++)
        out[o++] = strchr("[]:*?/\\", *p) || (unsigned char)*p < 0x20 ? '_' : *p;
    /* out holds base's first o bytes (only ASCII is replaced): when the next
     * byte of base continues a character, that character was cut; drop it
     * whole. A name that ends with a complete character keeps it. */
    while (o > 0 && ((unsigned char)base[o] & 0xC0) == 0x80)
        o--;
    out[o] = '\0';
    if (out[0] == '\'')
        out[0] = '_';
    if (o > 0 && out[o - 1] == '\'')
        out[o - 1] = '_';
    if (o == 0 || strcasecmp(out, "History") == 0)
        snprintf(out, n, "Sheet_");
}

void xl_headers(xl_ctx *c, lxw_worksheet *ws, const xl_col *cols, size_t n)
{
    for (size_t i = 0; i < n && xl_ok(c); i++) {
        xl_str(c, ws, 0, (lxw_col_t)i, cols[i].title, c->f.header);
        xl_check(c, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL),
                 "set column");
    }
    xl_check(c, worksheet_set_row(ws, 0, 30, NULL), "set row");
    worksheet_freeze_panes(ws, 1, 1);
}

void xl_page_setup(xl_ctx *c, lxw_worksheet *ws, const char *header)
{
    worksheet_set_comments_author(ws, "tokcost");
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, c->s->paper == TC_PAPER_LETTER ? 1 : 9);
    worksheet_fit_to_pages(ws, 1, 0);
    xl_check(c, worksheet_repeat_rows(ws, 0, 0), "repeat rows");
    char h[128];
    snprintf(h, sizeof h, "&L%s&R&P / &N", header);
    xl_check(c, worksheet_set_header(ws, h), "set header");
    /* no password: a reviewer lifts it with Unprotect Sheet; columns and
     * rows may still be resized */
    lxw_protection o = { .format_columns = 1, .format_rows = 1 };
    worksheet_protect(ws, NULL, &o);
}
