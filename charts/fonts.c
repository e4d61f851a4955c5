/* DejaVu Sans loaded by file through FreeType, so every machine measures
 * and draws the same glyphs whatever fontconfig says. Each drawing thread
 * has a font set of its own (issue 18): an FT_Face is not for two threads
 * at once, and FreeType asks for one FT_Library per thread, so a set is
 * its own library, both faces and the cairo faces made of them. Sets come
 * from a pool that keeps them for the life of the process (a batch loads
 * them once), as many as threads ever drew at once. */
#include "fonts.h"
#include "tc_render.h"
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

typedef struct font_set {
    FT_Library lib;
    FT_Face ft[2];
    cairo_font_face_t *faces[2];
    int in_use;
    struct font_set *next;
} font_set;

/* Every set loaded, in use or free: reachable until the process ends. */
static pthread_mutex_t sets_mu = PTHREAD_MUTEX_INITIALIZER;
static font_set *sets;

/* The calling thread's set. The key's destructor gives it back when a
 * thread ends still holding one. */
static _Thread_local font_set *held;
static pthread_key_t held_key;
static int key_made;        /* under sets_mu */

static void set_give(font_set *s)
{
    pthread_mutex_lock(&sets_mu);
    s->in_use = 0;
    pthread_mutex_unlock(&sets_mu);
}

static void thread_ends(void *s)
{
    set_give(s);
}

/* 0, or the error of making the key (tried again next time). */
static int key_ready(void)
{
    pthread_mutex_lock(&sets_mu);
    int rc = key_made ? 0 : pthread_key_create(&held_key, thread_ends);
    key_made = rc == 0;
    pthread_mutex_unlock(&sets_mu);
    return rc;
}

/* Frees what a set that could not be loaded holds: no scaled font was
 * made of its cairo faces yet, so destroying them frees them now, before
 * their FT_Face and library go. */
static void set_unload(font_set *s)
{
    for (int i = 0; i < 2; i++) {
        cairo_font_face_destroy(s->faces[i]);
        if (s->ft[i])
            FT_Done_Face(s->ft[i]);
    }
    if (s->lib)
        FT_Done_FreeType(s->lib);
    free(s);
}

/* A freshly loaded set; NULL and err if not. */
static font_set *set_load(char *err, size_t n)
{
    font_set *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, n, "fonts: %s", tc_strerror(TC_ERR_NOMEM));
        return NULL;
    }
    if (FT_Init_FreeType(&s->lib) != 0) {
        s->lib = NULL;
        snprintf(err, n, "freetype could not be initialised");
        set_unload(s);
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (FT_New_Face(s->lib, font_files[i], 0, &s->ft[i]) != 0) {
            s->ft[i] = NULL;
            snprintf(err, n, "%s: font could not be loaded", font_files[i]);
            set_unload(s);
            return NULL;
        }
        s->faces[i] = cairo_ft_font_face_create_for_ft_face(s->ft[i], 0);
        cairo_status_t st = cairo_font_face_status(s->faces[i]);
        if (st != CAIRO_STATUS_SUCCESS) {
            snprintf(err, n, "%s: %s", font_files[i], cairo_status_to_string(st));
            set_unload(s);
            return NULL;
        }
    }
    return s;
}

/* A free set of the pool, or a new one added to it, marked in use. */
static font_set *set_take(char *err, size_t n)
{
    pthread_mutex_lock(&sets_mu);
    font_set *s = sets;
    while (s && s->in_use)
        s = s->next;
    if (s)
        s->in_use = 1;
    pthread_mutex_unlock(&sets_mu);
    if (s)
        return s;
    if ((s = set_load(err, n)) == NULL)
        return NULL;
    pthread_mutex_lock(&sets_mu);
    s->in_use = 1;
    s->next = sets;
    sets = s;
    pthread_mutex_unlock(&sets_mu);
    return s;
}

/* The calling thread's set, taken on its first measurement or drawing. */
static font_set *set_held(char *err, size_t n)
{
    if (held)
        return held;
    int rc = key_ready();
    if (rc != 0) {
        snprintf(err, n, "fonts: no thread key: %s", strerror(rc));
        return NULL;
    }
    held = set_take(err, n);
    /* Only arms the destructor: a failure leaves the set held until
     * tc_render_charts_done, never used by two threads. */
    if (held)
        (void)pthread_setspecific(held_key, held);
    return held;
}

size_t tc_chart_font_sets(void)
{
    pthread_mutex_lock(&sets_mu);
    size_t k = 0;
    for (const font_set *s = sets; s; s = s->next)
        k++;
    pthread_mutex_unlock(&sets_mu);
    return k;
}

void tc_render_charts_done(void)
{
    if (!held)
        return;
    (void)pthread_setspecific(held_key, NULL);
    set_give(held);
    held = NULL;
}

cairo_font_face_t *tc_chart_face(int bold, char *err, size_t n)
{
    char why[300];
    font_set *s = set_held(why, sizeof why);
    if (!s) {
        if (err && n)
            snprintf(err, n, "%s", why);
        return NULL;
    }
    return s->faces[bold ? 1 : 0];
}

void tc_chart_font_options(cairo_font_options_t *o)
{
    /* Unhinted metrics: advances scale linearly, so the 1x layout, the 2x
     * PNG, the SVG and the PDF all agree on every text width. */
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
}

/* The advance of text in the thread's own faces; *ok 0 when cairo could
 * not measure it (0 then). */
static double measure_text(const char *text, double size, int bold, int *ok)
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
 * changes, whichever thread's faces measured it (a failed measurement is
 * not kept). Shared by the threads under memo_mu, held only to look up
 * and to store; emptied by tc_chart_widths_free. */
#define MEMO_SLOTS 4096

typedef struct {
    char *text;
    double size, w;
    int bold;
} memo_slot;

static pthread_mutex_t memo_mu = PTHREAD_MUTEX_INITIALIZER;
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
    pthread_mutex_lock(&memo_mu);
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        free(memo[i].text);
        memo[i].text = NULL;
    }
    pthread_mutex_unlock(&memo_mu);
}

/* The width kept for text, if any. */
static int memo_get(const char *text, double size, int bold, double *w)
{
    pthread_mutex_lock(&memo_mu);
    memo_slot *m = memo_find(text, size, bold);
    int hit = m && m->text;
    if (hit)
        *w = m->w;
    pthread_mutex_unlock(&memo_mu);
    return hit;
}

/* Keeps w for text, unless another thread kept it meanwhile or there is
 * no room (the width is then measured again next time). */
static void memo_put(const char *text, double size, int bold, double w)
{
    pthread_mutex_lock(&memo_mu);
    memo_slot *m = memo_find(text, size, bold);
    if (m && !m->text && (m->text = strdup(text)) != NULL) {
        m->size = size;
        m->bold = bold;
        m->w = w;
    }
    pthread_mutex_unlock(&memo_mu);
}

static double measure(void *ctx, const char *text, double size, int bold)
{
    (void)ctx;
    double w = 0.0;
    if (!text || !*text || memo_get(text, size, bold, &w))
        return w;
    int ok = 1;
    w = measure_text(text, size, bold, &ok);
    if (ok)
        memo_put(text, size, bold, w);
    return w;
}

static const tc_metrics dejavu_metrics = {measure, NULL};

const tc_metrics *tc_chart_metrics(char *err, size_t n)
{
    if (!tc_chart_face(0, err, n))
        return NULL;
    return &dejavu_metrics;
}
