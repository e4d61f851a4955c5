/* Times the Monte Carlo: 100,000 draws of a scenario of 10 platforms (cloud,
 * owned, api) x 5 workloads x 10 years, every platform with uncertain
 * inputs. Target: within 1 s on one core. Prints the wall time, the draws
 * per second and the time per tc_eval; exits 1 above the target. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tc_analysis.h"
#include "../mc_fixture.h"

#define DRAWS 100000L

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    static tc_scenario s;
    mc_build(&s);
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
