/* Lifetime of tc_results: warnings and freeing (the one place results and
 * their analysis sections are freed).
 * Ownership: every warning string and the warnings array are malloc'd; each
 * analysis section (sensitivity, break_even, monte_carlo, scoring) and every
 * array it points to is its own malloc'd block; the core arrays live in
 * r->arena when tc_eval built them, else each is its own block. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tc_results.h"

tc_status tc_results_warn(tc_results *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return TC_ERR_INVALID;
    char *msg = malloc((size_t)len + 1);
    char **grown = msg ? realloc(r->warnings, (r->n_warnings + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(msg);
        return TC_ERR_NOMEM;
    }
    r->warnings = grown;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    r->warnings[r->n_warnings++] = msg;
    return TC_OK;
}

void tc_sensitivity_free(tc_sensitivity *sv, size_t n_platforms)
{
    if (!sv)
        return;
    for (size_t i = 0; sv->rows && i < n_platforms; i++) {
        for (size_t k = 0; sv->rows[i] && sv->n_rows && k < sv->n_rows[i]; k++)
            free(sv->rows[i][k].key);
        free(sv->rows[i]);
    }
    free(sv->rows);
    free(sv->n_rows);
    free(sv);
}

void tc_robustness_free(tc_robustness *x)
{
    if (!x)
        return;
    for (size_t i = 0; x->flips && i < x->n_flips; i++)
        free(x->flips[i].key);
    free(x->flips);
    for (size_t i = 0; x->holds && i < x->n_holds; i++)
        free(x->holds[i].key);
    free(x->holds);
    free(x);
}

void tc_monte_carlo_free(tc_monte_carlo *mc)
{
    if (!mc)
        return;
    free(mc->lcot);
    free(mc->cost_per_m);
    free(mc->p_cheapest);
    free(mc);
}

void tc_scoring_free(tc_scoring *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; sc->scores && i < sc->n_scores; i++) {
        free(sc->scores[i].reason);
        free(sc->scores[i].criterion_scores);
    }
    free(sc->scores);
    free(sc);
}

void tc_results_clear_analysis(tc_results *r)
{
    if (!r)
        return;
    tc_sensitivity_free(r->sensitivity, r->scenario ? r->scenario->n_platforms : 0);
    r->sensitivity = NULL;
    free(r->break_even);
    r->break_even = NULL;
    r->n_break_even = 0;
    tc_monte_carlo_free(r->monte_carlo);
    r->monte_carlo = NULL;
    tc_scoring_free(r->scoring);
    r->scoring = NULL;
    tc_robustness_free(r->robustness);
    r->robustness = NULL;
}

/* Results assembled by hand (tests, analytics) own each array separately. */
static void free_core_arrays(tc_results *r, size_t n_platforms)
{
    for (size_t i = 0; r->platforms && i < n_platforms; i++) {
        free(r->platforms[i].workloads);
        free(r->platforms[i].years);
        free(r->platforms[i].claims);
    }
    free(r->platforms);
    free(r->ranking);
}

void tc_results_free(tc_results *r)
{
    if (!r)
        return;
    size_t np = r->scenario ? r->scenario->n_platforms : 0;
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    tc_results_clear_analysis(r);
    if (r->arena) {
        free(r->arena);     /* r itself lives in the arena */
        return;
    }
    free_core_arrays(r, np);
    free(r);
}
