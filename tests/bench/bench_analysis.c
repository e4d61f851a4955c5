/* Times the Monte Carlo: 100,000 draws of a scenario of 10 platforms (cloud,
 * owned, api) x 5 workloads x 10 years, every platform with uncertain
 * inputs. Target: within 1 s on one core. Prints the wall time, the draws
 * per second and the time per tc_eval; exits 1 above the target. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tc_analysis.h"

#define NP 10
#define NW 5
#define NPTS 3
#define DRAWS 100000L

static tc_workload workloads[NW];
static tc_platform platforms[NP];
static tc_perf perf[NP][NW];
static tc_point points[NP][NW][NPTS];
static char ids[NP + NW][16];
static char model[] = "model";

static tc_num num(double v, double lo, double hi)
{
    return (tc_num){.value = v, .lo = lo, .hi = hi, .given = 1};
}

static tc_num dist(tc_dist_kind k, double p1, double p2, double p3, double lo, double hi)
{
    double mode = k == TC_DIST_TRIANGULAR ? p2 : k == TC_DIST_UNIFORM ? (p1 + p2) / 2 : p1;
    return (tc_num){.value = mode, .dist = k, .p1 = p1, .p2 = p2, .p3 = p3, .lo = lo,
                    .hi = hi, .given = 1};
}

static void build_pricing(tc_pricing *pp, int i)
{
    pp->kind = i % 3 == 0 ? TC_PRICING_CLOUD : i % 3 == 1 ? TC_PRICING_OWNED : TC_PRICING_API;
    pp->gpu_hour = dist(TC_DIST_TRIANGULAR, 1.2 + 0.2 * i, 1.5 + 0.2 * i, 2.2 + 0.2 * i, 0, 1e6);
    pp->includes_power = i % 2;
    pp->annual_change = num(-0.05, -1, 10);
    pp->capex_per_node = dist(TC_DIST_NORMAL, 3.0e5 + 1e4 * i, 3e4, 0, 0, 1e12);
    pp->network_capex_per_node = num(2e4, 0, 1e12);
    pp->amortization_years = 4;
    pp->residual_value = num(0.1, 0, 1);
    pp->maintenance_rate = num(0.05, 0, 1);
    pp->software_per_gpu_year = num(2000, 0, 1e9);
    pp->input_per_m = dist(TC_DIST_UNIFORM, 0.4, 0.6, 0, 0, 1e6);
    pp->output_per_m = dist(TC_DIST_LOGNORMAL, 2.0, 2.6, 0, 0, 1e6);
    pp->other_per_year = num(1e5, 0, 1e12);
    pp->one_time = num(5e5, 0, 1e12);
}

static void build_platform(int i)
{
    tc_platform *p = &platforms[i];
    snprintf(ids[i], sizeof ids[0], "p%d", i);
    *p = (tc_platform){.id = ids[i], .name = ids[i], .gpus_per_node = 8,
                       .peak_pflops = num(4 + i, 0, 1e6),
                       .power_kw_per_gpu = num(1.2 + 0.1 * i, 0, 100),
                       .idle_power_fraction = num(0.4, 0, 1),
                       .software_uplift = num(0.05, 0, 10), .perf = perf[i], .n_perf = NW};
    build_pricing(&p->pricing, i);
    for (int k = 0; k < NW; k++) {
        perf[i][k] = (tc_perf){.model = model, .isl = workloads[k].isl, .osl = 1024,
                               .points = points[i][k], .n_points = NPTS,
                               .has_interactivity = 1};
        for (int j = 0; j < NPTS; j++) {
            double t = 500.0 * (j + 1) * (i + 1);
            points[i][k][j] = (tc_point){.interactivity = num(150.0 / (j + 1), 0, 1e6),
                                         .throughput = dist(TC_DIST_UNIFORM, 0.8 * t, 1.2 * t,
                                                            0, 0, 1e9)};
        }
    }
}

static void build(tc_scenario *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < NW; i++) {
        snprintf(ids[NP + i], sizeof ids[0], "w%d", i);
        workloads[i] = (tc_workload){.id = ids[NP + i], .name = ids[NP + i], .model = model,
                                     .isl = 512.0 * (i + 1), .osl = 1024,
                                     .share = num(1.0 / NW, 0, 1)};
        if (i % 2)
            workloads[i].min_interactivity = num(20 + 10 * i, 0, 1e6);
    }
    for (int i = 0; i < NP; i++)
        build_platform(i);
    strcpy(s->currency, "USD");
    s->horizon_years = 10;
    s->discount_rate = dist(TC_DIST_TRIANGULAR, 0.06, 0.08, 0.12, 0, 1);
    s->utilization = dist(TC_DIST_NORMAL, 0.7, 0.1, 0, 0, 1);
    s->price_per_kwh = dist(TC_DIST_LOGNORMAL, 0.08, 0.11, 0, 0, 100);
    s->escalation = num(0.03, -1, 1);
    s->pue = num(1.3, 1, 10);
    s->facility_per_kw_month = num(150, 0, 1e6);
    s->tokens_per_day = num(5e10, 0, 1e18);
    s->growth = dist(TC_DIST_UNIFORM, 0.2, 0.5, 0, -1, 10);
    s->workloads = workloads;
    s->n_workloads = NW;
    s->platforms = platforms;
    s->n_platforms = NP;
    s->analysis = (tc_analysis){.has_monte_carlo = 1, .samples = DRAWS, .seed = 42};
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    static tc_scenario s;
    build(&s);
    tc_monte_carlo *m = NULL;
    char err[256] = "";
    double t0 = now_s();
    tc_status st = tc_monte_carlo_run(&s, &m, err, sizeof err);
    double secs = now_s() - t0;
    if (st != TC_OK || !m) {
        fprintf(stderr, "bench_analysis: %s\n", err[0] ? err : tc_strerror(st));
        return 1;
    }
    printf("monte carlo: %ld draws (%d platforms x %d workloads x %d years) in %.3f s, "
           "%.0f draws/s, %.2f us per draw; p0 lcot p50 %.6g, p_cheapest %.3f\n",
           DRAWS, NP, NW, s.horizon_years, secs, DRAWS / secs, secs / DRAWS * 1e6,
           m->lcot[0].p50, m->p_cheapest[0]);
    tc_monte_carlo_free(m);
    return secs <= 1.0 ? 0 : 1;
}
