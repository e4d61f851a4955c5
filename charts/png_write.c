/* Chart bitmaps to PNG through libpng, with settings chosen for charts.
 * Measured on the committee example's nine charts at 2x (43 MB of pixels):
 * libpng's defaults (adaptive filters, level 6) take 450 ms for 825 KB;
 * no filter at zlib level 1 takes 90 ms for 1.0 MB, faster and smaller
 * than the Up filter with the run-length strategy (115 ms, 1.4 MB): flat
 * colour repeats whole pixels, which level 1's matcher finds unfiltered. */
#include "tc_png.h"
#include "png_pixels.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char *err;
    size_t n;
    const char *path;
    tc_status st;
    int whiten;             /* tc_png_write_whiten: each row left white once read */
} png_ctx;

/* A system error while writing is a write error; libpng refusing the
 * picture itself (a size over its limits) is a rendering error. */
static void on_error(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->err, c->n, "%s: %s", c->path, errno ? strerror(errno) : msg);
    c->st = errno ? TC_ERR_WRITE : TC_ERR_RENDER;
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;      /* libpng warns of nothing a chart can cause */
}

enum { NOT_OPAQUE = 1 };

/* The rows to libpng: as RGB (ch 3), stopping with NOT_OPAQUE at the first
 * row with a pixel that is not (the caller starts again as RGBA: never a
 * chart), so no pass of its own reads the picture first. */
static int write_rows(png_structp png, const png_ctx *ctx, const unsigned char *pixels, int w,
                      int h, int stride, int ch, unsigned char *row)
{
    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
        if (ch == 4)
            tc_png_unpack_rgba(px, w, row);
        else if ((ctx->whiten ? tc_png_unpack_rgb_whiten((uint32_t *)px, w, row)
                              : tc_png_unpack_rgb(px, w, row)) >> 24 != 0xFF)
            return NOT_OPAQUE;
        png_write_row(png, row);
    }
    return 0;
}

/* Everything libpng does for one picture; 0, NOT_OPAQUE, or -1 after
 * on_error. */
static int encode(FILE *f, png_ctx *ctx, const unsigned char *pixels, int w, int h,
                  int stride, int ch, unsigned char *row)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, ctx, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        snprintf(ctx->err, ctx->n, "%s: %s", ctx->path, tc_strerror(TC_ERR_NOMEM));
        ctx->st = TC_ERR_NOMEM;
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 ch == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 1);
    png_write_info(png, info);
    int rc = write_rows(png, ctx, pixels, w, h, stride, ch, row);
    if (rc == 0)
        png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return rc;
}

/* RGB first; a picture found not opaque is written again from the start as
 * RGBA (the file emptied first), except one being whitened: its rows read
 * are white already, and a chart is opaque by construction (drawn over
 * opaque white), so that is a fault of the drawing, reported. */
static int encode_any(FILE *f, png_ctx *ctx, const unsigned char *pixels, int w, int h,
                      int stride, unsigned char *row)
{
    int rc = encode(f, ctx, pixels, w, h, stride, 3, row);
    if (rc != NOT_OPAQUE)
        return rc;
    if (ctx->whiten) {
        snprintf(ctx->err, ctx->n, "%s: the chart's bitmap is not opaque", ctx->path);
        ctx->st = TC_ERR_RENDER;
        return -1;
    }
    if (fflush(f) != 0 || ftruncate(fileno(f), 0) != 0 || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(ctx->err, ctx->n, "%s: %s", ctx->path, strerror(errno ? errno : EIO));
        ctx->st = TC_ERR_WRITE;
        return -1;
    }
    return encode(f, ctx, pixels, w, h, stride, 4, row);
}

static tc_status png_write(const char *path, const unsigned char *pixels, int width, int height,
                           int stride, int whiten, char *err, size_t n)
{
    if (width <= 0 || height <= 0 || stride < 4 * width) {
        snprintf(err, n, "%s: no picture to write (%d x %d)", path, width, height);
        return TC_ERR_RENDER;
    }
    unsigned char *row = malloc((size_t)width * 4 + TC_PNG_SLACK);
    if (!row) {
        snprintf(err, n, "%s: %s", path, tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        free(row);
        return TC_ERR_WRITE;
    }
    png_ctx ctx = {err, n, path, TC_ERR_WRITE, whiten};
    errno = 0;
    int failed = encode_any(f, &ctx, pixels, width, height, stride, row) != 0;
    int saved = ferror(f) ? (errno ? errno : EIO) : 0;
    struct stat sb;
    int regular = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
    if (fclose(f) != 0 && !saved)
        saved = errno ? errno : EIO;
    free(row);
    if (!failed && !saved)
        return TC_OK;
    if (!failed)
        snprintf(err, n, "%s: %s", path, strerror(saved));
    if (regular)
        unlink(path);   /* no partial picture, whoever called; never a device */
    return failed ? ctx.st : TC_ERR_WRITE;
}

tc_status tc_png_write(const char *path, const unsigned char *pixels, int width, int height,
                       int stride, char *err, size_t n)
{
    return png_write(path, pixels, width, height, stride, 0, err, n);
}

tc_status tc_png_write_whiten(const char *path, unsigned char *pixels, int width, int height,
                              int stride, char *err, size_t n)
{
    return png_write(path, pixels, width, height, stride, 1, err, n);
}
