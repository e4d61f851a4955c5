/* tc_plan_eval on four draws at once (tc_plan_eval4): each lane of an AVX
 * vector runs one draw through eval_plan.c's expressions, operation for
 * operation and in the same order. Additions, products, quotients and
 * square roots are correctly rounded IEEE operations in a vector as in a
 * scalar register, and ceil is the rounding instruction glibc's ceil uses,
 * so every lane's doubles are the scalar path's to the bit. The fma target
 * is not enabled, so no product and sum is contracted into one rounding.
 * pow stays libm's, one call per lane. Where the four draws part ways (a
 * curve whose bracket a draw moves above its last point), the four go
 * through tc_plan_eval instead; so does every draw on a processor without
 * AVX2. The Monte Carlo spends most of its time here (100,000 draws of 10
 * bids of 10 years: some 270 quotients a draw), and four quotients take
 * the time of one. The Monte Carlo also hands over the curve points' drawn
 * throughputs packed (tc_plan_pack), one vector per input, so that most
 * drawn inputs need not go through four scenario copies. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "eval_plan_priv.h"

static atomic_int simd_off;

int tc_plan_simd(int on)
{
    return on < 0 ? !atomic_load(&simd_off) : !atomic_exchange(&simd_off, !on);
}

/* Whether every workload of platform i on perf entry e has its bracket
 * fixed or takes the best point (the vector path reads e's throughputs
 * then; otherwise a lane's scalar resolve reads them in its copy). */
static int read_packed(const tc_plan *p, size_t i, int e)
{
    const tc_scenario *s = p->s;
    for (size_t k = 0; k < s->n_workloads; k++) {
        const plan_wl *q = &p->wl[i * s->n_workloads + k];
        if (q->perf == e && !q->fixed && !q->at_max)
            return 0;
    }
    return 1;
}

/* The packed slot of x among in[0..n), -1 when absent. */
static int slot_of(const tc_num *x, const tc_num *const *in, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (in[k] == x)
            return (int)k;
    return -1;
}

static size_t count_points(const tc_plan *p)
{
    const tc_scenario *s = p->s;
    size_t total = 0;
    for (size_t c = 0; c < s->n_platforms * s->n_workloads; c++)
        if (p->wl[c].perf >= 0)
            total += s->platforms[c / s->n_workloads].perf[p->wl[c].perf].n_points;
    return total;
}

tc_status tc_plan_pack(tc_plan *p, const tc_num *const *in, size_t n, unsigned char *absorbed)
{
    const tc_scenario *s = p->s;
    size_t total = count_points(p), at = 0;
    int *slots = malloc((total ? total : 1) * sizeof *slots);
    if (!slots)
        return TC_ERR_NOMEM;
    free(p->slots);
    p->slots = slots;
    memset(absorbed, 0, n);
    for (size_t c = 0; c < s->n_platforms * s->n_workloads; c++) {
        plan_wl *q = &p->wl[c];
        if (q->perf < 0)
            continue;
        size_t i = c / s->n_workloads;
        const tc_perf *e = &s->platforms[i].perf[q->perf];
        int whole = read_packed(p, i, q->perf);
        q->slot = slots + at;
        for (size_t m = 0; m < e->n_points; m++, at++) {
            slots[at] = slot_of(&e->points[m].throughput, in, n);
            if (slots[at] >= 0 && whole)
                absorbed[slots[at]] = 1;
        }
    }
    return TC_OK;
}

