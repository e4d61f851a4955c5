/* The chart descriptions over the horizon and the performance curves:
 * TCO by year, cumulative cost with crossings, site power, and throughput
 * against interactivity with each workload's SLO. */
#include "build_util.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include "tc_format.h"

/* The bids with years the chart draws (tc_chart_pick); power: only those
 * with a facility power. */
static tc_status with_years(const tc_results *r, tc_chart *c, int power, size_t **idx, size_t *m)
{
    size_t n = r->scenario->n_platforms;
    unsigned char *ok = tc_chart_alloc(c, n, 1);
    *idx = tc_chart_alloc(c, n, sizeof **idx);
    *m = 0;
    if (!ok || !*idx)
        return TC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        ok[i] = r->platforms[i].years &&
                (!power || isfinite(r->platforms[i].years[0].facility_mw));
    return tc_chart_pick(r, c, ok, *idx, m);
}

/* Median of v[0..n) without v[skip] (n >= 2). */
static double median_without(const double *v, size_t n, size_t skip)
{
    double s[n];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (i != skip && isfinite(v[i]))
            s[m++] = v[i];
    for (size_t i = 1; i < m; i++)     /* insertion sort: a handful of bids */
        for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
            double t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    if (m == 0)
        return NAN;
    return m % 2 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
}

double tc_offscale_cap(const double *peaks, size_t n, size_t *outlier)
{
    if (n < 3)
        return 0.0;
    size_t top = 0, next = SIZE_MAX;
    for (size_t i = 1; i < n; i++)
        if (peaks[i] > peaks[top])
            top = i;
    for (size_t i = 0; i < n; i++)
        if (i != top && (next == SIZE_MAX || peaks[i] > peaks[next]))
            next = i;
    double med = median_without(peaks, n, top);
    if (!(med > 0) || !(peaks[top] > 5.0 * med))
        return 0.0;
    *outlier = top;
    return peaks[next] * 1.15;
}

/* Off scale (tc_offscale_cap) over the bids' peaks; the footnote names the
 * bid and its largest value, which the chart cannot show to scale. */
static void offscale(const tc_results *r, tc_chart *c, const size_t *idx, const double *peaks,
                     size_t m, const char *what)
{
    size_t out = 0;
    c->y_cap = tc_offscale_cap(peaks, m, &out);
    if (c->y_cap > 0)
        c->footnote = tc_chart_str(c, "%s%s%s is drawn off scale (cut at the top): %s reaches %s, "
                                   "over 5x the other bids.", c->footnote ? c->footnote : "",
                                   c->footnote ? " " : "", tc_pname(r, idx[out]), what,
                                   tc_money_text(c, peaks[out], r->scenario->currency));
}

static const struct { const char *name; size_t off; tc_rgb colour; } cost_parts[] = {
    {"capex", offsetof(tc_year, capex), TC_OI_BLUE},
    {"GPU rent", offsetof(tc_year, rent), TC_OI_SKY},
    {"API spend", offsetof(tc_year, api), TC_OI_PURPLE},
    {"energy", offsetof(tc_year, energy), TC_OI_ORANGE},
    {"facility", offsetof(tc_year, facility), TC_OI_GREEN},
    {"maintenance", offsetof(tc_year, maintenance), TC_OI_YELLOW},
    {"software", offsetof(tc_year, software), TC_OI_VERMILLION},
    {"other", offsetof(tc_year, other), TC_GREY},
    {"residual credit", offsetof(tc_year, credit), TC_GREY_DARK},
};

static double part(const tc_year *y, size_t k)
{
    double v = *(const double *)((const char *)y + cost_parts[k].off);
    return cost_parts[k].off == offsetof(tc_year, credit) ? -v : v;
}

static tc_status tco_series(const tc_results *r, tc_chart *c, const size_t *idx, size_t m, int h)
{
    for (size_t k = 0; k < sizeof cost_parts / sizeof cost_parts[0]; k++) {
        int used = 0;
        for (size_t j = 0; j < m; j++)
            for (int y = 0; y < h; y++)
                used |= isfinite(part(&r->platforms[idx[j]].years[y], k)) &&
                        part(&r->platforms[idx[j]].years[y], k) != 0.0;
        if (!used)
            continue;
        tc_series *s = tc_chart_add_series(c, cost_parts[k].name, cost_parts[k].colour, m * (size_t)h);
        if (!s)
            return TC_ERR_NOMEM;
        s->in_legend = 1;
        for (size_t j = 0; j < m; j++)
            for (int y = 0; y < h; y++)
                s->y[j * (size_t)h + (size_t)y] = part(&r->platforms[idx[j]].years[y], k);
    }
    return TC_OK;
}

