/* JSON artifacts through jansson: one object, an array of objects, or JSON
 * lines (several values one after another). jansson locates syntax errors;
 * for a field that is missing or of the wrong type, the raw bytes are
 * scanned for the field's key, so that the message points at it too. */
#include "import_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A file's bytes and a cursor for line numbers: records are located in
 * increasing order, so counting newlines from the last one is linear. */
typedef struct {
    const char *buf;
    size_t len;
    size_t at, start;       /* the last offset located, the start of its line */
    int line;
} js_file;

typedef struct {
    json_t *obj;
    js_file *f;
    size_t at;              /* the record's '{' in the file */
} js_rec;

static size_t ws(const char *b, size_t n, size_t i)
{
    while (i < n && strchr(" \t\r\n", b[i]) && b[i])
        i++;
    return i;
}

/* The end of the value at i (jansson has read it: well formed). */
static size_t skip_value(const char *b, size_t n, size_t i)
{
    int depth = 0;
    do {
        if (b[i] == '"') {
            for (i++; i < n && b[i] != '"'; i++)
                if (b[i] == '\\')
                    i++;
            i++;
        } else if (b[i] == '{' || b[i] == '[') {
            depth++;
            i++;
        } else if (b[i] == '}' || b[i] == ']') {
            depth--;
            i++;
        } else if (depth == 0) {
            while (i < n && !strchr(",}] \t\r\n", b[i]))
                i++;
        } else {
            i++;
        }
    } while (i < n && depth > 0);
    return i;
}

/* The offset of key's value in the object at i, or (size_t)-1. */
static size_t find_key(const char *b, size_t n, size_t i, const char *key, size_t klen)
{
    i = ws(b, n, i);
    if (i >= n || b[i] != '{')
        return (size_t)-1;
    for (i = ws(b, n, i + 1); i < n && b[i] == '"';) {
        size_t k = i + 1, end = skip_value(b, n, i);
        size_t v = ws(b, n, ws(b, n, end) + 1);     /* past the ':' */
        if (end - k - 1 == klen && memcmp(b + k, key, klen) == 0)
            return v;
        i = ws(b, n, skip_value(b, n, v));
        if (i < n && b[i] == ',')
            i = ws(b, n, i + 1);
    }
    return (size_t)-1;
}

static void line_col(js_file *f, size_t at, int *line, int *col)
{
    if (at < f->at) {
        f->at = f->start = 0;
        f->line = 1;
    }
    for (size_t i = f->at; i < at; i++)
        if (f->buf[i] == '\n') {
            f->line++;
            f->start = i + 1;
        }
    f->at = at;
    *line = f->line;
    *col = (int)(at - f->start) + 1;
}

/* The value at the dotted path key, and where it is (at: the record's
 * start, or the deepest part of the path found). */
static json_t *js_get(const js_rec *j, const char *key, size_t *at)
{
    json_t *v = j->obj;
    size_t pos = j->at;
    const char *p = key;
    while (v && *p) {
        size_t k = strcspn(p, ".");
        char part[80];
        snprintf(part, sizeof part, "%.*s", (int)k, p);
        v = json_is_object(v) ? json_object_get(v, part) : NULL;
        size_t off = v ? find_key(j->f->buf, j->f->len, pos, p, k) : (size_t)-1;
        if (off != (size_t)-1)
            pos = off;
        p += k + (p[k] == '.');
    }
    *at = pos;
    return v;
}

static void js_where(const imp_row *r, const char *key, int *line, int *col)
{
    const js_rec *j = r->impl;
    size_t at;
    js_get(j, key, &at);
    line_col(j->f, at, line, col);
}

static const char *js_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    default: return "a number";
    }
}

static int js_num(const imp_row *r, const char *key, double *v)
{
    size_t at;
    json_t *x = js_get(r->impl, key, &at);
    if (!x)
        return 0;
    if (!json_is_number(x)) {
        imp_bad(r, key, "expected a number, got %s", js_type(x));
        return -1;
    }
    *v = json_number_value(x);
    return 1;
}

