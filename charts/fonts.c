/* DejaVu Sans loaded by file through FreeType, once per process, so every
 * machine measures and draws the same glyphs whatever fontconfig says. */
#include "fonts.h"
#include "tc_style.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

static const char *const font_files[2] = { TC_FONT_REGULAR, TC_FONT_BOLD };

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static FT_Library ft_lib;
static cairo_font_face_t *faces[2];
static char fonts_error[300];

static void load_fonts(void)
{
    if (FT_Init_FreeType(&ft_lib) != 0) {
        snprintf(fonts_error, sizeof fonts_error, "freetype could not be initialised");
        return;
    }
    for (int i = 0; i < 2; i++) {
        FT_Face face;
        if (FT_New_Face(ft_lib, font_files[i], 0, &face) != 0) {
            snprintf(fonts_error, sizeof fonts_error, "%s: font could not be loaded",
                     font_files[i]);
            return;
        }
        cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
        if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS) {
            snprintf(fonts_error, sizeof fonts_error, "%s: %s", font_files[i],
                     cairo_status_to_string(cairo_font_face_status(cf)));
            return;
        }
        faces[i] = cf;  /* kept for the life of the process, as is face */
    }
}

cairo_font_face_t *tc_chart_face(int bold, char *err, size_t n)
{
    pthread_once(&fonts_once, load_fonts);
    if (!faces[0] || !faces[1]) {
        if (err && n)
            snprintf(err, n, "%s", fonts_error[0] ? fonts_error : "fonts not loaded");
        return NULL;
    }
    return faces[bold ? 1 : 0];
}

void tc_chart_font_options(cairo_font_options_t *o)
{
    /* Unhinted metrics: advances scale linearly, so the 1x layout, the 2x
     * PNG, the SVG and the PDF all agree on every text width. */
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
}

static pthread_mutex_t cairo_lock = PTHREAD_MUTEX_INITIALIZER;

void tc_chart_lock(void)
{
    pthread_mutex_lock(&cairo_lock);
}

void tc_chart_unlock(void)
{
    pthread_mutex_unlock(&cairo_lock);
}

/* The advance of text; *ok 0 when cairo could not measure it (0 then). */
static double measure_locked(const char *text, double size, int bold, int *ok)
{
    cairo_font_face_t *face = tc_chart_face(bold, NULL, 0);
    *ok = face != NULL;
    if (!face)
        return 0.0;
    cairo_matrix_t fm, ctm;
    cairo_matrix_init_scale(&fm, size, size);
    cairo_matrix_init_identity(&ctm);
    cairo_font_options_t *o = cairo_font_options_create();
    tc_chart_font_options(o);
    cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &fm, &ctm, o);
    cairo_font_options_destroy(o);
    cairo_text_extents_t ext = {0};
    *ok = cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS;
    if (*ok)
        cairo_scaled_font_text_extents(sf, text, &ext);
    cairo_scaled_font_destroy(sf);
    return ext.x_advance;
}

/* Widths measured, by text, size and face: a chart's layout asks for the
 * same labels again and again (2,700 measurements for the committee's
 * nine charts, 11,000 instructions each in cairo), and the answer never
 * changes (a failed measurement is not kept). Under the cairo lock;
 * emptied by tc_chart_widths_free. */
#define MEMO_SLOTS 4096

typedef struct {
    char *text;
    double size, w;
    int bold;
} memo_slot;

static memo_slot memo[MEMO_SLOTS];

static size_t memo_hash(const char *text, double size, int bold)
{
    uint64_t h = 1469598103934665603u, bits;
    memcpy(&bits, &size, sizeof bits);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    h = (h ^ bits ^ (uint64_t)bold) * 1099511628211u;
    return (size_t)(h ^ h >> 29) % MEMO_SLOTS;
}

/* The slot holding the measurement, or the empty one where it goes, or
 * NULL when the probe finds neither (the width is then not kept). */
static memo_slot *memo_find(const char *text, double size, int bold)
{
    size_t i = memo_hash(text, size, bold);
    for (int probe = 0; probe < 16; probe++, i = (i + 1) % MEMO_SLOTS) {
        memo_slot *m = &memo[i];
        if (!m->text || (m->size == size && m->bold == bold && strcmp(m->text, text) == 0))
            return m;
    }
    return NULL;
}

void tc_chart_widths_free(void)
{
    tc_chart_lock();
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        free(memo[i].text);
        memo[i].text = NULL;
    }
    tc_chart_unlock();
}

static double measure(void *ctx, const char *text, double size, int bold)
{
    (void)ctx;
    if (!text || !*text)
        return 0.0;
    tc_chart_lock();
    memo_slot *m = memo_find(text, size, bold);
    int ok = 1;
    double w = m && m->text ? m->w : measure_locked(text, size, bold, &ok);
    if (ok && m && !m->text && (m->text = strdup(text)) != NULL) {
        m->size = size;
        m->bold = bold;
        m->w = w;
    }
    tc_chart_unlock();
    return w;
}

static const tc_metrics dejavu_metrics = {measure, NULL};

const tc_metrics *tc_chart_metrics(char *err, size_t n)
{
    if (!tc_chart_face(0, err, n))
        return NULL;
    return &dejavu_metrics;
}
