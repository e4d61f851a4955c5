/* Diagnostics list and the escaping of echoed input text. */
#include "tc_diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void tc_diags_init(tc_diags *d)
{
    memset(d, 0, sizeof *d);
}

void tc_diags_free(tc_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].path);
        free(d->items[i].message);
    }
    free(d->items);
    tc_diags_init(d);
}

static int diags_grow(tc_diags *d)
{
    if (d->count < d->cap)
        return 0;
    size_t cap = d->cap ? d->cap * 2 : 16;
    tc_diag *items = realloc(d->items, cap * sizeof *items);
    if (!items)
        return -1;
    d->items = items;
    d->cap = cap;
    return 0;
}

void tc_diags_add(tc_diags *d, const char *file, int line, int col,
                  const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (diags_grow(d) != 0) {
        d->oom = 1;
        return;
    }
    tc_diag *it = &d->items[d->count];
    it->file = strdup(file ? file : "");
    it->path = strdup(path ? path : "");
    it->message = strdup(msg);
    it->line = line;
    it->col = col;
    if (!it->file || !it->path || !it->message) {
        free(it->file);
        free(it->path);
        free(it->message);
        d->oom = 1;
        return;
    }
    d->count++;
}

void tc_diags_print(const tc_diags *d, FILE *f)
{
    for (size_t i = 0; i < d->count; i++) {
        const tc_diag *it = &d->items[i];
        /* A file name from a glob is the input's too: an ESC in it must not
         * reach the terminal raw. */
        char *file = tc_escape(it->file, strlen(it->file), (size_t)-1 / 8);
        const char *name = file ? file : "?";
        if (it->line == 0)
            fprintf(f, "tokcost: %s: %s%s%s\n", name, it->path, it->path[0] ? ": " : "",
                    it->message);
        else if (it->path[0])
            fprintf(f, "%s:%d:%d: %s: %s\n", name, it->line, it->col, it->path, it->message);
        else
            fprintf(f, "%s:%d:%d: %s\n", name, it->line, it->col, it->message);
        free(file);
    }
    if (d->oom)
        fprintf(f, "tokcost: out of memory: some errors were not recorded\n");
}

/* Length of the valid UTF-8 sequence at s (at most left bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
    size_t n;
    unsigned min;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0) { n = 2; min = 0x80; }
    else if ((s[0] & 0xF0) == 0xE0) { n = 3; min = 0x800; }
    else if ((s[0] & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
    else return 0;
    if (n > left)
        return 0;
    unsigned cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    /* C1 controls (U+0080..U+009F) can act as terminal escapes too. */
    if (cp >= 0x80 && cp <= 0x9F)
        return 0;
    return n;
}

char *tc_escape(const char *s, size_t len, size_t max)
{
    size_t lim = len < max ? len : max;
    char *out = malloc(lim * 4 + 4);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < lim) {
        size_t n = utf8_len(p + i, lim - i);
        if (n == 1 && p[i] >= 0x20 && p[i] != 0x7F && p[i] != '\\') {
            out[o++] = (char)p[i++];
        } else if (n > 1) {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        } else {
            o += (size_t)sprintf(out + o, p[i] == '\\' ? "\\\\" : "\\x%02x", p[i]);
            i++;
        }
    }
    if (len > max) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}
