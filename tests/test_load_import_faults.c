/* jansson's parser fails at each call site of the importers in turn (the
 * site is the caller's return address, wrapped with --wrap=json_loadb):
 * out of memory inside jansson must fail the import with TC_ERR_NOMEM and
 * nothing imported, never be taken for a syntax error of the file, never
 * crash or leak. Unreadable artifacts (a folder, no permission) are named
 * with the reason. */
#include "tc_test.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_import.h"
#include "tc_load.h"

/* jansson keeps its error code in the last byte of the text */
#define ON_FAIL() do { \
        if (d) { \
            snprintf(d->text, sizeof d->text, "out of memory"); \
            d->text[JSON_ERROR_TEXT_LENGTH - 1] = (char)json_error_out_of_memory; \
        } \
    } while (0)
#include "fault_wrap.h"

W4(json_t *, json_loadb, NULL, const char *, size_t, size_t, json_error_t *)

static const struct { tc_import_format f; const char *file; } artifacts[] = {
    {TC_IMPORT_VLLM, "tests/import/h200-c1.json"},
    {TC_IMPORT_SGLANG, "tests/import/sglang-disagg.jsonl"},
    {TC_IMPORT_AIPERF, "tests/import/profile_export_aiperf.json"},
    {TC_IMPORT_LLMPERF, "tests/import/llmperf_summary.json"},
    {TC_IMPORT_INFERENCEX, "tests/import/inferencex.json"},
};
#define N_ART (sizeof artifacts / sizeof artifacts[0])

static tc_status import_one(size_t i, size_t *n_diags, size_t *n_entries)
{
    tc_import_opts o = {.gpus = 8, .isl = 1024, .osl = 1024, .model = "m"};
    tc_diags d;
    tc_diags_init(&d);
    tc_import_result r;
    tc_status st = tc_import_read(artifacts[i].f, &artifacts[i].file, NULL, 1, &o, NULL, &r, &d);
    *n_diags = d.count;
    *n_entries = r.n_entries;
    tc_import_result_free(&r);
    tc_diags_free(&d);
    return st;
}

static void every_jansson_failure_is_out_of_memory(void **state)
{
    (void)state;
    size_t nd, ne;
    recording = 1;
    for (size_t i = 0; i < N_ART; i++)
        assert_int_equal(import_one(i, &nd, &ne), TC_OK);
    recording = 0;
    assert_true(n_sites >= 1);
    for (size_t s = 0; s < n_sites; s++)
        for (size_t i = 0; i < N_ART; i++) {
            target = sites[s];
            fired = 0;
            tc_status st = import_one(i, &nd, &ne);
            assert_true(fired);
            assert_int_equal(st, TC_ERR_NOMEM);
            assert_int_equal(ne, 0);
            assert_int_equal(nd, 0);    /* not reported as a broken file */
        }
    target = NULL;
}

/* A bid whose import fails inside jansson: the load fails, out of memory. */
static void a_bid_fails_cleanly(void **state)
{
    (void)state;
    recording = 1;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    assert_int_equal(tc_load_scenario("tests/data/import/imported.yaml", NULL, &s, &d), TC_OK);
    tc_scenario_free(s);
    recording = 0;
    target = sites[0];
    fired = 0;
    assert_int_equal(tc_load_scenario("tests/data/import/imported.yaml", NULL, &s, &d), TC_ERR_NOMEM);
    assert_true(fired);
    assert_null(s);
    tc_diags_free(&d);
    target = NULL;
}

static void unreadable_artifacts_are_named(void **state)
{
    (void)state;
    char dir[] = "/tmp/tc_importfail_XXXXXX", file[300];
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/locked.json", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("{}", f);
    fclose(f);
    assert_int_equal(chmod(file, 0), 0);
    const char *paths[] = {dir, file};
    for (size_t i = 0; i < 2; i++) {
        if (i == 1 && geteuid() == 0)
            continue;   /* root reads any file */
        tc_diags d;
        tc_diags_init(&d);
        tc_import_result r;
        tc_import_opts o = {.gpus = 1, .isl = 1, .osl = 1, .model = "m"};
        tc_status st = tc_import_read(TC_IMPORT_VLLM, &paths[i], NULL, 1, &o, NULL, &r, &d);
        assert_int_equal(st, TC_ERR_READ);
        assert_int_equal(d.count, 1);
        assert_string_equal(d.items[0].message, i == 0 ? "cannot read the file: is a directory"
                                                       : "cannot read the file: permission denied");
        tc_diags_free(&d);
    }
    chmod(file, 0600);
    unlink(file);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_jansson_failure_is_out_of_memory),
        cmocka_unit_test(a_bid_fails_cleanly),
        cmocka_unit_test(unreadable_artifacts_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
