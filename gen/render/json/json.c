/* results.json: the results document of OUTPUTS.md, built with jansson.
 * Keys keep the documented order; a figure that does not apply (NAN) is
 * null; every real is written in the shortest form that parses back to
 * exactly the double the engine computed (1.41, 4.351851851851851). */
#include "tc_version.h"
#include "tc_json.h"
#include "tc_render.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc_diag.h"
#include "json_import.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))

/* Every builder ORs its failures into *bad (an allocation failed). */
static void put(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (!obj || !v || json_object_set_new(obj, key, v) != 0)
        *bad = 1;
}

static void push(json_t *arr, json_t *v, int *bad)
{
    if (!arr || !v || json_array_append_new(arr, v) != 0)
        *bad = 1;
}

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* Input text is UTF-8 after the loader; escape anything that is not, rather
 * than fail the whole document. */
static json_t *str(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (v)
        return v;
    char *e = tc_escape(s, strlen(s), strlen(s));
    v = e ? json_string(e) : NULL;
    free(e);
    return v;
}

static const char *tput_how_name(tc_tput_how how)
{
    static const char *const names[] = {"none", "flat", "interpolated", "max", "single", "api"};
    return (unsigned)how < sizeof names / sizeof names[0] ? names[how] : "none";
}

static const char *platform_id(const tc_results *r, size_t i)
{
    return i < r->scenario->n_platforms ? r->scenario->platforms[i].id : "";
}

static json_t *tool_obj(int *bad)
{
    json_t *o = json_object();
    put(o, "name", json_string("tokcost"), bad);
    put(o, "version", json_string(TC_VERSION), bad);
    return o;
}

static json_t *scenario_obj(const tc_results *r, int *bad)
{
    const tc_scenario *s = r->scenario;
    json_t *o = json_object();
    put(o, "title", str(s->title), bad);
    put(o, "currency", str(s->currency), bad);
    put(o, "token_basis", json_string(tc_basis_terms[s->token_basis].name), bad);
    put(o, "baseline", str(platform_id(r, r->baseline)), bad);
    put(o, "input_sha256", str(s->input_sha256), bad);
    put(o, "horizon_years", json_integer(s->horizon_years), bad);
    if (s->date)
        put(o, "date", str(s->date), bad);
    if (s->n_overrides) {
        json_t *a = json_array();
        for (size_t i = 0; i < s->n_overrides; i++)
            push(a, str(s->overrides[i]), bad);
        put(o, "overrides", a, bad);
    }
    return o;
}

static json_t *workload_obj(const tc_platform *p, const tc_wl_result *w, int *bad)
{
    json_t *o = json_object();
    const tc_perf *e = p && w->perf_index >= 0 && (size_t)w->perf_index < p->n_perf
                           ? &p->perf[w->perf_index] : NULL;
    put(o, "id", str(w->in ? w->in->id : ""), bad);
    put(o, "covered", json_boolean(w->covered), bad);
    put(o, "tokens_per_s_per_gpu", num(w->tokens_per_s_per_gpu), bad);
    put(o, "cost_per_m_tokens", num(w->cost_per_m_tokens), bad);
    put(o, "throughput_method", json_string(tput_how_name(w->how)), bad);
    /* where the curve's numbers come from (null: no curve used, e.g. api) */
    put(o, "evidence", e && (unsigned)e->evidence < TC_EVIDENCE_COUNT
                           ? json_string(tc_evidence_names[e->evidence]) : json_null(), bad);
    if (!w->covered && w->reason)
        put(o, "reason", str(w->reason), bad);
    return o;
}

