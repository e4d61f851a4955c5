/* The audit trail: vendor claims checked, assumptions with their provenance
 * (a default applied is said so), the bids' sources, warnings, the method. */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tc_format.h"

static const char *claim_value(char *buf, size_t n, const tc_pdf *d, tc_claim_metric m, double v)
{
    switch (m) {
    case TC_CLAIM_COST_PER_M_TOKENS:
    case TC_CLAIM_LCOT:
        return pdf_money_fine(buf, n, d, v);
    case TC_CLAIM_COST_PER_GPU_HOUR:
        return pdf_money(buf, n, d, v, 2);
    case TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR:
        return tc_fmt_num(buf, n, v, 3);
    default:
        return tc_fmt_num(buf, n, v, 0);
    }
}

/* A claim is shown with the decimals it was written with (4.20, 2,800,000). */
static void claim_as_written(char *buf, size_t n, const tc_pdf *d, const tc_claim_result *c,
                             const tc_claim *in)
{
    int dec = 0;
    if (in->quantum > 0 && in->quantum < 1)
        dec = (int)lround(-log10(in->quantum));
    dec = dec > 8 ? 8 : dec;
    if (c->metric == TC_CLAIM_COST_PER_M_TOKENS || c->metric == TC_CLAIM_LCOT ||
        c->metric == TC_CLAIM_COST_PER_GPU_HOUR)
        pdf_money(buf, n, d, c->claimed, dec);
    else
        tc_fmt_num(buf, n, c->claimed, dec);
}

static void verdict(char *buf, size_t n, const tc_claim_result *c)
{
    char gap[64];
    if (!isfinite(c->computed))
        snprintf(buf, n, "cannot be checked");
    else if (c->consistent)
        snprintf(buf, n, fabs(c->deviation) > 0.01 ? "consistent at the stated precision"
                                                    : "consistent");
    else
        snprintf(buf, n, "inconsistent: %s computed", tc_fmt_gap(gap, sizeof gap, c->deviation));
}

void pdf_sec_claims(tc_pdf *d)
{
    pdf_col cols[] = {{"Bid", 0.19, PDF_LEFT}, {"Claim", 0.16, PDF_LEFT}, {"Claimed", 0.11, PDF_RIGHT},
                      {"Computed", 0.11, PDF_RIGHT}, {"Deviation", 0.10, PDF_RIGHT},
                      {"Verdict", 0.33, PDF_LEFT}};
    size_t n = 0;
    pdf_table t;
    pdf_title(d, pdf_say(d, "claims", "title"));
    pdf_block(d, pdf_say(d, "claims", "intro"));
    for (size_t i = 0; i < d->s->n_platforms; i++)
        n += d->s->platforms[i].n_claims;
    if (n == 0) {
        pdf_block(d, pdf_say(d, "claims", "none"));
        return;
    }
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform_result *p = &d->r->platforms[i];
        for (size_t k = 0; k < p->in->n_claims; k++) {
            const tc_claim_result *c = &p->claims[k];
            char c1[64], c2[64], dev[32], v[96];
            claim_as_written(c1, sizeof c1, d, c, &p->in->claims[k]);
            claim_value(c2, sizeof c2, d, c->metric, c->computed);
            pdf_pct(dev, sizeof dev, c->deviation, 1);
            verdict(v, sizeof v, c);
            char pflops[64];
            const char *label = tc_metric_terms[c->metric].label;
            if (c->metric == TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR)     /* in the scenario's currency */
                label = pdf_pflops_head(pflops, sizeof pflops, d);
            const char *cells[] = {k == 0 ? p->in->name : "", label, c1, c2, dev, v};
            pdf_table_row(&t, cells, 0);
        }
    }
    pdf_table_end(&t);
}

static void assumption_row(pdf_table *t, const char *label, const char *value,
                           const tc_num *num)
{
    char prov[64];
    if (!num)
        snprintf(prov, sizeof prov, "scenario");
    else if (num->given && num->line > 0)
        snprintf(prov, sizeof prov, "scenario, line %d", num->line);
    else
        snprintf(prov, sizeof prov, num->given ? "scenario" : "default (not stated)");
    const char *cells[] = {label, value, prov};
    pdf_table_row(t, cells, num && !num->given ? PDF_ROW_BOLD : 0);
}

