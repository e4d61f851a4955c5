/* The atomic output set: all files or none, no temporary left behind, an
 * input never overwritten, and the reason of a failure named. */
#include "tc_test.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_render.h"

static char root[256];

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/tc_outset_XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/%s", root, rel);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Number of entries in a folder, "." and ".." aside (-1: no folder). */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void commit_renames_every_file(void **state)
{
    (void)state;
    char dir[300], p[400];
    path_of(dir, sizeof dir, "out/s1");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(o);
    const char *t1 = tc_outset_add(o, "results.json");
    assert_non_null(t1);
    write_file(t1, "{}\n");
    const char *t2 = tc_outset_add(o, "charts/cost.svg");
    assert_non_null(t2);
    write_file(t2, "<svg/>\n");
    /* Temporaries sit beside their final names, hidden. */
    snprintf(p, sizeof p, "%s/charts/", dir);
    assert_int_equal(strncmp(t2, p, strlen(p)), 0);
    assert_int_equal(t2[strlen(p)], '.');
    assert_int_equal(tc_outset_commit(o), TC_OK);
    tc_outset_free(o);
    snprintf(p, sizeof p, "%s/results.json", dir);
    assert_string_equal(read_file(p), "{}\n");
    snprintf(p, sizeof p, "%s/charts/cost.svg", dir);
    assert_string_equal(read_file(p), "<svg/>\n");
    assert_int_equal(entries(dir), 2);          /* results.json, charts */
    snprintf(p, sizeof p, "%s/charts", dir);
    assert_int_equal(entries(p), 1);
}

static void abort_keeps_the_previous_files(void **state)
{
    (void)state;
    char dir[300], p[400];
    path_of(dir, sizeof dir, "prev");
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(p, sizeof p, "%s/results.json", dir);
    write_file(p, "old\n");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *t1 = tc_outset_add(o, "results.json");
    assert_non_null(t1);
    write_file(t1, "new\n");
    assert_non_null(tc_outset_add(o, "charts/a.png"));
    tc_outset_free(o);                          /* a renderer failed: no commit */
    assert_string_equal(read_file(p), "old\n");
    assert_int_equal(entries(dir), 1);          /* no temporary, no charts folder */
}

static void abort_removes_created_folders(void **state)
{
    (void)state;
    char dir[300], parent[300];
    path_of(parent, sizeof parent, "fresh");
    path_of(dir, sizeof dir, "fresh/s");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(tc_outset_add(o, "charts/x.png"));
    assert_int_equal(entries(dir), 1);
    tc_outset_free(o);
    assert_int_equal(entries(parent), -1);
}

static void empty_output_is_not_committed(void **state)
{
    (void)state;
    char dir[300], p[400];
    path_of(dir, sizeof dir, "empty");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    write_file(tc_outset_add(o, "a.json"), "x");
    assert_non_null(tc_outset_add(o, "b.json"));  /* left empty by a broken renderer */
    assert_int_equal(tc_outset_commit(o), TC_ERR_WRITE);
    snprintf(p, sizeof p, "%s/b.json: output is empty", dir);
    assert_string_equal(tc_outset_error(o), p);
    tc_outset_free(o);
    assert_int_equal(entries(dir), -1);           /* a.json was not committed either */
}

static void an_input_is_never_an_output(void **state)
{
    (void)state;
    char dir[300], in[400], alias[400], msg[500];
    path_of(dir, sizeof dir, "same");
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(in, sizeof in, "%s/scenario.yaml", dir);
    write_file(in, "scenario: {title: x}\n");
    snprintf(alias, sizeof alias, "%s/report.pdf", dir);
    assert_int_equal(link(in, alias), 0);          /* same inode under the output's name */
    const char *inputs[] = {in};
    tc_outset *o = tc_outset_new(dir, inputs, 1);
    assert_null(tc_outset_add(o, "scenario.yaml"));
    snprintf(msg, sizeof msg, "%s: output path is an input file", in);
    assert_string_equal(tc_outset_error(o), msg);
    assert_null(tc_outset_add(o, "report.pdf"));
    snprintf(msg, sizeof msg, "%s: output path is an input file", alias);
    assert_string_equal(tc_outset_error(o), msg);
    tc_outset_free(o);
    assert_string_equal(read_file(in), "scenario: {title: x}\n");
}

static void unwritable_folder_is_named(void **state)
{
    (void)state;
    char file[300], dir[400], msg[500];
    /* A folder below a regular file cannot be made, even by root. */
    path_of(file, sizeof file, "plainfile");
    write_file(file, "x");
    snprintf(dir, sizeof dir, "%s/s", file);
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_null(tc_outset_add(o, "results.json"));
    snprintf(msg, sizeof msg, "%s: %s", file, strerror(ENOTDIR));
    assert_string_equal(tc_outset_error(o), msg);
    tc_outset_free(o);
    if (geteuid() != 0) {                         /* permissions bind everyone but root */
        char ro[300];
        path_of(ro, sizeof ro, "ro");
        assert_int_equal(mkdir(ro, 0555), 0);
        o = tc_outset_new(ro, NULL, 0);
        assert_null(tc_outset_add(o, "results.json"));
        snprintf(msg, sizeof msg, "%s/results.json: %s", ro, strerror(EACCES));
        assert_string_equal(tc_outset_error(o), msg);
        tc_outset_free(o);
    }
}

static void names_outside_the_folder_are_refused(void **state)
{
    (void)state;
    char dir[300];
    path_of(dir, sizeof dir, "names");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *bad[] = {"../x", "/etc/passwd", "", "a//b", "a/./b", "a/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(tc_outset_add(o, bad[i]));
    assert_string_equal(tc_outset_error(o), "a/: invalid output name");
    assert_non_null(tc_outset_add(o, "x.json"));
    assert_null(tc_outset_add(o, "x.json"));
    tc_outset_free(o);
    tc_outset_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(commit_renames_every_file, setup, teardown),
        cmocka_unit_test_setup_teardown(abort_keeps_the_previous_files, setup, teardown),
        cmocka_unit_test_setup_teardown(abort_removes_created_folders, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_output_is_not_committed, setup, teardown),
        cmocka_unit_test_setup_teardown(an_input_is_never_an_output, setup, teardown),
        cmocka_unit_test_setup_teardown(unwritable_folder_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(names_outside_the_folder_are_refused, setup, teardown),
    };
    return cmocka_run_group_tests_name("outset", tests, NULL, NULL);
}