tc_status tc_build_tco_stack(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    int h = s->horizon_years;
    size_t *idx, m;
    if (with_years(r, c, 0, &idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    if (m == 0 || h < 1)
        return TC_OK;
    c->type = TC_PLOT_VBAR;
    c->title = "Total cost of ownership by year";
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 cash view, nominal %s, years 1\xe2\x80\x93%d",
                               tc_scenario_title(r), s->currency, h);
    c->y.label = tc_chart_str(c, "%s per year", s->currency);
    c->y.fmt = TC_FMT_MONEY;
    c->y.currency = s->currency;
    c->y.include_zero = 1;
    c->cats = tc_chart_alloc(c, m, sizeof *c->cats);
    c->sub_labels = tc_chart_alloc(c, (size_t)h, sizeof *c->sub_labels);
    c->top_labels = tc_chart_alloc(c, m * (size_t)h, sizeof *c->top_labels);
    c->bottom_labels = tc_chart_alloc(c, m * (size_t)h, sizeof *c->bottom_labels);
    if (!c->cats || !c->sub_labels || !c->top_labels || !c->bottom_labels)
        return TC_ERR_NOMEM;
    c->n_cats = m;
    c->n_sub = (size_t)h;
    int credit = 0;
    for (int y = 0; y < h; y++)
        c->sub_labels[y] = tc_chart_str(c, "Y%d", y + 1);
    for (size_t j = 0; j < m; j++) {
        c->cats[j].label = tc_pname(r, idx[j]);
        c->cats[j].emphasis = idx[j] == r->baseline;
        for (int y = 0; y < h; y++) {
            const tc_year *yr = &r->platforms[idx[j]].years[y];
            size_t b = j * (size_t)h + (size_t)y;
            c->top_labels[b] = tc_money_si_text(c, yr->capex + yr->opex, s->currency);
            if (yr->credit > 0) {
                c->bottom_labels[b] = tc_money_si_text(c, -yr->credit, s->currency);
                credit = 1;
            }
        }
    }
    /* Says nothing of the labels above the bars: the layout leaves them
     * out when they do not all fit. */
    if (credit)
        c->footnote = tc_chart_str(c, "Below zero: residual value returned at end of life "
                                   "(a credit).%s%s", c->footnote ? " " : "",
                                   c->footnote ? c->footnote : "");
    double peaks[m + 1];
    for (size_t j = 0; j < m; j++) {
        peaks[j] = 0;
        for (int y = 0; y < h; y++)
            peaks[j] = fmax(peaks[j], r->platforms[idx[j]].years[y].capex +
                                      r->platforms[idx[j]].years[y].opex);
    }
    offscale(r, c, idx, peaks, m, "its largest year");
    return tco_series(r, c, idx, m, h);
}

size_t tc_chart_crossings(const double *x, const double *a, const double *b, size_t n,
                          double *xs, double *ys, size_t max)
{
    size_t found = 0;
    for (size_t k = 1; k < n && found < max; k++) {
        double d0 = a[k - 1] - b[k - 1], d1 = a[k] - b[k];
        if (!isfinite(d0) || !isfinite(d1) || d0 == 0.0)
            continue;   /* a touch at k - 1 was counted when reaching it */
        if (d1 == 0.0) {
            xs[found] = x[k];
            ys[found++] = a[k];
        } else if ((d0 < 0) != (d1 < 0)) {
            double t = d0 / (d0 - d1);
            xs[found] = x[k - 1] + t * (x[k] - x[k - 1]);
            ys[found++] = a[k - 1] + t * (a[k] - a[k - 1]);
        }
    }
    return found;
}

static tc_status line_per_platform(const tc_results *r, tc_chart *c, size_t i, int cumulative)
{
    int h = r->scenario->horizon_years;
    size_t n = (size_t)h + (cumulative ? 1 : 0);
    tc_series *s = tc_chart_add_series(c, tc_pname(r, i), tc_chart_platform_colour(i), n);
    if (!s)
        return TC_ERR_NOMEM;
    s->style = TC_STYLE_LINE;
    s->marker = TC_MARK_CIRCLE;
    s->dash = i >= 7;
    s->end_label = 1;
    double sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        size_t y = cumulative ? k : k + 1;     /* cumulative starts at 0 before year 1 */
        s->x[k] = (double)y;
        if (cumulative && y > 0)
            sum += r->platforms[i].years[y - 1].cash;
        s->y[k] = cumulative ? sum : r->platforms[i].years[y - 1].facility_mw;
    }
    return TC_OK;
}

