/* tokcost render: each scenario into DIR/<file stem>/, -j N at once.
 * A bad scenario does not stop the others; the exit status is the worst.
 * A what-if (--set) renders into DIR/<stem>+<key=value>.../ so it can never
 * replace the original report, and the same what-if replaces its own. */
#include "tc_render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

char *cli_file_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    static const char *const exts[] = {".yaml", ".yml"};
    for (size_t i = 0; i < 2; i++) {
        size_t el = strlen(exts[i]);
        if (len > el && strcmp(base + len - el, exts[i]) == 0) {
            len -= el;
            break;
        }
    }
    return strndup(base, len);
}

#define WHATIF_MAX 120          /* bytes of "+key=value" kept in a folder name */

static int name_safe(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           strchr("._=-", c) != NULL;
}

/* "+assumptions.utilization=0.4+..." for the --set list. A character a
 * folder name should not hold becomes '_', and a name that was changed or
 * cut gets a hash of the exact overrides, so two what-ifs never share one. */
static void whatif_suffix(const cli_args *a, char *buf, size_t n)
{
    uint32_t h = 2166136261u;       /* FNV-1a */
    size_t o = 0;
    int lossy = 0;
    for (size_t i = 0; i < a->n_sets; i++) {
        const char *s = a->sets[i];
        for (size_t k = 0; k == 0 || s[k - 1]; k++) {
            unsigned char ch = k == 0 ? '+' : (unsigned char)s[k - 1];
            int keep = k == 0 || name_safe(ch);
            h = (h ^ ch) * 16777619u;
            lossy |= !keep;
            if (o + 1 < WHATIF_MAX && o + 1 < n)
                buf[o++] = keep ? (char)ch : '_';
            else
                lossy = 1;
        }
    }
    buf[o] = '\0';
    if (lossy && n > o + 10)
        snprintf(buf + o, n - o, "-%08x", (unsigned)h);
}

/* A stem as a folder name that no what-if folder and no output stage can
 * take: '+' starts a what-if's suffix and ".tokcost-" names a stage
 * (outset.c), so a '+' becomes '_' and a leading '.' of ".tokcost-" too,
 * with a hash of the exact stem ("a+b" -> "a_b-1c2d3e4f"). Other stems
 * are kept as they are. */