/* A string, or the first of an array of strings (AIPerf's model_names). */
static int js_text(const imp_row *r, const char *key, char **v)
{
    size_t at;
    json_t *x = js_get(r->impl, key, &at);
    if (x && json_is_array(x))
        x = json_array_get(x, 0);       /* NULL for an empty list: no name recorded */
    if (!x)
        return 0;
    if (!json_is_string(x) || !imp_name_ok(json_string_value(x), json_string_length(x))) {
        imp_bad(r, key, "expected a name, got %s", json_is_string(x) ? IMP_BAD_NAME : js_type(x));
        return -1;
    }
    if (!(*v = strdup(json_string_value(x)))) {
        r->x->oom = r->x->d->oom = 1;
        return -1;
    }
    return 1;
}

static int js_flag(const imp_row *r, const char *key, int *v)
{
    size_t at;
    json_t *x = js_get(r->impl, key, &at);
    if (!x)
        return 0;
    if (!json_is_boolean(x)) {
        imp_bad(r, key, "expected true or false, got %s", js_type(x));
        return -1;
    }
    *v = json_is_true(x);
    return 1;
}

static void js_record(imp_ctx *x, json_t *obj, js_file *f, size_t at, size_t k)
{
    js_rec j = {obj, f, at};
    imp_row r = {.x = x, .num = js_num, .text = js_text, .flag = js_flag, .where = js_where,
                 .impl = &j};
    line_col(f, at, &r.line, &r.col);
    snprintf(r.record, sizeof r.record, "record %zu, line %d", k, r.line);
    if (!json_is_object(obj)) {
        imp_err(x, r.line, r.col, "", "expected an object of results, got %s", js_type(obj));
        return;
    }
    imp_convert(&r);
}

/* One top-level value at buf + at: an object, or an array of them. */
static void js_value(imp_ctx *x, json_t *v, js_file *f, size_t at, size_t *k)
{
    if (!json_is_array(v)) {
        js_record(x, v, f, at, ++*k);
        return;
    }
    size_t i = ws(f->buf, f->len, at + 1);
    for (size_t e = 0; e < json_array_size(v); e++) {
        js_record(x, json_array_get(v, e), f, i, ++*k);
        i = ws(f->buf, f->len, skip_value(f->buf, f->len, i));
        i = ws(f->buf, f->len, i + 1);    /* past the ',' */
    }
    if (json_array_size(v) == 0) {
        int line, col;
        line_col(f, at, &line, &col);
        imp_err(x, line, col, "", "an empty array (expected result records)");
    }
}

void imp_read_json(imp_ctx *x, const char *buf, size_t len)
{
    js_file f = {buf, len, 0, 0, 1};
    size_t at = ws(buf, len, 0), k = 0, values = 0;
    for (; at < len && !x->oom; values++) {
        json_error_t e;
        json_t *v = json_loadb(buf + at, len - at, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY
                                          | JSON_REJECT_DUPLICATES, &e);
        if (!v && json_error_code(&e) == json_error_out_of_memory) {
            x->oom = x->d->oom = 1;
            return;
        }
        if (!v) {
            int line, col;
            line_col(&f, at, &line, &col);
            /* jansson counts from where this value began */
            int el = e.line > 0 ? e.line : 1;
            int ec = e.column > 0 ? e.column : 1;
            char *t = tc_escape(e.text, strlen(e.text), 120);
            imp_err(x, line + el - 1, el == 1 ? col + ec - 1 : ec, "", "invalid json: %s",
                    t ? t : "?");
            free(t);
            return;
        }
        js_value(x, v, &f, at, &k);
        json_decref(v);
        at = ws(buf, len, at + (size_t)e.position);
    }
    if (values == 0)
        imp_err(x, 1, 1, "", "the file is empty (expected result records)");
}