static tc_status crossings(const tc_results *r, tc_chart *c, const size_t *idx, size_t m)
{
    size_t cap = 12;
    c->callouts = tc_chart_alloc(c, cap, sizeof *c->callouts);
    if (!c->callouts)
        return TC_ERR_NOMEM;
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            if (m > 4 && idx[a] != r->baseline && idx[b] != r->baseline)
                continue;   /* many lines: only crossings with the baseline */
            const tc_series *sa = &c->series[a], *sb = &c->series[b];
            double xs[16], ys[16];
            size_t n = tc_chart_crossings(sa->x + 1, sa->y + 1, sb->y + 1, sa->n - 1, xs, ys, 16);
            for (size_t k = 0; k < n && c->n_callouts < cap; k++) {
                if (c->y_cap > 0 && ys[k] > c->y_cap)
                    continue;   /* off scale: not drawn, not named */
                /* the point says when; the footnote names the two bids */
                c->callouts[c->n_callouts++] = (tc_callout){
                    xs[k], ys[k], tc_chart_str(c, "year %.1f", xs[k]), TC_GREY_DARK,
                    TC_MARK_CIRCLE, 0};
                c->footnote = tc_chart_str(c, "%s%s%s and %s at year %.1f", c->footnote ? c->footnote : "",
                                           c->n_callouts > 1 ? "; " : c->footnote ? " \xe2\x97\x8f Costs cross: "
                                           : "\xe2\x97\x8f Costs cross: ",
                                           sa->name, sb->name, xs[k]);
            }
        }
    return TC_OK;
}

tc_status tc_build_cumulative(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    size_t *idx, m;
    if (with_years(r, c, 0, &idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    if (m == 0 || s->horizon_years < 1)
        return TC_OK;
    c->type = TC_PLOT_XY;
    c->title = "Cumulative cost over the horizon";
    c->subtitle = tc_chart_str(c, "%s \xe2\x80\x94 cash spent to date, nominal %s",
                               tc_scenario_title(r), s->currency);
    c->x.label = "years from the start";
    c->x.integer = 1;
    c->x.include_zero = 1;
    c->y.label = tc_chart_str(c, "cumulative cash, %s", s->currency);
    c->y.fmt = TC_FMT_MONEY;
    c->y.currency = s->currency;
    c->y.include_zero = 1;
    double peaks[m + 1];
    for (size_t j = 0; j < m; j++) {
        if (line_per_platform(r, c, idx[j], 1) != TC_OK)
            return TC_ERR_NOMEM;
        peaks[j] = c->series[j].y[c->series[j].n - 1];
    }
    offscale(r, c, idx, peaks, m, "its total");
    return crossings(r, c, idx, m);
}

static const char *site_subtitle(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    const char *over = NULL;
    size_t n_over = 0;
    for (size_t i = 0; i < s->n_platforms; i++)
        if (r->platforms[i].site_fits == 0 && n_over++ == 0)
            over = tc_chart_str(c, "%s exceeds it from year %d", tc_pname(r, i),
                                r->platforms[i].site_first_year_over);
    if (!s->site_power_mw.given)
        return tc_chart_str(c, "%s \xe2\x80\x94 installed GPUs at load, PUE %.2f",
                            tc_scenario_title(r), s->pue.value);
    if (n_over == 0)
        return tc_chart_str(c, "Every platform fits the %g MW site over the horizon",
                            s->site_power_mw.value);
    return tc_chart_str(c, "Site power %g MW: %s%s", s->site_power_mw.value, over,
                        n_over > 1 ? tc_chart_str(c, " (and %zu more)", n_over - 1) : "");
}

tc_status tc_build_site_power(const tc_results *r, tc_chart *c)
{
    const tc_scenario *s = r->scenario;
    size_t *idx, m;
    if (with_years(r, c, 1, &idx, &m) != TC_OK)
        return TC_ERR_NOMEM;
    if (m == 0)
        return TC_OK;
    c->type = TC_PLOT_XY;
    c->title = "Fleet facility power by year";
    c->subtitle = site_subtitle(r, c);
    c->x.label = "year";
    c->x.integer = 1;
    c->y.label = "facility power, MW";
    c->y.include_zero = 1;
    for (size_t j = 0; j < m; j++)
        if (line_per_platform(r, c, idx[j], 0) != TC_OK)
            return TC_ERR_NOMEM;
    if (s->site_power_mw.given) {
        c->refs = tc_chart_alloc(c, 1, sizeof *c->refs);
        if (!c->refs)
            return TC_ERR_NOMEM;
        c->refs[0] = (tc_refline){0, s->site_power_mw.value,
                                  tc_chart_str(c, "site power %g MW", s->site_power_mw.value),
                                  TC_OI_VERMILLION, 0};
        c->n_refs = 1;
    }
    return TC_OK;
}
