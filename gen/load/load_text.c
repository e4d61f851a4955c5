/* Text-valued keys: free text, ids, enums, booleans, dates, currencies.
 * Free text ends up in PDFs, spreadsheets and terminals, so it must be
 * valid UTF-8 without control characters and of bounded length. */
#include "load_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 1000

/* Bidirectional controls: they reorder what a reader sees (a name that
 * reads "Vendor A" while its bytes say otherwise), so text refuses them. */
static int is_bidi(unsigned cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Length of the UTF-8 character at s, 0 if invalid or a control character;
 * *bidi set for a bidirectional control. */
static size_t utf8_char(const unsigned char *s, size_t left, unsigned *bidi)
{
    if (s[0] < 0x80)
        return (s[0] < 0x20 || s[0] == 0x7F) ? 0 : 1;
    size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || n > left)
        return 0;
    unsigned cp = s[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F))
        return 0;
    if (is_bidi(cp)) {
        *bidi = cp;
        return 0;
    }
    return n;
}

/* The scalar at n as checked text, or NULL (reported). */
static const tc_node *text_node(tc_ld *c, const tc_node *n, const char *what)
{
    if (n->bad)
        return NULL;
    if (n->kind != TC_NODE_SCALAR) {
        tc_ld_err(c, n, "expected %s, got %s", what, tc_ld_kind_name(n));
        return NULL;
    }
    if (n->len == 0) {
        tc_ld_err(c, n, "expected %s, got an empty value", what);
        return NULL;
    }
    return n;
}

static int text_ok(tc_ld *c, const tc_node *n)
{
    if (n->len > TEXT_MAX) {
        tc_ld_err(c, n, "text of %zu bytes is too long (expected at most %d bytes)", n->len, TEXT_MAX);
        return 0;
    }
    const unsigned char *s = (const unsigned char *)n->text;
    for (size_t i = 0; i < n->len;) {
        unsigned bidi = 0;
        size_t k = utf8_char(s + i, n->len - i, &bidi);
        if (k == 0 && bidi) {
            tc_ld_err(c, n, "text contains the bidirectional control U+%04X (it can make a name "
                            "read other than it is; expected plain text)", bidi);
            return 0;
        }
        if (k == 0) {
            tc_ld_err(c, n, s[i] < 0x80 ? "text contains a control character (expected printable text)"
                                        : "text is not valid utf-8 (expected utf-8 text)");
            return 0;
        }
        i += k;
    }
    return 1;
}

/* Finds key (reporting it missing when need is REQUIRED) and pushes its path. */
static const tc_node *key_open(tc_ld *c, const tc_node *map, const char *key, tc_need need,
                               size_t *old)
{
    const tc_node *v = need == TC_LD_REQUIRED ? tc_ld_require(c, map, key) : tc_ld_get(map, key);
    if (v)
        *old = tc_ld_push(c, key);
    return v;
}

int tc_ld_text_key(tc_ld *c, const tc_node *map, const char *key, tc_need need, char **out)
{
    size_t old;
    *out = NULL;
    const tc_node *v = key_open(c, map, key, need, &old);
    if (!v)
        return need != TC_LD_REQUIRED;
    const tc_node *t = text_node(c, v, "a text");
    if (t && text_ok(c, t))
        *out = tc_ld_strdup(c, t->text, t->len);
    tc_ld_pop(c, old);
    return *out != NULL;
}