static json_t *year_obj(const tc_year *y, int *bad)
{
    json_t *o = json_object();
    put(o, "year", json_integer(y->year), bad);
    put(o, "gpus", num(y->gpus), bad);
    put(o, "capex", num(y->capex), bad);
    put(o, "opex", num(y->opex), bad);
    put(o, "credit", num(y->credit), bad);
    put(o, "tokens", num(y->tokens), bad);
    put(o, "facility_mw", num(y->facility_mw), bad);
    const struct { const char *k; double v; } more[] = {
        {"demand_tokens_per_day", y->demand_tokens_per_day},
        {"tokens_per_s_per_gpu", y->tokens_per_s_per_gpu},
        {"nodes", y->nodes}, {"nodes_installed", y->nodes_installed},
        {"gpus_installed", y->gpus_installed}, {"nodes_bought", y->nodes_bought},
        {"rent", y->rent}, {"api", y->api}, {"energy", y->energy},
        {"facility", y->facility}, {"maintenance", y->maintenance},
        {"software", y->software}, {"other", y->other}, {"cash", y->cash},
        {"depreciation", y->depreciation}, {"pnl_cost", y->pnl_cost},
        {"revenue", y->revenue}, {"gross_margin", y->gross_margin},
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        put(o, more[i].k, num(more[i].v), bad);
    return o;
}

static json_t *claim_obj(const tc_claim_result *c, int *bad)
{
    json_t *o = json_object();
    put(o, "metric", json_string(tc_metric_terms[c->metric].name), bad);
    put(o, "claimed", num(c->claimed), bad);
    put(o, "computed", num(c->computed), bad);
    put(o, "deviation", num(c->deviation), bad);
    put(o, "consistent", isfinite(c->computed) ? json_boolean(c->consistent) : json_null(), bad);
    return o;
}

static json_t *platform_lists(json_t *o, const tc_results *r, const tc_platform_result *p, int *bad)
{
    json_t *wl = json_array(), *years = json_array(), *claims = json_array();
    for (size_t i = 0; i < r->scenario->n_workloads; i++)
        push(wl, workload_obj(p->in, &p->workloads[i], bad), bad);
    for (int y = 0; p->years && y < r->scenario->horizon_years; y++)
        push(years, year_obj(&p->years[y], bad), bad);
    for (size_t i = 0; p->in && i < p->in->n_claims; i++)
        push(claims, claim_obj(&p->claims[i], bad), bad);
    put(o, "workloads", wl, bad);
    put(o, "years", years, bad);
    put(o, "claims", claims, bad);
    return o;
}

static json_t *platform_obj(const tc_results *r, size_t i, int *bad)
{
    const tc_platform_result *p = &r->platforms[i];
    const tc_platform *in = &r->scenario->platforms[i];
    json_t *o = json_object();
    put(o, "id", str(in->id), bad);
    put(o, "name", str(in->name), bad);
    put(o, "pricing", json_string(tc_pricing_terms[in->pricing.kind].name), bad);
    put(o, "covered", json_boolean(p->covered), bad);
    const struct { const char *k; double v; } figures[] = {
        {"cost_per_gpu_hour", p->cost_per_gpu_hour},
        {"pflops_per_dollar_hour", p->pflops_per_dollar_hour},
        {"tokens_per_s_per_gpu", p->tokens_per_s_per_gpu},
        {"tokens_per_s_per_mw", p->tokens_per_s_per_mw},
        {"cost_per_m_tokens", p->cost_per_m_tokens},
        {"levelized_cost_per_m_tokens", p->levelized_cost_per_m_tokens},
        {"tco_npv", p->tco_npv}, {"tco_nominal", p->tco_nominal},
        {"energy_per_gpu_hour", p->energy_per_gpu_hour},
        {"facility_per_gpu_hour", p->facility_per_gpu_hour},
        {"capital_per_gpu_hour", p->capital_per_gpu_hour},
        {"npv_tokens", p->npv_tokens}, {"pnl_total", p->pnl_total},
        {"revenue_npv", p->revenue_npv}, {"margin_total", p->margin_total},
        {"payback_years", p->payback_years},
        {"peak_facility_mw", p->peak_facility_mw},
        {"site_max_tokens_per_day", p->site_max_tokens_per_day},
    };
    for (size_t k = 0; k < sizeof figures / sizeof figures[0]; k++)
        put(o, figures[k].k, num(figures[k].v), bad);
    put(o, "site_fits", p->site_fits < 0 ? json_null() : json_boolean(p->site_fits), bad);
    put(o, "site_first_year_over",
        p->site_fits == 0 ? json_integer(p->site_first_year_over) : json_null(), bad);
    if (json_has_import(in))    /* provenance of imported points (json_import.c) */
        put(o, "performance", json_import_performance(in, bad), bad);
    return platform_lists(o, r, p, bad);
}

static json_t *quantiles_obj(const tc_quantiles *q, int *bad)
{
    json_t *o = json_object();
    put(o, "p5", num(q->p5), bad);
    put(o, "p50", num(q->p50), bad);
    put(o, "p95", num(q->p95), bad);
    put(o, "mean", num(q->mean), bad);
    return o;
}

static json_t *sensitivity_obj(const tc_results *r, int *bad)
{
    const tc_sensitivity *s = r->sensitivity;
    json_t *o = json_object(), *plats = json_object();
    put(o, "swing", num(s->swing), bad);
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        json_t *rows = json_array();
        for (size_t k = 0; s->rows && s->rows[i] && k < s->n_rows[i]; k++) {
            json_t *row = json_object();
            put(row, "input", str(s->rows[i][k].input), bad);
            if (s->rows[i][k].key)
                put(row, "key", str(s->rows[i][k].key), bad);
            put(row, "low", num(s->rows[i][k].low), bad);
            put(row, "high", num(s->rows[i][k].high), bad);
            push(rows, row, bad);
        }
        put(plats, platform_id(r, i), rows, bad);
    }
    put(o, "platforms", plats, bad);
    return o;
}

