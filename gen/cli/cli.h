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

/* Seconds on the monotonic clock. */
double cli_now(void);

int cli_render(const cli_args *a);
int cli_check(const cli_args *a);
int cli_eval(const cli_args *a);
int cli_template(const cli_args *a);

#endif
