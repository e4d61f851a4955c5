/* The schema of one platform (bid): identity, hardware, pricing, claims.
 * Performance entries: load_perf.c. */
#include "load_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const k_plat[] = {"id", "name", "vendor", "source", "gpus_per_node",
                                     "peak_pflops", "power_kw_per_gpu", "idle_power_fraction",
                                     "software_uplift", "pricing", "performance", "claims", NULL};
/* keys that describe GPUs, meaningless for tokens bought from an api */
static const char *const k_gpu_only[] = {"gpus_per_node", "peak_pflops", "power_kw_per_gpu",
                                         "idle_power_fraction", "software_uplift", "performance",
                                         NULL};
static const char *const k_cloud[] = {"gpu_hour", "annual_change", "includes_power",
                                      "other_per_year", "one_time", NULL};
static const char *const k_owned[] = {"capex_per_node", "network_capex_per_node",
                                      "amortization_years", "residual_value", "maintenance_rate",
                                      "software_per_gpu_year", "other_per_year", "one_time", NULL};
static const char *const k_api[] = {"input_per_m", "output_per_m", "annual_change",
                                    "other_per_year", "one_time", NULL};
static const char *const *const k_forms[] = {k_cloud, k_owned, k_api};
const tc_ld_where tc_ld_where_platform[] = {
    TC_LD_KEYS("platforms[]", k_plat),
    TC_LD_TERMS("platforms[].pricing", tc_pricing_terms, TC_PRICING_COUNT),
    TC_LD_KEYS("platforms[].pricing.cloud", k_cloud),
    TC_LD_KEYS("platforms[].pricing.owned", k_owned),
    TC_LD_KEYS("platforms[].pricing.api", k_api),
    TC_LD_WHERE_END,
};

/* Each pricing form's numeric keys, in the order they are read (and their
 * errors reported); the cloud form reads includes_power between its price
 * and the keys every form but owned shares (f_tail). */
#define PRICE(kind, need, def, field) {kind, need, def, offsetof(tc_pricing, field)}
static const tc_ld_field f_cloud[] = {
    PRICE(TC_IN_GPU_HOUR, TC_LD_REQUIRED, 0, gpu_hour),
};
static const tc_ld_field f_owned[] = {
    PRICE(TC_IN_CAPEX_PER_NODE, TC_LD_REQUIRED, 0, capex_per_node),
    PRICE(TC_IN_NETWORK_CAPEX_PER_NODE, TC_LD_DEFAULT, 0, network_capex_per_node),
    PRICE(TC_IN_AMORTIZATION_YEARS, TC_LD_DEFAULT, 4, amortization_years),
    PRICE(TC_IN_RESIDUAL_VALUE, TC_LD_DEFAULT, 0, residual_value),
    PRICE(TC_IN_MAINTENANCE_RATE, TC_LD_DEFAULT, 0, maintenance_rate),
    PRICE(TC_IN_SOFTWARE_PER_GPU_YEAR, TC_LD_DEFAULT, 0, software_per_gpu_year),
};
static const tc_ld_field f_api[] = {
    PRICE(TC_IN_INPUT_PER_M, TC_LD_REQUIRED, 0, input_per_m),
    PRICE(TC_IN_OUTPUT_PER_M, TC_LD_REQUIRED, 0, output_per_m),
};
/* annual_change (not for owned hardware: it has capex), then every form's */
static const tc_ld_field f_tail[] = {
    PRICE(TC_IN_ANNUAL_CHANGE, TC_LD_DEFAULT, 0, annual_change),
    PRICE(TC_IN_OTHER_PER_YEAR, TC_LD_DEFAULT, 0, other_per_year),
    PRICE(TC_IN_ONE_TIME, TC_LD_DEFAULT, 0, one_time),
};
#define PLAT(kind, need, def, field) {kind, need, def, offsetof(tc_platform, field)}
static const tc_ld_field f_hardware[] = {
    PLAT(TC_IN_GPUS_PER_NODE, TC_LD_DEFAULT, 8, gpus_per_node),
    PLAT(TC_IN_PEAK_PFLOPS, TC_LD_OPTIONAL, 0, peak_pflops),
    PLAT(TC_IN_POWER_KW_PER_GPU, TC_LD_REQUIRED, 0, power_kw_per_gpu),
    PLAT(TC_IN_IDLE_POWER_FRACTION, TC_LD_DEFAULT, 1.0, idle_power_fraction),
    PLAT(TC_IN_SOFTWARE_UPLIFT, TC_LD_DEFAULT, 0, software_uplift),
};
#define FIELDS(f) (f), sizeof (f) / sizeof (f)[0]