int tc_ld_id_ok(const tc_node *n)
{
    if (n->len < 1 || n->len > 64)
        return 0;
    for (size_t i = 0; i < n->len; i++) {
        char ch = n->text[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
            return 0;
    }
    return 1;
}

/* A text key whose value must pass ok: a copy in *out, else the error
 * `invalid WHAT "VALUE" (expected EXPECTED)`. Absent: 0 if required. */
static int checked_text_key(tc_ld *c, const tc_node *map, const char *key, tc_need need,
                            const char *noun, int (*ok)(const tc_node *), const char *what,
                            const char *expected, char **out)
{
    size_t old;
    tc_esc e;
    *out = NULL;
    const tc_node *v = key_open(c, map, key, need, &old);
    if (!v)
        return need != TC_LD_REQUIRED;
    const tc_node *t = text_node(c, v, noun);
    if (t && !ok(t))
        tc_ld_err(c, t, "invalid %s \"%s\" (expected %s)", what,
                  tc_ld_esc(&e, t->text, t->len), expected);
    else if (t)
        *out = tc_ld_strdup(c, t->text, t->len);
    tc_ld_pop(c, old);
    return *out != NULL;
}

int tc_ld_id_key(tc_ld *c, const tc_node *map, const char *key, char **out)
{
    return checked_text_key(c, map, key, TC_LD_REQUIRED, "an id", tc_ld_id_ok, "id",
                            "1 to 64 of a-z, 0-9, _ and -", out);
}

int tc_ld_enum_key(tc_ld *c, const tc_node *map, const char *key,
                   const char *const *names, int def, int *out)
{
    size_t old;
    *out = def;
    const tc_node *v = key_open(c, map, key, TC_LD_DEFAULT, &old);
    if (!v)
        return 1;
    int found = -1;
    for (int i = 0; names[i] && found < 0; i++)
        if (tc_node_is(v, names[i]))
            found = i;
    if (found >= 0) {
        *out = found;
    } else if (!v->bad) {
        char list[400];
        tc_ld_list(names, list, sizeof list);
        tc_esc e;
        if (v->kind == TC_NODE_SCALAR)
            tc_ld_err(c, v, "invalid value \"%s\" (expected one of: %s)",
                      tc_ld_esc(&e, v->text, v->len), list);
        else
            tc_ld_err(c, v, "expected one of: %s, got %s", list, tc_ld_kind_name(v));
    }
    tc_ld_pop(c, old);
    return found >= 0;
}

const char *tc_ld_list(const char *const *names, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0, o = 0; names[i] && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", names[i]);
    return buf;
}

int tc_ld_term_of(const tc_node *v, const tc_term *t, size_t n)
{
    if (!v || v->kind != TC_NODE_SCALAR || v->bad)
        return -1;
    return tc_term_find(t, n, v->text, v->len);
}

const char *const *tc_ld_term_names(const tc_term *t, size_t n, const char **buf)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = t[i].name;
    buf[n] = NULL;
    return buf;
}

int tc_ld_term_key(tc_ld *c, const tc_node *map, const char *key, const tc_term *t, size_t n,
                   int def, int *out)
{
    const char *names[TC_LD_MAX_TERMS + 1];
    return tc_ld_enum_key(c, map, key, tc_ld_term_names(t, n, names), def, out);
}

int tc_ld_bool_key(tc_ld *c, const tc_node *map, const char *key, int def, int *out)
{
    static const char *const names[] = {"false", "true", "False", "True", "FALSE", "TRUE", NULL};
    size_t old;
    *out = def;
    const tc_node *v = key_open(c, map, key, TC_LD_DEFAULT, &old);
    if (!v)
        return 1;
    int found = -1;
    for (int i = 0; names[i] && found < 0; i++)
        if (tc_node_is(v, names[i]))
            found = i;
    tc_esc e;
    if (found >= 0)
        *out = found % 2;
    else if (!v->bad && v->kind == TC_NODE_SCALAR)
        tc_ld_err(c, v, "expected true or false, got \"%s\"", tc_ld_esc(&e, v->text, v->len));
    else if (!v->bad)
        tc_ld_err(c, v, "expected true or false, got %s", tc_ld_kind_name(v));
    tc_ld_pop(c, old);
    return found >= 0;
}

static int date_ok(const tc_node *n)
{
    int y, m, d;
    char tail;
    if (n->len != 10 || n->text[4] != '-' || n->text[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (n->text[i] < '0' || n->text[i] > '9'))
            return 0;
    if (sscanf(n->text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int tc_ld_date_key(tc_ld *c, const tc_node *map, const char *key, char **out)
{
    return checked_text_key(c, map, key, TC_LD_OPTIONAL, "a date YYYY-MM-DD", date_ok, "date",
                            "a calendar date YYYY-MM-DD", out);
}

int tc_ld_currency_key(tc_ld *c, const tc_node *map, const char *key, char out[4])
{
    size_t old;
    tc_esc e;
    memcpy(out, "USD", 4);
    const tc_node *v = key_open(c, map, key, TC_LD_DEFAULT, &old);
    if (!v)
        return 1;
    const tc_node *t = text_node(c, v, "a currency code");
    int ok = t && t->len == 3;
    for (size_t i = 0; ok && i < 3; i++)
        ok = t->text[i] >= 'A' && t->text[i] <= 'Z';
    if (ok)
        memcpy(out, t->text, 4);
    else if (t)
        tc_ld_err(c, t, "invalid currency \"%s\" (expected 3 uppercase letters, e.g. USD)",
                  tc_ld_esc(&e, t->text, t->len));
    tc_ld_pop(c, old);
    return ok;
}
