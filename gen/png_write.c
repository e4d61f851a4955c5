/* PNG for chart bitmaps: signature, IHDR, IDAT chunks streamed from one
 * zlib stream, IEND (ISO/IEC 15948). Every row uses the Up filter: on
 * charts most rows repeat the one above (bars, plot areas, white space)
 * and the rest differ from it in a few bytes, so what is left to compress
 * is almost all zeros (png_deflate.c). */
#include "tc_png.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "png_deflate.h"

#define FILTER_UP 2

typedef struct {
    FILE *f;
    tc_zf z;
    int failed;
} png_out;

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void chunk(png_out *o, const char *type, const unsigned char *data, size_t len)
{
    unsigned char head[8], tail[4];
    put32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), head + 4, 4);
    crc = len ? crc32(crc, data, (uInt)len) : crc;
    put32(tail, (uint32_t)crc);
    if (fwrite(head, 1, 8, o->f) != 8 || (len && fwrite(data, 1, len, o->f) != len) ||
        fwrite(tail, 1, 4, o->f) != 4)
        o->failed = 1;
}

static void idat(void *ctx, const unsigned char *data, size_t len)
{
    chunk(ctx, "IDAT", data, len);
}

static int opaque(const unsigned char *pixels, int w, int h, int stride)
{
    uint32_t all = 0xffffffffu;         /* AND of every pixel: vectorises */
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++)
            all &= row[x];
        if ((all >> 24) != 0xffu)
            return 0;
    }
    return 1;
}

/* One row as PNG samples (un-premultiplied when it has alpha). */
static void unpack(const uint32_t *px, int w, int ch, unsigned char *out)
{
    for (int x = 0; x < w; x++, out += ch) {
        uint32_t v = px[x], a = v >> 24;
        for (int k = 0; k < 3; k++) {
            uint32_t c = (v >> (16 - 8 * k)) & 0xffu;
            out[k] = (unsigned char)(ch == 3 || a == 0xffu ? c : a ? (c * 255u + a / 2u) / a : 0u);
        }
        if (ch == 4)
            out[3] = (unsigned char)a;
    }
}

/* An opaque row minus the row above, in one pass: the Up filter. */
static void up_opaque(const uint32_t *px, const uint32_t *above, int w, unsigned char *out)
{
    for (int x = 0; x < w; x++, out += 3) {
        uint32_t v = px[x], u = above[x];
        out[0] = (unsigned char)((v >> 16) - (u >> 16));
        out[1] = (unsigned char)((v >> 8) - (u >> 8));
        out[2] = (unsigned char)(v - u);
    }
}

/* Filtered rows into the zlib stream. A row equal to the one above is all
 * zeros after the Up filter: it is neither unpacked nor scanned. */
static void rows(png_out *o, const unsigned char *pixels, int w, int h, int stride, int ch,
                 unsigned char *cur, unsigned char *prev, unsigned char *line)
{
    size_t len = (size_t)w * (size_t)ch;
    line[0] = FILTER_UP;
    const uint32_t *above = NULL;
    for (int y = 0; y < h && !o->failed; y++) {
        const uint32_t *px = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
        if (above && memcmp(px, above, (size_t)w * 4) == 0) {
            tc_zf_zero_run(&o->z, FILTER_UP, len);
            continue;
        }
        if (ch == 3 && above) {
            up_opaque(px, above, w, line + 1);
        } else {
            unpack(px, w, ch, cur);
            for (size_t i = 0; i < len; i++)
                line[1 + i] = (unsigned char)(cur[i] - (above ? prev[i] : 0));
            unsigned char *t = prev;
            prev = cur;
            cur = t;
        }
        tc_zf_bytes(&o->z, line, len + 1);
        above = px;
    }
}

static void encode(png_out *o, const unsigned char *pixels, int w, int h, int stride)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    int ch = opaque(pixels, w, h, stride) ? 3 : 4;
    unsigned char ihdr[13];
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 8;                            /* bits per sample */
    ihdr[9] = ch == 3 ? 2 : 6;              /* colour type: RGB or RGBA */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;     /* deflate, adaptive filters, no interlace */
    if (fwrite(sig, 1, 8, o->f) != 8)
        o->failed = 1;
    chunk(o, "IHDR", ihdr, sizeof ihdr);
    size_t len = (size_t)w * (size_t)ch;
    unsigned char *buf = malloc(3 * len + 1);
    if (!buf) {
        o->failed = 1;
        return;
    }
    tc_zf_begin(&o->z, idat, o);
    rows(o, pixels, w, h, stride, ch, buf, buf + len, buf + 2 * len);
    tc_zf_end(&o->z);
    free(buf);
    chunk(o, "IEND", NULL, 0);
}

tc_status tc_png_write(const char *path, const unsigned char *pixels, int width, int height,
                       int stride, char *err, size_t n)
{
    if (width <= 0 || height <= 0 || stride < 4 * width) {
        snprintf(err, n, "%s: no picture to write (%d x %d)", path, width, height);
        return TC_ERR_RENDER;
    }
    png_out *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, n, "%s: %s", path, tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    if (!(o->f = fopen(path, "wb"))) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        free(o);
        return TC_ERR_WRITE;
    }
    encode(o, pixels, width, height, stride);
    int saved = ferror(o->f) ? errno : 0;
    if (fclose(o->f) != 0 && !saved)
        saved = errno ? errno : EIO;
    tc_status st = o->failed || saved ? TC_ERR_WRITE : TC_OK;
    if (st != TC_OK)
        snprintf(err, n, "%s: %s", path, saved ? strerror(saved) : "could not be written");
    free(o);
    return st;
}
