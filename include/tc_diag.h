/* Diagnostics: every error of an input, with file, line, column and key path.
 * Printed as "FILE:LINE:COLUMN: key.path: message". */
#ifndef TC_DIAG_H
#define TC_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *file;     /* path as given on the command line (or include path) */
    int line;       /* 1-based; 0: no place in the file (printed "tokcost: FILE: message") */
    int col;        /* 1-based */
    char *path;     /* key path, e.g. "platforms[2].pricing.cloud.gpu_hour"; may be "" */
    char *message;  /* lowercase, no final period; control characters escaped */
} tc_diag;

typedef struct {
    tc_diag *items;
    size_t count;
    size_t cap;
    int oom;        /* an allocation failed while recording; count may be short */
} tc_diags;

void tc_diags_init(tc_diags *d);
void tc_diags_free(tc_diags *d);

/* Records one diagnostic; fmt is printf-like. Text from the input that is
 * echoed must be passed through tc_escape first (see below). */
void tc_diags_add(tc_diags *d, const char *file, int line, int col,
                  const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Prints every diagnostic, one per line, to f. */
void tc_diags_print(const tc_diags *d, FILE *f);

/* Escapes control characters, backslashes and invalid UTF-8 of s (at most
 * max bytes of it, then "...") into a newly allocated string, so that text
 * from an input can never move a terminal's cursor or forge a line. */
char *tc_escape(const char *s, size_t len, size_t max);

#endif
