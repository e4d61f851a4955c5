/* Issue 19, data loss: the output set changes as one step (a reader never
 * sees two runs mixed, two commits at once end with one set whole), the
 * user's files survive, no link is followed, and a stopped or killed run
 * leaves no temporary behind (removed on the signal, or by the next commit). */
#include "tc_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tc_render.h"

#define OUTSET_FIXTURE_NAME "tc_atomic"
#include "outset_fixture.h"

/* The text of dir/rel, or NULL. */
static char *slurp_at(int dirfd, const char *rel)
{
    static char buf[256];
    int fd = openat(dirfd, rel, O_RDONLY);
    if (fd < 0)
        return NULL;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* Hidden entries (a stage, a temporary) anywhere under root/rel. */
static int hidden(const char *rel)
{
    char p[512];
    fx_path(p, sizeof p, rel);
    DIR *d = opendir(p);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[512];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        n += e->d_name[0] == '.';
        if (e->d_type == DT_DIR && e->d_name[0] != '.')
            n += hidden(sub);
    }
    if (d)
        closedir(d);
    return n;
}

static const char *const set_names[] = {"results.json", "report.pdf", "charts/a.png",
                                        "charts/b.png"};
#define N_SET 4

/* A set whose every file holds `tag`; `only_a`: charts/b.png not written
 * (so a stale-file sweep of another run would remove it). */
static tc_status commit_set(const char *dir, const char *tag, int only_a)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    assert_non_null(o);
    assert_int_equal(tc_outset_claim(o, set_names, N_SET), TC_OK);
    for (size_t i = 0; i < N_SET - (only_a ? 1u : 0u); i++) {
        const char *p = tc_outset_add(o, set_names[i]);
        assert_non_null(p);
        fx_write(p, tag);
    }
    tc_status st = tc_outset_commit(o);
    tc_outset_free(o);
    return st;
}

/* All files of out/ (one open folder) hold one tag; 1 when they do. */
static int one_run(int dirfd, char *tag_out)
{
    tag_out[0] = '\0';
    for (size_t i = 0; i < N_SET; i++) {
        char *s = slurp_at(dirfd, set_names[i]);
        if (!s)
            continue;               /* drained after a swap, or b.png not in this run */
        if (tag_out[0] && strcmp(tag_out, s) != 0)
            return 0;
        snprintf(tag_out, 16, "%.15s", s);
    }
    return 1;
}

static void a_reader_never_sees_two_runs_mixed(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    assert_int_equal(commit_set(dir, "A", 0), TC_OK);
    pid_t w = fork();
    if (w == 0) {
        for (int i = 0; i < 120; i++)
            if (commit_set(dir, i % 2 ? "A" : "B", 0) != TC_OK)
                _exit(1);
        _exit(0);
    }
    int mixed = 0, looks = 0, status;
    while (waitpid(w, &status, WNOHANG) == 0) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY);
        char tag[16];
        if (fd >= 0) {
            mixed += !one_run(fd, tag);
            looks++;
            close(fd);
        }
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(looks > 0);
    assert_int_equal(mixed, 0);
}

static void concurrent_commits_leave_one_set_whole(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    for (int round = 0; round < 25; round++) {
        pid_t kids[2];
        for (int k = 0; k < 2; k++)
            if ((kids[k] = fork()) == 0)
                _exit(commit_set(dir, k ? "B" : "A", k == 0) == TC_OK ? 0 : 1);
        for (int k = 0; k < 2; k++) {
            int status;
            assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        char *first = fx_slurp("out/results.json");
        assert_non_null(first);
        char tag[4];
        snprintf(tag, sizeof tag, "%.3s", first);
        /* A wrote no b.png: with A last there is none, with B last all four. */
        for (size_t i = 0; i < N_SET; i++) {
            char rel[64];
            snprintf(rel, sizeof rel, "out/%s", set_names[i]);
            char *s = fx_slurp(rel);
            if (i == 3 && strcmp(tag, "A") == 0)
                assert_null(s);
            else
                assert_string_equal(s ? s : "(missing)", tag);
        }
        assert_int_equal(hidden(""), 0);
    }
}

/* Four runs committing into one folder over and over: every one of them
 * gets its stage and commits. A stage was made unlocked and then locked,
 * and another run's sweep, finding it in between, removed it as a dead
 * run's (about 1 commit in 100 failed so). */
/* commit_set without cmocka's asserts, for a forked child: an assert
 * there would return into the parent's test runner. */
static int commit_quiet(const char *dir, const char *tag)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    int bad = !o || tc_outset_claim(o, set_names, N_SET) != TC_OK;
    for (size_t i = 0; !bad && i < N_SET; i++) {
        const char *p = tc_outset_add(o, set_names[i]);
        FILE *f = p ? fopen(p, "w") : NULL;
        bad = !f || fputs(tag, f) < 0;
        if (f && fclose(f) != 0)
            bad = 1;
    }
    bad = bad || tc_outset_commit(o) != TC_OK;
    tc_outset_free(o);
    return bad;
}

