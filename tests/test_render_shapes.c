/* Every renderer over scenarios of different shapes (currencies with and
 * without a symbol, Letter and A4, output and total token basis, all three
 * pricing forms, distributions, a token price with paybacks of months and
 * years, undated with and without SOURCE_DATE_EPOCH, every analysis): each
 * renders every format, and rendering it again into another folder gives
 * the same bytes, file for file. */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gen/load/load_internal.h"
#include "analyze_text.h"
#include "tc_render.h"

typedef struct {
    const char *file;
    const char *sets[4];
    int undated;            /* the scenario.date line taken out */
    const char *sde;        /* SOURCE_DATE_EPOCH, or NULL: unset */
} variant;

static const variant variants[] = {
    {"tests/data/full.yaml", {"analysis.scoring.criteria[1].metric=tco_npv"}, 0, NULL},
    {"tests/data/full.yaml", {"analysis.scoring.criteria[1].metric=tco_npv", "scenario.currency=CHF",
                              "scenario.paper=A4", "scenario.token_basis=output"}, 0, NULL},
    {"scenarios/committee.yaml", {"assumptions.token_price_per_m=1.0"}, 0, NULL},
    {"scenarios/committee.yaml", {"assumptions.token_price_per_m=3.0", "scenario.currency=JPY"}, 0, NULL},
    {"scenarios/committee.yaml", {"assumptions.token_price_per_m=40", "scenario.currency=GBP"}, 0, NULL},
    {"scenarios/seed.yaml", {NULL}, 1, NULL},
    {"scenarios/seed.yaml", {"scenario.paper=Letter"}, 1, "1700000000"},
    {"scenarios/seed.yaml", {"scenario.currency=INR"}, 1, "not-a-number"},
};

static char *read_text(const char *path, int undated, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    char *date = undated ? strstr(buf, "\n  date: ") : NULL;
    if (date) {
        char *eol = strchr(date + 1, '\n');
        memmove(date, eol, strlen(eol) + 1);
        *len = strlen(buf);
    }
    return buf;
}

static void render_into(const tc_results *r, const char *dir)
{
    tc_render_opts opts = {0};
    char err[2048] = "";
    tc_status st = tc_render_scenario(r, dir, tc_render_available(), &opts, err, sizeof err);
    if (st != TC_OK)
        fail_msg("render into %s: %s", dir, err);
}

static void render_variant(const variant *v, const char *root, size_t i)
{
    size_t len, n_sets = 0;
    while (n_sets < 4 && v->sets[n_sets])
        n_sets++;
    char *text = read_text(v->file, v->undated, &len);
    tc_load_opts opts = {v->sets, n_sets};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    char err[1024] = "";
    if (v->sde)
        setenv("SOURCE_DATE_EPOCH", v->sde, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
    /* the scenario's own folder: its includes resolve as from the file */
    if (tc_load_scenario_buffer(v->file, text, len, &opts, &s, &d) != TC_OK) {
        tc_diags_print(&d, stderr);
        fail_msg("variant %zu does not load", i);
    }
    assert_int_equal(tc_eval(s, &r), TC_OK);
    if (tc_test_analyze(s, r, err, sizeof err) != TC_OK)
        fail_msg("variant %zu: %s", i, err);
    char a[64], b[64], cmd[1024];
    snprintf(a, sizeof a, "%s/a%zu", root, i);
    snprintf(b, sizeof b, "%s/second/b%zu", root, i);
    render_into(r, a);
    render_into(r, b);
    snprintf(cmd, sizeof cmd, "test -s '%s/report.pdf' && test -s '%s/workbook.xlsx' && "
             "test -s '%s/results.json' && ls '%s/charts/'*.png '%s/charts/'*.svg >/dev/null && "
             "diff -r '%s' '%s' >&2", a, a, a, a, a, a, b);
    if (system(cmd) != 0)
        fail_msg("variant %zu: outputs missing or two renders differ", i);
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
    free(text);
}

static void every_shape_renders_the_same_twice(void **state)
{
    (void)state;
    char root[] = "/tmp/tc_render_XXXXXX";
    assert_non_null(mkdtemp(root));
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
        render_variant(&variants[i], root, i);
    unsetenv("SOURCE_DATE_EPOCH");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shape_renders_the_same_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
