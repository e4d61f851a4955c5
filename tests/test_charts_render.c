/* Every chart kind renders for every fixture scenario, as PNG and SVG,
 * through tc_render_charts and the output set; the same results give the
 * same bytes twice in one process (cairo's SVG ids are made stable), and
 * when four threads draw them at once, each with its own fonts.
 * TC_CHARTS_OUT=dir keeps the files there (to look at them). */
#include "tc_test.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../charts/chart.h"
#include "chart_fixture.h"
#include "tc_charts.h"
#include "tc_render.h"

static char base_dir[512];

static void render_into(const tc_results *r, const char *dir)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    tc_render_opts opts = {NULL, 1, 1, 1};
    char err[300] = "";
    assert_non_null(o);
    tc_status st = tc_render_charts(r, o, &opts, err, sizeof err);
    if (st != TC_OK)
        print_error("tc_render_charts: %s\n", err);
    assert_int_equal(st, TC_OK);
    assert_int_equal(tc_outset_commit(o), TC_OK);
    tc_outset_free(o);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static int same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        same = ca == cb;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

static void check_file_head(const char *path, const char *head, size_t n)
{
    char buf[16] = {0};
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(buf, 1, n, f), n);
    fclose(f);
    assert_memory_equal(buf, head, n);
}

/* Renders twice; every applying kind exists in both formats, identically. */
static void render_and_check(tc_fixture *f, const char *name, const int *expect)
{
    char d1[700], d2[700];
    snprintf(d1, sizeof d1, "%s/%s", base_dir, name);
    snprintf(d2, sizeof d2, "%s/%s-again", base_dir, name);
    render_into(&f->r, d1);
    render_into(&f->r, d2);
    for (int k = 0; k < TC_CHART_KIND_COUNT; k++) {
        assert_int_equal(tc_chart_applies(&f->r, (tc_chart_kind)k), expect[k]);
        for (int svg = 0; svg < 2; svg++) {
            char p1[800], p2[800];
            const char *ext = svg ? "svg" : "png";
            snprintf(p1, sizeof p1, "%s/charts/%s.%s", d1, tc_chart_terms[k].name, ext);
            snprintf(p2, sizeof p2, "%s/charts/%s.%s", d2, tc_chart_terms[k].name, ext);
            if (!expect[k]) {
                assert_int_equal(file_size(p1), -1);
                continue;
            }
            assert_true(file_size(p1) > 2000);
            check_file_head(p1, svg ? "<?xml" : "\x89PNG", svg ? 5 : 4);
            if (!same_bytes(p1, p2))
                fail_msg("%s and %s differ", p1, p2);
        }
    }
}

static void test_reference_renders_every_kind(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    static const int expect[TC_CHART_KIND_COUNT] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    render_and_check(f, "reference", expect);
    free(f);
}

static void test_owned_renders_without_analysis(void **state)
{
    (void)state;
    tc_fixture *f = fx_owned();
    static const int expect[TC_CHART_KIND_COUNT] = {1, 1, 1, 1, 1, 1, 1, 0, 0};
    render_and_check(f, "owned", expect);
    free(f);
}

static void test_ten_long_names_render(void **state)
{
    (void)state;
    tc_fixture *f = fx_many();
    static const int expect[TC_CHART_KIND_COUNT] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    render_and_check(f, "many", expect);
    free(f);
}

typedef struct {
    const tc_results *r;
    pthread_barrier_t *start;
    char dir[700];
} drawer;

static void *render_in_thread(void *arg)
{
    drawer *d = arg;
    pthread_barrier_wait(d->start);
    render_into(d->r, d->dir);
    tc_render_charts_done();
    return NULL;
}

/* Four threads render every chart of the fixture at once, three times
 * over (the threads interleave differently each time); every file has
 * the bytes of the one-thread render. */
static void test_threads_at_once_render_the_same_bytes(void **state)
{
    (void)state;
    enum { N = 4 };
    tc_fixture *f = fx_many();
    char ref[700];
    snprintf(ref, sizeof ref, "%s/alone", base_dir);
    render_into(&f->r, ref);
    for (int round = 0; round < 3; round++) {
        pthread_barrier_t start;
        pthread_t th[N];
        drawer d[N];
        assert_int_equal(pthread_barrier_init(&start, NULL, N), 0);
        for (int i = 0; i < N; i++) {
            d[i].r = &f->r;
            d[i].start = &start;
            snprintf(d[i].dir, sizeof d[i].dir, "%s/thread%d-%d", base_dir, round, i);
            assert_int_equal(pthread_create(&th[i], NULL, render_in_thread, &d[i]), 0);
        }
        for (int i = 0; i < N; i++)
            assert_int_equal(pthread_join(th[i], NULL), 0);
        pthread_barrier_destroy(&start);
        for (int i = 0; i < N; i++)
            for (int k = 0; k < TC_CHART_KIND_COUNT; k++)
                for (int svg = 0; svg < 2; svg++) {
                    char p1[800], p2[800];
                    const char *ext = svg ? "svg" : "png";
                    snprintf(p1, sizeof p1, "%s/charts/%s.%s", ref, tc_chart_terms[k].name, ext);
                    snprintf(p2, sizeof p2, "%s/charts/%s.%s", d[i].dir, tc_chart_terms[k].name,
                             ext);
                    assert_true(file_size(p1) > 2000);
                    if (!same_bytes(p1, p2))
                        fail_msg("%s and %s differ", p1, p2);
                }
    }
    free(f);
}

