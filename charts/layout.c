/* The pure layout step: nice ticks, scales, wrapping, label spreading and
 * the frame (title, legend, footnote). Its only outside input is the text
 * metric it is given; it produces drawing primitives in chart units. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tc_format.h"

static double nice_step(double raw)
{
    double e = floor(log10(raw));
    double f = raw / pow(10.0, e);
    /* thresholds at the geometric means of 1, 2, 5, 10 */
    double nf = f < 1.4142 ? 1.0 : f < 3.1623 ? 2.0 : f < 7.0711 ? 5.0 : 10.0;
    return nf * pow(10.0, e);
}

tc_ticks tc_nice_ticks(double lo, double hi, int target)
{
    tc_ticks t = {0};
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (lo > hi) {
        double s = lo;
        lo = hi;
        hi = s;
    }
    if (hi == lo) {
        double d = lo == 0.0 ? 1.0 : fabs(lo) * 0.5;
        lo -= lo == 0.0 ? 0.0 : d;
        hi += d;
    }
    if (target < 1)
        target = 1;
    t.step = nice_step((hi - lo) / target);
    double k0 = floor(lo / t.step + 1e-9), k1 = ceil(hi / t.step - 1e-9);
    t.lo = k0 * t.step;
    t.hi = k1 * t.step;
    t.n = (int)(k1 - k0) + 1;
    return t;
}

size_t tc_log_ticks(double lo, double hi, int target, double *out, size_t max,
                    double *dlo, double *dhi)
{
    static const double mant[] = {1.0, 2.0, 5.0};
    if (!(lo > 0.0) || !isfinite(lo) || !isfinite(hi) || hi < lo) {
        lo = 1.0;
        hi = 10.0;
    }
    int e0 = (int)floor(log10(lo) + 1e-9), e1 = (int)ceil(log10(hi) - 1e-9);
    int only_decades = (e1 - e0) * 3 > 2 * (target > 0 ? target : 1);
    *dlo = pow(10.0, e0);
    *dhi = pow(10.0, e1 > e0 ? e1 : e0 + 1);
    for (int e = e0; e <= e1; e++)     /* tightest candidates around [lo, hi] */
        for (int k = 0; k < 3; k++) {
            double v = mant[k] * pow(10.0, e);
            if (only_decades && k > 0)
                continue;
            if (v <= lo * (1 + 1e-9))
                *dlo = v;
            if (v >= hi * (1 - 1e-9) && v < *dhi && v > *dlo)
                *dhi = v;
        }
    size_t n = 0;
    for (int e = e0; e <= e1 + 1 && n < max; e++)
        for (int k = 0; k < 3 && n < max; k++) {
            double v = mant[k] * pow(10.0, e);
            if ((!only_decades || k == 0) && v >= *dlo * (1 - 1e-9) && v <= *dhi * (1 + 1e-9))
                out[n++] = v;
        }
    return n;
}

static int tick_decimals(double step)
{
    if (!(step > 0.0) || step >= 1.0)
        return 0;
    int d = (int)ceil(-log10(step) - 1e-9);
    return d > 6 ? 6 : d;
}

char *tc_axis_text(const tc_axis *a, double v, double step, double maxabs,
                   char *buf, size_t n)
{
    if (a->abs_labels)
        v = fabs(v);
    if (a->fmt == TC_FMT_PERCENT) {
        char num[64];
        snprintf(buf, n, "%s%%", tc_fmt_num(num, sizeof num, v * 100.0,
                                            tick_decimals(step * 100.0)));
        return buf;
    }
    const char *sym = a->fmt == TC_FMT_MONEY ? tc_currency_symbol(a->currency) : NULL;
    if (v == 0.0) {     /* "$0", not "$0.0M" */
        snprintf(buf, n, "%s0", sym ? sym : "");
        return buf;
    }
    if (step <= 0.0)    /* a log axis: each tick picks its own suffix */
        maxabs = fabs(v);
    double div = 1.0;
    const char *suf = "";
    if (maxabs >= 1e9) { div = 1e9; suf = "B"; }
    else if (maxabs >= 1e6) { div = 1e6; suf = "M"; }
    else if (maxabs >= (step <= 0.0 ? 1e3 : 1e4)) { div = 1e3; suf = "k"; }
    /* a log axis passes step 0: decimals from the value itself */
    int dec = tick_decimals(step > 0.0 ? step / div : fabs(v / div));
    char num[64];
    tc_fmt_num(num, sizeof num, fabs(v / div), dec);
    int neg = v < 0 && strspn(num, "0.,") != strlen(num);
    snprintf(buf, n, "%s%s%s%s%s", neg ? "-" : "", sym ? sym : "", num, suf,
             a->fmt == TC_FMT_RATIO ? "x" : "");
    return buf;
}

