/* tokcost template bid --for SCENARIO.yaml: the blank bid made for one RFP.
 * The generic template (templates/bid.yaml) is printed with its
 * performance: block replaced by one entry for each distinct model / isl /
 * osl of the RFP's workloads, prefilled, each commented with the workloads
 * it serves and the SLO its points must bracket; and a note of how the
 * committee charges each pricing form. */
#include "tc_load.h"
#include "tc_template.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

#define PERF_START "    performance:"
#define PERF_END "    # claims:"
#define ALT_START "        # or, without points"

/* The first workload before w with w's model, isl and osl, else w. */
static size_t first_of_kind(const tc_scenario *s, size_t w)
{
    const tc_workload *x = &s->workloads[w];
    for (size_t k = 0; k < w; k++) {
        const tc_workload *y = &s->workloads[k];
        if (strcmp(x->model, y->model) == 0 && x->isl == y->isl && x->osl == y->osl)
            return k;
    }
    return w;
}

/* Comments naming the workloads an entry serves; the lowest and highest SLO. */
static int served(const tc_scenario *s, size_t w, double *lo, double *hi)
{
    int any = 0;
    for (size_t k = w; k < s->n_workloads; k++) {
        const tc_workload *y = &s->workloads[k];
        if (first_of_kind(s, k) != w)
            continue;
        printf("      # serves workload %s (\"%s\", %.0f%% of the tokens)", y->id,
               y->name ? y->name : y->id, y->share.value * 100.0);
        if (y->min_interactivity.given) {
            double v = y->min_interactivity.value;
            printf(": SLO %g output tokens/s per user\n", v);
            *lo = any && *lo < v ? *lo : v;
            *hi = any && *hi > v ? *hi : v;
            any = 1;
        } else {
            printf(", no SLO\n");
        }
    }
    return any;
}

static void entry(const tc_scenario *s, size_t w)
{
    const tc_workload *x = &s->workloads[w];
    double lo = 0, hi = 0;
    int slo = served(s, w, &lo, &hi);
    if (slo && lo == hi)
        printf("      # the committee reads the throughput at the SLO from your curve: give\n"
               "      # points on both sides of it (one below %g, one above), two or more\n", lo);
    else if (slo)
        printf("      # the committee reads the throughput at each SLO from your curve: give\n"
               "      # points on both sides of them (below %g and above %g), two or more\n",
               lo, hi);
    printf("      - model: %s\n        isl: %.0f\n        osl: %.0f\n", x->model, x->isl, x->osl);
    printf("        # basis: output           # output | total: which tokens the throughput "
           "counts; default output\n"
           "        # evidence: vendor        # measured | vendor | estimated | illustrative; "
           "default vendor\n"
           "        # config: \"FP8, TP8\"      # free text, shown in the report\n"
           "        points:\n");
    /* examples on both sides of the SLOs, so that the examples filled in cover them */
    double below = slo ? lo / 2 : 20, above = slo ? hi * 1.5 : 50;
    printf("          - interactivity: FILL   # output tokens/s per user%s; e.g. %g\n"
           "            throughput: FILL      # tokens/s per GPU at that interactivity; e.g. 1200\n"
           "          - interactivity: FILL   # %s; e.g. %g\n"
           "            throughput: FILL      # e.g. 700\n",
           slo ? ", below the SLO" : "", below, slo ? "above the SLO" : "a second point", above);
}

static void pricing_note(const tc_scenario *s)
{
    printf("# Pricing forms the committee accepts: cloud, owned or api (one per platform).\n"
           "# Its assumptions apply to every bid alike: %d years, discount rate %g,\n"
           "# utilization %g (point estimate), electricity %g %s/kWh (charged to owned bids and to cloud\n"
           "# bids with includes_power: false), PUE %g, facility %g %s per kW per month\n"
           "# (owned bids).\n",
           s->horizon_years, s->discount_rate.value, s->utilization.value,
           s->price_per_kwh.value, s->currency, s->pue.value, s->facility_per_kw_month.value,
           s->currency);
}

static int print_for(const tc_scenario *s, const char *path)
{
    const char *t = tc_template_bid;
    const char *start = strstr(t, "\n" PERF_START), *end = strstr(t, "\n" PERF_END);
    const char *body = strstr(t, "\nplatforms:");
    if (!start || !end || !body || end < start || start < body) {
        fprintf(stderr, "tokcost: the built-in bid template has no performance block\n");
        return TC_EXIT_WRITE;
    }
    fwrite(t, 1, (size_t)(body - t) + 1, stdout);
    printf("#\n# Made for \"%s\" (%s).\n# Check it as the committee will: tokcost check "
           "--against %s THIS_FILE.yaml\n", s->title, path, path);
    pricing_note(s);
    fwrite(body, 1, (size_t)(start - body) + 1, stdout);
    printf(PERF_START "                  # one entry per model and sequence lengths of the "
           "RFP (not for api)\n");
    for (size_t w = 0; w < s->n_workloads; w++)
        if (first_of_kind(s, w) == w)
            entry(s, w);
    /* the generic template's other forms of an entry (one figure, import:), once */
    const char *alt = strstr(start, "\n" ALT_START);
    if (alt && alt < end)
        fwrite(alt + 1, 1, (size_t)(end - alt), stdout);
    fputs(end + 1, stdout);
    return TC_EXIT_OK;
}

int cli_template_for(const cli_args *a)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario(a->for_scenario, NULL, &s, &d);
    cli_report(a->for_scenario, st, &d);
    tc_diags_free(&d);
    int rc = st == TC_OK ? print_for(s, a->for_scenario) : cli_exit_for(st);
    tc_scenario_free(s);
    return rc;
}
