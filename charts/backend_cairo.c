/* The cairo backend: replays laid-out primitives into a PNG (at 2x for
 * sharpness) or an SVG. Every cairo status is checked: a failed chart is
 * an error, never a blank file. */
#include "fonts.h"
#include "tc_png.h"
#include "tc_render.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cairo-svg.h>

#define PNG_SCALE 2.0

static void set_rgb(cairo_t *cr, tc_rgb c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

/* 0 solid, 1 dashed, 2 dotted, 3 dash-dot; scaled with the line. */
static void set_dash(cairo_t *cr, int dash, double lw)
{
    static const double pattern[4][4] = {{0}, {4, 3}, {1.2, 2.2}, {6, 2.5, 1.2, 2.5}};
    static const int count[4] = {0, 2, 2, 4};
    int k = dash < 0 || dash > 3 ? 1 : dash;
    double d[4], f = fmax(1.0, lw * 0.8);
    for (int i = 0; i < count[k]; i++)
        d[i] = pattern[k][i] * f;
    cairo_set_dash(cr, d, count[k], 0.0);
}

static void marker_path(cairo_t *cr, const tc_prim *q)
{
    double r = q->w / 2.0, x = q->x, y = q->y;
    switch (q->marker) {
    case TC_MARK_SQUARE:
        cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
        break;
    case TC_MARK_DIAMOND:
        cairo_move_to(cr, x, y - r * 1.15);
        cairo_line_to(cr, x + r * 1.15, y);
        cairo_line_to(cr, x, y + r * 1.15);
        cairo_line_to(cr, x - r * 1.15, y);
        cairo_close_path(cr);
        break;
    case TC_MARK_TRIANGLE:
        cairo_move_to(cr, x, y - r * 1.1);
        cairo_line_to(cr, x + r, y + r * 0.8);
        cairo_line_to(cr, x - r, y + r * 0.8);
        cairo_close_path(cr);
        break;
    default:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    }
}

static void draw_fill_stroke(cairo_t *cr, const tc_prim *q)
{
    if (q->filled) {
        set_rgb(cr, q->fill);
        if (q->stroked)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (q->stroked) {
        set_rgb(cr, q->stroke);
        cairo_set_line_width(cr, q->line_width);
        set_dash(cr, q->dash, q->line_width);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static void draw_text(cairo_t *cr, const tc_prim *q, cairo_font_face_t *const faces[2])
{
    double dx = q->anchor == TC_ANCHOR_START ? 0.0
              : q->anchor == TC_ANCHOR_MIDDLE ? -q->w / 2.0 : -q->w;
    cairo_save(cr);
    cairo_set_font_face(cr, faces[q->bold ? 1 : 0]);
    cairo_set_font_size(cr, q->size);
    set_rgb(cr, q->fill);
    cairo_translate(cr, q->x, q->y);
    if (q->vertical)
        cairo_rotate(cr, -M_PI / 2.0);
    cairo_move_to(cr, dx, 0.0);
    cairo_show_text(cr, q->text);
    cairo_new_path(cr);
    cairo_restore(cr);
}

static void draw_prim(cairo_t *cr, const tc_prim *q, cairo_font_face_t *const faces[2])
{
    switch (q->type) {
    case TC_PRIM_RECT:
        cairo_rectangle(cr, q->x, q->y, q->w, q->h);
        draw_fill_stroke(cr, q);
        break;
    case TC_PRIM_LINE:
        cairo_move_to(cr, q->x, q->y);
        cairo_line_to(cr, q->x + q->w, q->y + q->h);
        draw_fill_stroke(cr, q);
        break;
    case TC_PRIM_POLYLINE:
        cairo_move_to(cr, q->pts[0], q->pts[1]);
        for (size_t i = 1; i < q->n_pts; i++)
            cairo_line_to(cr, q->pts[2 * i], q->pts[2 * i + 1]);
        draw_fill_stroke(cr, q);
        break;
    case TC_PRIM_MARKER:
        marker_path(cr, q);
        draw_fill_stroke(cr, q);
        break;
    case TC_PRIM_TEXT:
        draw_text(cr, q, faces);
        break;
    }
}

/* paint: the white background first; 0 for a bitmap known to be white
 * already (the same pixels either way: white over opaque white). */
static tc_status replay(cairo_t *cr, const tc_prims *p, int paint, char *err, size_t n)
{
    cairo_font_face_t *faces[2] = {tc_chart_face(0, err, n), tc_chart_face(1, err, n)};
    if (!faces[0] || !faces[1])
        return TC_ERR_RENDER;
    cairo_font_options_t *o = cairo_font_options_create();
    tc_chart_font_options(o);
    cairo_set_font_options(cr, o);
    cairo_font_options_destroy(o);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    set_rgb(cr, TC_WHITE);
    if (paint)
        cairo_paint(cr);
    for (size_t i = 0; i < p->n && cairo_status(cr) == CAIRO_STATUS_SUCCESS; i++)
        draw_prim(cr, &p->items[i], faces);
    cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, n, "cairo: %s", cairo_status_to_string(st));
        return TC_ERR_RENDER;
    }
    return TC_OK;
}

static tc_status surface_done(cairo_surface_t *s, const char *what, char *err, size_t n)
{
    cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, n, "%s: cairo: %s", what, cairo_status_to_string(st));
        return TC_ERR_RENDER;
    }
    return TC_OK;
}