static void assumptions_table(tc_pdf *d)
{
    const tc_scenario *s = d->s;
    pdf_col cols[] = {{"Assumption", 0.45, PDF_LEFT}, {"Value", 0.25, PDF_RIGHT},
                      {"Provenance", 0.30, PDF_LEFT}};
    char v[16][64];
    pdf_table t;
    pdf_table_start(&t, d, cols, 3);
    snprintf(v[0], sizeof v[0], "%d years", s->horizon_years);
    assumption_row(&t, "Horizon", v[0], NULL);
    assumption_row(&t, "Discount rate", pdf_pct(v[1], 64, s->discount_rate.value, 1), &s->discount_rate);
    assumption_row(&t, "Utilization", pdf_pct(v[2], 64, s->utilization.value, 1), &s->utilization);
    assumption_row(&t, "Electricity price per kWh", pdf_money(v[3], 64, d, s->price_per_kwh.value, 3), &s->price_per_kwh);
    assumption_row(&t, "Electricity price escalation per year", pdf_pct(v[4], 64, s->escalation.value, 1), &s->escalation);
    assumption_row(&t, "PUE", tc_fmt_num(v[5], 64, s->pue.value, 2), &s->pue);
    assumption_row(&t, "Facility cost per IT kW-month", pdf_money(v[6], 64, d, s->facility_per_kw_month.value, 2), &s->facility_per_kw_month);
    assumption_row(&t, "Demand, tokens per day (year 1)", tc_fmt_num(v[7], 64, s->tokens_per_day.value, 0), &s->tokens_per_day);
    assumption_row(&t, "Demand growth per year", pdf_pct(v[8], 64, s->growth.value, 1), &s->growth);
    if (s->site_power_mw.given)
        assumption_row(&t, "Site power, MW", tc_fmt_num(v[9], 64, s->site_power_mw.value, 2), &s->site_power_mw);
    if (s->token_price_per_m.given)
        assumption_row(&t, "Token price per million", pdf_money(v[10], 64, d, s->token_price_per_m.value, 2), &s->token_price_per_m);
    assumption_row(&t, "Currency", s->currency, NULL);
    assumption_row(&t, "Tokens counted", tc_basis_terms[s->token_basis].label, NULL);
    assumption_row(&t, "Baseline bid", d->r->platforms[d->r->baseline].in->name, NULL);
    pdf_table_end(&t);
}

static const char *pricing_text(char *buf, size_t n, const tc_pdf *d, const tc_platform *p)
{
    char a[64], b[64];
    switch (p->pricing.kind) {
    case TC_PRICING_CLOUD:
        snprintf(buf, n, "cloud, %s per GPU-hour%s", pdf_money(a, sizeof a, d, p->pricing.gpu_hour.value, 2),
                 p->pricing.includes_power ? "" : " plus power");
        break;
    case TC_PRICING_OWNED:
        snprintf(buf, n, "owned, %s per node, %d-year life",
                 pdf_money(a, sizeof a, d, p->pricing.capex_per_node.value, 0), p->pricing.amortization_years);
        break;
    default:
        snprintf(buf, n, "API, %s in / %s out per M tokens",
                 pdf_money(a, sizeof a, d, p->pricing.input_per_m.value, 2),
                 pdf_money(b, sizeof b, d, p->pricing.output_per_m.value, 2));
    }
    return buf;
}

/* The platform inputs left at their defaults, named so the committee can confirm them. */
static const char *defaults_text(char *buf, size_t n, const tc_platform *p)
{
    size_t o = 0;
    buf[0] = '\0';
    if (!p->idle_power_fraction.given && p->pricing.kind != TC_PRICING_API)
        o += (size_t)snprintf(buf + o, n - o, "idle power 100%%; ");
    if (!p->software_uplift.given && o < n)
        o += (size_t)snprintf(buf + o, n - o, "no software uplift; ");
    if (p->pricing.kind == TC_PRICING_OWNED && !p->pricing.residual_value.given && o < n)
        o += (size_t)snprintf(buf + o, n - o, "no residual value; ");
    if (o >= 2 && o < n)
        buf[o - 2] = '\0';
    return buf;
}

static void platforms_table(tc_pdf *d)
{
    pdf_col cols[] = {{"Bid", 0.19, PDF_LEFT}, {"Pricing", 0.21, PDF_LEFT},
                      {"kW per GPU", 0.08, PDF_RIGHT}, {"Peak PFLOPS", 0.09, PDF_RIGHT},
                      {"Source", 0.28, PDF_LEFT}, {"Defaults applied", 0.15, PDF_LEFT}};
    pdf_table t;
    pdf_subtitle(d, pdf_say(d, "assumptions", "platforms_title"));
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform *p = &d->s->platforms[i];
        char price[200], kw[32], pf[32], def[200], src[400];
        snprintf(src, sizeof src, "%s%s%s", p->vendor ? p->vendor : "", p->vendor && p->source ? "; " : "",
                 p->source ? p->source : (p->vendor ? "" : "not stated"));
        const char *cells[] = {p->name, pricing_text(price, sizeof price, d, p),
                               tc_fmt_num(kw, sizeof kw, p->pricing.kind == TC_PRICING_API ? NAN : p->power_kw_per_gpu.value, 2),
                               tc_fmt_num(pf, sizeof pf, p->peak_pflops.given ? p->peak_pflops.value : NAN, 3),
                               src, defaults_text(def, sizeof def, p)};
        pdf_table_row(&t, cells, 0);
    }
    pdf_table_end(&t);
}

