/* The pass over a chart's pixels before libpng sees them. Measured on the
 * committee example (nine 1600 x 1000 charts): the per-pixel unpack cost
 * 200 M instructions of the render; with SSSE3's byte shuffle (four pixels
 * a step) it is a tenth of that. The unpack also ANDs the pixels, so that
 * no pass of its own reads the 6 MB to find them opaque. Every x86-64
 * processor since 2006 has SSSE3; others, and old ones, take the plain
 * loop, which gives the same bytes. */
#include "png_pixels.h"

/* whiten: each pixel set to opaque white once read (tc_png_unpack_rgb_whiten). */
static uint32_t unpack_rgb_plain(uint32_t *px, int w, unsigned char *out, int whiten)
{
    uint32_t all = 0xFFFFFFFFu;
    for (int x = 0; x < w; x++, out += 3) {
        uint32_t p = px[x];
        all &= p;
        out[0] = (unsigned char)(p >> 16);
        out[1] = (unsigned char)(p >> 8);
        out[2] = (unsigned char)p;
        if (whiten)
            px[x] = 0xFFFFFFFFu;
    }
    return all;
}

uint32_t tc_png_unpack_rgb_plain(const uint32_t *px, int w, unsigned char *out)
{
    return unpack_rgb_plain((uint32_t *)px, w, out, 0);   /* never written: whiten 0 */
}

uint32_t tc_png_unpack_rgb_whiten_plain(uint32_t *px, int w, unsigned char *out)
{
    return unpack_rgb_plain(px, w, out, 1);
}

void tc_png_unpack_rgba(const uint32_t *px, int w, unsigned char *out)
{
    for (int x = 0; x < w; x++, out += 4) {
        uint32_t p = px[x];
        unsigned a = p >> 24, c[3] = {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF};
        for (int k = 0; k < 3; k++)
            out[k] = (unsigned char)(a == 0 ? 0 : a == 0xFF ? c[k] : (c[k] * 255 + a / 2) / a);
        out[3] = (unsigned char)a;
    }
}

#if defined(__x86_64__)
#include <tmmintrin.h>

#define FAST __attribute__((target("ssse3")))

static int fast(void)
{
    return __builtin_cpu_supports("ssse3");
}

/* Little-endian ARGB32 is B, G, R, A in memory: bytes 2, 1, 0 of each
 * pixel, twelve bytes a step; the word's last four are overwritten by the
 * next step (or land in the slack). Whitening stores to the line just
 * loaded, which is in the cache: cheaper than a fill of its own, which
 * reads the 6 MB bitmap from memory again to write it. */
FAST static uint32_t unpack_rgb(uint32_t *px, int w, unsigned char *out, int whiten)
{
    const __m128i m = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m128i ones = _mm_set1_epi32(-1);
    __m128i all = ones;
    int x = 0;
    for (; x + 4 <= w; x += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(px + x));
        all = _mm_and_si128(all, v);
        _mm_storeu_si128((__m128i *)(void *)(out + 3 * (size_t)x), _mm_shuffle_epi8(v, m));
        if (whiten)
            _mm_storeu_si128((__m128i *)(void *)(px + x), ones);
    }
    all = _mm_and_si128(all, _mm_shuffle_epi32(all, _MM_SHUFFLE(1, 0, 3, 2)));
    all = _mm_and_si128(all, _mm_shuffle_epi32(all, _MM_SHUFFLE(2, 3, 0, 1)));
    return (uint32_t)_mm_cvtsi128_si32(all)
           & unpack_rgb_plain(px + x, w - x, out + 3 * (size_t)x, whiten);
}

uint32_t tc_png_unpack_rgb(const uint32_t *px, int w, unsigned char *out)
{
    return fast() ? unpack_rgb((uint32_t *)px, w, out, 0) : tc_png_unpack_rgb_plain(px, w, out);
}

uint32_t tc_png_unpack_rgb_whiten(uint32_t *px, int w, unsigned char *out)
{
    return fast() ? unpack_rgb(px, w, out, 1) : tc_png_unpack_rgb_whiten_plain(px, w, out);
}

#else

uint32_t tc_png_unpack_rgb(const uint32_t *px, int w, unsigned char *out)
{
    return tc_png_unpack_rgb_plain(px, w, out);
}

uint32_t tc_png_unpack_rgb_whiten(uint32_t *px, int w, unsigned char *out)
{
    return tc_png_unpack_rgb_whiten_plain(px, w, out);
}

#endif
