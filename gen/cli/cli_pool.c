/* render -j N: a pool of forked worker processes. Processes rather than
 * threads because libharu, cairo and fontconfig keep per-process state we
 * do not control, and because a crash then costs one file, not the batch.
 * Each worker renders the file the parent hands it (an index on a pipe),
 * with its stderr caught in a temporary file, and sends back one record:
 * index, exit status, time, the caught text. The parent hands out the next
 * file and reports results in file order, so the terminal shows the same
 * lines, in the same order, whatever N is. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define NONE ((size_t)-1)

typedef struct {
    size_t index;
    int rc;
    double secs;
    size_t err_len;
} record;

typedef struct {
    pid_t pid;                  /* 0: slot free */
    int cmd, res;               /* parent's ends: indices out, records in */
    size_t cur;                 /* file being rendered, or NONE */
} worker;

typedef struct {
    size_t n, next, flushed;
    cli_job *jobs;
    char *finished;
    worker *w;
    size_t nw;
    int stopping;               /* no replacement workers */
    cli_work_fn work;
    cli_done_fn done;
    void *ctx;
} pool;

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_full(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

/* 1: all read; 0: end of file before the first byte; -1: error or short. */
static int read_full(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t k = read(fd, p + got, len - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k == 0 && got == 0 ? 0 : -1;
        got += (size_t)k;
    }
    return 1;
}

/* Reports every finished file whose predecessors are all reported. */
static void finish(pool *p, size_t i, const cli_job *j)
{
    p->jobs[i] = *j;
    p->finished[i] = 1;
    while (p->flushed < p->n && p->finished[p->flushed]) {
        cli_job *f = &p->jobs[p->flushed];
        p->done(p->ctx, p->flushed, f);
        free(f->err);
        f->err = NULL;
        p->flushed++;
    }
}

static void run_here(pool *p, size_t i)
{
    double t0 = cli_now();
    cli_job j = {.rc = p->work(p->ctx, i)};
    j.secs = cli_now() - t0;
    finish(p, i, &j);
}

/* The text the last file wrote to the caught stderr (NULL when empty). */
static char *caught(int fd, size_t *len)
{
    off_t end = fd < 0 ? 0 : lseek(fd, 0, SEEK_CUR);
    char *text = end > 0 ? malloc((size_t)end) : NULL;
    *len = 0;
    if (text && pread(fd, text, (size_t)end, 0) == end)
        *len = (size_t)end;
    return text;
}

/* A worker leaves with _exit(), which skips gcov's counter dump: in the
 * coverage build (make coverage) the counters are written first, so what
 * tests/batch.sh exercises in workers is counted. */
#ifdef TC_COVERAGE
void __gcov_dump(void);
#define worker_exit(rc) (__gcov_dump(), _exit(rc))
#else
#define worker_exit(rc) _exit(rc)
#endif

/* SIGTERM, SIGINT or SIGHUP to the parent stops the workers too (each
 * removes its stage, outset_signal.c), then, once they are gone, the
 * parent with the same signal. */
static const int stop_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define N_STOP (sizeof stop_signals / sizeof stop_signals[0])
static pool *stopping_pool;
static struct sigaction saved_actions[N_STOP];

static void on_stop(int sig)
{
    pool *p = stopping_pool;
    for (size_t k = 0; p && k < p->nw; k++)
        if (p->w[k].pid > 0)
            kill(p->w[k].pid, sig);
    /* Their stages are gone when the shell sees this process end. */
    for (size_t k = 0; p && k < p->nw; k++)
        if (p->w[k].pid > 0)
            while (waitpid(p->w[k].pid, NULL, 0) < 0 && errno == EINTR)
                ;
    for (size_t i = 0; i < N_STOP; i++)
        if (stop_signals[i] == sig)
            sigaction(sig, &saved_actions[i], NULL);
    raise(sig);
}

/* install: the parent's forwarding handlers (signals it ignores stay
 * ignored); else the dispositions as they were, in the parent or, in a new
 * worker, before it renders. */
static void stop_handlers(pool *p, int install)
{
    for (size_t i = 0; i < N_STOP; i++) {
        if (!install) {
            sigaction(stop_signals[i], &saved_actions[i], NULL);
            continue;
        }
        struct sigaction sa = {.sa_handler = on_stop};
        sigemptyset(&sa.sa_mask);
        if (sigaction(stop_signals[i], NULL, &saved_actions[i]) == 0 &&
            saved_actions[i].sa_handler != SIG_IGN)
            sigaction(stop_signals[i], &sa, NULL);
    }
    stopping_pool = install ? p : NULL;
}

static void worker_main(pool *p, int cmd, int res) __attribute__((noreturn));
static void worker_main(pool *p, int cmd, int res)
{
    stop_handlers(p, 0);
    FILE *tmp = tmpfile();      /* without one, errors go straight to stderr */
    int fd = tmp && dup2(fileno(tmp), STDERR_FILENO) >= 0 ? fileno(tmp) : -1;
    size_t i;
    while (read_full(cmd, &i, sizeof i) == 1) {
        if (fd >= 0 && (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0))
            worker_exit(TC_EXIT_WRITE);
        double t0 = cli_now();
        record r = {i, p->work(p->ctx, i), 0, 0};
        r.secs = cli_now() - t0;
        fflush(stdout);
        char *text = caught(fd, &r.err_len);
        if (write_full(res, &r, sizeof r) != 0 || write_full(res, text, r.err_len) != 0)
            worker_exit(TC_EXIT_WRITE);
        free(text);
    }
    worker_exit(TC_EXIT_OK);      /* not exit(): the parent's stdio and atexit are not ours */
}

static int start_worker(pool *p, worker *w)
{
    int cmd[2], res[2];
    if (pipe(cmd) != 0)
        return -1;
    if (pipe(res) != 0) {
        close(cmd[0]);
        close(cmd[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        /* The parent's ends of the other workers' pipes would keep them
         * open after those workers die, hiding their end. */
        for (size_t k = 0; k < p->nw; k++)
            if (p->w[k].pid > 0) {
                close(p->w[k].res);
                if (p->w[k].cmd >= 0)
                    close(p->w[k].cmd);
            }
        close(cmd[1]);
        close(res[0]);
        worker_main(p, cmd[0], res[1]);
    }
    close(cmd[0]);
    close(res[1]);
    if (pid < 0) {
        close(cmd[1]);
        close(res[0]);
        return -1;
    }
    *w = (worker){pid, cmd[1], res[0], NONE};
    return 0;
}

/* Hands the next file to w, or tells it (end of its pipe) there is none.
 * A failed write means w died: its end of records will say so. */
static void assign(pool *p, worker *w)
{
    if (p->next >= p->n) {
        close(w->cmd);
        w->cmd = -1;
        return;
    }
    w->cur = p->next++;
    (void)write_full(w->cmd, &w->cur, sizeof w->cur);
}

static void describe_death(int status, char *buf, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(buf, n, "signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(buf, n, "exit status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Reaps w (normal end, crash, or a garbled record); a file it held fails,
 * and a replacement takes the remaining files. */
static void worker_end(pool *p, worker *w)
{
    int status = 0;
    close(w->res);
    if (w->cmd >= 0)
        close(w->cmd);
    kill(w->pid, SIGKILL);      /* our own unreaped child: the pid is still its */
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    size_t cur = w->cur;
    long pid = (long)w->pid;
    *w = (worker){0, -1, -1, NONE};
    if (cur != NONE) {
        cli_job j = {.rc = TC_EXIT_WRITE, .lost_pid = pid};
        describe_death(status, j.lost, sizeof j.lost);
        finish(p, cur, &j);
    }
    if (!p->stopping && p->next < p->n && start_worker(p, w) == 0)
        assign(p, w);
}

static void on_readable(pool *p, worker *w)
{
    record r;
    cli_job j = {0};
    int got = read_full(w->res, &r, sizeof r);
    if (got == 1 && r.err_len) {
        j.err = malloc(r.err_len);
        if (!j.err || read_full(w->res, j.err, r.err_len) != 1)
            got = -1;
    }
    if (got != 1 || r.index != w->cur) {
        free(j.err);
        worker_end(p, w);
        return;
    }
    j.rc = r.rc;
    j.secs = r.secs;
    j.err_len = r.err_len;
    w->cur = NONE;
    finish(p, r.index, &j);
    assign(p, w);
}

/* Waits for the next records; returns 0 when no worker is left. */
static int step(pool *p, struct pollfd *fds, size_t *who)
{
    nfds_t m = 0;
    for (size_t k = 0; k < p->nw; k++)
        if (p->w[k].pid > 0) {
            fds[m] = (struct pollfd){.fd = p->w[k].res, .events = POLLIN};
            who[m++] = k;
        }
    if (m == 0)
        return 0;
    if (poll(fds, m, -1) < 0)
        return errno == EINTR ? 1 : 0;
    for (nfds_t i = 0; i < m; i++)
        if (fds[i].revents)
            on_readable(p, &p->w[who[i]]);
    return 1;
}

static void run_pool(pool *p, struct pollfd *fds, size_t *who)
{
    for (size_t k = 0; k < p->nw; k++)
        if (start_worker(p, &p->w[k]) == 0)
            assign(p, &p->w[k]);
    while (p->flushed < p->n && step(p, fds, who))
        ;
    p->stopping = 1;
    for (size_t k = 0; k < p->nw; k++)   /* a poll failure leaves some */
        if (p->w[k].pid > 0)
            worker_end(p, &p->w[k]);
    while (p->next < p->n)                /* no worker could be started */
        run_here(p, p->next++);
}

void cli_pool_run(size_t n, int jobs, cli_work_fn work, cli_done_fn done, void *ctx)
{
    pool p = {.n = n, .work = work, .done = done, .ctx = ctx};
    p.nw = jobs < 2 || n < 2 ? 0 : (size_t)jobs < n ? (size_t)jobs : n;
    p.jobs = calloc(n ? n : 1, sizeof *p.jobs);
    p.finished = calloc(n ? n : 1, 1);
    p.w = calloc(p.nw ? p.nw : 1, sizeof *p.w);
    struct pollfd *fds = calloc(p.nw ? p.nw : 1, sizeof *fds);
    size_t *who = calloc(p.nw ? p.nw : 1, sizeof *who);
    if (!p.jobs || !p.finished || !p.w || !fds || !who)
        p.nw = 0;
    if (p.nw == 0 || !p.jobs || !p.finished) {
        for (size_t i = 0; i < n; i++) {
            double t0 = cli_now();
            cli_job j = {.rc = work(ctx, i)};
            j.secs = cli_now() - t0;
            done(ctx, i, &j);
        }
    } else {
        void (*old)(int) = signal(SIGPIPE, SIG_IGN);
        stop_handlers(&p, 1);
        run_pool(&p, fds, who);
        stop_handlers(&p, 0);
        signal(SIGPIPE, old);
    }
    free(p.jobs);
    free(p.finished);
    free(p.w);
    free(fds);
    free(who);
}