/* The form's keys; m may be NULL (defaults only). */
static void ld_form(tc_ld *c, const tc_node *m, tc_pricing *p)
{
    if (m && !tc_ld_map(c, m, k_forms[p->kind]))
        m = NULL;
    p->includes_power = 1;
    p->amortization_years = 4;
    if (p->kind == TC_PRICING_CLOUD) {
        tc_ld_fields(c, m, FIELDS(f_cloud), p);
        tc_ld_bool_key(c, m, "includes_power", 1, &p->includes_power);
    } else if (p->kind == TC_PRICING_OWNED) {
        tc_ld_fields(c, m, FIELDS(f_owned), p);
    } else {
        tc_ld_fields(c, m, FIELDS(f_api), p);
    }
    if (p->kind == TC_PRICING_OWNED)
        tc_ld_fields(c, m, f_tail + 1, sizeof f_tail / sizeof f_tail[0] - 1, p);  /* no annual_change */
    else
        tc_ld_fields(c, m, FIELDS(f_tail), p);
}

static const tc_node *ld_key_node(const tc_node *m, const char *key)
{
    for (size_t i = 0; i + 1 < m->n_kids; i += 2)
        if (tc_node_is(m->kids[i], key))
            return m->kids[i];
    return m;
}

/* Returns the pricing kind read, or -1 when it is missing or ambiguous. */
static int ld_pricing(tc_ld *c, const tc_node *plat, tc_pricing *p)
{
    const char *forms[TC_PRICING_COUNT + 1];
    char list[64];
    const tc_node *m = tc_ld_require(c, plat, "pricing");
    size_t old = tc_ld_push(c, "pricing");
    int kind = -1;
    tc_ld_list(tc_ld_term_names(tc_pricing_terms, TC_PRICING_COUNT, forms), list, sizeof list);
    if (m && tc_ld_map(c, m, forms)) {
        for (int k = 0; k < TC_PRICING_COUNT; k++) {
            if (!tc_ld_get(m, forms[k]))
                continue;
            if (kind >= 0) {
                size_t o2 = tc_ld_push(c, forms[k]);
                tc_ld_err(c, ld_key_node(m, forms[k]), "\"%s\" and \"%s\" cannot both be "
                          "given (expected exactly one of: %s)", forms[kind], forms[k], list);
                tc_ld_pop(c, o2);
                tc_ld_pop(c, old);
                return -1;
            }
            kind = k;
        }
        if (kind < 0)
            tc_ld_err(c, m, "missing the pricing form (expected exactly one of: %s)", list);
    }
    if (kind >= 0) {
        p->kind = (tc_pricing_kind)kind;
        size_t o2 = tc_ld_push(c, forms[kind]);
        ld_form(c, tc_ld_get(m, forms[kind]), p);
        tc_ld_pop(c, o2);
    }
    tc_ld_pop(c, old);
    return kind;
}

