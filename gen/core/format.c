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

double tc_ratio_to(double v, double base)
{
    if (!isfinite(v) || !isfinite(base) || base <= 0.0)
        return NAN;
    return v / base;
}

char *tc_fmt_vs(char *buf, size_t n, double v, double base, tc_vs_style style)
{
    tc_fmt_relative(buf, n, tc_ratio_to(v, base));
    int plain = strchr(buf, 'l') == NULL && strcmp(buf, "1.0x") != 0 && strcmp(buf, "n/a") != 0;
    if (style == TC_VS_COST && plain && strlen(buf) + 8 <= n)
        strcat(buf, " higher");
    return buf;
}

static char *payback_long(char *buf, size_t n, long months)
{
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

char *tc_fmt_payback(char *buf, size_t n, double years, tc_payback_style style)
{
    if (!isfinite(years)) {
        snprintf(buf, n, style == TC_PAYBACK_LONG ? "n/a" : "never");
        return buf;
    }
    long months = lround(years * 12.0);
    if (style == TC_PAYBACK_LONG)
        return payback_long(buf, n, months);
    if (months == 0)
        snprintf(buf, n, "< 1 month");
    else if (months < 12)
        snprintf(buf, n, "%ld month%s", months, months == 1 ? "" : "s");
    else
        snprintf(buf, n, "%ld y %ld m", months / 12, months % 12);
    return buf;
}
