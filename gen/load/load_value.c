/* Numeric keys: ranges, defaults, the plain-or-distribution choice. The
 * range of each key is stored in tc_num.lo/hi (open bounds are stored as
 * the bound itself; "no bound" as +-DBL_MAX so that JSON writers and
 * clamping code never meet an infinity). */
#include "load_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define BIG DBL_MAX
#define R(lo, hi, lo_open, hi_open, integer, dist, dim, what) \
    {lo, hi, lo_open, hi_open, integer, dist, dim, what, ""}

const tc_range TC_R_SWING = R(0, 1, 1, 1, 0, 0, TC_DIM_NONE, "a fraction in (0, 1)");
const tc_range TC_R_GPUS = R(1, 100000, 0, 0, 1, 0, TC_DIM_NONE, "an integer in 1..100000");
const tc_range TC_R_SAMPLES = R(1, 10000000, 0, 0, 1, 0, TC_DIM_NONE, "an integer in 1..10000000");
const tc_range TC_R_SEED = R(0, 9007199254740991.0, 0, 0, 1, 0, TC_DIM_NONE,
                             "an integer in 0..9007199254740991");
const tc_range TC_R_WEIGHT = R(0, BIG, 1, 0, 0, 0, TC_DIM_NONE, "a number > 0");
const tc_range TC_R_CLAIM = R(0, BIG, 1, 0, 0, 0, TC_DIM_NONE, "a number > 0");
const tc_range TC_R_BOUND = R(-BIG, BIG, 0, 0, 0, 0, TC_DIM_NONE, "a number");

/* A bound as a reader writes it: 0.001, 10, 1e9 (not 1e+09). */
static const char *bound_text(char *buf, size_t n, double v)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%g", v);    /* every bound has at most 6 digits */
    char *e = strchr(raw, 'e');
    if (!e) {
        snprintf(buf, n, "%s", raw);
        return buf;
    }
    const char *x = e + 1;
    int neg = *x == '-';
    x += *x == '-' || *x == '+';
    while (x[0] == '0' && x[1])
        x++;
    snprintf(buf, n, "%.*se%s%s", (int)(e - raw), raw, neg ? "-" : "", x);
    return buf;
}

static tc_dim input_dim(tc_input_kind k)
{
    return k == TC_IN_POWER_KW_PER_GPU ? TC_DIM_KW
         : k == TC_IN_SITE_POWER_MW ? TC_DIM_MW
         : k == TC_IN_PRICE_PER_KWH ? TC_DIM_PER_KWH : TC_DIM_NONE;
}

const tc_range *tc_ld_input_range(tc_input_kind k, tc_range *r)
{
    const tc_input_info *i = tc_input_info_of(k);
    char lo[32], hi[32];
    *r = (tc_range){ .lo = i->lo, .hi = i->hi, .lo_open = i->lo_open, .hi_open = i->hi_open,
                     .integer = i->integer, .dim = input_dim(k) };
    /* SCENARIO.md: every numeric input of assumptions and platforms, but
     * not the mix's shape nor the SLO curve's interactivity axis */
    r->dist_ok = !i->integer && !i->structural && k != TC_IN_WL_MIN_INTERACTIVITY
                 && k != TC_IN_POINT_INTERACTIVITY;
    bound_text(lo, sizeof lo, i->lo);
    bound_text(hi, sizeof hi, i->hi);
    if (i->integer)
        snprintf(r->text, sizeof r->text, "%s in %s..%s", i->noun, lo, hi);
    else
        snprintf(r->text, sizeof r->text, "%s in %c%s, %s%c%s", i->noun, i->lo_open ? '(' : '[',
                 lo, hi, i->hi_open ? ')' : ']',
                 r->dim == TC_DIM_KW ? " kW, or with a unit"
                 : r->dim == TC_DIM_MW ? " MW, or with a unit" : "");
    r->expect = r->text;
    return r;
}

int tc_ld_in_range(const tc_range *r, double v)
{
    if (r->lo_open ? !(v > r->lo) : !(v >= r->lo))
        return 0;
    if (r->hi_open ? !(v < r->hi) : !(v <= r->hi))
        return 0;
    return 1;
}

static void num_reset(tc_num *out, const tc_range *r, double value)
{
    memset(out, 0, sizeof *out);
    out->value = value;
    out->lo = r->lo;
    out->hi = r->hi;
}

static int num_map(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    if (r->dist_ok)
        return tc_ld_dist(c, n, r, out);
    if (tc_ld_get(n, "dist"))
        tc_ld_err(c, n, "a distribution is not allowed here (expected %s)", r->expect);
    else
        tc_ld_err(c, n, "expected a number, got %s", tc_ld_kind_name(n));
    return 0;
}

int tc_ld_num(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out)
{
    tc_esc e;
    num_reset(out, r, 0);
    if (n->bad)
        return 0;
    if (n->kind == TC_NODE_MAP)
        return num_map(c, n, r, out);
    double v;
    if (!tc_ld_number(c, n, r->dim, &v, NULL))
        return 0;
    if (r->integer && v != floor(v)) {
        tc_ld_err(c, n, "expected an integer, got \"%s\"", tc_ld_esc(&e, n->text, n->len));
        return 0;
    }
    if (!tc_ld_in_range(r, v)) {
        tc_ld_err(c, n, "%s is out of range (expected %s)", tc_ld_esc(&e, n->text, n->len),
                  r->expect);
        return 0;
    }
    out->value = v;
    out->given = 1;
    out->line = n->line;
    out->col = n->col;
    out->set = n->set;
    return 1;
}

int tc_ld_num_key(tc_ld *c, const tc_node *map, const char *key,
                  const tc_range *r, tc_need need, double def, tc_num *out)
{
    num_reset(out, r, need == TC_LD_DEFAULT ? def : 0);
    const tc_node *v = need == TC_LD_REQUIRED ? tc_ld_require(c, map, key) : tc_ld_get(map, key);
    if (!v)
        return need != TC_LD_REQUIRED;
    size_t old = tc_ld_push(c, key);
    int ok = tc_ld_num(c, v, r, out);
    tc_ld_pop(c, old);
    if (!ok)
        num_reset(out, r, need == TC_LD_DEFAULT ? def : 0);
    return ok;
}

int tc_ld_int_key(tc_ld *c, const tc_node *map, const char *key,
                  const tc_range *r, tc_need need, double def, double *out)
{
    tc_num n;
    int ok = tc_ld_num_key(c, map, key, r, need, def, &n);
    *out = n.value;
    return ok;
}

void tc_ld_fields(tc_ld *c, const tc_node *map, const tc_ld_field *f, size_t n, void *base)
{
    for (size_t i = 0; i < n; i++) {
        const tc_input_info *in = tc_input_info_of(f[i].kind);
        char *at = (char *)base + f[i].at;
        if (in->integer) {
            double v;
            tc_ld_int_key(c, map, in->name, TC_LD_IN(f[i].kind), f[i].need, f[i].def, &v);
            *(int *)(void *)at = (int)v;
        } else {
            tc_ld_num_key(c, map, in->name, TC_LD_IN(f[i].kind), f[i].need, f[i].def,
                          (tc_num *)(void *)at);
        }
    }
}
