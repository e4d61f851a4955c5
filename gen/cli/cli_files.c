/* File arguments of render and check: a folder stands for every *.yaml
 * (and *.yml) file directly inside it, in byte order, so a committee can
 * name a folder of bids or workload mixes; sub-folders (such as the bids a
 * scenario includes) are not entered. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Hidden files are skipped: editors leave ".x.yaml.swp"-like companions. */
static int is_yaml_name(const char *name)
{
    size_t len = strlen(name);
    if (name[0] == '.')
        return 0;
    return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

static int push(cli_files *f, char *path, size_t *cap)
{
    if (!path)
        return -1;
    if (f->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **np = realloc(f->paths, nc * sizeof *np);
        if (!np) {
            free(path);
            return -1;
        }
        f->paths = np;
        *cap = nc;
    }
    f->paths[f->n++] = path;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    size_t len = dl + strlen(name) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%.*s/%s", (int)dl, dir, name);
    return p;
}

/* Appends the folder's scenario files, sorted; returns 0 or an exit status. */
static int add_folder(cli_files *f, const char *dir, size_t *cap)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "tokcost: %s: %s\n", dir, strerror(errno));
        return TC_EXIT_INVALID;
    }
    size_t first = f->n;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL)
        if (is_yaml_name(e->d_name) && push(f, join(dir, e->d_name), cap) != 0)
            rc = TC_EXIT_WRITE;
    closedir(d);
    if (rc) {
        fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
        return rc;
    }
    if (f->n == first)
        return cli_usage_error("'%s': no *.yaml file in this folder", dir);
    qsort(f->paths + first, f->n - first, sizeof *f->paths, by_name);
    return 0;
}

int cli_files_expand(const cli_args *a, cli_files *out)
{
    size_t cap = 0;
    *out = (cli_files){0};
    for (size_t i = 0; i < a->n_files; i++) {
        int rc;
        if (is_folder(a->files[i]))
            rc = add_folder(out, a->files[i], &cap);
        else if ((rc = push(out, strdup(a->files[i]), &cap)) != 0) {
            fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
            rc = TC_EXIT_WRITE;
        }
        if (rc) {
            cli_files_free(out);
            return rc;
        }
    }
    return 0;
}

void cli_files_free(cli_files *f)
{
    for (size_t i = 0; f && i < f->n; i++)
        free(f->paths[i]);
    if (f) {
        free(f->paths);
        *f = (cli_files){0};
    }
}
