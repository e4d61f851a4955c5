/* tc_png_write: what it writes, read back by cairo (libpng, which checks
 * every CRC and the zlib checksum), gives the pixels that went in; opaque
 * pictures are RGB, others RGBA; same pixels, same bytes; errors name the
 * file, by status and message: a picture with no size or a stride shorter
 * than its rows writes nothing, a size libpng refuses is reported with its
 * reason and leaves no file, a full device found only when the file is
 * closed and a folder as the path are write errors. */
#include <cairo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../charts/png_pixels.h"
#include "tc_png.h"
#include "tc_test.h"

typedef struct {
    char dir[64];
    char path[96];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/tc_png_XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/a.png", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A chart-like picture: rows that repeat (bands), rows that do not (a
 * diagonal), and a noisy block that does not compress (several IDATs). */
static uint32_t *picture(int w, int h, int alpha)
{
    uint32_t *px = malloc((size_t)w * (size_t)h * 4);
    uint32_t seed = 12345u;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t v = y < h / 3 ? 0xff2060a0u : 0xffffffffu;
            if (x == y && y % 5 == 0)
                v = 0xff000000u;
            if (y > h / 2 && x < w / 2) {
                seed = seed * 1103515245u + 12345u;
                v = 0xff000000u | (seed >> 8);
            }
            if (alpha && x > w - 8)      /* premultiplied: half-transparent grey, clear */
                v = y % 2 ? 0x80404040u : 0x00000000u;
            px[(size_t)y * (size_t)w + (size_t)x] = v;
        }
    return px;
}

static void read_back(const char *path, const uint32_t *px, int w, int h, int colour_type)
{
    FILE *fp = fopen(path, "rb");
    unsigned char head[26];
    assert_non_null(fp);
    assert_int_equal(fread(head, 1, sizeof head, fp), sizeof head);
    fclose(fp);
    assert_memory_equal(head, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    assert_int_equal(head[25], colour_type);
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), w);
    assert_int_equal(cairo_image_surface_get_height(s), h);
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        assert_memory_equal(data + (size_t)y * (size_t)stride, px + (size_t)y * (size_t)w,
                            (size_t)w * 4);
    cairo_surface_destroy(s);
}

static void opaque_picture_is_rgb_and_exact(void **state)
{
    fixture *f = *state;
    int w = 300, h = 300;
    uint32_t *px = picture(w, h, 0);
    char err[256] = "";
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, w, h, w * 4, err, sizeof err),
                     TC_OK);
    read_back(f->path, px, w, h, 2);
    free(px);
}

static void transparency_is_rgba_and_exact(void **state)
{
    fixture *f = *state;
    int w = 64, h = 40;
    uint32_t *px = picture(w, h, 1);
    char err[256] = "";
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, w, h, w * 4, err, sizeof err),
                     TC_OK);
    read_back(f->path, px, w, h, 6);
    free(px);
}

/* A picture found not opaque only at its last pixel: the RGB rows already
 * written are dropped and the file starts again as RGBA (no RGB bytes
 * left before or after it). */
static void last_pixel_turns_rgba(void **state)
{
    fixture *f = *state;
    int w = 300, h = 200;
    uint32_t *px = picture(w, h, 0);
    px[(size_t)w * (size_t)h - 1] = 0x80402010u;
    char err[256] = "";
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, w, h, w * 4, err, sizeof err),
                     TC_OK);
    read_back(f->path, px, w, h, 6);
    free(px);
}

/* The fast unpack gives the plain one's bytes and AND at every width
 * (the 4-pixel steps, the tail, a width under one step). */
static void fast_unpack_equals_plain(void **state)
{
    (void)state;
    uint32_t px[67];
    unsigned char a[67 * 3 + TC_PNG_SLACK], b[67 * 3 + TC_PNG_SLACK];
    for (int i = 0; i < 67; i++)
        px[i] = 0xFF000000u | (uint32_t)(i * 2654435761u >> 8);
    for (int w = 0; w <= 67; w++) {
        px[w ? w - 1 : 0] &= 0xFEFFFFFFu;
        uint32_t fa = tc_png_unpack_rgb(px, w, a), fb = tc_png_unpack_rgb_plain(px, w, b);
        assert_int_equal(fa, fb);
        assert_memory_equal(a, b, (size_t)w * 3);
        px[w ? w - 1 : 0] |= 0xFF000000u;
    }
}

/* Whitening gives the plain unpack's bytes and AND at every width, on
 * both paths, and leaves exactly the row's pixels opaque white. */
