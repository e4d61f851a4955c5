/* Aligned terminal columns for the tables of tokcost eval (private). */
#ifndef TC_TABLE_GRID_H
#define TC_TABLE_GRID_H

#include <stddef.h>
#include <stdio.h>

#define TC_GRID_CELL 96

typedef struct {
    size_t rows, cols;
    unsigned left;          /* bit c: column c is text, left-aligned */
    char (*cells)[TC_GRID_CELL];
} tc_grid;

int tc_grid_init(tc_grid *g, size_t rows, size_t cols);   /* column 0 left-aligned */
char *tc_grid_at(tc_grid *g, size_t r, size_t c);
/* Text columns left-aligned, numbers right-aligned, two spaces apart. */
void tc_grid_print(FILE *f, tc_grid *g, const char *indent);
void tc_grid_free(tc_grid *g);

#endif
