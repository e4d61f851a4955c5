/* The sentence of a flip and the reading of an input's value
 * (tc_decision.h): the one wording the report and the terminal share. */
#include "tc_decision.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"

/* Money in the board's style (tc_fmt_board_money): $1.49, $0.0412, $84.1K. */
static char *money_text(char *buf, size_t n, double v, const char *cur)
{
    return tc_fmt_board_money(buf, n, v, cur);
}

/* A percentage with one decimal when it is not whole: 45%, 2.5%. */
static char *pct_text(char *buf, size_t n, double v)
{
    double p = tc_round_sig(v * 100, 3);
    return tc_fmt_num(buf, n, p, fabs(p - round(p)) > 1e-9 ? 1 : 0);
}

char *tc_input_value_text(char *buf, size_t n, const tc_results *r, tc_input_kind k, double v)
{
    const tc_input_info *inf = tc_input_info_of(k);
    char num[64];
    if (!inf || !isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    if (inf->fmt == TC_IN_FMT_PERCENT) {
        snprintf(buf, n, "%s%%", pct_text(num, sizeof num, v));
        return buf;
    }
    if (inf->fmt == TC_IN_FMT_MONEY)
        money_text(num, sizeof num, v, r->scenario->currency);
    else if (fabs(v) >= 1e4)
        tc_fmt_board_count(num, sizeof num, v);
    else
        tc_fmt_num(num, sizeof num, tc_round_sig(v, 4),
                   inf->integer || fabs(v) >= 100 ? 0 : fabs(v) >= 10 ? 1 : 2);
    snprintf(buf, n, "%s%s%s", num, inf->unit[0] ? " " : "", inf->unit);
    return buf;
}

/* "its price", "AMD MI355X's throughput", "utilization". */
static void subject(char *buf, size_t n, const tc_results *r, const tc_flip *f)
{
    const char *phrase = tc_input_info_of(f->kind)->phrase;
    if (f->platform < 0)
        snprintf(buf, n, "%s", phrase);
    else if ((size_t)f->platform == f->winner_then)
        snprintf(buf, n, "its %s", phrase);
    else
        snprintf(buf, n, "%s's %s", r->platforms[f->platform].in->name, phrase);
}

char *tc_flip_text(char *buf, size_t n, const tc_results *r, const tc_flip *f)
{
    char who[512], now[96], then[96], pct[32];
    const char *name = r->platforms[f->winner_then].in->name;
    const char *verb = f->value < f->point ? "falls" : "rises";
    subject(who, sizeof who, r, f);
    tc_input_value_text(then, sizeof then, r, f->kind, f->value);
    if (isnan(f->change) || tc_input_info_of(f->kind)->fmt == TC_IN_FMT_PERCENT) {
        tc_input_value_text(now, sizeof now, r, f->kind, f->point);
        snprintf(buf, n, "%s wins if %s %s from %s to %s", name, who, verb, now, then);
        return buf;
    }
    double c = fabs(f->change) * 100;
    if (f->change > 0 && tc_fmt_rise(pct, sizeof pct, 1 + f->change, 0) == 1) {
        snprintf(buf, n, "%s wins if %s %s to %s today's, %s", name, who, verb, pct, then);
        return buf;
    }
    tc_fmt_num(pct, sizeof pct, c, c < 10 ? 1 : 0);
    snprintf(buf, n, "%s wins if %s %s %s%%, to %s", name, who, verb, pct, then);
    return buf;
}