static void eval4_plain(tc_plan *const p[4], double *const lcot[4], double *const cost[4])
{
    for (int j = 0; j < 4; j++)
        tc_plan_eval(p[j], lcot[j], cost[j]);
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX __attribute__((target("avx2")))

typedef __m256d v4;

/* The field m of each lane's struct a[j]. */
#define G4(a, m) _mm256_setr_pd((a)[0]->m, (a)[1]->m, (a)[2]->m, (a)[3]->m)

/* Point n's throughput in the four lanes: packed when tc_plan_pack placed
 * it (the very doubles the copies would hold), else from the copies. */
AVX static inline __m256d point4(const tc_perf *const e[4], const plan_wl *q, size_t n,
                                 const double *packed)
{
    if (packed && q->slot && q->slot[n] >= 0)
        return _mm256_loadu_pd(packed + 4 * (size_t)q->slot[n]);
    return G4(e, points[n].throughput.value);
}

AVX static inline v4 bc(double x)
{
    return _mm256_set1_pd(x);
}

/* ceil(x - 1e-9 |x|) (eval_plan.c ceil_clean): ceil_fast is ceil's double. */
AVX static inline v4 ceil_clean4(v4 x)
{
    v4 mag = _mm256_andnot_pd(bc(-0.0), x);
    return _mm256_round_pd(x - bc(1e-9) * mag, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC);
}

/* The four draws' years (tc_plan_shared_years), and per platform what the
 * year loops read. */
typedef struct {
    const tc_scenario *s[4];
    v4 demand[MAX_YEARS], power_price[MAX_YEARS], demand_s[MAX_YEARS];
    v4 df_start[MAX_YEARS], df_end[MAX_YEARS], npv_tokens;
} years4;

typedef struct {
    const years4 *y;
    const tc_platform *pl[4];
    const tc_pricing *pp[4];
    int h, gpn, pow2;       /* pow2: gpn a power of two (1 / gpn exact) */
    v4 tput, uplift, growth, u, per_gpn, other, one_time, kw_pue_load, facility_gpu_year;
} plat4;

AVX static void shared_years4(tc_plan *const p[4], years4 *y)
{
    const tc_scenario *const *s = y->s;
    if (p[0]->years_fixed) {    /* the same inputs in every copy: p[0]'s years */
        for (int k = 0; k < s[0]->horizon_years; k++) {
            y->demand[k] = bc(p[0]->demand[k]);
            y->power_price[k] = bc(p[0]->power_price[k]);
            y->demand_s[k] = bc(p[0]->demand_s[k]);
            y->df_start[k] = bc(p[0]->df_start[k]);
            y->df_end[k] = bc(p[0]->df_end[k]);
        }
        y->npv_tokens = bc(p[0]->npv_tokens);
        return;
    }
    v4 demand = G4(s, tokens_per_day.value), price = G4(s, price_per_kwh.value), df = bc(1);
    v4 r = G4(s, discount_rate.value), g = G4(s, growth.value), e = G4(s, escalation.value);
    v4 npv_tokens = bc(0);
    for (int k = 0; k < s[0]->horizon_years; k++) {
        y->demand[k] = demand;
        y->demand_s[k] = demand / bc(86400);
        y->power_price[k] = price;
        y->df_start[k] = df;
        df = df / (bc(1) + r);
        y->df_end[k] = df;
        npv_tokens = npv_tokens + (bc(365) * demand) * df;
        demand = demand * (bc(1) + g);
        price = price * (bc(1) + e);
    }
    y->npv_tokens = npv_tokens;
}

/* A point's throughput on the scenario basis (tc_eval_on_basis). */
AVX static inline v4 on_basis4(const tc_perf *e, v4 v, tc_basis want)
{
    if (e->basis == want)
        return v;
    if (want == TC_BASIS_TOTAL)
        return v * bc(e->isl + e->osl) / bc(e->osl);
    return v * bc(e->osl) / bc(e->isl + e->osl);
}

/* Throughput of workload k on platform i in each lane; 0 when a lane's is
 * not covered. A bracket fixed at build is every lane's; one a draw can
 * move is found per lane, as tc_plan_eval finds it. */
AVX static int throughput4(tc_plan *const p[4], const double *packed, size_t i, size_t k, v4 *t)
{
    const tc_scenario *s0 = p[0]->s;
    const plan_wl *q = &p[0]->wl[i * s0->n_workloads + k];
    if (q->at_max) {    /* tc_eval_max_point's first largest, in each lane */
        const tc_perf *e[4];
        for (int j = 0; j < 4; j++)
            e[j] = &p[j]->s->platforms[i].perf[q->perf];
        v4 best = point4(e, q, 0, packed);
        for (size_t n = 1; n < e[0]->n_points; n++) {
            v4 x = point4(e, q, n, packed);
            best = _mm256_blendv_pd(best, x, _mm256_cmp_pd(x, best, _CMP_GT_OQ));
        }
        *t = on_basis4(e[0], best, s0->token_basis);
        return 1;
    }
    if (!q->fixed) {
        double x[4];
        for (int j = 0; j < 4; j++)
            if (!tc_plan_throughput(p[j], &p[j]->s->platforms[i], &p[j]->s->workloads[k], q, &x[j]))
                return 0;
        *t = _mm256_loadu_pd(x);
        return 1;
    }
    const tc_perf *e[4];    /* fixed, and not NONE: covered_all */
    for (int j = 0; j < 4; j++)
        e[j] = &p[j]->s->platforms[i].perf[q->perf];
    tc_basis b = s0->token_basis;
    v4 y_lo = on_basis4(e[0], point4(e, q, q->lo, packed), b);
    if (q->how != TC_TPUT_INTERP) {
        *t = y_lo;
        return 1;
    }
    const tc_workload *w[4];
    for (int j = 0; j < 4; j++)
        w[j] = &p[j]->s->workloads[k];
    v4 y_hi = on_basis4(e[0], point4(e, q, q->hi, packed), b);
    v4 x_lo = G4(e, points[q->lo].interactivity.value), x_hi = G4(e, points[q->hi].interactivity.value);
    *t = y_lo + (y_hi - y_lo) * (G4(w, min_interactivity.value) - x_lo) / (x_hi - x_lo);
    return 1;
}

/* Cost per GPU-hour (eval_plan.c gpu_hour). */
AVX static v4 gpu_hour4(tc_plan *const p[4], const years4 *y, const tc_platform *const pl[4])
{
    const tc_scenario *const *s = y->s;
    const tc_pricing *pp[4] = {&pl[0]->pricing, &pl[1]->pricing, &pl[2]->pricing, &pl[3]->pricing};
    v4 kw = G4(pl, power_kw_per_gpu.value), u = G4(s, utilization.value);
    v4 load = u + (bc(1) - u) * G4(pl, idle_power_fraction.value);
    v4 energy = kw * G4(s, pue.value) * load * G4(s, price_per_kwh.value);
    v4 facility = kw * G4(s, facility_per_kw_month.value) * bc(12) / bc(8760), capital;
    if (pp[0]->kind == TC_PRICING_OWNED) {
        v4 c = (G4(pp, capex_per_node.value) + G4(pp, network_capex_per_node.value))
               / bc(pl[0]->gpus_per_node);
        v4 r = G4(s, discount_rate.value), res = G4(pp, residual_value.value);
        int life = pp[0]->amortization_years;
        double fx[4];
        for (int j = 0; j < 4; j++)
            fx[j] = tc_plan_life_pow(p[j], 1 + s[j]->discount_rate.value, life);
        v4 f = _mm256_loadu_pd(fx);
        v4 one = _mm256_or_pd(_mm256_cmp_pd(r, bc(0), _CMP_EQ_OQ), _mm256_cmp_pd(f, bc(1), _CMP_EQ_OQ));
        v4 crf = _mm256_blendv_pd(r * f / (f - bc(1)), bc(1.0 / life), one);
        v4 annual = (c - res * c / f) * crf + G4(pp, maintenance_rate.value) * c
                    + G4(pp, software_per_gpu_year.value);
        capital = annual / bc(8760);
    } else {
        capital = G4(pp, gpu_hour.value);
        if (pp[0]->includes_power)
            energy = facility = bc(0);
    }
    return capital + energy + facility;
}

/* Year-1 mix of platform i (eval_plan.c unit); 0 when a lane is not covered. */
AVX static int unit4(tc_plan *const p[4], const double *packed, const years4 *y, size_t i,
                     v4 *tput, v4 *cost)
{
    const tc_scenario *const *s = y->s;
    const tc_platform *pl[4];
    for (int j = 0; j < 4; j++)
        pl[j] = &s[j]->platforms[i];
    const tc_pricing *pp = &pl[0]->pricing;
    int api = pp->kind == TC_PRICING_API;
    v4 per_hour = api ? bc(NAN) : gpu_hour4(p, y, pl), per_hour_tokens = G4(s, utilization.value) * bc(3600);
    v4 inv = bc(0), sum = bc(0);
    for (size_t k = 0; k < s[0]->n_workloads; k++) {
        const tc_workload *w[4];
        for (int j = 0; j < 4; j++)
            w[j] = &s[j]->workloads[k];
        v4 t = bc(NAN), c;
        if (api) {
            const tc_pricing *pq[4] = {&pl[0]->pricing, &pl[1]->pricing, &pl[2]->pricing, &pl[3]->pricing};
            v4 spend = bc(w[0]->isl) * G4(pq, input_per_m.value) + bc(w[0]->osl) * G4(pq, output_per_m.value);
            c = spend / bc(s[0]->token_basis == TC_BASIS_TOTAL ? w[0]->isl + w[0]->osl : w[0]->osl);
        } else if (throughput4(p, packed, i, k, &t)) {
            c = per_hour / (t * per_hour_tokens) * bc(1e6);
        } else {
            return 0;
        }
        inv = inv + G4(w, share.value) / t;
        sum = sum + G4(w, share.value) * c;
    }
    *tput = bc(NAN);
    if (!api)
        *tput = bc(1) / inv;
    *cost = sum;
    return 1;
}

/* Nodes for year k's demand at throughput t (eval_plan.c nodes_needed). */
AVX static inline v4 nodes4(const plat4 *c, int k, v4 t)
{
    v4 x = c->y->demand_s[k] / (t * c->u);
    return ceil_clean4(c->pow2 ? x * c->per_gpn : x / bc(c->gpn));
}

AVX static v4 npv_api4(const plat4 *c, v4 cost_per_m)
{
    const years4 *y = c->y;
    v4 change = bc(1), npv = bc(0);
    for (int k = 0; k < c->h; k++) {
        v4 capex = bc(0);
        if (k == 0)
            capex = c->one_time;
        v4 api = bc(365) * y->demand[k] * cost_per_m / bc(1e6) * change;
        v4 opex = bc(0.0) + api + bc(0.0) + bc(0.0) + bc(0.0) + bc(0.0) + c->other;
        npv = npv + (capex * y->df_start[k] + (opex - bc(0.0)) * y->df_end[k]);
        change = change * c->growth;
    }
    return npv;
}

AVX static v4 npv_cloud4(const plat4 *c)
{
    const years4 *y = c->y;
    v4 rate = G4(c->pp, gpu_hour.value), tput = c->tput, change = bc(1), npv = bc(0);
    int power = !c->pp[0]->includes_power;
    for (int k = 0; k < c->h; k++) {
        v4 capex = bc(0);
        if (k == 0)
            capex = c->one_time;
        v4 gpus = nodes4(c, k, tput) * bc(c->gpn), energy = bc(0), facility = bc(0);
        v4 rent = gpus * bc(8760) * rate * change;
        if (power) {
            energy = gpus * (c->kw_pue_load * y->power_price[k] * bc(8760));
            facility = gpus * c->facility_gpu_year;
        }
        v4 opex = rent + bc(0.0) + energy + facility + bc(0.0) + bc(0.0) + c->other;
        npv = npv + (capex * y->df_start[k] + (opex - bc(0.0)) * y->df_end[k]);
        tput = tput * c->uplift;
        change = change * c->growth;
    }
    return npv;
}

/* eval_plan.c settle. */
AVX static v4 settle4(const plat4 *c, v4 price, v4 res, const v4 *bought)
{
    int life = c->pp[0]->amortization_years, h = c->h;
    v4 credit = bc(0);
    for (int b = h - life < 0 ? 0 : h - life; b < h; b++) {
        v4 capex = bought[b] * price;
        credit = credit + (capex - (capex - res * capex) * bc(h - b) / bc(life));
    }
    return credit;
}

/* eval_plan.c npv_owned. */
AVX static v4 npv_owned4(const plat4 *c)
{
    const years4 *y = c->y;
    const tc_pricing *const *pp = c->pp;
    int life = pp[0]->amortization_years, h = c->h;
    v4 price = G4(pp, capex_per_node.value) + G4(pp, network_capex_per_node.value);
    v4 maint = G4(pp, maintenance_rate.value), sw = G4(pp, software_per_gpu_year.value);
    v4 res = G4(pp, residual_value.value), bought[MAX_YEARS], tput = c->tput, npv = bc(0);
    for (int k = 0; k < h; k++) {
        v4 nodes = nodes4(c, k, tput), alive = bc(0);
        for (int b = k - life + 1 < 0 ? 0 : k - life + 1; b < k; b++)
            alive = alive + bought[b];
        bought[k] = _mm256_and_pd(_mm256_cmp_pd(nodes, alive, _CMP_GT_OQ), nodes - alive);
        v4 installed = alive + bought[k], gpus = installed * bc(c->gpn);
        v4 first = bc(0);
        if (k == 0)
            first = c->one_time;
        v4 capex = first + bought[k] * price;
        v4 energy = gpus * (c->kw_pue_load * y->power_price[k] * bc(8760));
        v4 opex = bc(0.0) + bc(0.0) + energy + gpus * c->facility_gpu_year
                  + maint * installed * price + sw * gpus + c->other;
        int retiring = k - life + 1;
        v4 credit = bc(0);
        if (retiring >= 0 && k < h - 1)
            credit = res * bought[retiring] * price;
        if (k == h - 1)
            credit = credit + settle4(c, price, res, bought);
        npv = npv + (capex * y->df_start[k] + (opex - credit) * y->df_end[k]);
        tput = tput * c->uplift;
    }
    return npv;
}

/* eval_plan.c lcot, cost_per_m used by an api bid only. */
AVX static v4 lcot4(const years4 *y, size_t i, v4 tput, v4 cost_per_m)
{
    const tc_scenario *const *s = y->s;
    plat4 c;    /* every field set below (an initializer would zero it first) */
    c.y = y;
    c.h = s[0]->horizon_years;
    c.tput = tput;
    for (int j = 0; j < 4; j++) {
        c.pl[j] = &s[j]->platforms[i];
        c.pp[j] = &c.pl[j]->pricing;
    }
    c.gpn = c.pl[0]->gpus_per_node;
    c.pow2 = (c.gpn & (c.gpn - 1)) == 0;  /* gpn > 0: tc_eval_usable */
    c.per_gpn = bc(1.0 / c.gpn);
    c.uplift = bc(1) + G4(c.pl, software_uplift.value);
    c.growth = bc(1) + G4(c.pp, annual_change.value);
    c.u = G4(s, utilization.value);
    c.other = G4(c.pp, other_per_year.value);
    c.one_time = G4(c.pp, one_time.value);
    v4 kw = G4(c.pl, power_kw_per_gpu.value);
    v4 load = c.u + (bc(1) - c.u) * G4(c.pl, idle_power_fraction.value);
    c.kw_pue_load = kw * G4(s, pue.value) * load;
    c.facility_gpu_year = kw * G4(s, facility_per_kw_month.value) * bc(12);
    tc_pricing_kind kind = c.pp[0]->kind;
    v4 npv = kind == TC_PRICING_API ? npv_api4(&c, cost_per_m)
           : kind == TC_PRICING_CLOUD ? npv_cloud4(&c) : npv_owned4(&c);
    return npv / y->npv_tokens * bc(1e6);
}

/* Whether platform i covers the mix in every draw (each workload has a
 * perf entry and, where its bracket is fixed, a point at the SLO). */
static int covered_all(const tc_plan *p, size_t i)
{
    const tc_scenario *s = p->s;
    if (s->platforms[i].pricing.kind == TC_PRICING_API)
        return 1;
    for (size_t k = 0; k < s->n_workloads; k++) {
        const plan_wl *q = &p->wl[i * s->n_workloads + k];
        if (q->perf < 0 || (q->fixed && q->how == TC_TPUT_NONE))
            return 0;
    }
    return 1;
}

/* Lane j's figures of platform i into its outputs. */
AVX static void put4(double *const out[4], size_t i, v4 v)
{
    double x[4];
    _mm256_storeu_pd(x, v);
    for (int j = 0; j < 4; j++)
        if (out[j])
            out[j][i] = x[j];
}

/* 0, having written figures for platforms before the one that stopped
 * it, when a lane's bracket leaves the others' (the caller then runs the
 * four through tc_plan_eval, which writes every figure again). */
AVX static int eval4(tc_plan *const p[4], const double *packed, double *const lcot[4],
                     double *const cost[4])
{
    years4 y;
    for (int j = 0; j < 4; j++)
        y.s[j] = p[j]->s;
    shared_years4(p, &y);
    for (size_t i = 0; i < y.s[0]->n_platforms; i++) {
        v4 tput, mix;
        if (!covered_all(p[0], i)) {
            put4(cost, i, bc(NAN));
            put4(lcot, i, bc(NAN));
            continue;
        }
        if (!unit4(p, packed, &y, i, &tput, &mix))
            return 0;
        put4(cost, i, mix);
        put4(lcot, i, lcot4(&y, i, tput, mix));
    }
    return 1;
}

static int avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

#else

static int avx2(void)
{
    return 0;
}

static int eval4(tc_plan *const p[4], const double *packed, double *const lcot[4],
                 double *const cost[4])
{
    (void)p, (void)packed, (void)lcot, (void)cost;
    return 0;
}

#endif

void tc_plan_eval4(tc_plan *const p[4], double *const lcot[4], double *const cost[4])
{
    if (atomic_load_explicit(&simd_off, memory_order_relaxed) || !avx2() || !eval4(p, NULL, lcot, cost))
        eval4_plain(p, lcot, cost);
}

int tc_plan_eval4_packed(tc_plan *const p[4], const double *packed, double *const lcot[4],
                         double *const cost[4])
{
    return !atomic_load_explicit(&simd_off, memory_order_relaxed) && avx2()
           && eval4(p, packed, lcot, cost);
}
