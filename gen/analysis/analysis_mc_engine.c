/* The Monte Carlo's draws, in batches: the generator's outputs and the
 * accept/reject decisions run in sequence on the calling thread (stage 1,
 * so the stream is the one tc_dist_draw consumes), while the transforms
 * and the evaluations of the batch (stage 2, on tc_plan) are shared out in
 * chunks to the lanes, each with its own scenario copy and plan. Draw d's
 * figures depend only on its raw inputs, so they are the same whatever
 * lane computed them; the consumer then sees the batch in draw order. The
 * calling thread generates batch j + 1 while the lanes evaluate batch j. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_mc.h"

/* SIDE draws are evaluated at once (tc_plan_eval4), each in its own copy
 * of the scenario; CHUNK is a multiple of it. */
enum { BATCH = 512, CHUNK = 16, SIDE = 4 };

typedef struct engine engine;

/* Where a kept input's value goes in a lane's scenario copy. */
typedef struct {
    const tc_mc_in *in;
    long slot;
    double *dst[SIDE];
} lane_out;

/* A kept uniform, its parameters at hand (most of the kept inputs). */
typedef struct {
    long slot;
    double p1, span, lo, hi;
    double *dst[SIDE];
    int absorbed;       /* the vector path reads it packed only (tc_plan_pack) */
} lane_uni;

typedef struct {
    engine *e;
    tc_scenario *c[SIDE];       /* copy j holds draw j of a group of SIDE */
    tc_num **v[SIDE];           /* the drawn inputs in c[j], walk order */
    tc_plan *plan[SIDE];
    lane_uni *uni;              /* uniforms */
    lane_out *one, *two;        /* triangulars, then normals (pairs) */
    size_t n_uni, n_one, n_two;
    double *vals;               /* normals: [k * CHUNK + draw in chunk] */
    double *packed;             /* uniforms of a group: [k * SIDE + j] */
} lane;

struct engine {
    tc_mc_in *in;
    size_t ni, np;
    tc_mc_op *ops;              /* stage 1's program */
    size_t n_ops, n_slots;
    long *slot;                 /* per input: first slot, -1 not kept */
    double *raw[2];             /* rows of raw draws [draw][slot], double-buffered */
    double spare_s;             /* s of the generator's unreduced spare */
    double *out[2];             /* [draw in batch][lcot np, cost np], as raw */
    size_t nb[2];               /* draws in each buffer's batch */
    atomic_size_t next[2];      /* next chunk of it to take */
    pthread_barrier_t sync;     /* between batches: one wait each */
    int simd;                   /* the uniforms four at a time (AVX2) */
    lane lanes[TC_MC_LANES];
};

/* The uniforms of the draw of raw row r into scenario copy j. */
static void set_uniforms(const lane *l, const double *r, int j)
{
    for (size_t k = 0; k < l->n_uni; k++) {
        const lane_uni *x = &l->uni[k];
        *x->dst[j] = tc_mc_clamp(x->p1 + x->span * tc_mc_uniform_at(&r[x->slot]), x->lo, x->hi);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX __attribute__((target("avx2")))

/* tc_rng_unit_of on four words: w * 5 and * 9 as shifts and adds (the same
 * products modulo 2^64), then the 53 bits to a double in two halves below
 * 2^32 (each exact, their sum exact below 2^53, as the scalar conversion
 * is), scaled by 2^-53 (exact). */
AVX static inline __m256d unit4(__m256i w)
{
    __m256i x = _mm256_add_epi64(_mm256_slli_epi64(w, 2), w);
    x = _mm256_or_si256(_mm256_slli_epi64(x, 7), _mm256_srli_epi64(x, 57));
    x = _mm256_srli_epi64(_mm256_add_epi64(_mm256_slli_epi64(x, 3), x), 11);
    __m256d magic = _mm256_set1_pd(0x1p52);
    __m256i bits = _mm256_castpd_si256(magic);
    __m256d lo = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(x, _mm256_set1_epi64x(0xFFFFFFFF)), bits));
    __m256d hi = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(x, 32), bits));
    return ((hi - magic) * _mm256_set1_pd(0x1p32) + (lo - magic)) * _mm256_set1_pd(0x1p-53);
}

/* set_uniforms of rows raw + j * w into copies j = 0..3, four at a time:
 * p1 + span u, then tc_mc_clamp's two tests as masks. */
