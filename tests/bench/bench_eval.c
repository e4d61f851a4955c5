/* Times tc_eval on a large scenario: 10 platforms (cloud, owned, api) x 10
 * workloads x 15 years. Analytics calls tc_eval ~1e5 times per run, so one
 * evaluation must stay well under a millisecond. Prints the median over
 * batches of the microseconds per evaluation; exits 1 above 1000 us. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tc_results.h"

#define NP 10
#define NW 10
#define NPTS 4
#define BATCHES 101
#define PER_BATCH 200

static tc_workload workloads[NW];
static tc_platform platforms[NP];
static tc_perf perf[NP][NW];
static tc_point points[NP][NW][NPTS];
static char ids[NP + NW][16];
static char model[] = "model";

static tc_num num(double v)
{
    return (tc_num){ .value = v, .given = 1 };
}

static void build_workloads(void)
{
    for (int i = 0; i < NW; i++) {
        snprintf(ids[NP + i], sizeof ids[0], "w%d", i);
        workloads[i] = (tc_workload){ .id = ids[NP + i], .model = model,
                                      .isl = 512.0 * (i + 1), .osl = 1024, .share = num(0.1) };
        if (i % 3 != 0)     /* a third without SLO */
            workloads[i].min_interactivity = num(15 + 7 * i);
    }
}

static void build_pricing(tc_pricing *pp, int i)
{
    pp->kind = i % 3 == 0 ? TC_PRICING_CLOUD : i % 3 == 1 ? TC_PRICING_OWNED : TC_PRICING_API;
    pp->gpu_hour = num(1.5 + 0.2 * i);
    pp->includes_power = i % 2;
    pp->annual_change = num(-0.05);
    pp->capex_per_node = num(3.0e5 + 1e4 * i);
    pp->network_capex_per_node = num(2e4);
    pp->amortization_years = 4;
    pp->residual_value = num(0.1);
    pp->maintenance_rate = num(0.05);
    pp->software_per_gpu_year = num(2000);
    pp->input_per_m = num(0.5);
    pp->output_per_m = num(2.0);
    pp->other_per_year = num(1e5);
    pp->one_time = num(5e5);
}

static void build_platform(int i)
{
    tc_platform *p = &platforms[i];
    snprintf(ids[i], sizeof ids[0], "p%d", i);
    *p = (tc_platform){ .id = ids[i], .name = ids[i], .gpus_per_node = 8,
                        .peak_pflops = num(4 + i), .power_kw_per_gpu = num(1.2 + 0.1 * i),
                        .idle_power_fraction = num(0.4), .software_uplift = num(0.05),
                        .perf = perf[i], .n_perf = NW };
    build_pricing(&p->pricing, i);
    for (int k = 0; k < NW; k++) {
        perf[i][k] = (tc_perf){ .model = model, .isl = workloads[k].isl, .osl = 1024,
                                .points = points[i][k], .n_points = NPTS,
                                .has_interactivity = 1 };
        for (int j = 0; j < NPTS; j++)     /* written highest interactivity first */
            points[i][k][j] = (tc_point){ .interactivity = num(200.0 / (j + 1)),
                                          .throughput = num(500.0 * (j + 1) * (i + 1)) };
    }
}

static void build(tc_scenario *s)
{
    memset(s, 0, sizeof *s);
    build_workloads();
    for (int i = 0; i < NP; i++)
        build_platform(i);
    strcpy(s->currency, "USD");
    s->horizon_years = 15;
    s->discount_rate = num(0.08);
    s->utilization = num(0.7);
    s->price_per_kwh = num(0.08);
    s->escalation = num(0.03);
    s->pue = num(1.3);
    s->facility_per_kw_month = num(150);
    s->site_power_mw = num(50);
    s->token_price_per_m = num(2.0);
    s->tokens_per_day = num(5e10);
    s->growth = num(0.3);
    s->workloads = workloads;
    s->n_workloads = NW;
    s->platforms = platforms;
    s->n_platforms = NP;
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static tc_scenario s;
    build(&s);
    static double per_eval[BATCHES];
    double sink = 0;
    for (int b = 0; b < BATCHES; b++) {
        double t0 = now_us();
        for (int k = 0; k < PER_BATCH; k++) {
            tc_results *r = NULL;
            if (tc_eval(&s, &r) != TC_OK) {
                fprintf(stderr, "bench_eval: tc_eval failed\n");
                return 1;
            }
            sink += r->platforms[k % NP].levelized_cost_per_m_tokens;
            tc_results_free(r);
        }
        per_eval[b] = (now_us() - t0) / PER_BATCH;
    }
    qsort(per_eval, BATCHES, sizeof per_eval[0], by_value);
    double median = per_eval[BATCHES / 2];
    printf("tc_eval: median %.1f us per evaluation (%d platforms x %d workloads x %d years, "
           "%d x %d runs; checksum %.6g)\n", median, NP, NW, 15, BATCHES, PER_BATCH, sink);
    return median < 1000 ? 0 : 1;
}
