/* The terminal table of `tokcost eval`, built from the results alone. */
#ifndef TC_TABLE_H
#define TC_TABLE_H

#include <stdio.h>
#include "tc_results.h"

/* The headline table, per-workload costs, claims and warnings (tokcost eval). */
void tc_table_print(FILE *f, const tc_results *r);
/* Winner and runner-up, the three closest flips, the caveats. */
void tc_table_print_decision(FILE *f, const tc_results *r);
/* The analyses present in r (scoring, break-even, Monte Carlo, sensitivity). */
void tc_table_print_analysis(FILE *f, const tc_results *r);

#endif
