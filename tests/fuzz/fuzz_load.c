/* libFuzzer harness: bytes -> loader (scenario and check paths) ->
 * evaluation -> analyses -> results.json and the table. A first line
 * "#set key.path=value" (a YAML comment, so the rest still parses) is also
 * applied as a --set override. Run from scenarios/ so that relative
 * includes of bid files resolve (see `make fuzz`). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../gen/load/load_internal.h"
#include "../analyze_text.h"
#include "tc_analysis.h"
#include "tc_json.h"
#include "tc_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Monte Carlo and horizon cost grow with the input's numbers; bounded here
 * so that a slow but correct input is not reported as a hang. */
static void bound_work(tc_scenario *s)
{
    if (s->analysis.samples > 2000)
        s->analysis.samples = 2000;
}

/* The post-evaluation check, as the CLI runs it: 1 when every figure is
 * finite. A figure that is not finite must have a culprit input (the
 * ranges' proof, gen/core/inputs.c): a refusal that names none aborts. */
static int finite_or_culprit(const tc_scenario *s, const tc_results *r)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_status st = tc_check_finite(s, r, &d);
    int unexplained = st == TC_ERR_INVALID && d.count == 1 && d.items[0].path[0] == '\0';
    tc_diags_free(&d);
    if (unexplained)
        abort();
    return st == TC_OK;
}

static void evaluate(tc_scenario *s)
{
    tc_results *r = NULL;
    bound_work(s);
    if (tc_eval(s, &r) == TC_OK && finite_or_culprit(s, r)) {
        char err[1024];
        (void)tc_test_analyze(s, r, err, sizeof err);
        free(tc_results_json(r));
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            tc_table_print(null, r);
            tc_table_print_analysis(null, r);
            fclose(null);
        }
    }
    tc_results_free(r);
}

/* The "#set " first line, if any, as an override (NUL-terminated copy). */
static char *first_line_override(const char *buf, size_t len)
{
    if (len < 5 || memcmp(buf, "#set ", 5) != 0)
        return NULL;
    const char *nl = memchr(buf, '\n', len);
    size_t n = (nl ? (size_t)(nl - buf) : len) - 5;
    return strndup(buf + 5, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *set = first_line_override(buf, size);
    const char *sets[1] = {set};
    tc_load_opts opts = {sets, set ? 1 : 0};

    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    if (tc_load_scenario_buffer("fuzz.yaml", buf, size, &opts, &s, &d) == TC_OK)
        evaluate(s);
    tc_scenario_free(s);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        tc_diags_print(&d, null);
        fclose(null);
    }
    tc_diags_free(&d);

    tc_diags_init(&d);
    (void)tc_check_buffer("fuzz.yaml", buf, size, &d);
    tc_diags_free(&d);
    free(set);
    free(buf);
    return 0;
}