/* ---- wrapping ---- */

static double width_of(const tc_metrics *m, const char *s, size_t len, double size, int bold)
{
    char tmp[512];
    if (len >= sizeof tmp)
        len = sizeof tmp - 1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return m->width(m->ctx, tmp, size, bold);
}

static size_t utf8_next(const char *s, size_t i)
{
    i++;
    while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* A line may end after a hyphen inside a word ("(deepseek-" / "reasoner)"). */
static int hyphen_break(const char *p, size_t e)
{
    return e > 0 && p[e - 1] == '-' && p[e] && p[e] != ' ';
}

/* The ends of p's first words (or parts ending in a hyphen), each with the
 * spaces before it, up to byte 250; their count. */
static size_t word_ends(const char *p, size_t *ends)
{
    size_t n = 0, i = 0;
    while (p[i]) {
        size_t e = i;
        while (p[e] == ' ')
            e++;
        while (p[e] && p[e] != ' ' && !(e > i && hyphen_break(p, e)))
            e++;
        if (e > 250)
            break;
        ends[n++] = i = e;
    }
    return n;
}

/* Longest prefix of p (whole words or parts ending in a hyphen, else whole
 * characters) that fits. A prefix is never narrower than a shorter one
 * (every advance is positive), so the last word end that fits is
 * bisected: a 40-word note measures 6 prefixes, not 40. */
static size_t fit_prefix(const tc_metrics *m, const char *p, double size, int bold, double max_w)
{
    size_t ends[256], lo = 0, hi = word_ends(p, ends);   /* ends[0, lo) fit */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (width_of(m, p, ends[mid], size, bold) > max_w)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo > 0)
        return ends[lo - 1];
    size_t i = 0;
    while (p[i]) {          /* one word wider than the line: cut it */
        size_t e = utf8_next(p, i);
        if (e > 250 || (i > 0 && width_of(m, p, e, size, bold) > max_w))
            break;
        i = e;
    }
    return i;
}

static void add_ellipsis(const tc_metrics *m, char *line, double size, int bold, double max_w)
{
    static const char ell[] = "\xe2\x80\xa6";
    char tmp[260];
    size_t len = strlen(line);
    if (len > 250)
        len = 250;      /* room for the ellipsis in a 256-byte line */
    while (len > 0 && ((unsigned char)line[len] & 0xC0) == 0x80)
        len--;          /* on a character boundary */
    for (;;) {
        while (len > 0 && line[len - 1] == ' ')
            len--;
        snprintf(tmp, sizeof tmp, "%.*s%s", (int)len, line, ell);
        if (len == 0 || m->width(m->ctx, tmp, size, bold) <= max_w)
            break;
        do
            len--;
        while (len > 0 && ((unsigned char)line[len] & 0xC0) == 0x80);
    }
    memcpy(line, tmp, strlen(tmp) + 1);
}

void tc_wrap_text(const tc_metrics *m, const char *text, double size, int bold,
                  double max_w, int max_lines, tc_lines *out)
{
    memset(out, 0, sizeof *out);
    if (max_lines > TC_WRAP_MAX_LINES)
        max_lines = TC_WRAP_MAX_LINES;
    if (max_lines < 1)
        max_lines = 1;
    const char *p = text ? text : "";
    while (*p && out->n < max_lines) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = fit_prefix(m, p, size, bold, max_w);
        snprintf(out->line[out->n++], 256, "%.*s", (int)len, p);
        p += len;
        if (*p && *p != ' ' && !(len > 0 && p[-1] == '-')) {  /* a word cut short: say so */
            out->shortened = 1;
            add_ellipsis(m, out->line[out->n - 1], size, bold, max_w);
            while (*p && *p != ' ')
                p++;
        }
    }
    while (*p == ' ')
        p++;
    if (*p && out->n > 0) {
        out->shortened = 1;
        add_ellipsis(m, out->line[out->n - 1], size, bold, max_w);
    }
}

/* ---- label spreading ---- */

