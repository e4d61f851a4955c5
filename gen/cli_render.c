/* tokcost render: each scenario into DIR/<file stem>/, one after another.
 * A bad scenario does not stop the others; the exit status is the worst. */
#include "tc_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* "dir/sub/x.yaml" -> "x" (the folder its outputs go to). */
static char *file_stem(const char *path)
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

/* Output folder of each scenario; two scenarios into one folder is a usage
 * error (the second would replace the first). */
static int out_dirs(const cli_args *a, char **dirs)
{
    for (size_t i = 0; i < a->n_files; i++) {
        char *stem = file_stem(a->files[i]);
        if (!stem) {
            fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
            return TC_EXIT_WRITE;
        }
        size_t len = strlen(a->out_dir) + strlen(stem) + 2;
        int named = stem[0] && strcmp(stem, ".") && strcmp(stem, "..");
        dirs[i] = named ? malloc(len) : NULL;
        if (dirs[i])
            snprintf(dirs[i], len, "%s/%s", a->out_dir, stem);
        free(stem);
        if (!named)
            return cli_usage_error("'%s': no file name to name its output folder after",
                                   a->files[i]);
        if (!dirs[i]) {
            fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
            return TC_EXIT_WRITE;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(dirs[k], dirs[i]) == 0)
                return cli_usage_error("'%s' and '%s' would both render into %s", a->files[k],
                                       a->files[i], dirs[i]);
    }
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int render_one(const cli_args *a, const char *path, const char *dir)
{
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    int rc = cli_evaluate(a, path, &s, &r);
    if (rc == TC_EXIT_OK) {
        tc_render_opts opts = {.templates_dir = a->templates_dir};
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

int cli_render(const cli_args *a)
{
    char **dirs = calloc(a->n_files, sizeof *dirs);
    if (!dirs) {
        fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
        return TC_EXIT_WRITE;
    }
    int setup = out_dirs(a, dirs), worst = setup;   /* not 0: nothing is rendered */
    int progress = !a->quiet && isatty(STDOUT_FILENO);
    size_t done = 0;
    double start = now();
    for (size_t i = 0; setup == 0 && i < a->n_files; i++) {
        double t0 = now();
        int rc = render_one(a, a->files[i], dirs[i]);
        if (rc == TC_EXIT_OK && progress)
            printf("%s -> %s/ (%.2f s)\n", a->files[i], dirs[i], now() - t0);
        done += rc == TC_EXIT_OK;
        worst = rc > worst ? rc : worst;
    }
    if (progress && setup == 0)
        printf("%zu of %zu scenario%s rendered into %s/ in %.2f s\n", done, a->n_files,
               a->n_files == 1 ? "" : "s", a->out_dir, now() - start);
    for (size_t i = 0; i < a->n_files; i++)
        free(dirs[i]);
    free(dirs);
    return worst;
}
