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

/* The currency's unit in words, for "FLOPS per dollar": "dollar" (USD),
 * "euro", "pound", "yen", "yuan", "rupee", "won", else the code itself. */
const char *tc_currency_word(const char *code);

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

/* Board rounding: the one style of the report's narrative and headline
 * tables, the chart labels, the workbook's text and `tokcost eval` (full
 * precision stays in appendix tables, workbook cells and results.json). */

/* Money to 3 significant figures, in K, M, B, T from a thousand:
 * 0.20513 -> "$0.205", 3.3656 -> "$3.37", 21559623 -> "$21.6M",
 * -51662146 -> "-$51.7M", 999999 -> "$1.00M". */
char *tc_fmt_board_money(char *buf, size_t n, double v, const char *code);

/* A count or rate: whole and grouped below 10,000 ("1,876"), else 3
 * significant figures in k, M, B, T ("391k", "1.01M"). */
char *tc_fmt_board_count(char *buf, size_t n, double v);

/* v against the baseline base in words. A difference under 10% (rounded
 * to the whole percent) is a percentage: "5% higher", "3% lower", "same";
 * else the ratio to 2 significant figures: "2.4x higher", "3.4x lower",
 * "36x lower". "n/a" unless both are finite and base > 0. */
char *tc_fmt_vs(char *buf, size_t n, double v, double base);

/* A multiple to 2 significant figures: 2.016 -> "2.0x", 35.47 -> "35x";
 * "n/a" unless finite and >= 0. */
char *tc_fmt_times(char *buf, size_t n, double x);

/* A rise to ratio times a value (ratio >= 1) as a board reads it: under
 * double, a percentage with `decimals` decimals ("29.5%"); from double
 * (100% more once rounded) a multiple to 2 significant figures ("2.0
 * times", "4.8 times", "35 times"). Returns 1 for a multiple, 0 for a
 * percentage; -1 and "n/a" unless ratio is finite and >= 1. The one place
 * the threshold between the two lives. */
int tc_fmt_rise(char *buf, size_t n, double ratio, int decimals);

/* How much more one cost is than another, from their ratio: "29.5% more",
 * "4.8 times as much" (tc_fmt_rise, one decimal); under 0.05% "the same";
 * below 1 "12.5% less";
 * "n/a" unless finite and > 0. */
char *tc_fmt_more(char *buf, size_t n, double ratio);

/* How far a claim is from the figure computed from the bid's own inputs,
 * deviation = (claimed - computed) / computed: "13.9% above", "7.5%
 * below", from double "4.5 times" (tc_fmt_rise); "n/a" unless finite.
 * Every verdict (report, table, workbook, caveats) words it so. */
char *tc_fmt_gap(char *buf, size_t n, double deviation);

/* Payback period (years; NAN: never), one style for tables and sentences:
 * "never", "less than a month", "5 months", "2 years", "2 years 1 month".
 * Rounded to the nearest month. */
char *tc_fmt_payback(char *buf, size_t n, double years);

/* Significant-digit rounding: value to d significant digits (for display
 * and the claims check). */
double tc_round_sig(double v, int digits);

#endif
