/* Numbers as the workbook shows them (tc_format.h), and the two platforms
 * every section compares: the recommended one and the baseline. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"

const char *pdf_money(char *buf, size_t n, const tc_pdf *d, double v, int decimals)
{
    return tc_fmt_money(buf, n, v, decimals, d->s->currency);
}

/* Five significant digits, as the seed table prints cost per token: 4.3519, 0.12269. */
const char *pdf_money_fine(char *buf, size_t n, const tc_pdf *d, double v)
{
    int dec = 2;
    if (isfinite(v) && v != 0.0) {
        dec = 4 - (int)floor(log10(fabs(v)));
        dec = dec < 2 ? 2 : dec > 6 ? 6 : dec;
    }
    return tc_fmt_money(buf, n, v, dec, d->s->currency);
}

/* Board rounding (tc_format.h): the narrative and the body's tables. */
const char *pdf_board(char *buf, size_t n, const tc_pdf *d, double v)
{
    return tc_fmt_board_money(buf, n, v, d->s->currency);
}

/* "PFLOPS per $-hour", in the scenario's currency ("PFLOPS per EUR-hour"
 * where the currency has no symbol we know). */
const char *pdf_pflops_head(char *buf, size_t n, const tc_pdf *d)
{
    const char *sym = tc_currency_symbol(d->s->currency);
    snprintf(buf, n, "PFLOPS per %s-hour", sym ? sym : d->s->currency);
    return buf;
}

const char *pdf_pct(char *buf, size_t n, double v, int decimals)
{
    char num[64];
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    snprintf(buf, n, "%s%%", tc_fmt_num(num, sizeof num, v * 100.0, decimals));
    return buf;
}

const tc_platform_result *pdf_best(const tc_pdf *d)
{
    const tc_results *r = d->r;
    if (r->n_ranking == 0 || r->ranking[0] >= r->scenario->n_platforms)
        return NULL;
    return &r->platforms[r->ranking[0]];
}

const tc_platform_result *pdf_baseline(const tc_pdf *d)
{
    const tc_results *r = d->r;
    if (r->baseline >= r->scenario->n_platforms)
        return NULL;
    return &r->platforms[r->baseline];
}
