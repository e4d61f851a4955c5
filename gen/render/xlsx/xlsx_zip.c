/* Checks a finished workbook. libxlsxwriter 1.1.4 can report success when
 * its temporary files could not be written in full (a full disk): the zip
 * is then well formed but a part inside is cut short. So every part is
 * inflated, its CRC checked, and every XML part must end with the closing
 * tag of its root element. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xlsx.h"

#define MAX_BOOK (1L << 30)

static uint32_t le16(const unsigned char *p)
{
    return p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    unsigned char *buf = size > 0 && size < MAX_BOOK && fseek(f, 0, SEEK_SET) == 0
                         ? malloc((size_t)size) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = buf ? (size_t)size : 0;
    return buf;
}

/* Offset of the end-of-central-directory record, or 0 (it is never at 0). */
static size_t find_eocd(const unsigned char *b, size_t n)
{
    for (size_t k = n >= 22 ? n - 22 : 0; n >= 22 && k > 0 && n - k <= 22 + 65535; k--)
        if (le32(b + k) == 0x06054b50 && k + 22 + le16(b + k + 20) == n)
            return k;
    return 0;
}

/* An XML part ends with the closing tag of its root (or is one empty root). */
static int xml_whole(const unsigned char *x, size_t n)
{
    const unsigned char *p = x, *end = x + n;
    while (p < end && (*p != '<' || (p + 1 < end && (p[1] == '?' || p[1] == '!')))) {
        const unsigned char *gt = memchr(p, '>', (size_t)(end - p));
        p = *p == '<' && gt ? gt + 1 : p + 1;
    }
    size_t len = 0;
    while (p + 1 + len < end && !strchr(" />\t\r\n", p[1 + len]))
        len++;
    while (end > x && strchr(" \t\r\n", end[-1]))
        end--;
    if (len == 0 || p + 1 + len >= end)
        return 0;
    if (end - p >= 2 && end[-2] == '/' && !memchr(p + 1, '<', (size_t)(end - p - 1)))
        return 1;   /* <root .../> */
    return (size_t)(end - x) >= len + 3 && end[-1] == '>' && end[-len - 3] == '<'
           && end[-len - 2] == '/' && memcmp(end - len - 1, p + 1, len) == 0;
}

/* Inflates one entry and checks its size, CRC and, for XML, its end. */
static int entry_ok(const unsigned char *b, size_t n, const unsigned char *cd)
{
    uint32_t method = le16(cd + 10), crc = le32(cd + 16), csize = le32(cd + 20);
    uint32_t usize = le32(cd + 24), off = le32(cd + 42), nlen = le16(cd + 28);
    if ((size_t)off + 30 > n || le32(b + off) != 0x04034b50)
        return 0;
    size_t data = (size_t)off + 30 + le16(b + off + 26) + le16(b + off + 28);
    if (data + csize > n || (method != 0 && method != 8))
        return 0;
    unsigned char *out = malloc(usize ? usize : 1);
    if (!out)
        return 0;
    uLongf got = usize;
    int ok;
    if (method == 0) {
        ok = csize == usize;
        if (ok)
            memcpy(out, b + data, usize);
    } else {
        z_stream z = { .next_in = (Bytef *)(b + data), .avail_in = csize, .next_out = out,
                       .avail_out = usize };
        ok = inflateInit2(&z, -MAX_WBITS) == Z_OK;
        ok = ok && inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out == usize;
        inflateEnd(&z);
    }
    ok = ok && crc32(0L, out, (uInt)got) == crc;
    const char *name = (const char *)cd + 46;
    int xml = nlen > 4 && (memcmp(name + nlen - 4, ".xml", 4) == 0 || memcmp(name + nlen - 4, "rels", 4) == 0);
    ok = ok && (!xml || xml_whole(out, usize));
    free(out);
    return ok;
}

int xl_zip_complete(const char *path)
{
    size_t n = 0;
    unsigned char *b = slurp(path, &n);
    size_t e = b ? find_eocd(b, n) : 0;
    int ok = e > 0;
    uint32_t entries = ok ? le16(b + e + 10) : 0, cd_size = ok ? le32(b + e + 12) : 0;
    uint32_t cd_off = ok ? le32(b + e + 16) : 0;
    ok = ok && entries > 0 && (size_t)cd_off + cd_size == e;
    size_t at = cd_off;
    for (uint32_t k = 0; ok && k < entries; k++) {
        const unsigned char *cd = b + at;
        ok = at + 46 <= e && le32(cd) == 0x02014b50 && at + 46 + le16(cd + 28) <= e
             && entry_ok(b, n, cd);
        if (ok)
            at += 46 + le16(cd + 28) + le16(cd + 30) + le16(cd + 32);
    }
    free(b);
    return ok && at == e;
}
