/* The decision's wording, computed once from the results and shown by the
 * report, the terminal table and `tokcost check --against`: the sentence of
 * a flip, and the caveats a board should read beside the recommendation.
 * Core layer: no I/O. */
#ifndef TC_DECISION_H
#define TC_DECISION_H

#include <stddef.h>
#include "tc_results.h"

/* "NVIDIA HGX B200 wins if its price falls 18%, to $1.60 per GPU-hour";
 * rates read "if utilization falls from 60% to 45%"; a rise to double or
 * more reads as a multiple, "rises to 4.8 times today's, $12.7 per
 * GPU-hour" (tc_fmt_rise); an input whose point
 * estimate is 0 reads "rises from $0 to $1.2M". Writes into buf (size n),
 * returns buf. */
char *tc_flip_text(char *buf, size_t n, const tc_results *r, const tc_flip *f);

/* A value of an input kind as a reader sees it: "$1.49 per GPU-hour",
 * "45%", "1,447 tokens/s per GPU", "$1.02M per node". */
char *tc_input_value_text(char *buf, size_t n, const tc_results *r, tc_input_kind k, double v);

/* The kind of weakness a caveat reports (the order they are listed in). */
typedef enum {
    TC_CAVEAT_NARROW_LEAD = 0,  /* the winner's LCOT lead over the runner-up is under 10% */
    TC_CAVEAT_EVIDENCE,         /* performance data not measured */
    TC_CAVEAT_CLAIM,            /* a vendor claim off by more than 5% */
    TC_CAVEAT_COVERAGE,         /* workloads a bid does not serve */
    TC_CAVEAT_SITE,             /* a fleet that does not fit the site */
    TC_CAVEAT_FLAT,             /* an SLO below a curve's first point */
    TC_CAVEAT_KIND_COUNT
} tc_caveat_kind;

typedef struct {
    tc_caveat_kind kind;
    int platform;               /* the bid concerned, -1 when it is every bid */
    char *text;                 /* one line, no final period */
} tc_caveat;

typedef struct {
    tc_caveat *items;
    size_t n;
} tc_caveats;

#define TC_CAVEAT_LEAD 0.10     /* a lead under 10% is narrow */
#define TC_CAVEAT_CLAIM_OFF 0.05 /* a claim more than 5% off the computed figure */

/* The caveats of r, in tc_caveat_kind order; NULL when out of memory. */
tc_caveats *tc_caveats_new(const tc_results *r);
void tc_caveats_free(tc_caveats *c);   /* accepts NULL */

#endif
