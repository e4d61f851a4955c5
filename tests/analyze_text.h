/* tc_analyze for tests that want its error as text: the diagnostics it
 * records, exactly as the CLI prints them (tc_diags_print), in err without
 * the final newline; "" when there is none. */
#ifndef TC_ANALYZE_TEXT_H
#define TC_ANALYZE_TEXT_H

#include <stdio.h>
#include <string.h>
#include "tc_analysis.h"
#include "tc_diag.h"

static inline void tc_test_diag_text(const tc_diags *d, char *err, size_t n)
{
    if (n)
        err[0] = '\0';
    FILE *f = n ? fmemopen(err, n, "w") : NULL;
    if (!f)
        return;
    tc_diags_print(d, f);
    fclose(f);
    err[n - 1] = '\0';
    err[strcspn(err, "\n")] = '\0';
}

static inline tc_status tc_test_analyze(const tc_scenario *s, tc_results *r, char *err, size_t n)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_status st = tc_analyze(s, r, &d);
    tc_test_diag_text(&d, err, n);
    tc_diags_free(&d);
    return st;
}

#endif
