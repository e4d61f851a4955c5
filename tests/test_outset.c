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

#define OUTSET_FIXTURE_NAME "tc_outset"
#include "outset_fixture.h"

static void commit_renames_every_file(void **state)
{
    (void)state;
    char dir[300], p[400];
    fx_path(dir, sizeof dir, "out/s1");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(o);
    const char *t1 = tc_outset_add(o, "results.json");
    assert_non_null(t1);
    fx_write(t1, "{}\n");
    const char *t2 = tc_outset_add(o, "charts/cost.svg");
    assert_non_null(t2);
    fx_write(t2, "<svg/>\n");
    /* The files are written into a hidden stage beside the folder. */
    snprintf(p, sizeof p, "%s/out/.tokcost-s1-%ld-", fx_root, (long)getpid());
    assert_int_equal(strncmp(t2, p, strlen(p)), 0);
    assert_string_equal(t2 + strlen(t2) - strlen(".tmp/charts/cost.svg"), ".tmp/charts/cost.svg");
    assert_int_equal(fx_count_in(dir, ""), -1);         /* nothing in place before the commit */
    assert_int_equal(tc_outset_commit(o), TC_OK);
    tc_outset_free(o);
    snprintf(p, sizeof p, "%s/results.json", dir);
    assert_string_equal(fx_read(p), "{}\n");
    snprintf(p, sizeof p, "%s/charts/cost.svg", dir);
    assert_string_equal(fx_read(p), "<svg/>\n");
    assert_int_equal(fx_count_in(dir, ""), 2);          /* results.json, charts */
    snprintf(p, sizeof p, "%s/charts", dir);
    assert_int_equal(fx_count_in(p, ""), 1);
}

static void abort_keeps_the_previous_files(void **state)
{
    (void)state;
    char dir[300], p[400];
    fx_path(dir, sizeof dir, "prev");
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(p, sizeof p, "%s/results.json", dir);
    fx_write(p, "old\n");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *t1 = tc_outset_add(o, "results.json");
    assert_non_null(t1);
    fx_write(t1, "new\n");
    assert_non_null(tc_outset_add(o, "charts/a.png"));
    tc_outset_free(o);                          /* a renderer failed: no commit */
    assert_string_equal(fx_read(p), "old\n");
    assert_int_equal(fx_count_in(dir, ""), 1);          /* no temporary, no charts folder */
}

static void abort_removes_created_folders(void **state)
{
    (void)state;
    char dir[300], parent[300];
    fx_path(parent, sizeof parent, "fresh");
    fx_path(dir, sizeof dir, "fresh/s");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(tc_outset_add(o, "charts/x.png"));
    assert_int_equal(fx_count_in(parent, ""), 1);       /* the stage */
    tc_outset_free(o);
    assert_int_equal(fx_count_in(parent, ""), -1);
}

static void empty_output_is_not_committed(void **state)
{
    (void)state;
    char dir[300], p[400];
    fx_path(dir, sizeof dir, "empty");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    fx_write(tc_outset_add(o, "a.json"), "x");
    assert_non_null(tc_outset_add(o, "b.json"));  /* left empty by a broken renderer */
    assert_int_equal(tc_outset_commit(o), TC_ERR_WRITE);
    snprintf(p, sizeof p, "%s/b.json: output is empty", dir);
    assert_string_equal(tc_outset_error(o), p);
    tc_outset_free(o);
    assert_int_equal(fx_count_in(dir, ""), -1);           /* a.json was not committed either */
}

static void an_input_is_never_an_output(void **state)
{
    (void)state;
    char dir[300], in[400], alias[400], msg[500];
    fx_path(dir, sizeof dir, "same");
    assert_int_equal(mkdir(dir, 0777), 0);
    snprintf(in, sizeof in, "%s/scenario.yaml", dir);
    fx_write(in, "scenario: {title: x}\n");
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
    assert_string_equal(fx_read(in), "scenario: {title: x}\n");
}

