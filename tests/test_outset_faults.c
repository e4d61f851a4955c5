/* The output set where the file system lacks RENAME_EXCHANGE (renameat2 is
 * wrapped to fail with EINVAL when `no_exchange` is set): the old folder is
 * moved aside and the stage takes its name, the user's files still
 * survive; a crash between the two renames is put right by the next sweep.
 * And a folder of the user's in the way of an output: refused, nothing
 * changed. */
#define _GNU_SOURCE
#include "tc_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_render.h"

#define OUTSET_FIXTURE_NAME "tc_outset_faults"
#include "outset_fixture.h"

static int no_exchange;

int __real_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags);
int __wrap_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags);
int __wrap_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
    if (no_exchange) {
        errno = EINVAL;
        return -1;
    }
    return __real_renameat2(fd1, from, fd2, to, flags);
}

/* flock with LOCK_NB fails (EWOULDBLOCK) while `busy_stage` is set: the
 * stage's own lock, as if another process held it. */
static int busy_stage;

int __real_flock(int fd, int op);
int __wrap_flock(int fd, int op);
int __wrap_flock(int fd, int op)
{
    if (busy_stage && (op & LOCK_NB)) {
        errno = EWOULDBLOCK;
        return -1;
    }
    return __real_flock(fd, op);
}

/* sync_file_range fails (EINVAL, as where the file system has no such
 * thing) while `no_writeback` is set; it and fsync count their calls. */
static int no_writeback, writebacks, fsyncs;

int __real_sync_file_range(int fd, off_t off, off_t n, unsigned flags);
int __wrap_sync_file_range(int fd, off_t off, off_t n, unsigned flags);
int __wrap_sync_file_range(int fd, off_t off, off_t n, unsigned flags)
{
    writebacks++;
    if (no_writeback) {
        errno = EINVAL;
        return -1;
    }
    return __real_sync_file_range(fd, off, n, flags);
}

int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __wrap_fsync(int fd)
{
    fsyncs++;
    return __real_fsync(fd);
}

static int setup(void **state)
{
    no_exchange = busy_stage = no_writeback = writebacks = fsyncs = 0;
    return outset_setup(state);
}

static tc_status commit(const char *tag, char *err, size_t n)
{
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *names[] = {"results.json", "charts/a.png"};
    assert_int_equal(tc_outset_claim(o, names, 2), TC_OK);
    for (int i = 0; i < 2; i++) {
        const char *p = tc_outset_add(o, names[i]);
        assert_non_null(p);
        FILE *f = fopen(p, "w");
        fputs(tag, f);
        fclose(f);
    }
    tc_status st = tc_outset_commit(o);
    snprintf(err, n, "%s", tc_outset_error(o));
    tc_outset_free(o);
    return st;
}

static void without_exchange_the_old_folder_moves_aside(void **state)
{
    (void)state;
    char err[600];
    no_exchange = 1;
    assert_int_equal(commit("A", err, sizeof err), TC_OK);     /* no folder yet */
    fx_put("out/notes.txt", "mine\n");
    fx_mkdir("out/mine");
    fx_put("out/mine/x.txt", "deep\n");
    assert_int_equal(commit("B", err, sizeof err), TC_OK);
    assert_string_equal(fx_slurp("out/results.json"), "B");
    assert_string_equal(fx_slurp("out/charts/a.png"), "B");
    assert_string_equal(fx_slurp("out/notes.txt"), "mine\n");
    assert_string_equal(fx_slurp("out/mine/x.txt"), "deep\n");
}

/* Killed between "folder aside" and "stage in": the next sweep puts the
 * folder moved aside back, whole. */
static void a_folder_left_aside_is_put_back(void **state)
{
    (void)state;
    char dir[300];
    fx_mkdir(".tokcost-out-1-2.old");
    fx_put(".tokcost-out-1-2.old/results.json", "old\n");
    fx_put(".tokcost-out-1-2.old/notes.txt", "mine\n");
    fx_path(dir, sizeof dir, "out");
    tc_render_sweep(dir);
    assert_string_equal(fx_slurp("out/results.json"), "old\n");
    assert_string_equal(fx_slurp("out/notes.txt"), "mine\n");
    assert_null(fx_slurp(".tokcost-out-1-2.old/notes.txt"));
}

/* An old folder swapped out (no stage mark) beside a live folder: its stale
 * outputs go, the user's file it held goes back. */
static void an_old_folder_left_is_drained(void **state)
{
    (void)state;
    char dir[300], err[600];
    assert_int_equal(commit("N", err, sizeof err), TC_OK);
    fx_mkdir(".tokcost-out-7-0.tmp");
    fx_put(".tokcost-out-7-0.tmp/results.json", "old\n");
    fx_put(".tokcost-out-7-0.tmp/kept.txt", "mine\n");
    fx_path(dir, sizeof dir, "out");
    tc_render_sweep(dir);
    assert_string_equal(fx_slurp("out/results.json"), "N");
    assert_string_equal(fx_slurp("out/kept.txt"), "mine\n");
    assert_null(fx_slurp(".tokcost-out-7-0.tmp/kept.txt"));
    struct stat st;
    char p[400];
    fx_path(p, sizeof p, ".tokcost-out-7-0.tmp");
    assert_int_equal(stat(p, &st), -1);
}

