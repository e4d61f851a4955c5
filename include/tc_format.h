/* Number formatting shared by the terminal table, charts and the report.
 * Only the C locale exists on the target machines, so thousands separators
 * are done here. Every function writes into buf (size n), returns buf, and
 * writes "n/a" for NAN. */
#ifndef TC_FORMAT_H
#define TC_FORMAT_H

#include <stddef.h>

/* 1234567.891, 2 -> "1,234,567.89"; -0.5, 0 -> "-1" (round half away). */
char *tc_fmt_num(char *buf, size_t n, double v, int decimals);

/* Currency symbol for an ISO 4217 code ("$", "€", "£", "¥"), else NULL. */
const char *tc_currency_symbol(const char *code);

/* 4.35185, "USD", 4 -> "$4.3519"; "CHF" -> "CHF 4.3519"; negatives "-$1.00". */
char *tc_fmt_money(char *buf, size_t n, double v, int decimals, const char *code);

/* Compact: 2857142.9 -> "2.86M", 52023.1 -> "52.0k", 950 -> "950",
 * 1.2e9 -> "1.20B", 3.4e12 -> "3.40T" (three significant digits). */
char *tc_fmt_si(char *buf, size_t n, double v);

/* Ratio to the baseline: 1.879 -> "1.9x"; 0.0282 -> "35.5x lower";
 * 1.0 -> "1.0x". */
char *tc_fmt_relative(char *buf, size_t n, double ratio);

/* The ratio of v to the baseline's value base: NAN unless both are finite
 * and base > 0 (the one place the ratio to the baseline is derived). */
double tc_ratio_to(double v, double base);

/* v against the baseline base in words, through tc_fmt_relative;
 * TC_VS_COST also says "higher" on the higher side ("1.9x higher"), for a
 * quantity where lower is better shown without its column heading. */
typedef enum { TC_VS_PLAIN, TC_VS_COST } tc_vs_style;
char *tc_fmt_vs(char *buf, size_t n, double v, double base, tc_vs_style style);

/* Payback period (years, NAN: never). TC_PAYBACK_SHORT for table cells:
 * "never", "< 1 month", "5 months", "2 y 2 m"; TC_PAYBACK_LONG for
 * sentences: "n/a", "less than a month", "5 months", "2 years",
 * "2 years 1 month". Rounded to the nearest month. */
typedef enum { TC_PAYBACK_SHORT, TC_PAYBACK_LONG } tc_payback_style;
char *tc_fmt_payback(char *buf, size_t n, double years, tc_payback_style style);

/* Significant-digit rounding: value to d significant digits (for display
 * and the claims check). */
double tc_round_sig(double v, int digits);

#endif