AVX static void set_uniforms4(const lane *l, const double *raw, size_t w)
{
    for (size_t k = 0; k < l->n_uni; k++) {
        const lane_uni *x = &l->uni[k];
        const double *r = raw + x->slot;  /* the words' bits, moved, never computed on */
        __m256d u = unit4(_mm256_castpd_si256(_mm256_setr_pd(r[0], r[w], r[2 * w], r[3 * w])));
        __m256d lo = _mm256_set1_pd(x->lo), hi = _mm256_set1_pd(x->hi);
        __m256d v = _mm256_set1_pd(x->p1) + _mm256_set1_pd(x->span) * u;
        __m256d t = _mm256_blendv_pd(v, hi, _mm256_cmp_pd(v, hi, _CMP_GT_OQ));
        t = _mm256_blendv_pd(t, lo, _mm256_cmp_pd(v, lo, _CMP_LT_OQ));
        _mm256_storeu_pd(l->packed + k * SIDE, t);
        if (x->absorbed)
            continue;
        __m128d t01 = _mm256_castpd256_pd128(t), t23 = _mm256_extractf128_pd(t, 1);
        _mm_storel_pd(x->dst[0], t01);
        _mm_storeh_pd(x->dst[1], t01);
        _mm_storel_pd(x->dst[2], t23);
        _mm_storeh_pd(x->dst[3], t23);
    }
}

#else

static void set_uniforms4(const lane *l, const double *raw, size_t w)
{
    for (int j = 0; j < SIDE; j++)
        set_uniforms(l, raw + j * w, j);
}

#endif

/* The absorbed uniforms of a group, into the copies (the plain path reads
 * them there). */
static void unpack(const lane *l)
{
    for (size_t k = 0; k < l->n_uni; k++)
        for (int j = 0; l->uni[k].absorbed && j < SIDE; j++)
            *l->uni[k].dst[j] = l->packed[k * SIDE + j];
}

/* The other inputs of draw b of the chunk (raw row r) into copy j. */
static void set_rest(const lane *l, const double *r, size_t b, int j)
{
    for (size_t k = 0; k < l->n_one; k++)
        *l->one[k].dst[j] = tc_mc_triangular(l->one[k].in, tc_mc_uniform_at(&r[l->one[k].slot]));
    for (size_t k = 0; k < l->n_two; k++)
        *l->two[k].dst[j] = l->vals[k * CHUNK + b];
}

/* The chunk's draws SIDE at a time, the rest (a last chunk's) one by one. */
static void eval_chunk(lane *l, int cur, size_t b0, size_t n)
{
    engine *e = l->e;
    size_t w = e->n_slots, b = 0;
    const double *raw = e->raw[cur] + b0 * w;
    double *out = e->out[cur] + b0 * 2 * e->np;
    for (size_t k = 0; k < l->n_two; k++)
        tc_mc_values(l->two[k].in, raw + l->two[k].slot, w, n, e->simd, l->vals + k * CHUNK);
    for (; b + SIDE <= n; b += SIDE) {
        double *lcot[SIDE], *cost[SIDE];
        if (e->simd)
            set_uniforms4(l, raw + b * w, w);
        for (int j = 0; j < SIDE; j++) {
            if (!e->simd)
                set_uniforms(l, raw + (b + j) * w, j);
            set_rest(l, raw + (b + j) * w, b + j, j);
            lcot[j] = out + (b + j) * 2 * e->np;
            cost[j] = lcot[j] + e->np;
        }
        if (!e->simd) {
            tc_plan_eval4(l->plan, lcot, cost);
        } else if (!tc_plan_eval4_packed(l->plan, l->packed, lcot, cost)) {
            unpack(l);
            for (int j = 0; j < SIDE; j++)
                tc_plan_eval(l->plan[j], lcot[j], cost[j]);
        }
    }
    for (; b < n; b++) {
        set_uniforms(l, raw + b * w, 0);
        set_rest(l, raw + b * w, b, 0);
        tc_plan_eval(l->plan[0], out + b * 2 * e->np, out + b * 2 * e->np + e->np);
    }
}

static void eval_chunks(lane *l, int cur)
{
    engine *e = l->e;
    size_t nb = e->nb[cur];
    for (;;) {
        size_t b0 = atomic_fetch_add(&e->next[cur], CHUNK);
        if (b0 >= nb)
            return;
        eval_chunk(l, cur, b0, b0 + CHUNK < nb ? CHUNK : nb - b0);
    }
}

/* Batch j is in buffer j % 2; each wait on sync starts the next batch. */
static void *worker(void *arg)
{
    lane *l = arg;
    engine *e = l->e;
    for (int cur = 0;; cur = !cur) {
        pthread_barrier_wait(&e->sync);
        if (e->nb[cur] == 0)    /* no batch after the last */
            return NULL;
        eval_chunks(l, cur);
    }
}