static void four_runs_at_once_all_commit(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    pid_t kids[4];
    for (int k = 0; k < 4; k++)
        if ((kids[k] = fork()) == 0) {
            int bad = 0;
            for (int i = 0; i < 100; i++)
                bad += commit_quiet(dir, k % 2 ? "B" : "A");
            _exit(bad ? 1 : 0);
        }
    for (int k = 0; k < 4; k++) {
        int status;
        assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    assert_int_equal(hidden(""), 0);        /* no stage left behind */
}

static void the_users_files_survive(void **state)
{
    (void)state;
    char dir[300], p[512];
    fx_path(dir, sizeof dir, "out");
    assert_int_equal(commit_set(dir, "A", 0), TC_OK);
    fx_put("out/notes.txt", "mine\n");
    fx_mkdir("out/mine");
    fx_put("out/mine/deep.txt", "deep\n");
    fx_put("out/charts/mine.png", "my png\n");
    fx_path(p, sizeof p, "out/elsewhere");
    assert_int_equal(symlink("/nonexistent/target", p), 0);
    struct stat before, after;
    fx_path(p, sizeof p, "out/notes.txt");
    assert_int_equal(stat(p, &before), 0);
    assert_int_equal(commit_set(dir, "B", 1), TC_OK);
    assert_string_equal(fx_slurp("out/notes.txt"), "mine\n");
    assert_int_equal(stat(p, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino);      /* the same file, not a copy */
    assert_string_equal(fx_slurp("out/mine/deep.txt"), "deep\n");
    assert_string_equal(fx_slurp("out/charts/mine.png"), "my png\n");
    assert_string_equal(fx_slurp("out/charts/a.png"), "B");
    assert_null(fx_slurp("out/charts/b.png"));             /* A's, not written by B */
    char link[64];
    fx_path(p, sizeof p, "out/elsewhere");
    ssize_t n = readlink(p, link, sizeof link - 1);
    assert_true(n > 0);
    link[n] = '\0';
    assert_string_equal(link, "/nonexistent/target");
    assert_int_equal(fx_count("", ".tokcost-"), 0);
}

/* A planted charts -> elsewhere/: nothing is written there, nothing removed. */
static void a_linked_folder_is_not_followed(void **state)
{
    (void)state;
    char dir[300], p[512], target[512];
    fx_path(dir, sizeof dir, "out");
    fx_mkdir("out");
    fx_mkdir("victim");
    fx_put("victim/a.png", "precious\n");
    fx_put("victim/b.png", "precious too\n");
    fx_path(target, sizeof target, "victim");
    fx_path(p, sizeof p, "out/charts");
    assert_int_equal(symlink(target, p), 0);
    assert_int_equal(commit_set(dir, "N", 1), TC_OK);
    assert_string_equal(fx_slurp("victim/a.png"), "precious\n");
    assert_string_equal(fx_slurp("victim/b.png"), "precious too\n");
    assert_int_equal(fx_count("victim", ""), 2);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISDIR(st.st_mode));                   /* the link replaced by the folder */
    assert_string_equal(fx_slurp("out/charts/a.png"), "N");
}

static void a_linked_scenario_folder_is_refused(void **state)
{
    (void)state;
    char dir[300], target[300], msg[400];
    fx_mkdir("real");
    fx_put("real/results.json", "theirs\n");
    fx_path(target, sizeof target, "real");
    fx_path(dir, sizeof dir, "out");
    assert_int_equal(symlink(target, dir), 0);
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    fx_write(tc_outset_add(o, "results.json"), "new\n");
    assert_int_equal(tc_outset_commit(o), TC_ERR_WRITE);
    snprintf(msg, sizeof msg, "%s: a symbolic link: tokcost writes through no link", dir);
    assert_string_equal(tc_outset_error(o), msg);
    tc_outset_free(o);
    assert_string_equal(fx_slurp("real/results.json"), "theirs\n");
    assert_int_equal(fx_count("", ".tokcost-"), 0);
}

/* A child half-way through a render: files added and written, no commit. */
static pid_t render_then_wait(const char *dir, int fds[2])
{
    assert_int_equal(pipe(fds), 0);
    pid_t kid = fork();
    if (kid == 0) {
        tc_outset *o = tc_outset_new(dir, NULL, 0);
        for (size_t i = 0; i < N_SET; i++)
            fx_write(tc_outset_add(o, set_names[i]), "X");
        (void)!write(fds[1], "r", 1);
        alarm(30);              /* should the test fail before it signals */
        pause();
        _exit(0);
    }
    char c;
    assert_int_equal(read(fds[0], &c, 1), 1);
    return kid;
}

static void a_stopped_render_removes_its_stage(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    assert_int_equal(commit_set(dir, "A", 0), TC_OK);
    const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        int fds[2], status;
        pid_t kid = render_then_wait(dir, fds);
        assert_true(hidden("") > 0);
        kill(kid, sigs[i]);
        assert_int_equal(waitpid(kid, &status, 0), kid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i]);
        assert_int_equal(hidden(""), 0);
        close(fds[0]);
        close(fds[1]);
    }
    assert_string_equal(fx_slurp("out/report.pdf"), "A");
}