static void whiten_unpack_equals_plain(void **state)
{
    (void)state;
    uint32_t src[68], fast[68], plain[68];
    unsigned char a[68 * 3 + TC_PNG_SLACK], b[68 * 3 + TC_PNG_SLACK], c[68 * 3 + TC_PNG_SLACK];
    for (int i = 0; i < 68; i++)
        src[i] = 0xFF000000u | (uint32_t)(i * 2654435761u >> 8);
    for (int w = 0; w <= 67; w++) {
        src[w ? w - 1 : 0] &= 0xFEFFFFFFu;
        memcpy(fast, src, sizeof src);
        memcpy(plain, src, sizeof src);
        uint32_t want = tc_png_unpack_rgb_plain(src, w, a);
        assert_int_equal(tc_png_unpack_rgb_whiten(fast, w, b), want);
        assert_int_equal(tc_png_unpack_rgb_whiten_plain(plain, w, c), want);
        assert_memory_equal(a, b, (size_t)w * 3);
        assert_memory_equal(a, c, (size_t)w * 3);
        for (int i = 0; i < 68; i++) {
            assert_int_equal(fast[i], i < w ? 0xFFFFFFFFu : src[i]);
            assert_int_equal(plain[i], i < w ? 0xFFFFFFFFu : src[i]);
        }
        src[w ? w - 1 : 0] |= 0xFF000000u;
    }
}

/* The whitening writer writes tc_png_write's bytes and leaves each row's
 * pixels white, the stride's padding as it was. */
static void whiten_writes_the_same_bytes(void **state)
{
    fixture *f = *state;
    int w = 10, h = 7, stride = 48;
    uint32_t *px = picture(w, h, 0);
    uint32_t *wide = calloc((size_t)stride / 4 * (size_t)h, 4);
    for (int y = 0; y < h; y++) {
        memcpy(wide + (size_t)y * (size_t)(stride / 4), px + (size_t)y * (size_t)w, (size_t)w * 4);
        wide[(size_t)y * (size_t)(stride / 4) + (size_t)w] = 0x12345678u;
    }
    char err[256] = "", other[128];
    snprintf(other, sizeof other, "%s/b.png", f->dir);
    assert_int_equal(tc_png_write(f->path, (unsigned char *)wide, w, h, stride, err, sizeof err),
                     TC_OK);
    assert_int_equal(tc_png_write_whiten(other, (unsigned char *)wide, w, h, stride, err,
                                         sizeof err), TC_OK);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", f->path, other);
    assert_int_equal(system(cmd), 0);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < stride / 4; x++)
            assert_int_equal(wide[(size_t)y * (size_t)(stride / 4) + (size_t)x],
                             x < w ? 0xFFFFFFFFu : x == w ? 0x12345678u : 0u);
    unlink(other);
    free(wide);
    free(px);
}

/* A picture not opaque cannot be written again as RGBA once its rows are
 * white: the whitening writer refuses it, naming the file, leaving none. */
static void whiten_refuses_a_picture_not_opaque(void **state)
{
    fixture *f = *state;
    int w = 64, h = 40;
    uint32_t *px = picture(w, h, 1);
    char err[256] = "", want[160];
    assert_int_equal(tc_png_write_whiten(f->path, (unsigned char *)px, w, h, w * 4, err,
                                         sizeof err), TC_ERR_RENDER);
    snprintf(want, sizeof want, "%s: the chart's bitmap is not opaque", f->path);
    assert_string_equal(err, want);
    assert_int_equal(access(f->path, F_OK), -1);
    free(px);
}

/* The stride may be wider than the row: the padding is not picture. */
static void stride_padding_is_skipped(void **state)
{
    fixture *f = *state;
    int w = 10, h = 7, stride = 64;
    uint32_t *wide = calloc((size_t)stride / 4 * (size_t)h, 4);
    uint32_t *px = picture(w, h, 0);
    for (int y = 0; y < h; y++) {
        memcpy(wide + (size_t)y * (size_t)(stride / 4), px + (size_t)y * (size_t)w, (size_t)w * 4);
        wide[(size_t)y * (size_t)(stride / 4) + (size_t)w] = 0x12345678u;  /* would be alpha */
    }
    char err[256] = "";
    assert_int_equal(tc_png_write(f->path, (unsigned char *)wide, w, h, stride, err, sizeof err),
                     TC_OK);
    read_back(f->path, px, w, h, 2);
    free(px);
    free(wide);
}

static char *slurp(const char *path, long *len)
{
    FILE *fp = fopen(path, "rb");
    fseek(fp, 0, SEEK_END);
    *len = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)*len);
    assert_int_equal(fread(buf, 1, (size_t)*len, fp), (size_t)*len);
    fclose(fp);
    return buf;
}

