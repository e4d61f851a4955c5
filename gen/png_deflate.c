/* The fixed-code run compressor of png_deflate.h. */
#include "png_deflate.h"

#include <string.h>

#define ADLER_MOD 65521u
#define MAX_MATCH 258
#define MIN_MATCH 3

static uint32_t reverse(uint32_t code, int n)
{
    uint32_t r = 0;
    for (int i = 0; i < n; i++, code >>= 1)
        r = r << 1 | (code & 1u);
    return r;
}

/* RFC 1951 3.2.6: the fixed literal/length code. */
static void fixed_codes(tc_zf *z)
{
    for (uint32_t s = 0; s < 288; s++) {
        uint32_t code, n;
        if (s < 144)
            code = 0x30 + s, n = 8;
        else if (s < 256)
            code = 0x190 + s - 144, n = 9;
        else if (s < 280)
            code = s - 256, n = 7;
        else
            code = 0xc0 + s - 280, n = 8;
        z->lit[s] = (uint16_t)reverse(code, (int)n);
        z->lit_bits[s] = (uint8_t)n;
    }
}

static void drain(tc_zf *z)
{
    while (z->nbits >= 8) {
        z->buf[z->len++] = (unsigned char)z->bits;
        z->bits >>= 8;
        z->nbits -= 8;
    }
    if (z->len >= TC_ZF_CHUNK) {
        z->sink(z->ctx, z->buf, z->len);
        z->len = 0;
    }
}

static void put(tc_zf *z, uint32_t v, int n)
{
    z->bits |= (uint64_t)v << z->nbits;
    z->nbits += n;
    if (z->nbits >= 32)
        drain(z);
}

static void literal(tc_zf *z, unsigned char b)
{
    put(z, z->lit[b], z->lit_bits[b]);
}

/* A match of len (3..258) bytes at distance 1 or 3 (distance codes 0 and
 * 2: five bits, no extra bits). */
static void match(tc_zf *z, size_t len, unsigned dist)
{
    static const uint16_t base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                      35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const uint8_t extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    int c = 28;
    while (base[c] > len)
        c--;
    put(z, z->lit[257 + c], z->lit_bits[257 + c]);
    if (extra[c])
        put(z, (uint32_t)(len - base[c]), extra[c]);
    put(z, reverse(dist == 1 ? 0u : 2u, 5), 5);
}

/* How many of the next bytes (at most avail, and MAX_MATCH) repeat the
 * bytes dist before them. */
static size_t repeat_len(const unsigned char *p, size_t avail, size_t dist)
{
    size_t k = 0, max = avail < MAX_MATCH ? avail : MAX_MATCH;
    while (k + 8 <= max) {
        uint64_t a, b;
        memcpy(&a, p + k, 8);
        memcpy(&b, p + k - dist, 8);
        if (a != b)
            break;
        k += 8;
    }
    while (k < max && p[k] == p[k - dist])
        k++;
    return k;
}

void tc_zf_begin(tc_zf *z, tc_zf_sink sink, void *ctx)
{
    z->sink = sink;
    z->ctx = ctx;
    z->bits = 0;
    z->nbits = 0;
    z->s1 = 1;
    z->s2 = 0;
    z->len = 0;
    fixed_codes(z);
    z->buf[z->len++] = 0x78;    /* deflate, 32 KB window */
    z->buf[z->len++] = 0x01;    /* fastest; header check: 0x7801 % 31 == 0 */
    put(z, 1u | 1u << 1, 3);    /* last block, fixed codes */
}

/* Adler-32 as the symbols go: a literal b, or r bytes of value v (a run),
 * in closed form, so zeros cost nothing. uint64 sums, reduced per call:
 * a row of cairo's widest image (32767 pixels) cannot overflow them. */
static void sum_byte(uint64_t *s1, uint64_t *s2, unsigned v)
{
    *s1 += v;
    *s2 += *s1;
}

static void sum_run(uint64_t *s1, uint64_t *s2, uint64_t r, unsigned v)
{
    *s2 += r * *s1 + (uint64_t)v * r * (r + 1) / 2;
    *s1 += r * v;
}

void tc_zf_bytes(tc_zf *z, const unsigned char *p, size_t len)
{
    uint64_t s1 = z->s1, s2 = z->s2;
    size_t i = 0;
    while (i < len) {
        size_t r1 = i >= 1 ? repeat_len(p + i, len - i, 1) : 0;
        size_t r3 = r1 < MAX_MATCH && i >= 3 ? repeat_len(p + i, len - i, 3) : 0;
        if (r1 >= MIN_MATCH && r1 >= r3) {
            match(z, r1, 1);
            sum_run(&s1, &s2, r1, p[i - 1]);
            i += r1;
        } else if (r3 >= MIN_MATCH) {
            match(z, r3, 3);
            for (size_t k = 0; k < r3; k++)
                sum_byte(&s1, &s2, p[i + k]);
            i += r3;
        } else {
            sum_byte(&s1, &s2, p[i]);
            literal(z, p[i++]);
        }
        s1 %= ADLER_MOD;
        s2 %= ADLER_MOD;
    }
    z->s1 = (uint32_t)s1;
    z->s2 = (uint32_t)s2;
}

void tc_zf_zero_run(tc_zf *z, unsigned char first, size_t zeros)
{
    z->s1 = (z->s1 + first) % ADLER_MOD;
    z->s2 = (uint32_t)(((uint64_t)z->s2 + z->s1 + (uint64_t)(zeros % ADLER_MOD) * z->s1) % ADLER_MOD);
    literal(z, first);
    if (zeros == 0)
        return;
    literal(z, 0);
    size_t left = zeros - 1;
    while (left >= MIN_MATCH) {
        /* Never leave 1 or 2 bytes, which no match can carry. */
        size_t r = left > MAX_MATCH ? (left - MAX_MATCH < MIN_MATCH ? left - MIN_MATCH : MAX_MATCH)
                                    : left;
        match(z, r, 1);
        left -= r;
    }
    while (left--)
        literal(z, 0);
}

void tc_zf_end(tc_zf *z)
{
    put(z, z->lit[256], z->lit_bits[256]);
    drain(z);
    if (z->nbits > 0) {
        z->buf[z->len++] = (unsigned char)z->bits;
        z->bits = 0;
        z->nbits = 0;
    }
    uint32_t adler = z->s2 << 16 | z->s1;
    for (int k = 3; k >= 0; k--)
        z->buf[z->len++] = (unsigned char)(adler >> (8 * k));
    z->sink(z->ctx, z->buf, z->len);
    z->len = 0;
}
