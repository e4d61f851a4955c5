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

char *tc_fmt_money(char *buf, size_t n, double v, int decimals, const char *code)
{
    char num[128];
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    tc_fmt_num(num, sizeof num, fabs(v), decimals);
    int neg = v < 0 && strspn(num, "0.,") != strlen(num);
    const char *sym = tc_currency_symbol(code);
    if (sym)
        snprintf(buf, n, "%s%s%s", neg ? "-" : "", sym, num);
    else
        snprintf(buf, n, "%s%s %s", neg ? "-" : "", code ? code : "", num);
    return buf;
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
    if (round(ratio * 10.0) >= 10.0)
        snprintf(buf, n, "%.1fx", ratio);
    else
        snprintf(buf, n, "%.1fx lower", 1.0 / ratio);
    return buf;
}
