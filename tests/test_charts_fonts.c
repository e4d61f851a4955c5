/* The charts' font sets (charts/fonts.c): each thread that measures or
 * draws takes a set of its own (FT_Library, both FT_Faces, their cairo
 * faces) from a pool that keeps them. Every call that makes a set fails in
 * turn (--wrap: the thread key, the set's calloc, FT_Init_FreeType, each
 * FT_New_Face, each cairo face's status): the measurement and the render
 * then fail with the reason, keep nothing and try again next time. Then
 * the pool holds as many sets as threads drew at once, and a set measures
 * the same widths whichever thread holds it. */
#include "tc_test.h"

#include <cairo.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "../charts/chart.h"
#include "../charts/fonts.h"
#include "tc_load.h"
#include "tc_render.h"
#include "tc_style.h"

/* ---- one call fails: the n-th of the function armed ---------------------- */
typedef enum { F_NONE, F_KEY, F_CALLOC, F_FT_INIT, F_NEW_FACE, F_FACE_STATUS } fault_fn;

static fault_fn armed;
static int armed_nth, calls;

static int fails(fault_fn f)
{
    return armed == f && ++calls == armed_nth;
}

static void arm(fault_fn f, int nth)
{
    armed = f;
    armed_nth = nth;
    calls = 0;
}

int __real_pthread_key_create(pthread_key_t *k, void (*d)(void *));
int __wrap_pthread_key_create(pthread_key_t *k, void (*d)(void *));
int __wrap_pthread_key_create(pthread_key_t *k, void (*d)(void *))
{
    return fails(F_KEY) ? EAGAIN : __real_pthread_key_create(k, d);
}

void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size)
{
    return fails(F_CALLOC) ? NULL : __real_calloc(n, size);
}

FT_Error __real_FT_Init_FreeType(FT_Library *lib);
FT_Error __wrap_FT_Init_FreeType(FT_Library *lib);
FT_Error __wrap_FT_Init_FreeType(FT_Library *lib)
{
    return fails(F_FT_INIT) ? FT_Err_Out_Of_Memory : __real_FT_Init_FreeType(lib);
}

FT_Error __real_FT_New_Face(FT_Library lib, const char *path, FT_Long i, FT_Face *face);
FT_Error __wrap_FT_New_Face(FT_Library lib, const char *path, FT_Long i, FT_Face *face);
FT_Error __wrap_FT_New_Face(FT_Library lib, const char *path, FT_Long i, FT_Face *face)
{
    return fails(F_NEW_FACE) ? FT_Err_Cannot_Open_Resource : __real_FT_New_Face(lib, path, i, face);
}

cairo_status_t __real_cairo_font_face_status(cairo_font_face_t *f);
cairo_status_t __wrap_cairo_font_face_status(cairo_font_face_t *f);
cairo_status_t __wrap_cairo_font_face_status(cairo_font_face_t *f)
{
    return fails(F_FACE_STATUS) ? CAIRO_STATUS_NO_MEMORY : __real_cairo_font_face_status(f);
}

/* ---- the tests ----------------------------------------------------------- */
static const struct {
    fault_fn fn;
    int nth;
    const char *err;
} faults[] = {
    {F_KEY, 1, "fonts: no thread key: Resource temporarily unavailable"},
    {F_CALLOC, 1, "fonts: out of memory"},
    {F_FT_INIT, 1, "freetype could not be initialised"},
    {F_NEW_FACE, 1, TC_FONT_REGULAR ": font could not be loaded"},
    {F_NEW_FACE, 2, TC_FONT_BOLD ": font could not be loaded"},
    {F_FACE_STATUS, 1, TC_FONT_REGULAR ": out of memory"},
    {F_FACE_STATUS, 2, TC_FONT_BOLD ": out of memory"},
};

/* Before any set exists: each failure is the measurement's error and
 * leaves the pool empty, so the next call loads a set again. */
static void each_failure_is_reported_and_kept_nothing(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        char err[300] = "";
        arm(faults[i].fn, faults[i].nth);
        const tc_metrics *m = tc_chart_metrics(err, sizeof err);
        fault_fn was = armed;
        arm(F_NONE, 0);
        assert_int_equal(was, faults[i].fn);
        assert_null(m);
        assert_string_equal(err, faults[i].err);
        assert_int_equal(tc_chart_font_sets(), 0);
        tc_render_charts_done();    /* nothing held: nothing to give back */
    }
}