static void a_killed_render_is_swept_by_the_next(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "out");
    assert_int_equal(commit_set(dir, "A", 0), TC_OK);
    fx_put("out/notes.txt", "mine\n");
    int fds[2], status;
    pid_t kid = render_then_wait(dir, fds);
    kill(kid, SIGKILL);
    assert_int_equal(waitpid(kid, &status, 0), kid);
    assert_true(hidden("") > 0);                        /* SIGKILL cannot be caught */
    /* A live run's stage is left alone: only a dead one's lock is free. */
    int fds2[2];
    pid_t live = render_then_wait(dir, fds2);
    assert_int_equal(commit_set(dir, "B", 0), TC_OK);
    assert_int_equal(hidden(""), 1);
    kill(live, SIGTERM);
    waitpid(live, &status, 0);
    assert_int_equal(hidden(""), 0);
    assert_string_equal(fx_slurp("out/results.json"), "B");
    assert_string_equal(fx_slurp("out/notes.txt"), "mine\n");
    for (int k = 0; k < 2; k++) {
        close(k ? fds2[0] : fds[0]);
        close(k ? fds2[1] : fds[1]);
    }
}

/* The sweep after a dead -j worker (tc_render_sweep) on its own. */
static void the_sweep_alone_removes_a_dead_stage(void **state)
{
    (void)state;
    char dir[300];
    fx_path(dir, sizeof dir, "fresh");
    int fds[2], status;
    pid_t kid = render_then_wait(dir, fds);
    kill(kid, SIGKILL);
    waitpid(kid, &status, 0);
    assert_true(hidden("") > 0);
    tc_render_sweep(dir);
    assert_int_equal(fx_count("", ""), 0);                 /* no folder was ever in place */
    tc_render_sweep(dir);                               /* nothing to do: no error */
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, outset_setup, outset_teardown)
    const struct CMUnitTest tests[] = {
        T(a_reader_never_sees_two_runs_mixed),
        T(concurrent_commits_leave_one_set_whole),
        T(four_runs_at_once_all_commit),
        T(the_users_files_survive),
        T(a_linked_folder_is_not_followed),
        T(a_linked_scenario_folder_is_refused),
        T(a_stopped_render_removes_its_stage),
        T(a_killed_render_is_swept_by_the_next),
        T(the_sweep_alone_removes_a_dead_stage),
    };
    return cmocka_run_group_tests_name("outset_atomic", tests, NULL, NULL);
}
