/* tc_png_write's failures, by status and message (not by bytes: the
 * encoding settings may change): a picture with no size or a stride
 * shorter than its rows writes nothing, a size libpng refuses is reported
 * with libpng's reason, a full device found only when the file is closed
 * and a folder as the path are write errors naming the path. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    strcpy(f->dir, "/tmp/tc_pngerr_XXXXXX");
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
    int rc = rmdir(f->dir);
    free(f);
    return rc;
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
 * a system error (errno is clear). */
static void size_libpng_refuses(void **state)
{
    fixture *f = *state;
    int w = 1000001;
    unsigned char *px = calloc((size_t)w, 4);
    assert_non_null(px);
    expect(f->path, px, w, 1, w * 4, TC_ERR_WRITE, "Invalid IHDR data");
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
        cmocka_unit_test_setup_teardown(no_picture_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(size_libpng_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(full_device_found_at_close, setup, teardown),
        cmocka_unit_test_setup_teardown(folder_as_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
