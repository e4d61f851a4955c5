/* The fuzz harness outside libFuzzer: the in-memory loader agrees with the
 * file loader, refuses every hostile input, and every input the fuzzer ever
 * crashed on (tests/fuzz/regress/) plus the seed corpus runs through the
 * whole harness (under `make asan`, with the sanitizers). */
#include "tc_test.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz/fuzz_load.c"

/* Reads a whole file (NUL after its bytes); NULL if it cannot. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    *len = n;
    return b;
}

static void buffer_loads_as_the_file_does(const char *path, size_t platforms)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *from_file = NULL, *from_buf = NULL;
    assert_int_equal(tc_load_scenario(path, NULL, &from_file, &d), TC_OK);
    size_t len;
    char *buf = read_all(path, &len);
    assert_non_null(buf);
    assert_int_equal(tc_load_scenario_buffer(path, buf, len, NULL, &from_buf, &d), TC_OK);
    assert_int_equal(d.count, 0);
    assert_int_equal(from_buf->n_platforms, platforms);
    assert_int_equal(from_file->n_platforms, platforms);
    assert_string_equal(from_buf->input_sha256, from_file->input_sha256);
    assert_int_equal(tc_check_buffer(path, buf, len, &d), TC_OK);
    free(buf);
    tc_scenario_free(from_file);
    tc_scenario_free(from_buf);
    tc_diags_free(&d);
}

static void examples_load_from_memory(void **state)
{
    (void)state;
    buffer_loads_as_the_file_does("scenarios/seed.yaml", 2);
    buffer_loads_as_the_file_does("scenarios/committee.yaml", 5);
}

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static void hostile_inputs_are_refused_from_memory(void **state)
{
    (void)state;
    DIR *dir = opendir("tests/hostile");
    assert_non_null(dir);
    size_t seen = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (!is_yaml(e->d_name))
            continue;
        char path[512];
        snprintf(path, sizeof path, "tests/hostile/%s", e->d_name);
        size_t len;
        char *buf = read_all(path, &len);
        assert_non_null(buf);
        tc_diags d;
        tc_diags_init(&d);
        tc_status st = tc_check_buffer(path, buf, len, &d);
        if (st == TC_OK || d.count == 0)
            fail_msg("%s: accepted from memory", path);
        tc_scenario *s = NULL;
        st = tc_load_scenario_buffer(path, buf, len, NULL, &s, &d);
        if (st == TC_OK || s)
            fail_msg("%s: loaded from memory", path);
        tc_diags_free(&d);
        free(buf);
        seen++;
    }
    closedir(dir);
    assert_true(seen >= 40);
}

/* Runs every file of folder (relative to scenarios/) through the harness. */
static size_t replay_folder(const char *folder)
{
    DIR *dir = opendir(folder);
    if (!dir)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        size_t len;
        char *buf = read_all(path, &len);
        if (!buf)
            continue;   /* a folder */
        assert_int_equal(LLVMFuzzerTestOneInput((const uint8_t *)buf, len), 0);
        free(buf);
        n++;
    }
    closedir(dir);
    return n;
}

static void corpus_and_regressions_replay(void **state)
{
    (void)state;
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir("scenarios"), 0);   /* as `make fuzz` runs */
    size_t n = replay_folder(".") + replay_folder("bids") + replay_folder("../tests/hostile")
               + replay_folder("../tests/fuzz/regress") + replay_folder("../tests/data");
    assert_int_equal(chdir(cwd), 0);
    assert_true(n >= 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(examples_load_from_memory),
        cmocka_unit_test(hostile_inputs_are_refused_from_memory),
        cmocka_unit_test(corpus_and_regressions_replay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