static json_t *break_even_arr(const tc_results *r, int *bad)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_break_even; i++) {
        const tc_break_even *b = &r->break_even[i];
        json_t *o = json_object();
        put(o, "a", str(platform_id(r, b->a)), bad);
        put(o, "b", str(platform_id(r, b->b)), bad);
        put(o, "input", str(b->input), bad);
        put(o, "value", num(b->value), bad);
        if (!isfinite(b->value) && b->reason)
            put(o, "reason", str(b->reason), bad);
        push(a, o, bad);
    }
    return a;
}

static json_t *monte_carlo_obj(const tc_results *r, int *bad)
{
    const tc_monte_carlo *m = r->monte_carlo;
    json_t *o = json_object(), *plats = json_object();
    put(o, "samples", json_integer(m->samples), bad);
    put(o, "seed", json_integer((json_int_t)m->seed), bad);
    for (size_t i = 0; i < r->scenario->n_platforms; i++) {
        json_t *p = json_object();
        put(p, "lcot", quantiles_obj(&m->lcot[i], bad), bad);
        put(p, "cost_per_m_tokens", quantiles_obj(&m->cost_per_m[i], bad), bad);
        put(p, "p_cheapest", num(m->p_cheapest[i]), bad);
        put(plats, platform_id(r, i), p, bad);
    }
    put(o, "platforms", plats, bad);
    return o;
}

static json_t *score_obj(const tc_results *r, const tc_score *sc, int *bad)
{
    const tc_analysis *an = &r->scenario->analysis;
    json_t *o = json_object(), *crit = json_array();
    put(o, "id", str(platform_id(r, sc->platform)), bad);
    put(o, "score", num(sc->score), bad);
    put(o, "rank", json_integer(sc->rank), bad);
    for (size_t k = 0; sc->criterion_scores && k < an->n_criteria; k++) {
        json_t *c = json_object();
        put(c, "metric", str(tc_metric_terms[an->criteria[k].metric].name), bad);
        put(c, "score", num(sc->criterion_scores[k]), bad);
        push(crit, c, bad);
    }
    put(o, "criteria", crit, bad);
    return o;
}

static json_t *scoring_obj(const tc_results *r, int *bad)
{
    json_t *o = json_object(), *ranked = json_array(), *out = json_array();
    for (size_t i = 0; i < r->scoring->n_scores; i++) {
        const tc_score *sc = &r->scoring->scores[i];
        if (sc->rank > 0) {
            push(ranked, score_obj(r, sc, bad), bad);
            continue;
        }
        json_t *nc = json_object();
        put(nc, "id", str(platform_id(r, sc->platform)), bad);
        put(nc, "reason", str(sc->reason ? sc->reason : ""), bad);
        push(out, nc, bad);
    }
    put(o, "ranking", ranked, bad);
    put(o, "non_compliant", out, bad);
    return o;
}

static json_t *decision_obj(const tc_results *r, int *bad)
{
    const tc_decision *d = &r->decision;
    json_t *o = json_object();
    put(o, "winner", str(platform_id(r, d->winner)), bad);
    put(o, "runner_up", d->has_runner_up ? str(platform_id(r, d->runner_up)) : json_null(), bad);
    put(o, "lcot_ratio", num(d->lcot_ratio), bad);
    put(o, "npv_difference", num(d->npv_difference), bad);
    return o;
}

