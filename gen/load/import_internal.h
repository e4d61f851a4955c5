/* Private to the importers (gen/load/import*.c, csv.c): one record of an
 * artifact as read, the state of reading one file, field access common to
 * JSON records and CSV rows, and the CSV reader. */
#ifndef TC_IMPORT_INTERNAL_H
#define TC_IMPORT_INTERNAL_H

#include <stddef.h>
#include "tc_diag.h"
#include "tc_import.h"
#include "tc_status.h"

/* --- csv.c --- */
typedef struct { char *text; int line, col; } tc_csv_field;
typedef struct { tc_csv_field *f; size_t n, cap; int line; } tc_csv_row;
typedef struct { tc_csv_row *rows; size_t n, cap; } tc_csv;

/* Reads buf (len bytes, NUL after them); blank lines hold no row. Syntax
 * errors are reported located in path. */
tc_status tc_csv_read(const char *path, const char *buf, size_t len, tc_csv *out, tc_diags *d);
void tc_csv_free(tc_csv *c);
/* A number as exports write it, thousands separators allowed ("1,234.5"). */
int tc_csv_number(const char *s, double *v);

/* One point as read from an artifact, before labelling and division. */
typedef struct {
    char *model;            /* NULL: the file does not record it */
    double isl, osl;        /* 0: not recorded */
    double interactivity;   /* output tokens/s per user */
    double output_tps;      /* output tokens/s: of the whole run, or per GPU */
    int per_gpu;            /* output_tps is already per GPU */
    int gpus;               /* GPUs the file records (0: none) */
    int prefill_gpus, decode_gpus;
    double kw_per_gpu, joules_per_token;    /* 0: not measured */
    int file;               /* 1-based */
    char record[40];
    int line, col;          /* where the record starts */
} imp_rec;

/* Reading the files of one import. */
typedef struct {
    tc_import_format fmt;
    const tc_import_opts *o;
    const char *path;       /* the file being read (diagnostics) */
    const char *name;       /* how outputs name it (notes) */
    int file;               /* its 1-based index */
    tc_diags *d;
    imp_rec *recs;
    size_t n, cap;
    char **notes;
    size_t n_notes, cap_notes;
    size_t errors;
    int oom;
} imp_ctx;

/* Appends r (takes r->model); 0, or -1 out of memory (recorded). */
int imp_push(imp_ctx *x, imp_rec *r);
void imp_err(imp_ctx *x, int line, int col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A conversion warning, once per text. */
void imp_note(imp_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One record (a JSON object, a CSV row) behind a common field access. */
typedef struct imp_row imp_row;
struct imp_row {
    imp_ctx *x;
    int line, col;          /* where the record starts */
    char record[40];        /* "record 2, line 14", "line 3" */
    /* 1: found (*v set), 0: absent, -1: present but wrong (reported) */
    int (*num)(const imp_row *r, const char *key, double *v);
    int (*text)(const imp_row *r, const char *key, char **v);   /* *v newly allocated */
    int (*flag)(const imp_row *r, const char *key, int *v);
    /* where a field is (the record's start when absent) */
    void (*where)(const imp_row *r, const char *key, int *line, int *col);
    const void *impl;
};

/* Required number: reports a missing field; 1 when *v is set. */
int imp_need(const imp_row *r, const char *key, double *v);
/* Optional number: 1 set, 0 absent, -1 wrong. */
int imp_opt(const imp_row *r, const char *key, double *v);
/* A field's value out of its range: reported at the field. */
void imp_bad(const imp_row *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A model name: not empty, no NUL or control character (it is printed in
 * YAML, tables and the report). */
int imp_name_ok(const char *s, size_t len);
#define IMP_BAD_NAME "an empty text or one with control characters"

/* A field's text that is not what (e.g. "a number"): reported at the field, escaped. */
void imp_bad_text(const imp_row *r, const char *key, const char *text, const char *what);

/* --- import_formats.c: one record of each format into points --- */
void imp_convert(const imp_row *r);

/* --- import_frontier.c: one entry per workload, each a Pareto frontier;
 * -1 out of memory --- */
int imp_group(const imp_ctx *x, const tc_import_file *files, size_t n_files,
              tc_import_result *out);

/* --- import_json.c, import_csv.c: a file's bytes into records --- */
void imp_read_json(imp_ctx *x, const char *buf, size_t len);
void imp_read_csv(imp_ctx *x, const char *buf, size_t len);

#endif