static void ld_api_refusals(tc_ld *c, const tc_node *m)
{
    for (size_t i = 0; k_gpu_only[i]; i++) {
        for (size_t k = 0; k + 1 < m->n_kids; k += 2) {
            if (!tc_node_is(m->kids[k], k_gpu_only[i]))
                continue;
            size_t old = tc_ld_push(c, k_gpu_only[i]);
            tc_ld_err(c, m->kids[k], "key \"%s\" does not apply to api pricing", k_gpu_only[i]);
            tc_ld_pop(c, old);
        }
    }
}

static void ld_hardware(tc_ld *c, const tc_node *m, tc_platform *p)
{
    tc_ld_fields(c, m, FIELDS(f_hardware), p);
}

static void ld_platform_id(tc_ld *c, const tc_node *m, tc_scenario *s, tc_platform *p)
{
    if (!tc_ld_id_key(c, m, "id", &p->id))
        return;
    size_t j = 0;
    int seen = tc_ld_ids_add(c->platform_ids, p->id, (size_t)(p - s->platforms), &j);
    if (seen < 0)
        c->oom = c->d->oom = 1;
    if (seen <= 0)
        return;
    const tc_platform *q = &s->platforms[j];
    size_t old = tc_ld_push(c, "id");
    tc_esc e;
    if (strcmp(q->file, c->file) == 0)
        tc_ld_err(c, tc_ld_get(m, "id"), "duplicate id \"%s\" (first at line %d)", p->id, q->line);
    else
        tc_ld_err(c, tc_ld_get(m, "id"), "duplicate id \"%s\" (first at %s:%d)", p->id,
                  tc_ld_esc(&e, q->file, strlen(q->file)), q->line);
    tc_ld_pop(c, old);
}

static void ld_platform(tc_ld *c, const tc_node *m, tc_scenario *s, tc_platform *p)
{
    p->line = m->line;
    p->col = m->col;
    p->file = tc_ld_strdup(c, c->file, strlen(c->file));
    p->gpus_per_node = 8;
    p->pricing.includes_power = 1;
    p->pricing.amortization_years = 4;
    if (!p->file || !tc_ld_map(c, m, k_plat))
        return;
    ld_platform_id(c, m, s, p);
    tc_ld_text_key(c, m, "name", TC_LD_OPTIONAL, &p->name);
    if (!p->name && p->id && !tc_ld_get(m, "name"))
        p->name = tc_ld_strdup(c, p->id, strlen(p->id));
    tc_ld_text_key(c, m, "vendor", TC_LD_OPTIONAL, &p->vendor);
    tc_ld_text_key(c, m, "source", TC_LD_OPTIONAL, &p->source);
    int kind = ld_pricing(c, m, &p->pricing);
    if (kind == TC_PRICING_API) {
        ld_api_refusals(c, m);
    } else {
        ld_hardware(c, m, p);
        tc_ld_perf(c, m, p);
    }
    tc_ld_claims(c, m, p);
}

void tc_ld_platforms(tc_ld *c, const tc_node *list, tc_scenario *s)
{
    if (!tc_ld_seq(c, list))
        return;
    size_t n = s->n_platforms + list->n_kids;
    if (n > TC_LOAD_MAX_PLATFORMS) {    /* the bound the scale test renders at (README) */
        tc_ld_err(c, list, "more than %u platforms (expected at most %u, with the bid files)",
                  (unsigned)TC_LOAD_MAX_PLATFORMS, (unsigned)TC_LOAD_MAX_PLATFORMS);
        return;
    }
    tc_platform *grown = realloc(s->platforms, (n ? n : 1) * sizeof *grown);
    if (!grown) {
        c->oom = c->d->oom = 1;
        return;
    }
    s->platforms = grown;
    for (size_t i = 0; i < list->n_kids; i++) {
        tc_platform *p = &s->platforms[s->n_platforms];
        memset(p, 0, sizeof *p);
        size_t old = tc_ld_push_item(c, list->kids[i], i);
        ld_platform(c, list->kids[i], s, p);
        tc_ld_pop(c, old);
        s->n_platforms++;
    }
}
