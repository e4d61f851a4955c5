/* Vendor claims checked against the computed figures (METHOD.md "claims"). */
#include <math.h>

#include "eval_priv.h"

static double computed(const tc_platform_result *pr, tc_claim_metric m)
{
    switch (m) {
    case TC_CLAIM_COST_PER_M_TOKENS: return pr->cost_per_m_tokens;
    case TC_CLAIM_TOKENS_PER_S_PER_MW: return pr->tokens_per_s_per_mw;
    case TC_CLAIM_TOKENS_PER_S_PER_GPU: return pr->tokens_per_s_per_gpu;
    case TC_CLAIM_COST_PER_GPU_HOUR: return pr->cost_per_gpu_hour;
    case TC_CLAIM_PFLOPS_PER_DOLLAR_HOUR: return pr->pflops_per_dollar_hour;
    case TC_CLAIM_LCOT: return pr->levelized_cost_per_m_tokens;
    default: return NAN;
    }
}

/* Consistent: equal at the claim's stated precision, or within 1%. */
static int consistent(double claimed, double value, double quantum)
{
    if (isnan(value))
        return 0;
    if (quantum > 0 && round(value / quantum) == round(claimed / quantum))
        return 1;
    return fabs(claimed - value) <= 0.01 * fabs(value);
}

void tc_eval_claims(tc_platform_result *pr)
{
    for (size_t i = 0; i < pr->in->n_claims; i++) {
        const tc_claim *c = &pr->in->claims[i];
        tc_claim_result *o = &pr->claims[i];
        o->metric = c->metric;
        o->claimed = c->value;
        o->computed = computed(pr, c->metric);
        o->deviation = isnan(o->computed) ? NAN : (c->value - o->computed) / o->computed;
        o->consistent = consistent(c->value, o->computed, c->quantum);
    }
}
