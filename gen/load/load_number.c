/* Strict numbers: decimal only, finite, neither too large nor too small,
 * nothing after them but a unit the key accepts. YAML 1.1 readings (yes,
 * 0x1F, 1_000, .inf) are refused with a message that says what to write
 * instead. */
#include "load_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct { const char *name; double factor; } tc_unit;

/* factors to kW, and to a price per kWh */
static const tc_unit power_units[] = {{"W", 1e-3}, {"kW", 1}, {"MW", 1e3}, {"GW", 1e6}, {0, 0}};
static const tc_unit price_units[] = {{"/kWh", 1}, {"/MWh", 1e-3}, {0, 0}};
static const char power_list[] = "W, kW, MW, GW";
static const char price_list[] = "/kWh, /MWh";

typedef struct {
    size_t len;         /* bytes of the number */
    int decimals;       /* digits after the point */
    long exponent;
    int lead_zero;      /* "007" */
} tc_scan;

static size_t scan_digits(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* [+-]? digits* [. digits*] ([eE] [+-]? digits)?, at least one mantissa digit */
static tc_scan num_scan(const char *s, size_t len)
{
    tc_scan r = {0};
    size_t i = (len && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    size_t int_start = i;
    i = scan_digits(s, i, len);
    size_t int_digits = i - int_start;
    r.lead_zero = int_digits > 1 && s[int_start] == '0';
    if (i < len && s[i] == '.') {
        size_t f = scan_digits(s, i + 1, len);
        r.decimals = (int)(f - i - 1);
        i = f;
    }
    if (int_digits == 0 && r.decimals == 0)
        return (tc_scan){0};
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1 + ((i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-')) ? 1 : 0);
        size_t k = scan_digits(s, j, len);
        if (k > j) {
            long e = 0;
            for (size_t q = j; q < k && e < 100000; q++)
                e = e * 10 + (s[q] - '0');
            r.exponent = s[j - 1] == '-' ? -e : e;
            i = k;
        }
    }
    r.len = i;
    return r;
}

static int is_special(const char *t, size_t len)
{
    static const char *const names[] = {".nan", ".inf", "+.inf", "-.inf", "nan", "inf",
                                        "+inf", "-inf", "infinity", "-infinity", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == len && strncasecmp(t, names[i], len) == 0)
            return 1;
    return 0;
}

static int is_radix(const char *t, size_t len)
{
    size_t i = (len && (t[0] == '+' || t[0] == '-')) ? 1 : 0;
    return i + 1 < len && t[i] == '0' && strchr("xXoObB", t[i + 1]) != NULL;
}

static const tc_unit *find_unit(const tc_unit *units, const char *u, size_t len)
{
    for (size_t i = 0; units[i].name; i++)
        if (strlen(units[i].name) == len && memcmp(units[i].name, u, len) == 0)
            return &units[i];
    return NULL;
}

/* Applies the unit after the number; 0 (reported) when it does not fit. */
static int num_unit(tc_ld *c, const tc_node *n, tc_dim dim, const char *u, size_t ulen,
                    double *v)
{
    tc_esc e, eu;
    const tc_unit *pw = find_unit(power_units, u, ulen);
    const tc_unit *pr = find_unit(price_units, u, ulen);
    const char *su = tc_ld_esc(&eu, u, ulen);
    if (dim == TC_DIM_NONE) {
        if (pw || pr)
            tc_ld_err(c, n, "units are not accepted here, got \"%s\" (expected a plain number)",
                      tc_ld_esc(&e, n->text, n->len));
        else
            tc_ld_err(c, n, "expected a number, got \"%s\"", tc_ld_esc(&e, n->text, n->len));
        return 0;
    }
    if (dim == TC_DIM_PER_KWH) {
        if (pr) { *v *= pr->factor; return 1; }
        if (pw)
            tc_ld_err(c, n, "unit \"%s\" is not an energy price (expected one of: %s)", su, price_list);
        else
            tc_ld_err(c, n, "unknown unit \"%s\" (expected one of: %s)", su, price_list);
        return 0;
    }
    if (pw) {
        *v *= dim == TC_DIM_MW ? pw->factor / 1e3 : pw->factor;
        return 1;
    }
    if (pr)
        tc_ld_err(c, n, "unit \"%s\" is not a power (expected one of: %s)", su, power_list);
    else
        tc_ld_err(c, n, "unknown unit \"%s\" (expected one of: %s)", su, power_list);
    return 0;
}

/* Refusals that come before the number is read; 1 when one applied. */
static int num_refuse(tc_ld *c, const tc_node *n, const tc_scan *sc)
{
    tc_esc e;
    const char *t = n->text, *shown = tc_ld_esc(&e, n->text, n->len);
    size_t len = n->len;
    if (len == 0)
        tc_ld_err(c, n, "expected a number, got an empty value");
    else if (is_special(t, len))
        tc_ld_err(c, n, "expected a finite number, got \"%s\"", shown);
    else if (is_radix(t, len))
        tc_ld_err(c, n, "expected a decimal number, got \"%s\"", shown);
    else if (sc->len == 0)
        tc_ld_err(c, n, "expected a number, got \"%s\"", shown);
    else if (sc->len < len && (t[sc->len] == '_' || t[sc->len] == ','))
        tc_ld_err(c, n, "expected a number without digit separators, got \"%s\"", shown);
    else if (sc->lead_zero)
        tc_ld_err(c, n, "expected a number without leading zeros, got \"%s\"", shown);
    else
        return 0;
    return 1;
}

/* Underflow is refused like overflow: a literal that strtod could only
 * round toward zero (1e-400, ERANGE), a subnormal, and any nonzero
 * magnitude below TC_INPUT_TINY, which no input means and on which the
 * ranges' proof of finite figures relies (gen/core/inputs.c). */
static int num_tiny_ok(tc_ld *c, const tc_node *n, double v, int erange)
{
    if (!erange && (v == 0 || fabs(v) >= TC_INPUT_TINY))
        return 1;
    tc_esc e;
    tc_ld_err(c, n, "%s is too small (expected 0 or a magnitude of at least 1e-9)",
              tc_ld_esc(&e, n->text, n->len));
    return 0;
}

int tc_ld_number(tc_ld *c, const tc_node *n, tc_dim dim, double *out, double *quantum)
{
    tc_esc e;
    if (n->bad)
        return 0;
    if (n->kind != TC_NODE_SCALAR) {
        tc_ld_err(c, n, "expected a number, got %s", tc_ld_kind_name(n));
        return 0;
    }
    tc_scan sc = num_scan(n->text, n->len);
    if (num_refuse(c, n, &sc))
        return 0;
    char num[400];
    if (sc.len >= sizeof num) {
        tc_ld_err(c, n, "expected a number of at most %zu characters", sizeof num - 1);
        return 0;
    }
    memcpy(num, n->text, sc.len);
    num[sc.len] = '\0';
    errno = 0;
    double v = strtod(num, NULL);
    if (errno == ERANGE && fabs(v) > 1.0) {
        tc_ld_err(c, n, "%s is too large (expected a finite number)", tc_ld_esc(&e, n->text, n->len));
        return 0;
    }
    if (!num_tiny_ok(c, n, v, errno == ERANGE))
        return 0;
    const char *rest = n->text + sc.len;
    size_t rlen = n->len - sc.len;
    while (rlen && rest[0] == ' ') {
        rest++;
        rlen--;
    }
    if (rlen == 1 && rest[0] == '%') {
        tc_ld_err(c, n, "percentages are not allowed, got \"%s\" (write fractions as fractions, e.g. %.10g)",
                  tc_ld_esc(&e, n->text, n->len), v / 100.0);
        return 0;
    }
    if (rlen && (!num_unit(c, n, dim, rest, rlen, &v) || !num_tiny_ok(c, n, v, 0)))
        return 0;
    *out = v;
    if (quantum)
        *quantum = pow(10.0, (double)(sc.exponent - sc.decimals));
    return 1;
}