static void a_users_folder_in_the_way_is_refused(void **state)
{
    (void)state;
    char err[600], want[700];
    fx_mkdir("out");
    fx_mkdir("out/results.json");
    fx_put("out/results.json/mine.txt", "mine\n");
    assert_int_equal(commit("A", err, sizeof err), TC_ERR_WRITE);
    snprintf(want, sizeof want, "%s/out/results.json: %s", fx_root, strerror(EISDIR));
    assert_string_equal(err, want);
    assert_string_equal(fx_slurp("out/results.json/mine.txt"), "mine\n");
    assert_null(fx_slurp("out/charts/a.png"));
}

/* A stage that cannot be locked: every output asking for it fails, none
 * is written into an unlocked stage, and nothing is left (no hidden
 * folder; under ASan and valgrind, no leak); the next run commits. */
static void a_stage_that_cannot_be_made_leaves_nothing(void **state)
{
    (void)state;
    char dir[300], err[512];
    fx_path(dir, sizeof dir, "out");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *names[] = {"results.json", "report.pdf", "charts/a.png"};
    assert_int_equal(tc_outset_claim(o, names, 3), TC_OK);
    busy_stage = 1;
    for (int i = 0; i < 3; i++) {
        assert_null(tc_outset_add(o, names[i]));
        assert_non_null(strstr(tc_outset_error(o), strerror(EWOULDBLOCK)));
    }
    busy_stage = 0;
    tc_outset_free(o);
    assert_int_equal(fx_count("", "."), 0);                 /* no stage left */
    assert_int_equal(commit("C", err, sizeof err), TC_OK);
    assert_string_equal(fx_slurp("out/results.json"), "C");
}

/* Three outputs of this thread, their writeback started (once each, however
 * often asked), then synced: one fsync each, none again at the commit
 * (which syncs the two folders). With the writeback failing, the same:
 * it is only a head start. */
static void writeback_starts_once_and_changes_nothing(void **state)
{
    (void)state;
    for (int failing = 0; failing < 2; failing++) {
        char dir[300];
        fx_path(dir, sizeof dir, "out");
        no_writeback = failing;
        writebacks = fsyncs = 0;
        tc_outset *o = tc_outset_new(dir, NULL, 0);
        const char *names[] = {"results.json", "report.pdf", "charts/a.png"};
        for (int i = 0; i < 3; i++) {
            const char *p = tc_outset_add(o, names[i]);
            assert_non_null(p);
            FILE *f = fopen(p, "w");
            fputs(failing ? "second" : "first", f);
            fclose(f);
            tc_outset_start_sync(o);
        }
        tc_outset_start_sync(o);
        assert_int_equal(writebacks, 3);
        assert_int_equal(fsyncs, 0);
        assert_int_equal(tc_outset_sync(o), TC_OK);
        assert_int_equal(fsyncs, 3);
        assert_int_equal(tc_outset_commit(o), TC_OK);
        assert_int_equal(fsyncs, 3 + 2 + 1);        /* the stage, charts/, the parent */
        tc_outset_free(o);
        assert_string_equal(fx_slurp("out/charts/a.png"), failing ? "second" : "first");
    }
}

/* An output gone before its writeback: nothing said then; the sync names it. */
static void writeback_of_a_missing_file_is_left_to_the_sync(void **state)
{
    (void)state;
    char dir[300], want[700];
    fx_path(dir, sizeof dir, "out");
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    const char *p = tc_outset_add(o, "results.json");
    assert_non_null(p);
    assert_int_equal(unlink(p), 0);
    tc_outset_start_sync(o);                         /* gone: skipped */
    assert_int_equal(writebacks, 0);
    assert_string_equal(tc_outset_error(o), "");
    assert_int_equal(tc_outset_sync(o), TC_ERR_WRITE);
    snprintf(want, sizeof want, "%s/results.json: %s", dir, strerror(ENOENT));
    assert_string_equal(tc_outset_error(o), want);
    tc_outset_free(o);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, outset_teardown)
    const struct CMUnitTest tests[] = {
        T(without_exchange_the_old_folder_moves_aside),
        T(a_folder_left_aside_is_put_back),
        T(an_old_folder_left_is_drained),
        T(a_users_folder_in_the_way_is_refused),
        T(a_stage_that_cannot_be_made_leaves_nothing),
        T(writeback_starts_once_and_changes_nothing),
        T(writeback_of_a_missing_file_is_left_to_the_sync),
    };
    return cmocka_run_group_tests_name("outset_faults", tests, NULL, NULL);
}
