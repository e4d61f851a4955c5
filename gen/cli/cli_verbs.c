/* tokcost check, eval and template. */
#include "tc_json.h"
#include "tc_table.h"
#include "tc_template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tc_analysis.h"
#include "tc_load.h"

/* Prints a step's diagnostics, or its status when it recorded none. */
void cli_report(const char *path, tc_status st, const tc_diags *d)
{
    tc_diags_print(d, stderr);
    if (st != TC_OK && d->count == 0)
        fprintf(stderr, "tokcost: %s: %s\n", path, tc_strerror(st));
}

/* A valid scenario (not a bid file) is evaluated for the post-evaluation
 * check (an error: the status) and the warnings only its workloads can
 * give: a one-point curve where a workload has an SLO. */
static tc_status check_evaluated(const char *path)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    tc_status st = TC_OK;
    if (tc_load_scenario(path, NULL, &s, &d) == TC_OK && tc_eval(s, &r) == TC_OK) {
        st = tc_check_finite(s, r, &d);
        if (st == TC_OK)
            cli_warn_one_point(r);
        else
            cli_report(path, st, &d);
    }
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
    return st;
}

int cli_check(const cli_args *a)
{
    if (a->against)
        return cli_check_against(a);
    cli_files f;
    int worst = cli_files_expand(a, &f);
    int chatty = !a->quiet && isatty(STDOUT_FILENO);
    for (size_t i = 0; worst != TC_EXIT_USAGE && i < f.n; i++) {
        tc_diags d;
        tc_diags_init(&d);
        tc_status st = tc_check_file(f.paths[i], &d);
        cli_report(f.paths[i], st, &d);
        tc_diags_free(&d);
        if (st == TC_OK)
            st = check_evaluated(f.paths[i]);
        if (st == TC_OK && chatty)
            printf("%s: ok\n", f.paths[i]);
        int rc = cli_exit_for(st);
        worst = rc > worst ? rc : worst;
    }
    cli_files_free(&f);
    return worst;
}

int cli_evaluate(const cli_args *a, const char *path, tc_scenario **s, tc_results **r)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_load_opts lo = {a->sets, a->n_sets};
    tc_status st = tc_load_scenario(path, &lo, s, &d);
    cli_report(path, st, &d);
    tc_diags_free(&d);
    return cli_evaluate_loaded(path, st, *s, r);
}

int cli_evaluate_loaded(const char *path, tc_status st, tc_scenario *s, tc_results **r)
{
    if (st == TC_OK && (st = tc_eval(s, r)) != TC_OK)
        fprintf(stderr, "tokcost: %s: %s\n", path, tc_strerror(st));
    if (st == TC_OK) {
        tc_diags d;
        tc_diags_init(&d);
        st = tc_check_finite(s, *r, &d);
        if (st == TC_OK)
            st = tc_analyze(s, *r, &d);
        cli_report(path, st, &d);
        tc_diags_free(&d);
    }
    return cli_exit_for(st);
}

int cli_eval(const cli_args *a)
{
    const char *path = a->files[0];
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    int rc = cli_evaluate(a, path, &s, &r);
    if (rc == TC_EXIT_OK && a->json) {
        char *text = tc_results_json(r);
        if (text)
            fputs(text, stdout);
        else
            fprintf(stderr, "tokcost: %s: %s\n", path, tc_strerror(TC_ERR_NOMEM));
        rc = text ? TC_EXIT_OK : TC_EXIT_WRITE;
        free(text);
    } else if (rc == TC_EXIT_OK) {
        tc_table_print(stdout, r);
    }
    tc_results_free(r);
    tc_scenario_free(s);
    return rc;
}

int cli_template(const cli_args *a)
{
    if (a->for_scenario)
        return cli_template_for(a);
    fputs(strcmp(a->files[0], "bid") == 0 ? tc_template_bid : tc_template_scenario, stdout);
    return TC_EXIT_OK;
}