/* A render whose fonts cannot be loaded fails with the reason and leaves
 * no folder; the next render, with the fonts loadable, succeeds. */
static void a_render_without_fonts_fails_then_succeeds(void **state)
{
    (void)state;
    tc_diags diags;
    tc_diags_init(&diags);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &diags), TC_OK);
    assert_int_equal(tc_eval(s, &r), TC_OK);
    char root[] = "/tmp/tc-fonts-XXXXXX", dir[64], err[2048] = "";
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/out", root);
    tc_render_opts opts = {0};
    arm(F_NEW_FACE, 2);
    tc_status st = tc_render_scenario(r, dir, TC_FMT_PNG | TC_FMT_SVG, &opts, err, sizeof err);
    arm(F_NONE, 0);
    assert_int_equal(st, TC_ERR_RENDER);
    if (!strstr(err, TC_FONT_BOLD ": font could not be loaded"))
        fail_msg("unexpected error text: %s", err);
    assert_int_not_equal(access(dir, F_OK), 0);
    assert_int_equal(tc_chart_font_sets(), 0);
    assert_int_equal(tc_render_scenario(r, dir, TC_FMT_PNG | TC_FMT_SVG, &opts, err, sizeof err),
                     TC_OK);
    assert_int_equal(access(dir, F_OK), 0);
    assert_int_equal(tc_chart_font_sets(), 1);     /* kept for the next render */
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&diags);
}

#define N_THREADS 3

typedef struct {
    pthread_barrier_t *all_hold;
    int give_back;          /* 0: the thread ends holding its set */
    double w;
} drawer;

static const char label[] = "Cost per million tokens, year 3 (USD)";

/* Takes a set by measuring, waits until every drawer holds one, then
 * gives it back or ends holding it. */
static void *draw_in_thread(void *arg)
{
    drawer *d = arg;
    const tc_metrics *m = tc_chart_metrics(NULL, 0);
    d->w = m ? m->width(m->ctx, label, 11.0, 1) : -1.0;
    pthread_barrier_wait(d->all_hold);
    if (d->give_back)
        tc_render_charts_done();
    return NULL;
}

static void draw_at_once(int give_back, double *widths)
{
    pthread_barrier_t b;
    pthread_t th[N_THREADS];
    drawer d[N_THREADS];
    assert_int_equal(pthread_barrier_init(&b, NULL, N_THREADS), 0);
    tc_chart_widths_free();     /* each thread measures with its own faces */
    for (int i = 0; i < N_THREADS; i++) {
        d[i] = (drawer){&b, give_back, 0.0};
        assert_int_equal(pthread_create(&th[i], NULL, draw_in_thread, &d[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        widths[i] = d[i].w;
    }
    pthread_barrier_destroy(&b);
}

/* The main thread holds one set; three threads drawing at once take three
 * more; given back (or at their end), they serve the next three, and the
 * main thread's set serves it again: four sets, never more, each
 * measuring the same width as the main thread's. */
static void sets_as_many_as_threads_drew_at_once(void **state)
{
    (void)state;
    const tc_metrics *m = tc_chart_metrics(NULL, 0);
    assert_non_null(m);
    tc_chart_widths_free();
    double w = m->width(m->ctx, label, 11.0, 1), widths[N_THREADS];
    assert_true(w > 150.0 && w < 300.0);    /* 37 characters of 11 pt bold */
    size_t before = tc_chart_font_sets();
    assert_int_equal(before, 1);
    draw_at_once(1, widths);
    assert_int_equal(tc_chart_font_sets(), before + N_THREADS);
    for (int i = 0; i < N_THREADS; i++)
        assert_true(widths[i] == w);
    draw_at_once(0, widths);        /* they end holding theirs: the key gives them back */
    draw_at_once(1, widths);
    assert_int_equal(tc_chart_font_sets(), before + N_THREADS);
    for (int i = 0; i < N_THREADS; i++)
        assert_true(widths[i] == w);
    tc_render_charts_done();
    draw_at_once(1, widths);        /* with the main thread's set free, one set less is new */
    assert_int_equal(tc_chart_font_sets(), before + N_THREADS);
    tc_chart_widths_free();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_failure_is_reported_and_kept_nothing),
        cmocka_unit_test(a_render_without_fonts_fails_then_succeeds),
        cmocka_unit_test(sets_as_many_as_threads_drew_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
