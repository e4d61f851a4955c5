/* Times the robustness search (issue 13's flips, issue 18's target): every
 * input of a scenario bisected for the value at which the winner changes,
 * on the full evaluation. Loading and the first evaluation are outside the
 * timing. Target: median wall under 50 ms for scenarios/committee.yaml.
 * Prints wall and CPU medians; exits 1 above the target. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tc_analysis.h"
#include "tc_load.h"

#define RUNS 15

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One run of the search; its wall and CPU seconds in *w and *c. */
static int time_once(const tc_scenario *s, const tc_results *r, double *w, double *c,
                     size_t *flips, size_t *holds)
{
    char err[256] = "";
    tc_robustness *x = NULL;
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    tc_status st = tc_robustness_run(s, r, &x, err, sizeof err);
    *w = clock_s(CLOCK_MONOTONIC) - t0;
    *c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (st != TC_OK || !x) {
        fprintf(stderr, "bench_robust: %s\n", err[0] ? err : st ? tc_strerror(st) : "no runner-up");
        tc_robustness_free(x);
        return -1;
    }
    *flips = x->n_flips;
    *holds = x->n_holds;
    tc_robustness_free(x);
    return 0;
}

/* Usage: bench_robust SCENARIO.yaml */
int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/committee.yaml";
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    if (tc_load_scenario(path, NULL, &s, &d) != TC_OK || tc_eval(s, &r) != TC_OK) {
        tc_diags_print(&d, stderr);
        fprintf(stderr, "bench_robust: %s: cannot load and evaluate\n", path);
        return 1;
    }
    double wall[RUNS], cpu[RUNS];
    size_t flips = 0, holds = 0;
    int bad = 0;
    for (int i = 0; i < RUNS && !bad; i++)
        bad = time_once(s, r, &wall[i], &cpu[i], &flips, &holds) != 0;
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
    if (bad)
        return 1;
    qsort(wall, RUNS, sizeof *wall, cmp);
    qsort(cpu, RUNS, sizeof *cpu, cmp);
    printf("robustness of %s: %zu flips, %zu inputs hold; median of %d: wall %.1f ms, "
           "cpu %.1f ms\n", path, flips, holds, RUNS, wall[RUNS / 2] * 1e3, cpu[RUNS / 2] * 1e3);
    int ok = wall[RUNS / 2] < 0.050;
    printf("  target robustness median wall < 50 ms: %s\n", ok ? "ok" : "MISSED");
    return ok ? 0 : 1;
}
