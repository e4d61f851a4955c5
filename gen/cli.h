/* Inside the command line: the parsed arguments and the verbs. */
#ifndef TC_GEN_CLI_H
#define TC_GEN_CLI_H

#include <stddef.h>
#include "tc_results.h"
#include "tc_status.h"

typedef enum { VERB_RENDER = 0, VERB_CHECK, VERB_EVAL, VERB_TEMPLATE } cli_verb;

typedef struct {
    cli_verb verb;
    const char **files;         /* positional arguments after the verb */
    size_t n_files;
    const char *out_dir;        /* -o, default "out" */
    unsigned formats;           /* TC_FMT_* bits */
    int jobs;                   /* -j: accepted, run one at a time */
    int quiet;                  /* -q */
    int json;                   /* eval --json */
    const char *templates_dir;  /* --templates */
    const char **sets;          /* --set KEY=VALUE, in order */
    size_t n_sets;
} cli_args;

/* Prints "tokcost: <what>; try 'tokcost --help'" to stderr; returns TC_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit status for a failed step (1 for inputs, 3 for outputs). */
int cli_exit_for(tc_status st);

/* Loads (with the --set overrides) and evaluates one scenario, printing
 * its errors; returns the exit status. */
int cli_evaluate(const cli_args *a, const char *path, tc_scenario **s, tc_results **r);

int cli_render(const cli_args *a);
int cli_check(const cli_args *a);
int cli_eval(const cli_args *a);
int cli_template(const cli_args *a);

#endif