static json_t *robustness_arr(const tc_results *r, int *bad)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->robustness->n_flips; i++) {
        const tc_flip *f = &r->robustness->flips[i];
        json_t *o = json_object();
        put(o, "key", str(f->key), bad);
        put(o, "platform", f->platform < 0 ? json_null() : str(platform_id(r, (size_t)f->platform)),
            bad);
        put(o, "value", num(f->value), bad);
        put(o, "change", num(f->change), bad);
        put(o, "winner_then", str(platform_id(r, f->winner_then)), bad);
        push(a, o, bad);
    }
    return a;
}

static json_t *holds_arr(const tc_results *r, int *bad)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->robustness->n_holds; i++)
        push(a, str(r->robustness->holds[i].key), bad);
    return a;
}

static json_t *document(const tc_results *r, int *bad)
{
    json_t *doc = json_object(), *plats = json_array(), *rank = json_array();
    json_t *warn = json_array();
    put(doc, "tool", tool_obj(bad), bad);
    put(doc, "scenario", scenario_obj(r, bad), bad);
    for (size_t i = 0; i < r->scenario->n_platforms; i++)
        push(plats, platform_obj(r, i, bad), bad);
    put(doc, "platforms", plats, bad);
    for (size_t i = 0; i < r->n_ranking; i++)
        push(rank, str(platform_id(r, r->ranking[i])), bad);
    put(doc, "ranking", rank, bad);
    if (r->sensitivity)
        put(doc, "sensitivity", sensitivity_obj(r, bad), bad);
    if (r->break_even)
        put(doc, "break_even", break_even_arr(r, bad), bad);
    if (r->monte_carlo)
        put(doc, "monte_carlo", monte_carlo_obj(r, bad), bad);
    if (r->scoring)
        put(doc, "scoring", scoring_obj(r, bad), bad);
    if (r->decision.has_winner)
        put(doc, "decision", decision_obj(r, bad), bad);
    if (r->robustness) {
        put(doc, "robustness", robustness_arr(r, bad), bad);
        put(doc, "holds", holds_arr(r, bad), bad);
    }
    for (size_t i = 0; i < r->n_warnings; i++)
        push(warn, str(r->warnings[i]), bad);
    put(doc, "warnings", warn, bad);
    return doc;
}

/* Whether "%.*g" of v at precision p parses back to v, in exponent form
 * only where 17 digits need it too; the text in out, its length in *len. */
static int exact_at(char *out, size_t n, double v, int p, int exp_ok, int *len)
{
    *len = snprintf(out, n, "%.*g", p, v);
    return strtod(out, NULL) == v && (exp_ok || !strchr(out, 'e'));
}

/* The precision at which "%.*g" of v is known to parse back (in exponent
 * form only where ref, v at 17 digits, is): the count k of ref's
 * significant digits without its trailing zeros (0.5: 1, 1.25: 3, 0.1: 17
 * from "0.10000000000000001"). "%.*g" at k rounds v to ref's digits, a
 * decimal whose nearest double is v (no two doubles share 17 digits), so
 * it parses back; without an exponent where ref has none, ref's integer
 * digits are needed too (100: 3, not the 1 of "1e+02"). */
static int known_exact(const char *ref)
{
    const char *e = strchr(ref, 'e');
    int n = 0, first = -1, last = -1, int_digits = 0, point = 0;
    for (const char *c = ref; *c && c != e; c++) {
        if (*c == '.')
            point = 1;
        if (*c < '0' || *c > '9')
            continue;
        if (*c != '0') {
            first = first < 0 ? n : first;
            last = n;
        }
        int_digits += !point;
        n++;
    }
    int k = last - first + 1, x = int_digits - 1 - first;   /* x: ref's decimal exponent */
    if (first < 0)
        return 17;
    return e || x < k ? k : x + 1;
}

/* The shortest "%.Ng" that parses back to v: 1.4099999999999999 -> 1.41,
 * in exponent form only where 17 digits need it too (100.0, not 1e+02).
 * A real stays a real ("90.0", not "90"). Returns its length. Once a
 * precision parses back, every higher one does (it rounds v at least as
 * close) and %g leaves the exponent form for good, so the least one is
 * bisected below the precision known to parse back: 4 or 5 tries for 17
 * digits, none for 0.5 (issue 18; the same text as trying every precision
 * from 1 for every power of two and 20 million random doubles). */
