/* Inside the command line: the parsed arguments and the verbs. */
#ifndef TC_GEN_CLI_H
#define TC_GEN_CLI_H

#include <stddef.h>
#include "tc_diag.h"
#include "tc_results.h"
#include "tc_status.h"

typedef enum { VERB_RENDER = 0, VERB_CHECK, VERB_EVAL, VERB_TEMPLATE } cli_verb;

typedef struct {
    cli_verb verb;
    const char **files;         /* positional arguments after the verb */
    size_t n_files;
    const char *out_dir;        /* -o, default "out" */
    int out_set;                /* -o was given */
    const char *against;        /* check --against: the committee's scenario, or NULL */
    const char *for_scenario;   /* template bid --for, or NULL */
    unsigned formats;           /* TC_FMT_* bits */
    int jobs;                   /* -j: scenarios rendered at once (worker processes) */
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

/* The evaluation and analysis of a scenario loaded with status st (errors
 * already printed when st is not TC_OK); returns the exit status. */
int cli_evaluate_loaded(const char *path, tc_status st, tc_scenario *s, tc_results **r);

/* Prints a step's diagnostics, or its status when it recorded none. */
void cli_report(const char *path, tc_status st, const tc_diags *d);

/* The file arguments with each folder replaced by its *.yaml files. */
typedef struct {
    char **paths;
    size_t n;
} cli_files;

/* Returns 0, or the exit status after printing why (an empty folder is a
 * usage error). */
int cli_files_expand(const cli_args *a, cli_files *out);
void cli_files_free(cli_files *f);

/* One finished unit of a batch. */
typedef struct {
    int rc;                     /* its exit status */
    double secs;                /* wall time */
    char *err;                  /* what it wrote to stderr in a worker, or NULL */
    size_t err_len;
    char lost[80];              /* its worker died: how ("signal 11 (...)"), else "" */
    long lost_pid;              /* that worker's process id */
} cli_job;

typedef int (*cli_work_fn)(void *ctx, size_t i);
typedef void (*cli_done_fn)(void *ctx, size_t i, const cli_job *j);

/* Runs work(ctx, i) for every i < n: here when jobs is 1, else in up to
 * jobs worker processes (forked, each taking the next file as it gets
 * free). done() is called here, in index order, as soon as i and all
 * before it are finished, so the output does not depend on jobs. A worker
 * that dies fails its file and is replaced. */
void cli_pool_run(size_t n, int jobs, cli_work_fn work, cli_done_fn done, void *ctx);

/* "dir/sub/x.yaml" -> "x" (the folder its outputs go to), newly allocated. */
char *cli_file_stem(const char *path);

/* Seconds on the monotonic clock. */
double cli_now(void);

int cli_render(const cli_args *a);
int cli_check(const cli_args *a);
int cli_eval(const cli_args *a);
int cli_template(const cli_args *a);
/* tokcost import (cli_import.c): argv[0] is "import". */
int cli_import(int argc, char **argv);
int cli_check_against(const cli_args *a);   /* cli_against.c */
/* A one-point curve where the workload has an SLO: a located warning on
 * stderr, not an error (the bid stays valid; the committee will flag it). */
void cli_warn_one_point(const tc_results *r);
int cli_template_for(const cli_args *a);    /* cli_template.c */

/* What the committee will flag about bid platform i of r, one sentence
 * each (cli_flags.c). *out: n newly allocated strings (free with
 * cli_flags_free); returns n, or (size_t)-1 when out of memory. */
size_t cli_flags(const tc_results *r, size_t i, char ***out);
void cli_flags_free(char **flags, size_t n);

#endif
