/* A grid of text cells printed as aligned terminal columns. */
#include "table_grid.h"

#include <stdlib.h>

int tc_grid_init(tc_grid *g, size_t rows, size_t cols)
{
    g->rows = rows;
    g->cols = cols;
    g->left = 1u;
    g->cells = calloc(rows && cols ? rows * cols : 1, sizeof *g->cells);
    return g->cells ? 0 : -1;
}

char *tc_grid_at(tc_grid *g, size_t r, size_t c)
{
    return g->cells[r * g->cols + c];
}

/* Terminal columns of UTF-8 text (one per code point: the currency signs
 * and the input's Latin/Greek/Cyrillic letters are all single-width). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Text columns left-aligned, numbers right-aligned, two spaces apart. */
void tc_grid_print(FILE *f, tc_grid *g, const char *indent)
{
    size_t *w = calloc(g->cols, sizeof *w);
    if (!w)
        return;
    for (size_t r = 0; r < g->rows; r++)
        for (size_t c = 0; c < g->cols; c++)
            if (width(tc_grid_at(g, r, c)) > w[c])
                w[c] = width(tc_grid_at(g, r, c));
    for (size_t r = 0; r < g->rows; r++) {
        fputs(indent, f);
        for (size_t c = 0; c < g->cols; c++) {
            const char *s = tc_grid_at(g, r, c);
            int pad = (int)(w[c] - width(s));
            const char *sep = c ? "  " : "";
            if (c < 32 && (g->left >> c & 1u))
                fprintf(f, "%s%s%*s", sep, s, c + 1 < g->cols ? pad : 0, "");
            else
                fprintf(f, "%s%*s%s", sep, pad, "", s);
        }
        fputc('\n', f);
    }
    free(w);
}

void tc_grid_free(tc_grid *g)
{
    free(g->cells);
    g->cells = NULL;
}