static void unwritable_folder_is_named(void **state)
{
    (void)state;
    char file[300], dir[400], msg[500];
    /* A folder below a regular file cannot be made, even by root. */
    fx_path(file, sizeof file, "plainfile");
    fx_write(file, "x");
    snprintf(dir, sizeof dir, "%s/s", file);
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_null(tc_outset_add(o, "results.json"));
    snprintf(msg, sizeof msg, "%s: %s", file, strerror(ENOTDIR));
    assert_string_equal(tc_outset_error(o), msg);
    tc_outset_free(o);
    if (geteuid() != 0) {                         /* permissions bind everyone but root */
        char ro[300];
        fx_path(ro, sizeof ro, "ro");
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
    fx_path(dir, sizeof dir, "names");
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

/* Fills dir with `before` (a name ending in '/' is a folder, others are
 * files holding "old\n"), then commits a set that claims `claims` and
 * writes `written` ("new\n"); returns the commit's status. */
typedef struct {
    const char *const *before, *const *claims, *const *written, *const *inputs;
    size_t n_before, n_claims, n_written, n_inputs;
} prune_case;

static void make_before(const char *dir, const prune_case *c)
{
    char p[600];
    for (size_t i = 0; i < c->n_before; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, c->before[i]);
        for (char *s = p + 1; *s; s++)
            if (*s == '/') {
                *s = '\0';
                mkdir(p, 0777);
                *s = '/';
            }
        if (p[strlen(p) - 1] != '/')
            fx_write(p, "old\n");
    }
}

static tc_status commit_over(const char *dir, const prune_case *c, char *err, size_t n)
{
    make_before(dir, c);
    tc_outset *o = tc_outset_new(dir, c->inputs, c->n_inputs);
    assert_non_null(o);
    assert_int_equal(tc_outset_claim(o, c->claims, c->n_claims), TC_OK);
    for (size_t i = 0; i < c->n_written; i++)
        fx_write(tc_outset_add(o, c->written[i]), "new\n");
    tc_status st = tc_outset_commit(o);
    snprintf(err, n, "%s", tc_outset_error(o));
    tc_outset_free(o);
    return st;
}

static void commit_removes_claimed_names_not_written(void **state)
{
    (void)state;
    char dir[300], p[400], err[600];
    fx_path(dir, sizeof dir, "prune");
    const char *before[] = {"results.json", "report.pdf", "charts/a.png", "charts/a.svg",
                            "charts/b.png", "notes.txt", "charts/mine.png", "workbook.xlsx/"};
    const char *written[] = {"results.json", "charts/b.png"};
    const char *claims[] = {"results.json", "report.pdf", "workbook.xlsx", "charts/a.png",
                            "charts/a.svg", "charts/b.png", "charts/b.svg"};
    prune_case c = {before, claims, written, NULL, 8, 7, 2, 0};
    assert_int_equal(commit_over(dir, &c, err, sizeof err), TC_OK);
    assert_string_equal(err, "");
    snprintf(p, sizeof p, "%s/results.json", dir);
    assert_string_equal(fx_read(p), "new\n");
    snprintf(p, sizeof p, "%s/charts/b.png", dir);
    assert_string_equal(fx_read(p), "new\n");
    snprintf(p, sizeof p, "%s/notes.txt", dir);     /* a name tokcost does not write */
    assert_string_equal(fx_read(p), "old\n");
    snprintf(p, sizeof p, "%s/report.pdf", dir);
    assert_null(fx_read(p));
    /* results.json, charts, notes.txt and the folder under workbook.xlsx's name */
    assert_int_equal(fx_count_in(dir, ""), 4);
    snprintf(p, sizeof p, "%s/charts", dir);
    assert_int_equal(fx_count_in(p, ""), 2);                /* b.png, mine.png */
}

static void commit_removes_an_emptied_folder_and_never_an_input(void **state)
{
    (void)state;
    char dir[300], p[400], in[400], err[600];
    fx_path(dir, sizeof dir, "prune2");
    snprintf(in, sizeof in, "%s/scenario.yaml", dir);
    snprintf(p, sizeof p, "%s/report.pdf", dir);
    const char *before[] = {"charts/a.png", "charts/a.svg", "scenario.yaml"};
    const char *claims[] = {"charts/a.png", "charts/a.svg", "scenario.yaml", "report.pdf"};
    const char *written[] = {"results.json"};
    const char *inputs[] = {in};
    prune_case c = {before, claims, written, inputs, 3, 4, 1, 1};
    make_before(dir, &c);
    assert_int_equal(symlink(in, p), 0);            /* an input under an output's name */
    assert_int_equal(commit_over(dir, &c, err, sizeof err), TC_OK);
    assert_string_equal(fx_read(in), "old\n");
    assert_string_equal(fx_read(p), "old\n");
    assert_int_equal(fx_count_in(dir, ""), 3);              /* results.json, scenario.yaml, report.pdf */
}

static void a_failed_commit_removes_nothing(void **state)
{
    (void)state;
    char dir[300], p[400];
    fx_path(dir, sizeof dir, "prune3");
    const char *before[] = {"charts/a.png"};
    const char *claims[] = {"charts/a.png"};
    prune_case c = {before, claims, NULL, NULL, 1, 1, 0, 0};
    make_before(dir, &c);
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_int_equal(tc_outset_claim(o, claims, 1), TC_OK);
    assert_non_null(tc_outset_add(o, "results.json"));   /* left empty: the commit fails */
    assert_int_equal(tc_outset_commit(o), TC_ERR_WRITE);
    tc_outset_free(o);
    snprintf(p, sizeof p, "%s/charts/a.png", dir);
    assert_string_equal(fx_read(p), "old\n");
}

static void claims_are_checked(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "prune4");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *names[] = {"results.json", "../x"};
    assert_int_equal(tc_outset_claim(o, names, 2), TC_ERR_WRITE);
    assert_string_equal(tc_outset_error(o), "../x: invalid output name");
    fx_write(tc_outset_add(o, "results.json"), "x");
    assert_int_equal(tc_outset_commit(o), TC_OK);
    assert_int_equal(tc_outset_claim(o, names, 1), TC_ERR_WRITE);   /* too late */
    assert_string_equal(tc_outset_error(o), "results.json: invalid output name");
    tc_outset_free(o);
    if (geteuid() != 0) {                           /* permissions bind everyone but root */
        char ro[300], p[400], err[600], msg[700];
        fx_path(ro, sizeof ro, "prune_ro");
        const char *before[] = {"charts/a.png"};
        prune_case c = {before, before, NULL, NULL, 1, 1, 0, 0};
        make_before(ro, &c);
        snprintf(p, sizeof p, "%s/charts", ro);
        assert_int_equal(chmod(p, 0555), 0);
        const char *written[] = {"results.json"};
        c.written = written;
        c.n_written = 1;
        assert_int_equal(commit_over(ro, &c, err, sizeof err), TC_ERR_WRITE);
        snprintf(msg, sizeof msg, "%s/charts/a.png: cannot remove the output of an earlier run: %s",
                 ro, strerror(EACCES));
        assert_string_equal(err, msg);
        snprintf(p, sizeof p, "%s/results.json", ro);
        assert_string_equal(fx_read(p), "new\n");    /* the new files are in place */
        snprintf(p, sizeof p, "%s/charts", ro);
        chmod(p, 0755);
    }
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, outset_setup, outset_teardown)
    const struct CMUnitTest tests[] = {
        T(commit_renames_every_file),
        T(abort_keeps_the_previous_files),
        T(abort_removes_created_folders),
        T(empty_output_is_not_committed),
        T(an_input_is_never_an_output),
        T(unwritable_folder_is_named),
        T(names_outside_the_folder_are_refused),
        T(commit_removes_claimed_names_not_written),
        T(commit_removes_an_emptied_folder_and_never_an_input),
        T(a_failed_commit_removes_nothing),
        T(claims_are_checked),
    };
    return cmocka_run_group_tests_name("outset", tests, NULL, NULL);
}
