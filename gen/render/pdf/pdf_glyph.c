/* Text the embedded fonts can show. Names come from bids in any language: a
 * character DejaVu lacks would print as an invisible gap, so it is shown as
 * U+FFFD and reported (the report lists it and stderr warns). */
#include "pdf.h"

#include <string.h>

#define REPLACEMENT 0xFFFDu

/* Decodes one UTF-8 sequence at s; returns its length, 0 when invalid. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || s[0] > 0xF4)
        return 0;
    uint32_t v = s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static void record_missing(tc_pdf *d, uint32_t cp)
{
    for (size_t i = 0; i < d->n_missing; i++)
        if (d->missing[i] == cp)
            return;
    if (d->n_missing < PDF_MAX_MISSING)
        d->missing[d->n_missing++] = cp;
}

/* libharu's UTF-8 encoder covers the Basic Multilingual Plane only. The
 * full fonts decide; a character they have that the subsets lack sends the
 * document through another pass with it (pdf_subset.c). */
static int has_glyph(tc_pdf *d, uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return 1;
    if (cp > 0xFFFF)
        return 0;
    for (int i = 0; i < 2; i++)
        if (d->cover[i] && !pdf_chars_has(d->cover[i], cp))
            return 0;
    if (d->chars && !pdf_chars_has(d->chars, cp)) {
        pdf_chars_add(d->chars, cp);
        d->retry = 1;
    }
    return 1;
}

void pdf_subset_check(tc_pdf *d, const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    while (p && *p) {
        uint32_t cp;
        size_t len = decode(p, &cp);
        if (len == 0) {
            p++;
            continue;
        }
        if (cp >= 0x80)
            has_glyph(d, cp);
        p += len;
    }
}

static uint32_t showable(tc_pdf *d, uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
        return ' ';
    if (cp == REPLACEMENT || has_glyph(d, cp))
        return cp;
    record_missing(d, cp);
    return REPLACEMENT;
}

const char *pdf_clean(tc_pdf *d, const char *s, char *out, size_t n)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        uint32_t cp;
        size_t len = decode(p, &cp);
        if (len == 0) {
            cp = REPLACEMENT;       /* not UTF-8: the input's bytes are shown as unknown */
            len = 1;
        }
        char enc[4];
        size_t elen = encode(showable(d, cp), enc);
        if (o + elen + 1 > n)
            break;
        memcpy(out + o, enc, elen);
        o += elen;
        p += len;
    }
    if (n > 0)
        out[o] = '\0';
    return out;
}