/* Bitmaps of finished charts, kept for the next ones (shared by the
 * drawing threads under pool.mu): a fresh 6 MB bitmap per chart cost the kernel 1,600 page faults
 * and pixman a clearing memset each, 4% of the committee render. Stale
 * pixels never show: every chart starts by painting the whole bitmap
 * opaque white, unless the bitmap is white already: the PNG writer leaves
 * it so, in the pass that reads it (tc_png_write_whiten), which saves
 * the paint's own pass over 6 MB (7 ms of the committee render's CPU).
 * tc_render_charts_release frees them. */
#define POOL_SIZE 4

static struct {
    unsigned char *data[POOL_SIZE];
    size_t size[POOL_SIZE];
    int white[POOL_SIZE];
    int n;
    pthread_mutex_t mu;
} pool = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* A new bitmap's memory, 2 MB aligned, its whole 2 MB pages asked for
 * as huge pages (a hint the kernel may ignore): the first paint of a
 * 6.4 MB chart then takes 3 page faults instead of 1,600, 0.8 ms instead
 * of 4.3 ms measured here; its tail keeps small pages, so the resident
 * size is the same. Not cleared: every chart paints all of it first. */
#define HUGE_PAGE ((size_t)2 << 20)

static unsigned char *pixels_new(size_t size)
{
    void *d = NULL;
    if (posix_memalign(&d, HUGE_PAGE, size) != 0)
        return NULL;
    if (size >= HUGE_PAGE)
        (void)madvise(d, size / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
    return d;
}

/* A bitmap of size bytes, *white 1 when every byte of it is 0xFF. */
static unsigned char *pixels_take(size_t size, int *white)
{
    unsigned char *d = NULL;
    *white = 0;
    pthread_mutex_lock(&pool.mu);
    for (int i = 0; i < pool.n && !d; i++)
        if (pool.size[i] == size) {
            d = pool.data[i];
            *white = pool.white[i];
            pool.n--;
            pool.data[i] = pool.data[pool.n];
            pool.size[i] = pool.size[pool.n];
            pool.white[i] = pool.white[pool.n];
        }
    pthread_mutex_unlock(&pool.mu);
    return d ? d : pixels_new(size);
}

static void pixels_give(unsigned char *d, size_t size, int white)
{
    pthread_mutex_lock(&pool.mu);
    int kept = d && pool.n < POOL_SIZE;
    if (kept) {
        pool.data[pool.n] = d;
        pool.white[pool.n] = white;
        pool.size[pool.n++] = size;
    }
    pthread_mutex_unlock(&pool.mu);
    if (!kept)
        free(d);
}

void tc_render_charts_release(void)
{
    pthread_mutex_lock(&pool.mu);
    while (pool.n > 0)
        free(pool.data[--pool.n]);
    pthread_mutex_unlock(&pool.mu);
    tc_chart_widths_free();
}

typedef struct {
    cairo_surface_t *s;
    unsigned char *data;
    size_t size;
    int white;              /* every byte 0xFF (opaque white pixels) */
} bitmap;

/* An empty bitmap of the chart's size at 2x; s NULL and err if not. */
static bitmap bitmap_new(const tc_prims *p, const char *path, char *err, size_t n)
{
    int w = (int)ceil(p->width * PNG_SCALE), h = (int)ceil(p->height * PNG_SCALE);
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    bitmap b = {NULL, NULL, stride > 0 && h > 0 ? (size_t)stride * (size_t)h : 0, 0};
    b.data = b.size ? pixels_take(b.size, &b.white) : NULL;
    if (!b.data) {
        snprintf(err, n, "%s: %s", path, tc_strerror(TC_ERR_NOMEM));
        return b;
    }
    b.s = cairo_image_surface_create_for_data(b.data, CAIRO_FORMAT_ARGB32, w, h, stride);
    if (surface_done(b.s, path, err, n) != TC_OK) {
        cairo_surface_destroy(b.s);
        b.s = NULL;
    }
    return b;
}

static void bitmap_free(bitmap *b)
{
    cairo_surface_destroy(b->s);
    pixels_give(b->data, b->size, b->white);
}

/* The chart drawn into a bitmap *b with the thread's own fonts; b->s NULL
 * and err if not. */
static tc_status raster(const tc_prims *p, const char *path, bitmap *b, char *err, size_t n)
{
    *b = bitmap_new(p, path, err, n);
    tc_status st = b->s ? TC_OK : b->data ? TC_ERR_RENDER : TC_ERR_NOMEM;
    if (st == TC_OK) {
        cairo_t *cr = cairo_create(b->s);
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
        st = replay(cr, p, !b->white, err, n);
        cairo_destroy(cr);
        cairo_surface_flush(b->s);
        b->white = 0;       /* drawn on */
    }
    if (st == TC_OK)
        st = surface_done(b->s, path, err, n);
    if (st != TC_OK) {
        bitmap_free(b);
        b->s = NULL;
    }
    return st;
}

tc_status tc_chart_write_png(const tc_prims *p, const char *path, char *err, size_t n)
{
    bitmap b;
    tc_status st = raster(p, path, &b, err, n);
    if (st != TC_OK)
        return st;
    /* Not cairo_surface_write_to_png: libpng's defaults cost ~45 ms per
     * chart. Whitened as written: white again when every byte of the
     * bitmap is a row's pixel (no stride padding) and it all went. */
    int w = cairo_image_surface_get_width(b.s), stride = cairo_image_surface_get_stride(b.s);
    st = tc_png_write_whiten(path, b.data, w, cairo_image_surface_get_height(b.s), stride,
                             err, n);
    b.white = st == TC_OK && stride == 4 * w;
    bitmap_free(&b);
    return st;
}

typedef struct {
    char *data;
    size_t len, cap;
    int failed;
} tc_membuf;

static cairo_status_t membuf_write(void *closure, const unsigned char *data, unsigned int len)
{
    tc_membuf *b = closure;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + len)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return CAIRO_STATUS_NO_MEMORY;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return CAIRO_STATUS_SUCCESS;
}

