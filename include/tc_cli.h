/* The command line and what it prints: the results document (JSON), the
 * terminal table, the render driver and the built-in templates. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "tc_render.h"
#include "tc_results.h"
#include "tc_status.h"

#define TC_VERSION "0.1.0"

/* The whole program: parses argv, runs a verb, returns the exit status. */
int tc_cli_main(int argc, char **argv);

/* The results document of OUTPUTS.md as text (newline-terminated), or NULL
 * when out of memory. Caller frees. */
char *tc_results_json(const tc_results *r);

/* The headline table, per-workload costs, claims and warnings (tokcost eval). */
void tc_table_print(FILE *f, const tc_results *r);
/* The analyses present in r (scoring, break-even, Monte Carlo, sensitivity). */
void tc_table_print_analysis(FILE *f, const tc_results *r);

/* Output formats (--formats). */
enum {
    TC_FMT_PDF = 1u << 0,
    TC_FMT_XLSX = 1u << 1,
    TC_FMT_PNG = 1u << 2,
    TC_FMT_SVG = 1u << 3,
    TC_FMT_JSON = 1u << 4
};

/* Formats this build has a renderer for. */
unsigned tc_render_available(void);

/* Renders r into the folder dir (formats: TC_FMT_* bits) through one output
 * set: all files or none. The scenario and bid files are refused as
 * outputs. err receives "PATH: reason" on failure. */
tc_status tc_render_scenario(const tc_results *r, const char *dir, unsigned formats,
                             const tc_render_opts *opts, char *err, size_t n);

/* The commented blank templates (templates/bid.yaml and scenario.yaml, embedded at build time). */
extern const char tc_template_bid[];
extern const char tc_template_scenario[];

#endif