static char *folder_stem(char *stem)
{
    int lossy = strchr(stem, '+') != NULL || strncmp(stem, ".tokcost-", 9) == 0;
    if (!lossy)
        return stem;
    uint32_t h = 2166136261u;       /* FNV-1a, as for what-ifs */
    for (const char *c = stem; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    size_t len = strlen(stem) + 10;
    char *out = malloc(len);
    if (out) {
        snprintf(out, len, "%s-%08x", stem, (unsigned)h);
        for (char *c = out; *c; c++)
            *c = *c == '+' ? '_' : *c;
        if (out[0] == '.')
            out[0] = '_';
    }
    free(stem);
    return out;
}

/* DIR/<stem><what-if suffix>, or NULL when the file has no usable name or
 * memory ran out (*oom set). */
static char *out_dir(const cli_args *a, const char *file, const char *suffix, int *oom)
{
    char *stem = cli_file_stem(file);
    stem = stem ? folder_stem(stem) : NULL;
    char *dir = NULL;
    *oom = stem == NULL;
    if (stem && stem[0] && strcmp(stem, ".") && strcmp(stem, "..")) {
        size_t len = strlen(a->out_dir) + strlen(stem) + strlen(suffix) + 2;
        if ((dir = malloc(len)) != NULL)
            snprintf(dir, len, "%s/%s%s", a->out_dir, stem, suffix);
        *oom = dir == NULL;
    }
    free(stem);
    return dir;
}

/* Output folder of each scenario; two scenarios into one folder is a usage
 * error (the second would replace the first). */
static int out_dirs(const cli_args *a, const cli_files *f, char **dirs)
{
    char suffix[WHATIF_MAX + 16];
    whatif_suffix(a, suffix, sizeof suffix);
    for (size_t i = 0; i < f->n; i++) {
        int oom;
        if (!(dirs[i] = out_dir(a, f->paths[i], suffix, &oom)) && oom) {
            fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
            return TC_EXIT_WRITE;
        }
        if (!dirs[i])
            return cli_usage_error("'%s': no file name to name its output folder after",
                                   f->paths[i]);
        for (size_t k = 0; k < i; k++)
            if (strcmp(dirs[k], dirs[i]) == 0)
                return cli_usage_error("'%s' and '%s' would both render into %s", f->paths[k],
                                       f->paths[i], dirs[i]);
    }
    return 0;
}

static int render_one(const cli_args *a, const char *path, const char *dir)
{
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    int rc = cli_evaluate(a, path, &s, &r);
    if (rc == TC_EXIT_OK) {
        /* -j N already keeps N processes busy; alone, a scenario's outputs
         * share the machine's cores (up to 4: there are 12 jobs at most,
         * the PDF the longest). */
        long cpus = a->jobs > 1 ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
        tc_render_opts opts = {.templates_dir = a->templates_dir,
                               .threads = cpus < 1 ? 1 : cpus > 4 ? 4 : (int)cpus};
        char err[2048] = "";
        tc_status st = tc_render_scenario(r, dir, a->formats, &opts, err, sizeof err);
        if (st != TC_OK)
            fprintf(stderr, "tokcost: %s\n", err[0] ? err : tc_strerror(st));
        rc = cli_exit_for(st);
    }
    tc_results_free(r);
    tc_scenario_free(s);
    return rc;
}

typedef struct {
    const cli_args *a;
    const cli_files *f;
    char **dirs;
    int progress;               /* a line per scenario and a summary (terminal) */
    size_t done;                /* rendered */
    int worst;
} batch;

static int work(void *ctx, size_t i)
{
    batch *b = ctx;
    return render_one(b->a, b->f->paths[i], b->dirs[i]);
}

/* The errors a worker caught, then the scenario's progress line. */
static void report(void *ctx, size_t i, const cli_job *j)
{
    batch *b = ctx;
    if (j->err_len)
        fwrite(j->err, 1, j->err_len, stderr);
    if (j->lost[0]) {
        tc_render_sweep(b->dirs[i]);     /* its stage: nobody holds its lock now */
        fprintf(stderr, "tokcost: %s: rendering stopped by %s; nothing written for it\n",
                b->f->paths[i], j->lost);
    }
    b->done += j->rc == TC_EXIT_OK;
    b->worst = j->rc > b->worst ? j->rc : b->worst;
    if (!b->progress)
        return;
    int width = snprintf(NULL, 0, "%zu", b->f->n);
    if (j->rc == TC_EXIT_OK)
        printf("[%*zu/%zu] %s -> %s/ (%.2f s)\n", width, i + 1, b->f->n, b->f->paths[i],
               b->dirs[i], j->secs);
    else
        printf("[%*zu/%zu] %s: failed, see the errors above (%.2f s)\n", width, i + 1, b->f->n,
               b->f->paths[i], j->secs);
}

static void summary(const batch *b, double secs)
{
    size_t n = b->f->n, failed = n - b->done;
    printf("%zu of %zu scenario%s rendered into %s/ in %.2f s", b->done, n, n == 1 ? "" : "s",
           b->a->out_dir, secs);
    if (failed)
        printf("; %zu failed", failed);
    printf(b->a->jobs > 1 ? " (-j %d)\n" : "\n", b->a->jobs);
}

int cli_render(const cli_args *a)
{
    cli_files f;
    int rc = cli_files_expand(a, &f);
    if (rc)
        return rc;
    batch b = {a, &f, calloc(f.n ? f.n : 1, sizeof(char *)), !a->quiet && isatty(STDOUT_FILENO),
               0, TC_EXIT_OK};
    if (!b.dirs) {
        fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
        cli_files_free(&f);
        return TC_EXIT_WRITE;
    }
    rc = out_dirs(a, &f, b.dirs);
    if (rc == 0) {
        double start = cli_now();
        cli_pool_run(f.n, a->jobs, work, report, &b);
        if (b.progress)
            summary(&b, cli_now() - start);
        rc = b.worst;
    }
    for (size_t i = 0; i < f.n; i++)
        free(b.dirs[i]);
    free(b.dirs);
    cli_files_free(&f);
    return rc;
}
