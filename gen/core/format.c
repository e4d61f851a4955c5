/* Number formatting with thousands separators (only the C locale exists). */
#include "tc_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Inserts a comma every three digits of the integer part of a "%.*f" text. */
static void group_digits(char *buf, size_t n, const char *plain)
{
    const char *digits = plain[0] == '-' ? plain + 1 : plain;
    const char *dot = strchr(digits, '.');
    size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
    size_t o = 0;
    if (plain[0] == '-' && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < int_len && o + 1 < n; i++) {
        if (i > 0 && (int_len - i) % 3 == 0 && o + 2 < n)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    for (const char *p = digits + int_len; *p && o + 1 < n; p++)
        buf[o++] = *p;
    buf[o] = '\0';
}

char *tc_fmt_num(char *buf, size_t n, double v, int decimals)
{
    if (n == 0)
        return buf;
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    char plain[400];
    if (fabs(v) >= 1e15) {  /* a double has no 16th digit to print: an exponent */
        snprintf(buf, n, "%.*e", decimals > 0 ? decimals + 2 : 3, v);
        return buf;
    }
    double scale = pow(10.0, decimals);
    double r = round(v * scale) / scale;    /* half away from zero */
    if (r == 0.0)
        r = 0.0;                            /* no "-0" */
    snprintf(plain, sizeof plain, "%.*f", decimals, r);
    group_digits(buf, n, plain);
    return buf;
}

const char *tc_currency_symbol(const char *code)
{
    static const char *const table[][2] = {
        {"USD", "$"}, {"EUR", "\xe2\x82\xac"}, {"GBP", "\xc2\xa3"},
        {"JPY", "\xc2\xa5"}, {"CNY", "\xc2\xa5"}, {"INR", "\xe2\x82\xb9"},
        {"KRW", "\xe2\x82\xa9"},
    };
    for (size_t i = 0; code && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(code, table[i][0]) == 0)
            return table[i][1];
    return NULL;
}

const char *tc_currency_word(const char *code)
{
    static const char *const table[][2] = {
        {"USD", "dollar"}, {"EUR", "euro"}, {"GBP", "pound"}, {"JPY", "yen"},
        {"CNY", "yuan"}, {"INR", "rupee"}, {"KRW", "won"},
    };
    for (size_t i = 0; code && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(code, table[i][0]) == 0)
            return table[i][1];
    return code ? code : "";
}

/* "-$1.2M" or "-EUR 1.2M": the sign, then the currency's symbol where it
 * has one, else its code and a space, then the figure. */
static char *with_currency(char *buf, size_t n, int neg, const char *code, const char *num)
{
    const char *sym = tc_currency_symbol(code);
    if (sym)
        snprintf(buf, n, "%s%s%s", neg ? "-" : "", sym, num);
    else
        snprintf(buf, n, "%s%s %s", neg ? "-" : "", code ? code : "", num);
    return buf;
}

char *tc_fmt_money(char *buf, size_t n, double v, int decimals, const char *code)
{
    char num[128];
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    tc_fmt_num(num, sizeof num, fabs(v), decimals);
    int neg = v < 0 && strspn(num, "0.,") != strlen(num);
    return with_currency(buf, n, neg, code, num);
}

double tc_round_sig(double v, int digits)
{
    if (v == 0.0 || !isfinite(v))
        return v;
    int e = (int)floor(log10(fabs(v)));
    double scale = pow(10.0, digits - 1 - e);
    return round(v * scale) / scale;
}

char *tc_fmt_si(char *buf, size_t n, double v)
{
    static const struct { double div; const char *suffix; } units[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"},
    };
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    double a = fabs(tc_round_sig(v, 3));
    if (a >= 1e15) {    /* past a thousand trillion: an exponent, not false digits */
        snprintf(buf, n, "%.2e", tc_round_sig(v, 3));
        return buf;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (a >= units[i].div) {
            double m = tc_round_sig(v, 3) / units[i].div;
            int dec = fabs(m) >= 100 ? 0 : fabs(m) >= 10 ? 1 : 2;
            snprintf(buf, n, "%.*f%s", dec, m, units[i].suffix);
            return buf;
        }
    }
    int dec = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    if (a == 0.0)
        dec = 0;
    tc_fmt_num(buf, n, v, dec);
    return buf;
}

char *tc_fmt_relative(char *buf, size_t n, double ratio)
{
    if (!isfinite(ratio) || ratio <= 0.0) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    /* past 1e15 an exponent, as tc_fmt_num: a double holds no more digits */
    if (ratio >= 1e15)
        snprintf(buf, n, "%.3gx", ratio);
    else if (1.0 / ratio >= 1e15)
        snprintf(buf, n, "%.3gx lower", 1.0 / ratio);
    else if (round(ratio * 10.0) >= 10.0)
        snprintf(buf, n, "%.1fx", ratio);
    else
        snprintf(buf, n, "%.1fx lower", 1.0 / ratio);
    return buf;
}

double tc_ratio_to(double v, double base)
{
    if (!isfinite(v) || !isfinite(base) || base <= 0.0)
        return NAN;
    return v / base;
}

/* 3 significant figures of a, >= 0, below 1000: "0.205", "3.37", "950". */
static void three_sig(char *buf, size_t n, double a)
{
    int e = a > 0 ? (int)floor(log10(a)) : 0;
    int dec = 2 - e < 0 || a == 0 ? 0 : 2 - e;
    snprintf(buf, n, "%.*f", dec, a);
}

/* |v| to 3 significant figures with a suffix (suffix[]: T, B, M, K)
 * from a thousand. */
static void scaled(char *buf, size_t n, double v, const char *const *suffix)
{
    static const double div[] = {1e12, 1e9, 1e6, 1e3};
    double a = fabs(tc_round_sig(v, 3));
    if (a >= 1e15) {    /* past a thousand trillion no unit reads: an exponent */
        snprintf(buf, n, "%.2e", a);
        return;
    }
    for (size_t i = 0; i < 4; i++)
        if (a >= div[i]) {
            char m[64];
            three_sig(m, sizeof m, tc_round_sig(a / div[i], 3));
            snprintf(buf, n, "%s%s", m, suffix[i]);
            return;
        }
    three_sig(buf, n, a);
}

char *tc_fmt_board_money(char *buf, size_t n, double v, const char *code)
{
    static const char *const money_units[] = {"T", "B", "M", "K"};
    char num[96];
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    scaled(num, sizeof num, v, money_units);
    int neg = v < 0 && tc_round_sig(v, 3) != 0.0;
    return with_currency(buf, n, neg, code, num);
}

char *tc_fmt_board_count(char *buf, size_t n, double v)
{
    static const char *const count_units[] = {"T", "B", "M", "k"};
    if (!isfinite(v) || fabs(v) < 1e4)
        return tc_fmt_num(buf, n, v, 0);
    char num[96];
    scaled(num, sizeof num, v, count_units);
    snprintf(buf, n, "%s%s", v < 0 ? "-" : "", num);
    return buf;
}

char *tc_fmt_times(char *buf, size_t n, double x)
{
    if (!isfinite(x) || x < 0) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    double r = tc_round_sig(x, 2);
    if (r >= 1e15)      /* no false digits: an exponent, as tc_fmt_num */
        snprintf(buf, n, "%.1ex", r);
    else
        snprintf(buf, n, "%.*fx", r < 10.0 ? 1 : 0, r);
    return buf;
}

char *tc_fmt_vs(char *buf, size_t n, double v, double base)
{
    double r = tc_ratio_to(v, base);
    if (!isfinite(r) || r <= 0.0) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    const char *side = r > 1.0 ? "higher" : "lower";
    double p = fabs(r - 1.0) * 100.0;
    long pct = p < 1e6 ? lround(p) : 1000000;  /* lround past LONG_MAX is undefined */
    if (pct == 0)
        snprintf(buf, n, "same");
    else if (pct < 10)
        snprintf(buf, n, "%ld%% %s", pct, side);
    else {
        char x[32];
        snprintf(buf, n, "%s %s", tc_fmt_times(x, sizeof x, r > 1.0 ? r : 1.0 / r), side);
    }
    return buf;
}

int tc_fmt_rise(char *buf, size_t n, double ratio, int decimals)
{
    if (!isfinite(ratio) || ratio < 1.0) {
        snprintf(buf, n, "n/a");
        return -1;
    }
    double scale = pow(10.0, decimals);
    double pct = round((ratio - 1.0) * 100.0 * scale) / scale;
    if (pct < 100.0) {
        snprintf(buf, n, "%.*f%%", decimals, pct);
        return 0;
    }
    double x = tc_round_sig(ratio, 2);
    if (x >= 1e15)      /* no false digits: an exponent, as tc_fmt_num */
        snprintf(buf, n, "%.1e times", x);
    else
        snprintf(buf, n, "%.*f times", x < 10.0 ? 1 : 0, x);
    return 1;
}

char *tc_fmt_more(char *buf, size_t n, double ratio)
{
    char size[64];
    if (!isfinite(ratio) || ratio <= 0.0) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    if (ratio < 1.0) {
        snprintf(buf, n, "%.1f%% less", round((1.0 - ratio) * 1000.0) / 10.0);
        return buf;
    }
    int times = tc_fmt_rise(size, sizeof size, ratio, 1);
    if (!times && strcmp(size, "0.0%") == 0)
        snprintf(buf, n, "the same");       /* a tie at the shown precision */
    else
        snprintf(buf, n, "%s %s", size, times ? "as much" : "more");
    return buf;
}

char *tc_fmt_gap(char *buf, size_t n, double deviation)
{
    char size[64];
    if (!isfinite(deviation))
        snprintf(buf, n, "n/a");
    else if (deviation > 0 && tc_fmt_rise(size, sizeof size, 1.0 + deviation, 1) == 1)
        snprintf(buf, n, "%s", size);
    else
        snprintf(buf, n, "%.1f%% %s", fabs(deviation) * 100.0, deviation < 0 ? "below" : "above");
    return buf;
}

char *tc_fmt_payback(char *buf, size_t n, double years)
{
    if (!isfinite(years)) {
        snprintf(buf, n, "never");
        return buf;
    }
    long months = lround(years * 12.0);
    long yy = months / 12, mm = months % 12;
    if (months == 0)
        snprintf(buf, n, "less than a month");
    else if (yy == 0)
        snprintf(buf, n, "%ld month%s", mm, mm == 1 ? "" : "s");
    else if (mm == 0)
        snprintf(buf, n, "%ld year%s", yy, yy == 1 ? "" : "s");
    else
        snprintf(buf, n, "%ld year%s %ld month%s", yy, yy == 1 ? "" : "s", mm, mm == 1 ? "" : "s");
    return buf;
}
