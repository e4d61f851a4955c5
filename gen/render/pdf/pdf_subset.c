/* The report's fonts embedded as subsets: HarfBuzz's subsetter cuts each
 * DejaVu font down to the characters the document shows, and libharu
 * embeds that. The full fonts (700 KB each) cost libharu most of the PDF's
 * time: it searches their character map glyph by glyph and compresses
 * their tables into every report.
 *
 * The characters are known before the text is laid out: printable ASCII,
 * U+FFFD, the non-ASCII characters the renderer's own wording uses, and
 * those of every name in the scenario. Coverage (which characters the
 * fonts have, for the U+FFFD rule of pdf_glyph.c) is still asked of the
 * full fonts, so the layout and every glyph are what they were. A text
 * that asks for a character the full fonts have but the subset lacks (a
 * --templates wording, a chart label) marks the document for one more
 * pass with that character added: the report is never short of a glyph.
 *
 * libharu 2.3 loads TrueType from a file only: the subset goes to an
 * unnamed temporary file (tmpfile), read back through /proc/self/fd. */
#include "pdf.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <string.h>

/* Non-ASCII characters of the renderer's literals (gen/render, gen/core,
 * charts/: dashes, dot, ellipsis, currency signs, arrows, minus, bullet,
 * plus-minus, >=, triangle, diamond, disc) and of the built-in wording. */
static const uint32_t literal[] = {
    0x00A3, 0x00A5, 0x00B1, 0x00B7, 0x2013, 0x2014, 0x2022, 0x2026, 0x20A9, 0x20AC,
    0x20B9, 0x2191, 0x2193, 0x2212, 0x2265, 0x25B2, 0x25C6, 0x25CF, 0xFFFD,
};

static const char *const font_path[2] = {TC_FONT_REGULAR, TC_FONT_BOLD};

pdf_chars *pdf_chars_new(void)
{
    hb_set_t *s = hb_set_create();
    if (!hb_set_allocation_successful(s)) {
        hb_set_destroy(s);
        return NULL;
    }
    hb_set_add_range(s, 0x20, 0x7E);
    for (size_t i = 0; i < sizeof literal / sizeof *literal; i++)
        hb_set_add(s, literal[i]);
    return (pdf_chars *)s;
}

void pdf_chars_free(pdf_chars *c)
{
    hb_set_destroy((hb_set_t *)c);
}

int pdf_chars_has(const pdf_chars *c, uint32_t cp)
{
    return hb_set_has((const hb_set_t *)c, cp);
}

void pdf_chars_add(pdf_chars *c, uint32_t cp)
{
    hb_set_add((hb_set_t *)c, cp);
}

static void add_text(hb_set_t *s, const char *t)
{
    const unsigned char *p = (const unsigned char *)(t ? t : "");
    while (*p) {
        uint32_t cp = *p;
        size_t len = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : 2;
        if (len > 1)
            cp &= 0x3F >> (len - 1);
        for (size_t i = 1; i < len && (p[i] & 0xC0) == 0x80; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        hb_set_add(s, cp);  /* a malformed sequence only adds a spare character */
        while (len-- > 0 && *p)
            p++;
    }
}

void pdf_chars_scenario(pdf_chars *c, const tc_scenario *s)
{
    hb_set_t *h = (hb_set_t *)c;
    const char *top[] = {s->title, s->subtitle, s->prepared_for, s->prepared_by, s->date,
                         s->currency, s->baseline};
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        add_text(h, top[i]);
    for (size_t i = 0; i < s->n_overrides; i++)
        add_text(h, s->overrides[i]);
    for (size_t i = 0; i < s->n_workloads; i++) {
        add_text(h, s->workloads[i].id);
        add_text(h, s->workloads[i].name);
        add_text(h, s->workloads[i].model);
    }
    for (size_t i = 0; i < s->n_platforms; i++) {
        const tc_platform *p = &s->platforms[i];
        const char *t[] = {p->id, p->name, p->vendor, p->source};
        for (size_t k = 0; k < sizeof t / sizeof *t; k++)
            add_text(h, t[k]);
        for (size_t k = 0; k < p->n_perf; k++) {
            add_text(h, p->perf[k].model);
            add_text(h, p->perf[k].config);
            add_text(h, p->perf[k].source);
        }
    }
}

/* The characters of the full font i, for coverage. */
static tc_status full_coverage(tc_pdf *d, int i, hb_face_t *face)
{
    hb_set_t *s = hb_set_create();
    if (!hb_set_allocation_successful(s)) {
        hb_set_destroy(s);
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return d->st;
    }
    hb_face_collect_unicodes(face, s);
    d->cover[i] = (pdf_chars *)s;
    return TC_OK;
}

/* face cut down to the characters of want it has, written to f. */
static tc_status write_subset(tc_pdf *d, hb_face_t *face, const hb_set_t *want, FILE *f,
                              const char *path)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        pdf_fail(d, TC_ERR_NOMEM, "%s: cannot subset the font: %s", path,
                 tc_strerror(TC_ERR_NOMEM));
        return d->st;
    }
    hb_set_union(hb_subset_input_unicode_set(in), want);
    /* libharu embeds no layout table and shapes nothing: subsetting them
     * (GSUB's closure over DejaVu's ligatures) was 2% of the PDF's work */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_set_add(drop, HB_TAG('k', 'e', 'r', 'n'));
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    hb_blob_t *blob = sub ? hb_face_reference_blob(sub) : NULL;
    unsigned len = 0;
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    if (!data || len == 0)
        pdf_fail(d, TC_ERR_RENDER, "%s: cannot subset the font", path);
    else if (fwrite(data, 1, len, f) != len || fflush(f) != 0)
        pdf_fail(d, TC_ERR_WRITE, "%s: cannot write the font subset to a temporary file", path);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return d->st;
}

/* libharu reads the subset back by name: the temporary file's descriptor. */
static HPDF_Font load_subset(tc_pdf *d, int i, hb_face_t *face)
{
    FILE *f = tmpfile();
    if (!f) {
        pdf_fail(d, TC_ERR_WRITE, "cannot create a temporary file for the report fonts");
        return NULL;
    }
    HPDF_Font font = NULL;
    if (write_subset(d, face, (const hb_set_t *)d->chars, f, font_path[i]) == TC_OK) {
        char name[64];
        snprintf(name, sizeof name, "/proc/self/fd/%d", fileno(f));
        const char *loaded = HPDF_LoadTTFontFromFile(d->pdf, name, HPDF_TRUE);
        if (loaded) {
            d->defs[i] = HPDF_GetFontDef(d->pdf, loaded);
            font = HPDF_GetFont(d->pdf, loaded, "UTF-8");
        }
    }
    fclose(f);
    return font;
}

HPDF_Font pdf_subset_font(tc_pdf *d, int i)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(font_path[i]);
    if (!blob) {
        pdf_fail(d, TC_ERR_RENDER, "%s: cannot read the font (install fonts-dejavu-core)",
                 font_path[i]);
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    HPDF_Font font = NULL;
    if (full_coverage(d, i, face) == TC_OK)
        font = load_subset(d, i, face);
    hb_face_destroy(face);
    return font;
}

void pdf_subset_close(tc_pdf *d)
{
    for (int i = 0; i < 2; i++) {
        pdf_chars_free(d->cover[i]);
        d->cover[i] = NULL;
    }
}
