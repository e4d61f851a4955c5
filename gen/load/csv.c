/* A CSV reader for benchmark exports (RFC 4180 quoting; a quoted field may
 * hold commas, as genai-perf and spreadsheet exports write "1,234.5"). Each
 * field keeps its line and column, so that an import error points at it. */
#include "import_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int row_add(tc_csv_row *r, char *text, int line, int col)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        tc_csv_field *f = realloc(r->f, cap * sizeof *f);
        if (!f)
            return -1;
        r->f = f;
        r->cap = cap;
    }
    r->f[r->n++] = (tc_csv_field){text, line, col};
    return 0;
}

static int csv_add(tc_csv *c, tc_csv_row *r)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        tc_csv_row *rows = realloc(c->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        c->rows = rows;
        c->cap = cap;
    }
    c->rows[c->n++] = *r;
    return 0;
}

static void row_free(tc_csv_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i].text);
    free(r->f);
}

void tc_csv_free(tc_csv *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        row_free(&c->rows[i]);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

typedef struct {
    const char *buf;
    size_t len, i;
    int line, col;
    const char *path;
    tc_diags *d;
} csv_in;

static void step(csv_in *s)
{
    if (s->buf[s->i] == '\n') {
        s->line++;
        s->col = 1;
    } else {
        s->col++;
    }
    s->i++;
}

/* One field from s->i; *text newly allocated. 0: done, -1: no memory,
 * 1: a syntax error (reported). */
static int field(csv_in *s, char **text)
{
    char *t = malloc(s->len - s->i + 1);
    size_t n = 0;
    if (!t)
        return -1;
    int qline = s->line, qcol = s->col;
    if (s->i < s->len && s->buf[s->i] == '"') {
        step(s);
        for (;;) {
            if (s->i >= s->len) {
                tc_diags_add(s->d, s->path, qline, qcol, "", "unterminated quoted field");
                free(t);
                return 1;
            }
            if (s->buf[s->i] == '"' && s->i + 1 < s->len && s->buf[s->i + 1] == '"') {
                t[n++] = '"';
                step(s);
                step(s);
            } else if (s->buf[s->i] == '"') {
                step(s);
                break;
            } else {
                t[n++] = s->buf[s->i];
                step(s);
            }
        }
        if (s->i < s->len && !strchr(",\r\n", s->buf[s->i])) {
            tc_diags_add(s->d, s->path, s->line, s->col, "",
                         "unexpected character after a quoted field (expected a comma or the end of the line)");
            free(t);
            return 1;
        }
    } else {
        while (s->i < s->len && !strchr(",\r\n", s->buf[s->i])) {
            if (s->buf[s->i] == '"') {
                tc_diags_add(s->d, s->path, s->line, s->col, "",
                             "a quote inside an unquoted field (quote the whole field)");
                free(t);
                return 1;
            }
            t[n++] = s->buf[s->i];
            step(s);
        }
    }
    t[n] = '\0';
    *text = t;
    return 0;
}

/* One row from s->i (a line; quoted fields may span lines). */
static int row(csv_in *s, tc_csv_row *r)
{
    r->line = s->line;
    for (;;) {
        int line = s->line, col = s->col;
        char *text = NULL;
        int rc = field(s, &text);
        if (rc)
            return rc;
        if (row_add(r, text, line, col) != 0) {
            free(text);
            return -1;
        }
        if (s->i < s->len && s->buf[s->i] == ',') {
            step(s);
            continue;
        }
        if (s->i < s->len && s->buf[s->i] == '\r')
            step(s);
        if (s->i < s->len && s->buf[s->i] == '\n')
            step(s);
        return 0;
    }
}

tc_status tc_csv_read(const char *path, const char *buf, size_t len, tc_csv *out, tc_diags *d)
{
    csv_in s = {buf, len, 0, 1, 1, path, d};
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        s.i = 3;    /* a spreadsheet's byte order mark */
    while (s.i < s.len) {
        if (buf[s.i] == '\n' || buf[s.i] == '\r') {
            step(&s);   /* blank lines separate sections; they hold no row */
            continue;
        }
        tc_csv_row r = {0};
        int rc = row(&s, &r);
        if (rc == 0 && csv_add(out, &r) == 0)
            continue;
        row_free(&r);
        tc_csv_free(out);
        if (rc == 1)
            return TC_ERR_INVALID;
        d->oom = 1;
        return TC_ERR_NOMEM;
    }
    return TC_OK;
}

/* Digits with optional thousands separators: "1234", "1,234", "12,345,678". */
static int grouped(const char *s, size_t n)
{
    size_t lead = 0;
    while (lead < n && s[lead] >= '0' && s[lead] <= '9')
        lead++;
    if (lead == n)
        return n > 0;
    if (lead == 0 || lead > 3)
        return 0;
    for (size_t i = lead; i < n; i += 4) {
        if (n - i < 4 || s[i] != ',')
            return 0;
        for (size_t k = 1; k <= 3; k++)
            if (s[i + k] < '0' || s[i + k] > '9')
                return 0;
    }
    return 1;
}

int tc_csv_number(const char *s, double *v)
{
    char clean[64];
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    size_t o = 0, i = 0;
    if (n && (s[0] == '-' || s[0] == '+'))
        clean[o++] = s[i++];
    size_t int_len = strcspn(s + i, ".eE");
    if (int_len > n - i)
        int_len = n - i;
    if (n >= sizeof clean || !grouped(s + i, int_len) || memchr(s + i + int_len, ',', n - i - int_len))
        return 0;
    for (size_t k = 0; k < int_len; k++)
        if (s[i + k] != ',')
            clean[o++] = s[i + k];
    memcpy(clean + o, s + i + int_len, n - i - int_len);
    clean[o + n - i - int_len] = '\0';
    char *end;
    double x = strtod(clean, &end);
    if (*end || end == clean || !isfinite(x))
        return 0;
    *v = x;
    return 1;
}
