/* CSV artifacts: a header row naming the fields and one record per row
 * (MLPerf's results summary, InferenceX's dashboard export), or
 * genai-perf's metric tables ("Metric,avg,...,p50,..." then one row per
 * metric, and "Metric,Value" for the throughputs). */
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const tc_csv_row *head, *row;
} csv_rec;

/* The field under the column named key, or NULL. */
static const tc_csv_field *csv_get(const csv_rec *c, const char *key)
{
    for (size_t i = 0; i < c->head->n; i++)
        if (strcmp(c->head->f[i].text, key) == 0)
            return i < c->row->n ? &c->row->f[i] : NULL;
    return NULL;
}

static void csv_where(const imp_row *r, const char *key, int *line, int *col)
{
    const tc_csv_field *f = csv_get(r->impl, key);
    *line = f ? f->line : r->line;
    *col = f ? f->col : r->col;
}

/* A field's number: 1, 0 absent or empty, -1 reported. */
static int field_num(const imp_row *r, const char *key, const tc_csv_field *f, double *v)
{
    if (!f || !f->text[0])
        return 0;
    if (tc_csv_number(f->text, v))
        return 1;
    imp_bad_text(r, key, f->text, "a number");
    return -1;
}

static int csv_num(const imp_row *r, const char *key, double *v)
{
    return field_num(r, key, csv_get(r->impl, key), v);
}

static int csv_text(const imp_row *r, const char *key, char **v)
{
    const tc_csv_field *f = csv_get(r->impl, key);
    if (!f || !f->text[0])
        return 0;
    if (!imp_name_ok(f->text, strlen(f->text))) {
        imp_bad(r, key, "expected a name, got %s", IMP_BAD_NAME);
        return -1;
    }
    if (!(*v = strdup(f->text))) {
        r->x->oom = r->x->d->oom = 1;
        return -1;
    }
    return 1;
}

static int csv_flag(const imp_row *r, const char *key, int *v)
{
    const tc_csv_field *f = csv_get(r->impl, key);
    if (!f || !f->text[0])
        return 0;
    if (strcasecmp(f->text, "true") == 0 || strcmp(f->text, "1") == 0)
        *v = 1;
    else if (strcasecmp(f->text, "false") == 0 || strcmp(f->text, "0") == 0)
        *v = 0;
    else {
        imp_bad_text(r, key, f->text, "true or false");
        return -1;
    }
    return 1;
}

static void csv_row(imp_ctx *x, const tc_csv_row *head, const tc_csv_row *row)
{
    csv_rec c = {head, row};
    imp_row r = {.x = x, .line = row->line, .col = 1, .num = csv_num, .text = csv_text,
                 .flag = csv_flag, .where = csv_where, .impl = &c};
    snprintf(r.record, sizeof r.record, "line %d", row->line);
    imp_convert(&r);
}

/* genai-perf: "inter_token_latency.p50" is the row "Inter Token Latency
 * (ms)" under the column "p50"; a throughput's "avg" is "Value" in the
 * Metric,Value table. */
static const struct { const char *key, *label; } genai_rows[] = {
    {"inter_token_latency", "Inter Token Latency"},
    {"output_token_throughput", "Output Token Throughput"},
};

typedef struct {
    const tc_csv *csv;
} genai_rec;

static const tc_csv_field *genai_get(const tc_csv *csv, const char *key)
{
    size_t k = strcspn(key, ".");
    const char *stat = key[k] ? key + k + 1 : "";
    const char *label = NULL;
    for (size_t i = 0; i < sizeof genai_rows / sizeof genai_rows[0]; i++)
        if (strncmp(genai_rows[i].key, key, k) == 0 && genai_rows[i].key[k] == '\0')
            label = genai_rows[i].label;
    const tc_csv_row *head = NULL;
    for (size_t i = 0; label && i < csv->n; i++) {
        const tc_csv_row *row = &csv->rows[i];
        if (row->n && strcmp(row->f[0].text, "Metric") == 0) {
            head = row;
            continue;
        }
        size_t n = strlen(label);
        if (!head || !row->n || strncmp(row->f[0].text, label, n) != 0
            || (row->f[0].text[n] && row->f[0].text[n] != ' '))
            continue;
        for (size_t c = 1; c < head->n && c < row->n; c++)
            if (strcmp(head->f[c].text, stat) == 0
                || (strcmp(stat, "avg") == 0 && strcmp(head->f[c].text, "Value") == 0))
                return &row->f[c];
    }
    return NULL;
}

static void genai_where(const imp_row *r, const char *key, int *line, int *col)
{
    const tc_csv_field *f = genai_get(((const genai_rec *)r->impl)->csv, key);
    *line = f ? f->line : 1;
    *col = f ? f->col : 1;
}

static int genai_num(const imp_row *r, const char *key, double *v)
{
    return field_num(r, key, genai_get(((const genai_rec *)r->impl)->csv, key), v);
}

static int genai_none(const imp_row *r, const char *key, char **v)
{
    (void)r, (void)key, (void)v;
    return 0;   /* the CSV does not name the model */
}

static int genai_noflag(const imp_row *r, const char *key, int *v)
{
    (void)r, (void)key, (void)v;
    return 0;
}

void imp_read_csv(imp_ctx *x, const char *buf, size_t len)
{
    tc_csv csv;
    if (tc_csv_read(x->path, buf, len, &csv, x->d) != TC_OK) {
        x->errors++;
        x->oom |= x->d->oom;
        return;
    }
    if (csv.n < 2) {
        imp_err(x, 1, 1, "", "expected a header row and at least one row of results");
    } else if (x->fmt == TC_IMPORT_GENAI_PERF_CSV) {
        genai_rec g = {&csv};
        imp_row r = {.x = x, .line = 1, .col = 1, .num = genai_num, .text = genai_none,
                     .flag = genai_noflag, .where = genai_where, .impl = &g};
        snprintf(r.record, sizeof r.record, "tables");
        imp_convert(&r);
    } else {
        for (size_t i = 1; i < csv.n && !x->oom; i++)
            csv_row(x, &csv.rows[0], &csv.rows[i]);
    }
    tc_csv_free(&csv);
}
