/* A -j worker that dies while committing a scenario's outputs (renameat2 is
 * wrapped: in a worker, swapping the stage in as a folder named victim*
 * kills it, or makes it exit): the batch goes on, the error is reported in file order,
 * the dead worker's temporary files and the folders it made are removed,
 * and an earlier report of that scenario is left byte-identical. */
#include "tc_cli.h"
#include "tc_test.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static pid_t parent;

int __real_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags);
int __wrap_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags);
int __wrap_renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
    if (getpid() != parent && strcmp(to, "victim_exit") == 0)
        _exit(5);
    if (getpid() != parent && strcmp(to, "victim") == 0)
        raise(SIGKILL);
    return __real_renameat2(fd1, from, fd2, to, flags);
}

typedef struct {
    char dir[64];
    char err[4096];             /* the last run's stderr */
} fixture;

static void copy_seed(const char *to, const char *from_text, const char *to_text)
{
    FILE *in = fopen("scenarios/seed.yaml", "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char line[1024];
    int replaced = from_text == NULL;
    while (fgets(line, sizeof line, in)) {
        char *at = from_text ? strstr(line, from_text) : NULL;
        if (at) {
            fprintf(out, "%.*s%s%s", (int)(at - line), line, to_text, at + strlen(from_text));
            replaced = 1;
        } else {
            fputs(line, out);
        }
    }
    assert_true(replaced);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/tc_crash_XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    char p[128];
    const char *names[] = {"a", "victim", "victim_exit", "d"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s.yaml", f->dir, names[i]);
        copy_seed(p, NULL, NULL);
    }
    snprintf(p, sizeof p, "%s/c.yaml", f->dir);
    copy_seed(p, "utilization: 1.0", "utilization: 1.5");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* tokcost ARGS with the inputs in the fixture's folder; stderr (fd 2, which
 * the workers inherit) is caught into f->err. */
static int tokcost(fixture *f, const char *const *args)
{
    char *argv[16] = {"tokcost"};
    char paths[16][128];
    int argc = 1;
    for (; args[argc - 1]; argc++) {
        const char *a = args[argc - 1];
        if (strstr(a, ".yaml") || strcmp(a, "out") == 0) {
            snprintf(paths[argc], sizeof paths[argc], "%s/%s", f->dir, a);
            argv[argc] = paths[argc];
        } else {
            argv[argc] = (char *)a;
        }
    }
    FILE *out = stdout, *cap = tmpfile();
    assert_non_null(cap);
    fflush(stdout);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0 && dup2(fileno(cap), 2) == 2);
    stdout = fopen("/dev/null", "w");     /* tc_cli_main closes it */
    assert_non_null(stdout);
    int rc = tc_cli_main(argc, argv);
    stdout = out;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    size_t len = (size_t)pread(fileno(cap), f->err, sizeof f->err - 1, 0);
    f->err[len < sizeof f->err ? len : 0] = '\0';
    fclose(cap);
    return rc;
}

static int exists(const fixture *f, const char *rel)
{
    char p[256];
    struct stat st;
    snprintf(p, sizeof p, "%s/out/%s", f->dir, rel);
    return stat(p, &st) == 0;
}

/* Files under DIR/out whose name holds ".tmp" (an output set's temporaries). */
static int temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL) {
        char p[512];
        if (e->d_name[0] == '.' && (!e->d_name[1] || strcmp(e->d_name, "..") == 0))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        n += strstr(e->d_name, ".tmp") != NULL;
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            n += temporaries(p);
    }
    if (d)
        closedir(d);
    return n;
}

static void expect_err(const fixture *f, const char *fmt)
{
    char want[4096];
    const char *d = f->dir;
    snprintf(want, sizeof want, fmt, d, d, d, d, d, d);
    assert_string_equal(f->err, want);
}

#define KILLED "tokcost: %s/victim.yaml: rendering stopped by signal 9 (Killed); nothing written for it\n"
#define EXITED "tokcost: %s/victim_exit.yaml: rendering stopped by exit status 5; nothing written for it\n"
#define BAD_C "%s/c.yaml:17:16: assumptions.utilization: 1.5 is out of range (expected a fraction in [0.01, 1])\n"

static void dead_worker_leaves_nothing(void **state)
{
    fixture *f = *state;
    const char *args[] = {"-j", "2", "a.yaml", "victim.yaml", "c.yaml", "victim_exit.yaml",
                          "d.yaml", "-o", "out", "--formats", "json,png", NULL};
    assert_int_equal(tokcost(f, args), TC_EXIT_WRITE);
    expect_err(f, KILLED BAD_C EXITED);
    assert_true(exists(f, "a/results.json"));
    assert_true(exists(f, "a/charts/cost_per_m_tokens.png"));
    assert_true(exists(f, "d/results.json"));
    assert_false(exists(f, "victim"));
    assert_false(exists(f, "victim_exit"));
    assert_false(exists(f, "c"));
    char out[128];
    snprintf(out, sizeof out, "%s/out", f->dir);
    assert_int_equal(temporaries(out), 0);
}

static char *slurp(const fixture *f, const char *rel, long *len)
{
    char p[256];
    snprintf(p, sizeof p, "%s/out/%s", f->dir, rel);
    FILE *fp = fopen(p, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)*len + 1);
    assert_int_equal(fread(buf, 1, (size_t)*len, fp), (size_t)*len);
    fclose(fp);
    return buf;
}

/* The folder already holds a report: the crash changes none of it. */
static void dead_worker_keeps_the_previous_report(void **state)
{
    fixture *f = *state;
    const char *first[] = {"victim.yaml", "-o", "out", "--formats", "json,png", NULL};
    assert_int_equal(tokcost(f, first), TC_EXIT_OK);        /* no worker: not killed */
    assert_string_equal(f->err, "");
    long n1, n2, p1, p2;
    char *json1 = slurp(f, "victim/results.json", &n1);
    char *png1 = slurp(f, "victim/charts/cost_per_m_tokens.png", &p1);
    const char *again[] = {"-j", "2", "victim.yaml", "a.yaml", "-o", "out", "--formats",
                           "json,png", "--set", "assumptions.utilization=0.5", NULL};
    /* a what-if renders into its own folder, never the victim's */
    assert_int_equal(tokcost(f, again), TC_EXIT_OK);
    assert_true(exists(f, "victim+assumptions.utilization=0.5/results.json"));
    const char *crash[] = {"-j", "2", "victim.yaml", "a.yaml", "-o", "out", "--formats",
                           "json,png", NULL};
    assert_int_equal(tokcost(f, crash), TC_EXIT_WRITE);
    expect_err(f, KILLED);
    char *json2 = slurp(f, "victim/results.json", &n2);
    char *png2 = slurp(f, "victim/charts/cost_per_m_tokens.png", &p2);
    assert_int_equal(n1, n2);
    assert_memory_equal(json1, json2, (size_t)n1);
    assert_int_equal(p1, p2);
    assert_memory_equal(png1, png2, (size_t)p1);
    char out[128];
    snprintf(out, sizeof out, "%s/out", f->dir);
    assert_int_equal(temporaries(out), 0);
    free(json1);
    free(json2);
    free(png1);
    free(png2);
}

int main(void)
{
    parent = getpid();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(dead_worker_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(dead_worker_keeps_the_previous_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