static void performance_table(tc_pdf *d)
{
    pdf_col cols[] = {{"Bid", 0.22, PDF_LEFT}, {"Model, tokens in/out", 0.20, PDF_LEFT},
                      {"Configuration", 0.17, PDF_LEFT}, {"Points", 0.07, PDF_RIGHT},
                      {"Evidence", 0.11, PDF_LEFT}, {"Source", 0.23, PDF_LEFT}};
    size_t n = 0;
    pdf_table t;
    for (size_t i = 0; i < d->s->n_platforms; i++)
        n += d->s->platforms[i].n_perf;
    if (n == 0)
        return;
    pdf_subtitle(d, pdf_say(d, "assumptions", "performance_title"));
    pdf_table_start(&t, d, cols, 6);
    for (size_t i = 0; i < d->s->n_platforms && d->st == TC_OK; i++) {
        const tc_platform *p = &d->s->platforms[i];
        for (size_t k = 0; k < p->n_perf; k++) {
            const tc_perf *e = &p->perf[k];
            char model[300], pts[32];
            snprintf(model, sizeof model, "%s, %.0f/%.0f (%s)", e->model, e->isl, e->osl,
                     tc_basis_terms[e->basis].name);
            snprintf(pts, sizeof pts, "%zu", e->n_points);
            const char *src = e->source ? e->source : p->source ? p->source : "not stated";
            char imported[120];
            if (e->import_format) {
                snprintf(imported, sizeof imported, "imported (%s), %zu file%s", e->import_format,
                         e->n_files, e->n_files == 1 ? "" : "s");
                src = imported;
            }
            const char *ev = (unsigned)e->evidence < TC_EVIDENCE_COUNT ? tc_evidence_names[e->evidence]
                                                                       : "?";
            const char *cells[] = {k == 0 ? p->name : "", model, e->config ? e->config : "", pts,
                                   ev, src};
            pdf_table_row(&t, cells, 0);
        }
    }
    pdf_table_end(&t);
}

static int id_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* The bid at s (a whole id there, the longest that matches), else NULL. */
static const tc_platform *id_at(const tc_pdf *d, const char *text, const char *s)
{
    const tc_platform *best = NULL;
    if (s > text && id_char(s[-1]))
        return NULL;
    for (size_t i = 0; i < d->s->n_platforms; i++) {
        const tc_platform *p = &d->s->platforms[i];
        size_t n = strlen(p->id);
        if (n && strncmp(s, p->id, n) == 0 && !id_char(s[n]) && p->name &&
            (!best || n > strlen(best->id)))
            best = p;
    }
    return best;
}

/* A warning in the body's words: each bid id becomes the bid's name. */
static void named(const tc_pdf *d, const char *text, char *out, size_t n)
{
    size_t o = 0;
    for (const char *s = text; *s && o + 1 < n;) {
        const tc_platform *p = id_at(d, text, s);
        if (p) {
            o += (size_t)snprintf(out + o, n - o, "%s", p->name);
            s += strlen(p->id);
        } else
            out[o++] = *s++;
        if (o >= n)
            o = n - 1;
    }
    out[o < n ? o : n - 1] = '\0';
}

static void warnings(tc_pdf *d)
{
    const tc_results *r = d->r;
    if (r->n_warnings == 0 && d->n_missing == 0 && d->s->n_overrides == 0)
        return;
    pdf_subtitle(d, pdf_say(d, "assumptions", "warnings_title"));
    for (size_t i = 0; i < d->s->n_overrides; i++) {
        char buf[600];
        snprintf(buf, sizeof buf, "- What-if override: %s", d->s->overrides[i]);
        pdf_block(d, buf);
    }
    for (size_t i = 0; i < r->n_warnings; i++) {
        char buf[1200];
        buf[0] = '-';
        buf[1] = ' ';
        named(d, r->warnings[i], buf + 2, sizeof buf - 2);
        pdf_block(d, buf);
    }
    if (d->n_missing) {
        char buf[400];
        size_t o = (size_t)snprintf(buf, sizeof buf, "- %s", pdf_say(d, "assumptions", "missing_glyphs"));
        for (size_t i = 0; i < d->n_missing && o < sizeof buf; i++)
            o += (size_t)snprintf(buf + o, sizeof buf - o, " U+%04X", (unsigned)d->missing[i]);
        pdf_block(d, buf);
    }
}

void pdf_sec_assumptions(tc_pdf *d)
{
    pdf_title(d, pdf_say(d, "assumptions", "title"));
    pdf_block(d, pdf_say(d, "assumptions", "intro"));
    assumptions_table(d);
    platforms_table(d);
    performance_table(d);
    pdf_sec_imported(d);
    warnings(d);
}

void pdf_sec_method(tc_pdf *d)
{
    pdf_title(d, pdf_say(d, "method", "title"));
    pdf_block(d, pdf_say(d, "method", "body"));
}
