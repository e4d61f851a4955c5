/* The placeholder renderer of the report wording (no mustache library in
 * Debian 12, and only {{name}} substitution is needed). */
#include "tc_template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name, *text;
} tpl_block;

struct tc_tpl {
    char *file;
    tpl_block *blocks;
    size_t n, cap;
};

static char *dup_range(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* "[name]" alone on a line (spaces around allowed); returns the name length. */
static size_t block_header(const char *line, size_t len, const char **name)
{
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
        len--;
    if (len < 3 || line[0] != '[' || line[len - 1] != ']')
        return 0;
    for (size_t i = 1; i + 1 < len; i++) {
        char c = line[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    *name = line + 1;
    return len - 2;
}

static int known_name(const char *s, size_t len, const char *const *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(known[i]) == len && memcmp(known[i], s, len) == 0)
            return 1;
    return 0;
}

/* Checks every {{...}} of one line. */
static tc_status check_line(const char *file, int lineno, const char *line, size_t len,
                            const char *const *known, size_t n_known, char *err, size_t n)
{
    const char *end = line + len;
    for (const char *p = line; p + 1 < end; p++) {
        if (p[0] != '{' || p[1] != '{')
            continue;
        const char *q = p + 2;
        while (q + 1 < end && !(q[0] == '}' && q[1] == '}'))
            q++;
        if (q + 1 >= end) {
            snprintf(err, n, "%s:%d: unclosed placeholder (expected {{name}})", file, lineno);
            return TC_ERR_INVALID;
        }
        if (!known_name(p + 2, (size_t)(q - p - 2), known, n_known)) {
            snprintf(err, n, "%s:%d: unknown placeholder {{%.*s}}", file, lineno,
                     (int)(q - p - 2 > 60 ? 60 : q - p - 2), p + 2);
            return TC_ERR_INVALID;
        }
        p = q + 1;
    }
    return TC_OK;
}

static tc_status add_block(tc_tpl *t, const char *name, size_t len)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        tpl_block *b = realloc(t->blocks, cap * sizeof *b);
        if (!b)
            return TC_ERR_NOMEM;
        t->blocks = b;
        t->cap = cap;
    }
    tpl_block *b = &t->blocks[t->n];
    b->name = dup_range(name, len);
    b->text = NULL;
    if (!b->name)
        return TC_ERR_NOMEM;
    t->n++;
    return TC_OK;
}

/* Closes the open block: its text is [start, end) without blank lines around. */
static tc_status close_block(tc_tpl *t, const char *start, const char *end)
{
    if (t->n == 0 || t->blocks[t->n - 1].text)
        return TC_OK;
    while (start < end && (*start == '\n' || *start == '\r' || *start == ' '))
        start++;
    while (end > start && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    t->blocks[t->n - 1].text = dup_range(start, (size_t)(end - start));
    return t->blocks[t->n - 1].text ? TC_OK : TC_ERR_NOMEM;
}

/* Comment lines are dropped by blanking them in a working copy. */
static void drop_comments(char *text)
{
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (line[0] == '#')
            memset(line, ' ', len);
        line += len + (nl ? 1 : 0);
    }
}

static tc_status parse_lines(tc_tpl *t, char *text, const char *const *known, size_t n_known,
                             char *err, size_t n)
{
    const char *body = NULL;
    int lineno = 0;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        const char *name;
        size_t name_len = block_header(line, len, &name);
        tc_status st;
        lineno++;
        if (name_len) {
            for (size_t i = 0; i < t->n; i++)
                if (strlen(t->blocks[i].name) == name_len &&
                    memcmp(t->blocks[i].name, name, name_len) == 0) {
                    snprintf(err, n, "%s:%d: duplicate block [%.*s]", t->file, lineno,
                             (int)name_len, name);
                    return TC_ERR_INVALID;
                }
            if ((st = close_block(t, body, line)) || (st = add_block(t, name, name_len)))
                return st;
            body = line + len;
        } else if (strspn(line, " \r") < len) {
            if (!body) {
                snprintf(err, n, "%s:%d: text before the first [block] line", t->file, lineno);
                return TC_ERR_INVALID;
            }
            if ((st = check_line(t->file, lineno, line, len, known, n_known, err, n)))
                return st;
        }
        line += len + (nl ? 1 : 0);
    }
    return body ? close_block(t, body, text + strlen(text)) : TC_OK;
}

tc_status tc_tpl_parse(const char *file, const char *text, const char *const *known,
                       size_t n_known, tc_tpl **out, char *err, size_t n)
{
    *out = NULL;
    tc_tpl *t = calloc(1, sizeof *t);
    char *work = strdup(text);
    if (!t || !work || !(t->file = strdup(file))) {
        free(work);
        tc_tpl_free(t);
        snprintf(err, n, "%s", tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    drop_comments(work);
    tc_status st = parse_lines(t, work, known, n_known, err, n);
    free(work);
    if (st != TC_OK) {
        if (st == TC_ERR_NOMEM)
            snprintf(err, n, "%s", tc_strerror(st));
        tc_tpl_free(t);
        return st;
    }
    *out = t;
    return TC_OK;
}

void tc_tpl_free(tc_tpl *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->blocks[i].name);
        free(t->blocks[i].text);
    }
    free(t->blocks);
    free(t->file);
    free(t);
}

size_t tc_tpl_count(const tc_tpl *t) { return t->n; }
const char *tc_tpl_block_name(const tc_tpl *t, size_t i) { return t->blocks[i].name; }
const char *tc_tpl_file_name(const tc_tpl *t) { return t->file; }

const char *tc_tpl_get(const tc_tpl *t, const char *block)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->blocks[i].name, block) == 0)
            return t->blocks[i].text;
    return NULL;
}

static const char *lookup(const char *name, size_t len, const tc_tpl_var *vars, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(vars[i].name) == len && memcmp(vars[i].name, name, len) == 0)
            return vars[i].value ? vars[i].value : "";
    return "";
}

/* Two passes over the text: measure, then copy. */
static size_t expand_into(char *out, const char *text, const tc_tpl_var *vars, size_t n_vars)
{
    size_t o = 0;
    for (const char *p = text; *p;) {
        const char *close = p[0] == '{' && p[1] == '{' ? strstr(p + 2, "}}") : NULL;
        if (!close) {
            if (out)
                out[o] = *p;
            o++;
            p++;
            continue;
        }
        const char *v = lookup(p + 2, (size_t)(close - p - 2), vars, n_vars);
        size_t len = strlen(v);
        if (out)
            memcpy(out + o, v, len);
        o += len;
        p = close + 2;
    }
    return o;
}

char *tc_tpl_expand(const char *text, const tc_tpl_var *vars, size_t n_vars)
{
    size_t len = expand_into(NULL, text, vars, n_vars);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    expand_into(out, text, vars, n_vars);
    out[len] = '\0';
    return out;
}
