/* The include walk's folder calls (load_glob.c, glob through
 * GLOB_ALTDIRFUNC) fail, wrapped with --wrap=opendir,--wrap=readdir: an
 * unreadable folder or a failed read ends the listing, and the item is
 * "no file matches", located, never a crash or a leak; without a fault the
 * same scenario loads. */
#include "tc_test.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_load.h"

DIR *__real_opendir(const char *path);
struct dirent *__real_readdir(DIR *dir);
DIR *__wrap_opendir(const char *path);
struct dirent *__wrap_readdir(DIR *dir);

static int fail_open, fail_read;

DIR *__wrap_opendir(const char *path)
{
    if (fail_open) {
        errno = EACCES;
        return NULL;
    }
    return __real_opendir(path);
}

struct dirent *__wrap_readdir(DIR *dir)
{
    if (fail_read) {
        errno = EIO;
        return NULL;
    }
    return __real_readdir(dir);
}

static char root[] = "/tmp/tc_glob_faults_XXXXXX";

static void put(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static tc_status load(tc_diags *d)
{
    char path[256];
    snprintf(path, sizeof path, "%s/s.yaml", root);
    tc_scenario *s = NULL;
    tc_diags_init(d);
    tc_status st = tc_load_scenario(path, NULL, &s, d);
    tc_scenario_free(s);
    return st;
}

static void folder_faults(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(root));
    char bids[256];
    snprintf(bids, sizeof bids, "%s/bids", root);
    assert_int_equal(mkdir(bids, 0700), 0);
    put("s.yaml", "scenario: {title: \"G\"}\ndemand: {tokens_per_day: 1.0e9}\n"
                  "workloads:\n  - {id: w, model: m, isl: 1, osl: 1, share: 1}\n"
                  "include: [bids/*.yaml]\n");
    put("bids/a.yaml", "platforms:\n  - id: a\n    pricing: {api: {input_per_m: 1, output_per_m: 2}}\n");
    tc_diags d;
    assert_int_equal(load(&d), TC_OK);
    tc_diags_free(&d);
    for (int k = 0; k < 2; k++) {
        fail_open = k == 0;
        fail_read = k == 1;
        assert_int_equal(load(&d), TC_ERR_INVALID);
        fail_open = fail_read = 0;
        int found = 0;
        for (size_t i = 0; i < d.count; i++)
            found |= d.items[i].line == 5 && d.items[i].col == 11
                     && strcmp(d.items[i].message, "no file matches \"bids/*.yaml\"") == 0;
        if (!found)
            fail_msg("fault %d: no located 'no file matches' among %zu messages", k, d.count);
        tc_diags_free(&d);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folder_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
