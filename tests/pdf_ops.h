/* A libharu document's operators, counted in its bytes. For the tests of
 * what the report and the chart backend write (issue 18: state set only
 * when it changes); compression off for the counts to see page streams. */
#ifndef PDF_OPS_H
#define PDF_OPS_H

#include <hpdf.h>
#include <stdlib.h>
#include <string.h>

/* The document saved to libharu's memory stream, copied out (NULL on
 * failure); its size in *n. Once per document: libharu 2.3 frees the
 * stream it read from when saved again. */
static char *pdf_saved(HPDF_Doc pdf, HPDF_UINT32 *n)
{
    if (HPDF_SaveToStream(pdf) != HPDF_OK)
        return NULL;
    *n = HPDF_GetStreamSize(pdf);
    char *d = malloc(*n ? *n : 1);
    if (d && HPDF_ReadFromStream(pdf, (HPDF_BYTE *)d, n) == HPDF_INVALID_PARAMETER) {
        free(d);
        d = NULL;
    }
    return d;
}

/* Occurrences of op (" rg\n") in the n bytes at d. */
static int pdf_count_op(const char *d, size_t n, const char *op)
{
    int c = 0;
    for (size_t i = 0, k = strlen(op); d && i + k <= n; i++)
        c += memcmp(d + i, op, k) == 0;
    return c;
}

#endif
