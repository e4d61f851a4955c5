/* The fixture of the output-set tests (tests/test_outset*.c): a temporary
 * folder, fx_root, made before each test (outset_setup) and removed after
 * (outset_teardown), and the helpers that write, read and list files in
 * it. Define OUTSET_FIXTURE_NAME (the folder's name in /tmp, before its
 * random suffix) before including. */
#ifndef OUTSET_FIXTURE_H
#define OUTSET_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef OUTSET_FIXTURE_NAME
#error "define OUTSET_FIXTURE_NAME before including outset_fixture.h"
#endif

static char fx_root[256];

static inline int outset_setup(void **state)
{
    (void)state;
    snprintf(fx_root, sizeof fx_root, "/tmp/" OUTSET_FIXTURE_NAME "_XXXXXX");
    return mkdtemp(fx_root) ? 0 : -1;
}

static inline int outset_teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_root);
    return system(cmd) == 0 ? 0 : -1;
}

/* fx_root/rel into buf. */
static inline void fx_path(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/%s", fx_root, rel);
}

/* Writes text to the file at path (a test failure when it cannot). */
static inline void fx_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static inline void fx_put(const char *rel, const char *text)
{
    char p[512];
    fx_path(p, sizeof p, rel);
    fx_write(p, text);
}

static inline void fx_mkdir(const char *rel)
{
    char p[512];
    fx_path(p, sizeof p, rel);
    assert_int_equal(mkdir(p, 0777), 0);
}

/* The text of the file at path (its first 4095 bytes, in a buffer the
 * next call reuses), or NULL when it cannot be opened. */
static inline char *fx_read(const char *path)
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

static inline char *fx_slurp(const char *rel)
{
    char p[512];
    fx_path(p, sizeof p, rel);
    return fx_read(p);
}

/* Entries of the folder dir whose name starts with prefix ("": all), "."
 * and ".." aside; -1 when there is no folder. */
static inline int fx_count_in(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0 && strcmp(e->d_name, ".") != 0 &&
             strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static inline int fx_count(const char *rel, const char *prefix)
{
    char p[512];
    fx_path(p, sizeof p, rel);
    return fx_count_in(p, prefix);
}

#endif