static size_t shortest_real(char *out, size_t n, double v)
{
    char ref[40];
    snprintf(ref, sizeof ref, "%.17g", v);
    int exp_ok = strchr(ref, 'e') != NULL, len = 0, lo = 1, hi = known_exact(ref), ok = 0;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        ok = exact_at(out, n, v, mid, exp_ok, &len);
        if (ok)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (!ok)    /* out holds a precision that failed, or none: write the one found */
        len = snprintf(out, n, "%.*g", hi, v);
    if (!strpbrk(out, ".e"))
        len += snprintf(out + len, n - (size_t)len, ".0");
    return (size_t)len;
}

static int is_real_token(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
            return 1;
    return 0;
}

typedef struct {
    char *d;
    size_t len, cap;
} text_buf;

/* Appends n bytes, keeping room for a newline and the NUL; -1 when out of
 * memory. */
static int emit(text_buf *b, const char *s, size_t n)
{
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *d = realloc(b->d, cap);
        if (!d)
            return -1;
        b->d = d;
        b->cap = cap;
    }
    memcpy(b->d + b->len, s, n);
    b->len += n;
    return 0;
}

/* The token at in (a number), shortest if real; its length in *len. */
static int emit_number(text_buf *b, const char *in, size_t *len)
{
    *len = strspn(in, "0123456789+-.eE");
    if (*len >= 40 || !is_real_token(in, *len))
        return emit(b, in, *len);
    char num[48];
    size_t n = shortest_real(num, sizeof num, strtod(in, NULL));
    return emit(b, num, n);
}

/* jansson writes every real with one fixed precision; 17 digits round-trip
 * but read badly, so each real of the dump is rewritten in its shortest
 * exact form, in one pass (that form can be longer than jansson's: it
 * writes 1e17, we 1e+17). Strings are copied untouched. */
char *tc_json_shorten(const char *text)
{
    text_buf b = {NULL, 0, strlen(text) + 64};
    b.d = malloc(b.cap);
    int in_string = 0, bad = !b.d;
    for (const char *in = text; *in && !bad;) {
        size_t len = 1;
        if (in_string || (*in != '-' && (*in < '0' || *in > '9'))) {
            if (*in == '\\' && in_string)
                len = in[1] ? 2 : 1;            /* the escaped character with it */
            else if (*in == '"')
                in_string = !in_string;
            bad = emit(&b, in, len) != 0;
        } else {
            bad = emit_number(&b, in, &len) != 0;
        }
        in += len;
    }
    if (bad) {
        free(b.d);
        return NULL;
    }
    b.d[b.len] = '\0';
    return b.d;
}

char *tc_results_json(const tc_results *r)
{
    int bad = 0;
    json_t *doc = document(r, &bad);
    char *text = bad ? NULL : json_dumps(doc, DUMP_FLAGS);
    json_decref(doc);
    char *out = text ? tc_json_shorten(text) : NULL;
    free(text);
    if (out)
        memcpy(out + strlen(out), "\n", 2);    /* tc_json_shorten left room */
    return out;
}

static tc_status write_text(const char *path, const char *text, const char **why)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        *why = strerror(errno);
        return TC_ERR_WRITE;
    }
    size_t len = strlen(text);
    int ok = fwrite(text, 1, len, f) == len && fflush(f) == 0 && !ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    *why = ok ? NULL : strerror(saved ? saved : EIO);
    return ok ? TC_OK : TC_ERR_WRITE;
}

tc_status tc_render_json(const tc_results *r, tc_outset *o,
                         const tc_render_opts *opts, char *err, size_t n)
{
    (void)opts;
    const char *tmp = tc_outset_add(o, TC_OUT_JSON);
    if (!tmp) {
        snprintf(err, n, "%s", tc_outset_error(o));
        return TC_ERR_WRITE;
    }
    char *text = tc_results_json(r);
    if (!text) {
        snprintf(err, n, "results.json: %s", tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    const char *why = NULL;
    tc_status st = write_text(tmp, text, &why);
    free(text);
    if (st != TC_OK)
        snprintf(err, n, "results.json: %s", why);
    return st;
}
