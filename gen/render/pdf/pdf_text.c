/* Text layout: measuring, shortening with an ellipsis, wrapping to a width,
 * drawing. Nothing may run past its box: long names wrap or are shortened. */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"

/* libharu's width of s in thousandths of the size: the sum of its
 * characters' widths, so widths of pieces cut at characters add up exactly. */
static HPDF_UINT units_n(HPDF_Font f, const char *s, size_t len)
{
    return len == 0 ? 0 : HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len).width;
}

static double from_units(HPDF_UINT units, double size)
{
    return units * size / 1000.0;
}

static double width_n(HPDF_Font f, double size, const char *s, size_t len)
{
    return from_units(units_n(f, s, len), size);
}

double pdf_width(HPDF_Font f, double size, const char *clean)
{
    return width_n(f, size, clean, strlen(clean));
}

/* A colour, font or size the page already has is not set again (libharu
 * keeps the page's graphics state; each operator it writes clears a
 * 512-byte buffer byte by byte, 4% of the report's work for a report's
 * 1,500 texts). */
static int same_rgb(HPDF_RGBColor c, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
    return c.r == r && c.g == g && c.b == b;
}

void pdf_color(tc_pdf *d, int fill, double r, double g, double b)
{
    HPDF_REAL fr = (HPDF_REAL)r, fg = (HPDF_REAL)g, fb = (HPDF_REAL)b;
    if (fill && !same_rgb(HPDF_Page_GetRGBFill(d->page), fr, fg, fb))
        HPDF_Page_SetRGBFill(d->page, fr, fg, fb);
    else if (!fill && !same_rgb(HPDF_Page_GetRGBStroke(d->page), fr, fg, fb))
        HPDF_Page_SetRGBStroke(d->page, fr, fg, fb);
}

void pdf_text(tc_pdf *d, HPDF_Font f, double size, double x, double y, const char *clean)
{
    if (d->st != TC_OK || !d->page || !clean[0])
        return;
    HPDF_Page_BeginText(d->page);
    if (HPDF_Page_GetCurrentFont(d->page) != f ||
        HPDF_Page_GetCurrentFontSize(d->page) != (HPDF_REAL)size)
        HPDF_Page_SetFontAndSize(d->page, f, (HPDF_REAL)size);
    HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, clean);
    HPDF_Page_EndText(d->page);
}

static size_t next_char(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < len; i++)
        if (!s[i])
            return i;
    return len;
}

/* A text longer than this is not measured whole: it cannot fit a page's
 * width (4,096 glyphs in 600 points is 0.15 point a glyph), libharu refuses
 * to measure more than 65,535 bytes, and shortening it one character at a
 * time, each time measured from the start, was quadratic (the last line of a
 * note listing 1,000 bids). */
#define FIT_MEASURE_MAX 4096

/* The first character boundary at or below len. */
static size_t boundary(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/* The longest prefix (whole characters, at most len bytes) whose width and
 * ew are w or less (0 when none): widths grow with the prefix, so a
 * bisection finds it. */
static size_t longest_fit(HPDF_Font f, double size, const char *s, size_t len, double ew,
                          double w)
{
    size_t lo = 0, hi = len;    /* width(lo) <= w; the answer is in [lo, hi] */
    while (lo < hi) {
        size_t mid = boundary(s, lo + (hi - lo + 1) / 2);
        if (mid <= lo) {        /* no boundary between: step one character */
            mid = lo + next_char(s + lo);
            if (mid > hi || width_n(f, size, s, mid) + ew > w)
                break;
            lo = mid;
        } else if (width_n(f, size, s, mid) + ew <= w) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    return lo;
}

const char *pdf_fit(tc_pdf *d, HPDF_Font f, double size, const char *s, double w,
                    char *out, size_t n)
{
    pdf_clean(d, s, out, n);
    size_t len = strlen(out);
    if (len <= FIT_MEASURE_MAX && width_n(f, size, out, len) <= w)
        return out;
    double ew = width_n(f, size, ELLIPSIS, strlen(ELLIPSIS));
    len = longest_fit(f, size, out, boundary(out, len < FIT_MEASURE_MAX ? len : FIT_MEASURE_MAX),
                      ew, w);
    while (len > 0 && out[len - 1] == ' ')
        len--;
    if (len + strlen(ELLIPSIS) + 1 <= n) {
        memcpy(out + len, ELLIPSIS, strlen(ELLIPSIS) + 1);
    } else {
        out[len] = '\0';
    }
    return out;
}

void pdf_text_box(tc_pdf *d, HPDF_Font f, double size, double x, double y, double w,
                  int align, const char *s)
{
    char buf[1024];
    pdf_fit(d, f, size, s, w, buf, sizeof buf);
    double tw = pdf_width(f, size, buf);
    if (align == PDF_RIGHT)
        x += w - tw;
    else if (align == PDF_CENTER)
        x += (w - tw) / 2.0;
    pdf_text(d, f, size, x, y, buf);
}

/* Bytes of p that fit on one line of width w: whole words (or parts up to a
 * hyphen), else (a word longer than the line) as many characters
 * as fit, at least one. */
static size_t line_break(HPDF_Font f, double size, const char *p, double w)
{
    size_t ok = 0, e = 0;
    HPDF_UINT units = 0;    /* of p[0, e): each word is measured once, not each prefix */
    while (p[e]) {
        size_t next = e;
        while (p[next] == ' ')
            next++;
        while (p[next] && p[next] != ' ') {
            next++;
            if (p[next - 1] == '-' && p[next] && p[next] != ' ')
                break;      /* a line may end after a hyphen */
        }
        HPDF_UINT more = units + units_n(f, p + e, next - e);
        if (from_units(more, size) > w)
            break;
        units = more;
        ok = e = next;
    }
    if (ok > 0)
        return ok;
    size_t c = next_char(p);
    while (p[c] && p[c] != ' ' && width_n(f, size, p, c + next_char(p + c)) <= w)
        c += next_char(p + c);
    return c;
}

static size_t wrap_clean(tc_pdf *d, HPDF_Font f, double size, const char *p, double w,
                         char *buf, size_t n, const char **lines, size_t max)
{
    size_t count = 0, o = 0;
    while (*p == ' ')
        p++;
    while (*p && count < max && n - o >= 8) {
        char *line = buf + o;
        size_t take = strlen(p);
        if (count + 1 == max) {
            pdf_fit(d, f, size, p, w, line, n - o);
        } else {
            take = line_break(f, size, p, w);
            size_t copy = take < n - o - 1 ? take : n - o - 1;
            memcpy(line, p, copy);
            line[copy] = '\0';
        }
        size_t len = strlen(line);
        while (len > 0 && line[len - 1] == ' ')
            line[--len] = '\0';
        lines[count++] = line;
        o += len + 1;
        p += take;
        while (*p == ' ')
            p++;
    }
    return count;
}

size_t pdf_wrap(tc_pdf *d, HPDF_Font f, double size, const char *s, double w,
                char *buf, size_t n, const char **lines, size_t max)
{
    size_t len = strlen(s ? s : "");
    char *clean = malloc(3 * len + 4);
    if (!clean) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return 0;
    }
    pdf_clean(d, s, clean, 3 * len + 4);
    size_t count = wrap_clean(d, f, size, clean, w, buf, n, lines, max);
    free(clean);
    return count;
}
