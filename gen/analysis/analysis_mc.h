/* The Monte Carlo's parts (gen/analysis/analysis_mc*.c): the drawn inputs,
 * the batched draw engine and what consumes its batches. */
#ifndef TC_ANALYSIS_MC_H
#define TC_ANALYSIS_MC_H

#include "analysis_priv.h"
#include "tc_plan.h"

/* Lanes evaluating a batch: the caller and one worker thread (the machine
 * the targets are set on has two cores). */
#define TC_MC_LANES 2

/* The distribution inputs of c in the documented draw order (analysis_mc.c
 * header): up to max of them into v (v may be NULL); returns how many. */
size_t tc_mc_inputs(tc_scenario *c, tc_num **v, size_t max);

/* Receives each batch in draw order: out[b * 2 np + i] is draw d0 + b's
 * LCOT of platform i, out[b * 2 np + np + i] its cost per million tokens. */
typedef struct tc_mc_consumer {
    void (*consume)(struct tc_mc_consumer *c, const double *out, long d0, size_t nb);
} tc_mc_consumer;

/* Draws s->analysis.samples sets of s's distribution inputs from the seed
 * and evaluates each, on `lanes` lanes (1: the calling thread only). */
tc_status tc_mc_draw(const tc_scenario *s, int lanes, tc_mc_consumer *c);

/* The figures of x (allocated for s's platforms) from two passes of draws
 * in memory bounded by the answer (analysis_mc_stream.c). */
tc_status tc_mc_stream_run(const tc_scenario *s, int lanes, tc_monte_carlo *x);

#endif