static void same_pixels_same_bytes(void **state)
{
    fixture *f = *state;
    int w = 120, h = 90;
    uint32_t *px = picture(w, h, 1);
    char err[256] = "";
    long n1, n2;
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, w, h, w * 4, err, sizeof err), TC_OK);
    char *a = slurp(f->path, &n1);
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, w, h, w * 4, err, sizeof err), TC_OK);
    char *b = slurp(f->path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, (size_t)n1);
    free(a);
    free(b);
    free(px);
}

static void errors_name_the_file(void **state)
{
    fixture *f = *state;
    uint32_t px[4] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
    char err[256] = "", path[128];
    snprintf(path, sizeof path, "%s/none/a.png", f->dir);
    assert_int_equal(tc_png_write(path, (unsigned char *)px, 2, 2, 8, err, sizeof err),
                     TC_ERR_WRITE);
    char want[256];
    snprintf(want, sizeof want, "%s: No such file or directory", path);
    assert_string_equal(err, want);
    assert_int_equal(tc_png_write(f->path, (unsigned char *)px, 0, 2, 8, err, sizeof err),
                     TC_ERR_RENDER);
    snprintf(want, sizeof want, "%s: no picture to write (0 x 2)", f->path);
    assert_string_equal(err, want);
    assert_int_equal(access(f->path, F_OK), -1);
}

static void full_disk_is_a_write_error(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    uint32_t *px = picture(200, 200, 0);
    char err[256] = "";
    assert_int_equal(tc_png_write("/dev/full", (unsigned char *)px, 200, 200, 800, err, sizeof err),
                     TC_ERR_WRITE);
    assert_string_equal(err, "/dev/full: No space left on device");
    free(px);
}

static void expect(const char *path, const unsigned char *px, int w, int h, int stride,
                   tc_status want, const char *reason)
{
    char err[256] = "", msg[256];
    assert_int_equal(tc_png_write(path, px, w, h, stride, err, sizeof err), want);
    snprintf(msg, sizeof msg, "%s: %s", path, reason);
    assert_string_equal(err, msg);
}

static void no_picture_writes_nothing(void **state)
{
    fixture *f = *state;
    static const uint32_t px[4] = {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
    const unsigned char *p = (const unsigned char *)px;
    expect(f->path, p, 2, 0, 8, TC_ERR_RENDER, "no picture to write (2 x 0)");
    expect(f->path, p, -1, 2, 8, TC_ERR_RENDER, "no picture to write (-1 x 2)");
    expect(f->path, p, 2, -3, 8, TC_ERR_RENDER, "no picture to write (2 x -3)");
    expect(f->path, p, 2, 2, 7, TC_ERR_RENDER, "no picture to write (2 x 2)");  /* rows overlap */
    assert_int_equal(access(f->path, F_OK), -1);
}

/* Wider than libpng's default limit of a million pixels: its reason, not
 * a system error (errno is clear), and a rendering error, not a write one. */
static void size_libpng_refuses(void **state)
{
    fixture *f = *state;
    int w = 1000001;
    unsigned char *px = calloc((size_t)w, 4);
    assert_non_null(px);
    expect(f->path, px, w, 1, w * 4, TC_ERR_RENDER, "Invalid IHDR data");
    assert_int_equal(access(f->path, F_OK), -1);    /* no empty file left */
    free(px);
}

/* One pixel stays in stdio's buffer until fclose, which finds the device full. */
static void full_device_found_at_close(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    static const uint32_t px = 0xff336699u;
    expect("/dev/full", (const unsigned char *)&px, 1, 1, 4, TC_ERR_WRITE,
           "No space left on device");
}

static void folder_as_path(void **state)
{
    fixture *f = *state;
    static const uint32_t px = 0xff336699u;
    expect(f->dir, (const unsigned char *)&px, 1, 1, 4, TC_ERR_WRITE, "Is a directory");
    struct stat st;
    assert_int_equal(stat(f->dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(opaque_picture_is_rgb_and_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(transparency_is_rgba_and_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(last_pixel_turns_rgba, setup, teardown),
        cmocka_unit_test(fast_unpack_equals_plain),
        cmocka_unit_test(whiten_unpack_equals_plain),
        cmocka_unit_test_setup_teardown(whiten_writes_the_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(whiten_refuses_a_picture_not_opaque, setup, teardown),
        cmocka_unit_test_setup_teardown(stride_padding_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(same_pixels_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_name_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(full_disk_is_a_write_error, setup, teardown),
        cmocka_unit_test_setup_teardown(no_picture_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(size_libpng_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(full_device_found_at_close, setup, teardown),
        cmocka_unit_test_setup_teardown(folder_as_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
