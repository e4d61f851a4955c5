/* The -j worker pool (gen/cli/cli_pool.c) driven directly: results come back
 * in file order with what each worker wrote to stderr; a worker killed by
 * a signal, one that exits, and one that can no longer report each fail
 * their own file only, and replacements take the remaining files; a signal
 * to the parent loses nothing; without pipes everything runs here. */
#include "tc_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../gen/cli/cli.h"

#define MAXN 8

enum { DO_OK, DO_KILL, DO_EXIT7, DO_MUTE, DO_SIGNAL_PARENT };

typedef struct {
    int what[MAXN];             /* what work() does for file i */
    long ran_in[MAXN];          /* the pid work() ran in (seen here only when here) */
    size_t order[MAXN];         /* done() calls, in call order */
    cli_job got[MAXN];          /* by index; err copied to text */
    char text[MAXN][128];
    size_t n_done;
} run;

static pid_t parent;

static int work(void *ctx, size_t i)
{
    run *r = ctx;
    r->ran_in[i] = (long)getpid();
    switch (r->what[i]) {
    case DO_KILL:
        raise(SIGKILL);
        break;
    case DO_EXIT7:
        _exit(7);
    case DO_MUTE:   /* the result pipe closed: the record cannot be sent */
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
        return TC_EXIT_OK;
    case DO_SIGNAL_PARENT:
        kill(getppid(), SIGUSR1);
        break;
    default:
        break;
    }
    if (getpid() != parent)     /* what a worker writes comes back with its result */
        fprintf(stderr, "file %zu in %ld\n", i, (long)getpid());
    return (int)(i % 3);
}

static void done(void *ctx, size_t i, const cli_job *j)
{
    run *r = ctx;
    assert_true(r->n_done < MAXN);
    r->order[r->n_done++] = i;
    r->got[i] = *j;
    r->got[i].err = NULL;
    assert_true(j->err_len < sizeof r->text[i]);
    if (j->err)
        memcpy(r->text[i], j->err, j->err_len);
    r->text[i][j->err_len] = '\0';
}

static void assert_in_order(const run *r, size_t n)
{
    assert_int_equal(r->n_done, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(r->order[i], i);
}

/* A file whose worker finished: its status, and its stderr from another process. */
static void assert_worker_result(const run *r, size_t i)
{
    char want[64];
    long pid = 0;
    assert_int_equal(r->got[i].rc, (int)(i % 3));
    assert_string_equal(r->got[i].lost, "");
    assert_int_equal(sscanf(r->text[i], "file %*u in %ld", &pid), 1);
    assert_true(pid != (long)getpid());
    snprintf(want, sizeof want, "file %zu in %ld\n", i, pid);
    assert_string_equal(r->text[i], want);
    assert_true(r->got[i].secs >= 0);
}

static void assert_lost(const run *r, size_t i, const char *how)
{
    assert_int_equal(r->got[i].rc, TC_EXIT_WRITE);
    assert_string_equal(r->got[i].lost, how);
    assert_true(r->got[i].lost_pid > 0 && r->got[i].lost_pid != (long)getpid());
    assert_string_equal(r->text[i], "");
}

static void results_in_file_order_from_workers(void **state)
{
    (void)state;
    run r = {0};
    cli_pool_run(5, 2, work, done, &r);
    assert_in_order(&r, 5);
    for (size_t i = 0; i < 5; i++)
        assert_worker_result(&r, i);
    /* more jobs than files: one worker per file */
    run r8 = {0};
    cli_pool_run(3, 8, work, done, &r8);
    assert_in_order(&r8, 3);
    for (size_t i = 0; i < 3; i++)
        assert_worker_result(&r8, i);
}

/* Both first workers die, so replacements must take files 2..5; the lost
 * files report how their worker ended, the others their own status. */
static void dead_workers_fail_their_file_only(void **state)
{
    (void)state;
    run r = {.what = {DO_KILL, DO_EXIT7, DO_OK, DO_MUTE, DO_OK, DO_OK}};
    cli_pool_run(6, 2, work, done, &r);
    assert_in_order(&r, 6);
    char killed[80];
    snprintf(killed, sizeof killed, "signal %d (%s)", SIGKILL, strsignal(SIGKILL));
    assert_lost(&r, 0, killed);
    assert_lost(&r, 1, "exit status 7");
    /* It cannot send its record and exits 3 (TC_EXIT_WRITE), unless the
     * parent, seeing the pipe's end first, kills it before: either way
     * its file failed with how it ended. */
    assert_lost(&r, 3, strcmp(r.got[3].lost, killed) == 0 ? killed : "exit status 3");
    assert_worker_result(&r, 2);
    assert_worker_result(&r, 4);
    assert_worker_result(&r, 5);
    assert_true(r.got[0].lost_pid != r.got[1].lost_pid);
}

static volatile sig_atomic_t usr1;
static void on_usr1(int sig)
{
    (void)sig;
    usr1++;
}

/* The parent waits in poll(): a signal handled there (no SA_RESTART) must
 * not lose or repeat a result. */
static void signal_to_parent_loses_nothing(void **state)
{
    (void)state;
    struct sigaction sa = {.sa_handler = on_usr1}, old;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
    usr1 = 0;
    run r = {.what = {DO_SIGNAL_PARENT, DO_SIGNAL_PARENT, DO_SIGNAL_PARENT, DO_SIGNAL_PARENT}};
    cli_pool_run(4, 2, work, done, &r);
    sigaction(SIGUSR1, &old, NULL);
    assert_in_order(&r, 4);
    for (size_t i = 0; i < 4; i++)
        assert_worker_result(&r, i);
    assert_true(usr1 >= 1 && usr1 <= 4);
}

static void all_ran_here(const run *r, size_t n)
{
    assert_in_order(r, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(r->ran_in[i], (long)getpid());
        assert_int_equal(r->got[i].rc, (int)(i % 3));
        assert_string_equal(r->got[i].lost, "");
        assert_string_equal(r->text[i], "");     /* nothing caught here */
    }
}

/* The lowest free descriptor: with the open-file limit there, pipe() fails. */
static int lowest_free_fd(void)
{
    int fd = dup(0);
    assert_true(fd >= 0);
    close(fd);
    return fd;
}

static void without_pipes_everything_runs_here(void **state)
{
    (void)state;
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    int low = lowest_free_fd();
    for (int spare = 0; spare <= 2; spare += 2) {   /* no pipe; only the first of two */
        lim = old;
        lim.rlim_cur = (rlim_t)(low + spare);
        assert_int_equal(setrlimit(RLIMIT_NOFILE, &lim), 0);
        fflush(stderr);
        run r = {0};
        cli_pool_run(4, 2, work, done, &r);
        assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
        all_ran_here(&r, 4);
    }
}

/* -j 1, one file, or no file: no worker at all. */
static void small_batches_run_here(void **state)
{
    (void)state;
    run r = {0};
    cli_pool_run(1, 4, work, done, &r);
    all_ran_here(&r, 1);
    run r1 = {0};
    cli_pool_run(3, 1, work, done, &r1);
    all_ran_here(&r1, 3);
    run r0 = {0};
    cli_pool_run(0, 4, work, done, &r0);
    assert_int_equal(r0.n_done, 0);
}

int main(void)
{
    parent = getpid();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(results_in_file_order_from_workers),
        cmocka_unit_test(dead_workers_fail_their_file_only),
        cmocka_unit_test(signal_to_parent_loses_nothing),
        cmocka_unit_test(without_pipes_everything_runs_here),
        cmocka_unit_test(small_batches_run_here),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