static tc_status write_file(const char *path, const char *data, size_t len, char *err, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        return TC_ERR_WRITE;
    }
    int bad = fwrite(data, 1, len, f) != len;
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, n, "%s: %s", path, strerror(e));
        return TC_ERR_WRITE;
    }
    return TC_OK;
}

/* cairo numbers SVG surfaces with a process-wide counter ("surface7"), so
 * the same chart drawn after another would differ; renumber by order of
 * appearance so the bytes depend on the chart alone. */
static void svg_stable_ids(tc_membuf *b)
{
    static const char key[] = "surface";
    long seen[64];
    size_t n_seen = 0;
    for (size_t i = 0; i + sizeof key < b->len; i++) {
        const char *hit = memchr(b->data + i, key[0], b->len - i);
        if (!hit)
            break;
        i = (size_t)(hit - b->data);
        if (i + sizeof key >= b->len || memcmp(b->data + i, key, sizeof key - 1) != 0)
            continue;
        size_t j = i + sizeof key - 1, k = j;
        long id = 0;
        while (k < b->len && k - j < 9 && b->data[k] >= '0' && b->data[k] <= '9')
            id = id * 10 + (b->data[k++] - '0');
        if (k == j)
            continue;
        size_t idx = 0;
        while (idx < n_seen && seen[idx] != id)
            idx++;
        if (idx == n_seen && n_seen < 64)
            seen[n_seen++] = id;
        char num[16];
        int len = snprintf(num, sizeof num, "%zu", idx + 1);
        if ((size_t)len > k - j)
            continue;   /* would grow the text: keep the id as it is */
        memmove(b->data + j + len, b->data + k, b->len - k);   /* never longer */
        memcpy(b->data + j, num, (size_t)len);
        b->len -= (k - j) - (size_t)len;
    }
}

tc_status tc_chart_write_svg(const tc_prims *p, const char *path, char *err, size_t n)
{
    tc_membuf buf = {0};
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(membuf_write, &buf,
                                                            p->width, p->height);
    tc_status st = surface_done(s, path, err, n);
    if (st == TC_OK) {
        cairo_t *cr = cairo_create(s);
        st = replay(cr, p, 1, err, n);
        cairo_destroy(cr);
        cairo_surface_finish(s);
    }
    if (st == TC_OK)
        st = surface_done(s, path, err, n);
    if (st == TC_OK && (buf.failed || buf.len == 0)) {
        snprintf(err, n, "%s: %s", path, tc_strerror(TC_ERR_NOMEM));
        st = TC_ERR_NOMEM;
    }
    cairo_surface_destroy(s);
    if (st == TC_OK) {
        svg_stable_ids(&buf);
        st = write_file(path, buf.data, buf.len, err, n);
    }
    free(buf.data);
    return st;
}