static int cmp_by_pos(const void *a, const void *b, const double *pos)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (pos[i] != pos[j])
        return pos[i] < pos[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

static void sort_idx(size_t *idx, size_t n, const double *pos)
{
    for (size_t i = 1; i < n; i++)     /* insertion sort: n is small, stable */
        for (size_t j = i; j > 0 && cmp_by_pos(&idx[j - 1], &idx[j], pos) > 0; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
}

/* Ordered positions d[0..n) become clusters spaced by gap, each centred on
 * the mean of what its members wanted (least squares), inside [lo, hi]. */
static void spread_sorted(double *d, size_t n, double gap, double lo, double hi)
{
    size_t start[n], count[n], nc = 0;
    double top[n], sum[n];
    for (size_t k = 0; k < n; k++) {
        start[nc] = k; count[nc] = 1; sum[nc] = d[k];
        top[nc] = d[k];
        nc++;
        for (;;) {
            size_t c = nc - 1;
            double t = sum[c] / (double)count[c];
            double top_max = hi - (double)(count[c] - 1) * gap;
            top[c] = t < lo ? lo : t > top_max ? top_max : t;
            if (c == 0 || top[c - 1] + (double)count[c - 1] * gap <= top[c] + 1e-9)
                break;
            for (size_t j = 0; j < count[c]; j++)   /* merge into c - 1 */
                sum[c - 1] += d[start[c] + j] - (double)(count[c - 1] + j) * gap;
            count[c - 1] += count[c];
            nc--;
        }
    }
    for (size_t c = 0; c < nc; c++)
        for (size_t j = 0; j < count[c]; j++)
            d[start[c] + j] = top[c] + (double)j * gap;
}

void tc_spread_labels(double *pos, size_t n, double gap, double lo, double hi)
{
    if (n == 0 || n > 1024)
        return;
    if (n > 1 && (double)(n - 1) * gap > hi - lo)
        gap = (hi - lo) / (double)(n - 1);     /* cannot fit: spread evenly */
    size_t *idx = malloc(n * sizeof *idx);
    double *d = malloc(n * sizeof *d);
    if (idx && d) {
        for (size_t i = 0; i < n; i++)
            idx[i] = i;
        sort_idx(idx, n, pos);
        for (size_t k = 0; k < n; k++)
            d[k] = pos[idx[k]];
        spread_sorted(d, n, gap, lo, hi);
        for (size_t k = 0; k < n; k++)
            pos[idx[k]] = d[k];
    }
    free(idx);
    free(d);
}

tc_span tc_band_bar(double a, double b, size_t n, size_t i, double fill, double max_size)
{
    tc_span s = {0};
    if (n == 0)
        return s;
    double band = (b - a) / (double)n;
    s.size = fabs(band) * fill;
    if (max_size > 0 && s.size > max_size)
        s.size = max_size;
    s.start = a + band * ((double)i + 0.5) - s.size / 2.0;
    return s;
}

double tc_scale_at(const tc_scale *s, double v)
{
    double d0 = s->d0, d1 = s->d1;
    if (s->log) {
        v = log10(v > 0 ? v : d0);
        d0 = log10(d0);
        d1 = log10(d1);
    }
    if (d1 == d0)
        return (s->p0 + s->p1) / 2.0;
    return s->p0 + (v - d0) / (d1 - d0) * (s->p1 - s->p0);
}

void tc_axis_ticks_choose(const tc_axis *a, double lo, double hi, int target,
                          tc_axis_ticks *out)
{
    memset(out, 0, sizeof *out);
    if (a->log) {
        out->n = tc_log_ticks(lo, hi, target, out->v, 64, &out->dlo, &out->dhi);
        out->step = 0.0;
    } else {
        if (a->include_zero) {
            lo = fmin(lo, 0.0);
            hi = fmax(hi, 0.0);
        }
        tc_ticks t = tc_nice_ticks(lo, hi, target);
        if (a->integer && t.step < 1.0)
            t = tc_nice_ticks(lo, hi, (int)fmax(1.0, ceil(t.hi - t.lo)));
        for (int i = 0; i < t.n && out->n < 64; i++)
            out->v[out->n++] = (floor(t.lo / t.step + 0.5) + i) * t.step;
        out->step = t.step;
        out->dlo = t.lo;
        out->dhi = t.hi;
    }
    for (size_t i = 0; i < out->n; i++)
        out->maxabs = fmax(out->maxabs, fabs(out->v[i]));
}

char *tc_axis_ticks_text(const tc_axis *a, const tc_axis_ticks *t, size_t i,
                         char *buf, size_t n)
{
    return tc_axis_text(a, t->v[i], t->step, t->maxabs, buf, n);
}

double tc_axis_ticks_width(const tc_lay *L, const tc_axis *a, const tc_axis_ticks *t)
{
    double w = 0.0;
    char buf[64];
    for (size_t i = 0; i < t->n; i++)
        w = fmax(w, tc_text_w(L, tc_axis_ticks_text(a, t, i, buf, sizeof buf), TS_TICK, 0));
    return w;
}