static void test_unwritable_folder_is_an_error(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    char file[700], dir[800];
    snprintf(file, sizeof file, "%s/plain-file", base_dir);
    snprintf(dir, sizeof dir, "%s/out", file);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    tc_outset *o = tc_outset_new(dir, NULL, 0);    /* a folder inside a file */
    tc_render_opts opts = {NULL, 1, 0, 1};
    char err[300] = "";
    assert_non_null(o);
    assert_int_equal(tc_render_charts(&f->r, o, &opts, err, sizeof err), TC_ERR_WRITE);
    if (!strstr(err, "plain-file: Not a directory"))
        fail_msg("unexpected error text: %s", err);
    tc_outset_free(o);
    free(f);
}

static void prepare(const tc_results *r, tc_chart_kind k, tc_prims *p)
{
    char err[300] = "";
    int applies = 0;
    *p = (tc_prims){0};
    assert_int_equal(tc_chart_prepare(r, k, TC_CHART_WIDTH, TC_CHART_HEIGHT, p, &applies, err,
                                      sizeof err), TC_OK);
    assert_true(applies);
}

static void write_png(const tc_prims *p, const char *name, char *path, size_t n, tc_status want)
{
    char err[300] = "";
    if (name[0] == '/')
        snprintf(path, n, "%s", name);
    else
        snprintf(path, n, "%s/%s", base_dir, name);
    tc_status st = tc_chart_write_png(p, path, err, sizeof err);
    if (st != want)
        fail_msg("%s: status %d, expected %d (%s)", path, (int)st, (int)want, err);
}

/* A chart's bitmap goes back to the pool white when its PNG is written
 * (the writer whitens it in the same pass), and the next chart skips the
 * white paint: the same bytes as drawn on a fresh bitmap. A PNG that fails
 * half way (/dev/full: libpng stops at its first full buffer) leaves the
 * bitmap partly drawn on, and the next chart paints it again. */
static void test_reused_bitmaps_draw_the_same_bytes(void **state)
{
    (void)state;
    tc_fixture *f = fx_reference();
    tc_prims a, b;
    prepare(&f->r, TC_CHART_COST_PER_M, &a);
    prepare(&f->r, TC_CHART_TCO_STACK, &b);
    char fresh[800], again[800], after_fail[800], full[800];
    tc_render_charts_release();            /* no bitmap in the pool */
    write_png(&b, "b_fresh.png", fresh, sizeof fresh, TC_OK);
    write_png(&a, "a.png", full, sizeof full, TC_OK);
    write_png(&b, "b_again.png", again, sizeof again, TC_OK);
    write_png(&a, "/dev/full", full, sizeof full, TC_ERR_WRITE);
    write_png(&b, "b_after_fail.png", after_fail, sizeof after_fail, TC_OK);
    if (!same_bytes(fresh, again))
        fail_msg("%s and %s differ", fresh, again);
    if (!same_bytes(fresh, after_fail))
        fail_msg("%s and %s differ", fresh, after_fail);
    tc_render_charts_release();
    tc_prims_free(&a);
    tc_prims_free(&b);
    free(f);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1200];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

int main(void)
{
    const char *keep = getenv("TC_CHARTS_OUT");
    if (keep) {
        snprintf(base_dir, sizeof base_dir, "%s", keep);
        mkdir(base_dir, 0777);
    } else {
        snprintf(base_dir, sizeof base_dir, "/tmp/tc-charts-XXXXXX");
        if (!mkdtemp(base_dir))
            return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_renders_every_kind),
        cmocka_unit_test(test_owned_renders_without_analysis),
        cmocka_unit_test(test_ten_long_names_render),
        cmocka_unit_test(test_threads_at_once_render_the_same_bytes),
        cmocka_unit_test(test_unwritable_folder_is_an_error),
        cmocka_unit_test(test_reused_bitmaps_draw_the_same_bytes),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    if (!keep)
        remove_tree(base_dir);
    return failed;
}