/* Batch d0 (its first draw) into buffer buf, ready to be taken. */
static void gen(engine *e, tc_rng *g, int buf, long d0, long samples)
{
    size_t nb = samples - d0 < BATCH ? (size_t)(samples - d0) : BATCH;
    tc_mc_gen_batch(g, &e->spare_s, e->ops, e->n_ops, nb, e->n_slots, e->raw[buf]);
    e->nb[buf] = nb;
    atomic_store(&e->next[buf], 0);
}

/* Every batch through the lanes; threaded: lane 1 runs in a worker. While
 * the lanes evaluate batch j, the caller also generates batch j + 1 and
 * hands batch j - 1 to the consumer (in draw order), so the worker never
 * waits on either; one barrier between batches (both lanes done with
 * batch j - 1, whose buffers batch j + 1 then takes). Only the barrier
 * orders the two threads: what one writes the other reads past the next
 * barrier. */
static void run(engine *e, tc_rng *g, long samples, int threaded, tc_mc_consumer *c)
{
    int cur = 0;
    gen(e, g, 0, 0, samples);
    for (long d0 = 0; d0 < samples; d0 += BATCH, cur = !cur) {
        if (threaded)
            pthread_barrier_wait(&e->sync);
        if (d0 > 0)
            c->consume(c, e->out[!cur], d0 - BATCH, e->nb[!cur]);
        if (d0 + BATCH < samples)
            gen(e, g, !cur, d0 + BATCH, samples);
        else
            e->nb[!cur] = 0;    /* the worker's signal to stop */
        eval_chunks(&e->lanes[0], cur);
    }
    if (threaded)       /* the worker done with the last batch, then gone */
        pthread_barrier_wait(&e->sync);
    c->consume(c, e->out[!cur], (samples - 1) / BATCH * BATCH, e->nb[!cur]);
}

/* Copy j of the scenario, its drawn inputs and its plan. */
static tc_status lane_copy(lane *l, const tc_scenario *s, int j)
{
    l->c[j] = tc_analysis_copy(s, NULL, 0);
    if (!l->c[j])
        return TC_ERR_NOMEM;
    size_t n = tc_mc_inputs(l->c[j], NULL, 0);
    l->v[j] = malloc((n ? n : 1) * sizeof *l->v[j]);
    if (!l->v[j])
        return TC_ERR_NOMEM;
    tc_mc_inputs(l->c[j], l->v[j], n);
    return tc_plan_new(l->c[j], (const tc_num *const *)l->v[j], n, &l->plan[j]);
}

static tc_status lane_init(engine *e, lane *l, const tc_scenario *s)
{
    l->e = e;
    tc_status st = TC_OK;
    for (int j = 0; j < SIDE && st == TC_OK; j++)
        st = lane_copy(l, s, j);
    return st;
}

/* Which uniforms plan 0 reads packed only (then not written per draw). */
static tc_status lane_pack(const engine *e, lane *l)
{
    size_t n = l->n_uni ? l->n_uni : 1;
    const tc_num **x = malloc(n * sizeof *x);
    unsigned char *absorbed = malloc(n);
    tc_status st = x && absorbed ? TC_OK : TC_ERR_NOMEM;
    for (size_t k = 0, u = 0; st == TC_OK && k < e->ni; k++)
        if (e->slot[k] >= 0 && e->in[k].kind == TC_DIST_UNIFORM)
            x[u++] = l->v[0][k];
    if (st == TC_OK)
        st = tc_plan_pack(l->plan[0], x, l->n_uni, absorbed);
    for (size_t k = 0; st == TC_OK && k < l->n_uni; k++)
        l->uni[k].absorbed = e->simd && absorbed[k];
    free(x);
    free(absorbed);
    return st;
}

/* The lane's kept inputs, once the program has placed them. */
static tc_status lane_outs(engine *e, lane *l)
{
    size_t n = e->ni ? e->ni : 1;
    l->uni = malloc(n * sizeof *l->uni);
    l->one = malloc(n * sizeof *l->one);
    l->two = malloc(n * sizeof *l->two);
    l->vals = malloc(n * CHUNK * sizeof *l->vals);
    l->packed = malloc(n * SIDE * sizeof *l->packed);
    if (!l->uni || !l->one || !l->two || !l->vals || !l->packed)
        return TC_ERR_NOMEM;
    for (size_t k = 0; k < e->ni; k++) {
        if (e->slot[k] < 0)
            continue;
        lane_out o = {&e->in[k], e->slot[k], {NULL}};
        for (int j = 0; j < SIDE; j++)
            o.dst[j] = &l->v[j][k]->value;
        const tc_mc_in *in = &e->in[k];
        tc_dist_kind d = in->kind;
        if (d == TC_DIST_UNIFORM) { /* tc_dist_draw's p1 + (p2 - p1) u, clamped */
            lane_uni u = {o.slot, in->p1, in->span, in->lo, in->hi, {NULL}, 0};
            memcpy(u.dst, o.dst, sizeof u.dst);
            l->uni[l->n_uni++] = u;
        } else if (d == TC_DIST_NORMAL || d == TC_DIST_LOGNORMAL)
            l->two[l->n_two++] = o;
        else
            l->one[l->n_one++] = o;
    }
    return lane_pack(e, l);
}

