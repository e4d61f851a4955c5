/* A zlib-format (RFC 1950/1951) compressor made for Up-filtered chart
 * rows, which are almost all zeros: one block of fixed Huffman codes,
 * literals, and matches at distance 1 (runs) or 3 (a repeated RGB step).
 * zlib at level 1 spends most of its time walking those zeros; here a row
 * equal to the one above costs a few symbols and no pass over its bytes. */
#ifndef TC_PNG_DEFLATE_H
#define TC_PNG_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#define TC_ZF_CHUNK (64 * 1024)

/* Receives compressed bytes (an IDAT chunk's worth at a time). */
typedef void (*tc_zf_sink)(void *ctx, const unsigned char *data, size_t len);

typedef struct {
    tc_zf_sink sink;
    void *ctx;
    uint64_t bits;              /* pending output bits, LSB first */
    int nbits;
    uint32_t s1, s2;            /* Adler-32 of the uncompressed bytes */
    size_t len;
    uint16_t lit[288];          /* fixed Huffman codes, bit-reversed */
    uint8_t lit_bits[288];
    unsigned char buf[TC_ZF_CHUNK + 64];
} tc_zf;

void tc_zf_begin(tc_zf *z, tc_zf_sink sink, void *ctx);

/* Compresses len bytes (matches stay inside them). */
void tc_zf_bytes(tc_zf *z, const unsigned char *p, size_t len);

/* Compresses the byte `first` followed by `zeros` zero bytes. */
void tc_zf_zero_run(tc_zf *z, unsigned char first, size_t zeros);

/* Ends the stream (end of block, Adler-32) and hands over the rest. */
void tc_zf_end(tc_zf *z);

#endif