static void lane_free(lane *l)
{
    for (int j = 0; j < SIDE; j++) {
        tc_plan_free(l->plan[j]);
        free(l->v[j]);
        tc_analysis_copy_free(l->c[j]);
    }
    free(l->uni);
    free(l->one);
    free(l->two);
    free(l->vals);
    free(l->packed);
}

static void engine_free(engine *e, int lanes)
{
    for (int i = 0; i < lanes; i++)
        lane_free(&e->lanes[i]);
    for (int i = 0; i < 2; i++) {
        free(e->raw[i]);
        free(e->out[i]);
    }
    free(e->ops);
    free(e->slot);
    free(e->in);
    free(e);
}

/* The inputs, which of them the figures use (tc_plan_uses), the program. */
static tc_status engine_program(engine *e)
{
    size_t n = e->ni ? e->ni : 1;
    unsigned char *used = malloc(n);
    e->in = malloc(n * sizeof *e->in);
    e->ops = malloc(n * sizeof *e->ops);
    e->slot = malloc(n * sizeof *e->slot);
    if (!used || !e->in || !e->ops || !e->slot) {
        free(used);
        return TC_ERR_NOMEM;
    }
    for (size_t k = 0; k < e->ni; k++) {
        tc_mc_in_init(&e->in[k], e->lanes[0].v[0][k]);
        used[k] = (unsigned char)tc_plan_uses(e->lanes[0].plan[0], e->lanes[0].v[0][k]);
    }
    e->n_ops = tc_mc_program(e->in, used, e->ni, e->ops, e->slot, &e->n_slots);
    free(used);
    return TC_OK;
}

static tc_status engine_init(engine *e, const tc_scenario *s, int lanes)
{
    tc_status st = TC_OK;
    for (int i = 0; i < lanes && st == TC_OK; i++)
        st = lane_init(e, &e->lanes[i], s);
    if (st != TC_OK)
        return st;
    e->ni = tc_mc_inputs(e->lanes[0].c[0], NULL, 0);
    e->np = s->n_platforms;
    e->simd = tc_plan_simd(-1) && tc_mc_avx2();
    if ((st = engine_program(e)) != TC_OK)
        return st;
    for (int i = 0; i < lanes && st == TC_OK; i++)
        st = lane_outs(e, &e->lanes[i]);
    size_t cells = BATCH * (e->n_slots ? e->n_slots : 1);
    for (int i = 0; i < 2; i++) {
        e->raw[i] = malloc(cells * sizeof *e->raw[i]);
        e->out[i] = malloc(BATCH * 2 * e->np * sizeof *e->out[i]);
        if (!e->raw[i] || !e->out[i])
            st = TC_ERR_NOMEM;
    }
    return st;
}

/* The worker lane, and the barriers it meets the caller at; 0 when a
 * thread cannot be had (the caller then evaluates alone: same figures). */
static int start_worker(engine *e, pthread_t *t)
{
    if (pthread_barrier_init(&e->sync, NULL, 2) != 0)
        return 0;
    if (pthread_create(t, NULL, worker, &e->lanes[1]) != 0) {
        pthread_barrier_destroy(&e->sync);
        return 0;
    }
    return 1;
}

static void stop_worker(engine *e, pthread_t t)
{
    pthread_join(t, NULL);
    pthread_barrier_destroy(&e->sync);
}

tc_status tc_mc_draw(const tc_scenario *s, int lanes, tc_mc_consumer *c)
{
    lanes = lanes < 1 ? 1 : lanes > TC_MC_LANES ? TC_MC_LANES : lanes;
    engine *e = calloc(1, sizeof *e);
    if (!e)
        return TC_ERR_NOMEM;
    tc_status st = engine_init(e, s, lanes);
    if (st == TC_OK) {
        tc_rng g;
        tc_rng_seed(&g, s->analysis.seed);
        pthread_t t;
        int threaded = lanes > 1 && start_worker(e, &t);
        run(e, &g, s->analysis.samples, threaded, c);
        if (threaded)
            stop_worker(e, t);
    }
    engine_free(e, lanes);
    return st;
}
