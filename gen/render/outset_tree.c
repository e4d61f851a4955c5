/* The folder walks of the output set, all from directory descriptors and
 * never through a link: a link is removed or moved as itself, a folder is
 * entered only by openat(O_NOFOLLOW). What is tokcost's (a name it writes,
 * written now or claimed) and stale is removed; anything else is the
 * user's and ends up in the new folder. */
#define _GNU_SOURCE
#include "outset_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* rel is a name this set writes or claims. */
static int named(const tc_outset *o, const char *rel)
{
    if (strcmp(rel, OUTSET_MARK) == 0)
        return 1;
    for (size_t i = 0; i < o->n_claimed; i++)
        if (strcmp(o->claimed[i], rel) == 0)
            return 1;
    for (size_t i = 0; i < o->n_files; i++)
        if (strcmp(o->files[i]->rel, rel) == 0)
            return 1;
    return 0;
}

static int under(const char *name, const char *rel, size_t len)
{
    return strncmp(name, rel, len) == 0 && name[len] == '/';
}

/* rel is a folder tokcost's names live in (charts). */
static int named_folder(const tc_outset *o, const char *rel)
{
    size_t len = strlen(rel);
    for (size_t i = 0; i < o->n_claimed; i++)
        if (under(o->claimed[i], rel, len))
            return 1;
    for (size_t i = 0; i < o->n_files; i++)
        if (under(o->files[i]->rel, rel, len))
            return 1;
    return 0;
}

static int is_input_at(const tc_outset *o, int dirfd, const char *name)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, 0) != 0)
        return 0;
    for (size_t i = 0; i < o->n_inputs; i++)
        if (o->inputs[i].dev == st.st_dev && o->inputs[i].ino == st.st_ino)
            return 1;
    return 0;
}

/* The names in a folder ("." and ".." aside), read before any is changed. */
static char **list_dir(int dirfd, size_t *n)
{
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    char **names = NULL;
    *n = 0;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    rewinddir(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char **m = realloc(names, (*n + 1) * sizeof *m);
        if (!m || !(m[*n] = strdup(e->d_name))) {
            names = m ? m : names;
            break;
        }
        names = m;
        (*n)++;
    }
    closedir(d);
    return names;
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

typedef struct {
    tc_outset *o;
    outset_mode mode;
    int from, to;
    const char *name;
    char *rel;
    struct stat os;
} entry;

/* A folder both sides share (charts/): walked in turn. */
static tc_status descend(entry *e, int have_new)
{
    int made = !have_new && mkdirat(e->to, e->name, 0777) == 0;
    int sf = openat(e->from, e->name, DIR_FLAGS), st_ = openat(e->to, e->name, DIR_FLAGS);
    size_t len = strlen(e->rel);
    char *prefix = malloc(len + 2);
    tc_status st = TC_OK;
    if (sf >= 0 && st_ >= 0 && prefix) {
        snprintf(prefix, len + 2, "%s/", e->rel);
        st = outset_walk(e->o, e->mode, sf, st_, prefix);
    }
    free(prefix);
    if (sf >= 0)
        close(sf);
    if (st_ >= 0)
        close(st_);
    if (made)
        (void)unlinkat(e->to, e->name, AT_REMOVEDIR);   /* only if nothing came over */
    if (e->mode == OUTSET_DRAIN)
        (void)unlinkat(e->from, e->name, AT_REMOVEDIR);
    return st;
}

static tc_status walk_folder(entry *e, int have_new, const struct stat *ns)
{
    if ((have_new && S_ISDIR(ns->st_mode)) || named_folder(e->o, e->rel))
        return descend(e, have_new);
    if (have_new && e->mode == OUTSET_CARRY) {
        outset_set_error(e->o, "%s/%s: %s", e->o->dir, e->rel, strerror(EISDIR));
        return TC_ERR_WRITE;
    }
    if (!have_new && e->mode == OUTSET_DRAIN)
        (void)renameat(e->from, e->name, e->to, e->name);
    return TC_OK;
}

/* A file or a link: stale when tokcost's (a link where tokcost keeps a
 * folder too) and not an input; the same file in both (a carried hard
 * link) is dropped from the old side. */
static tc_status walk_file(entry *e, int have_new, const struct stat *ns)
{
    mode_t m = e->os.st_mode;
    int same = have_new && ns->st_dev == e->os.st_dev && ns->st_ino == e->os.st_ino;
    int stale = (named(e->o, e->rel) || (S_ISLNK(m) && named_folder(e->o, e->rel))) &&
                (S_ISREG(m) || S_ISLNK(m)) && !is_input_at(e->o, e->from, e->name);
    if (e->mode == OUTSET_CARRY) {
        if (!have_new && !stale && !same)
            (void)linkat(e->from, e->name, e->to, e->name, 0);  /* else moved after the swap */
        return TC_OK;
    }
    if (same || stale) {
        if (unlinkat(e->from, e->name, 0) != 0 && errno != ENOENT) {
            outset_set_error(e->o, "%s/%s/%s: cannot remove the output of an earlier run: %s",
                             e->o->parent, e->o->old_name, e->rel, strerror(errno));
            return TC_ERR_WRITE;
        }
    } else if (!have_new) {
        (void)renameat(e->from, e->name, e->to, e->name);
    }
    return TC_OK;
}

static tc_status walk_entry(entry *e)
{
    struct stat ns;
    if (fstatat(e->from, e->name, &e->os, AT_SYMLINK_NOFOLLOW) != 0)
        return TC_OK;                           /* gone meanwhile */
    int have_new = fstatat(e->to, e->name, &ns, AT_SYMLINK_NOFOLLOW) == 0;
    return S_ISDIR(e->os.st_mode) ? walk_folder(e, have_new, &ns) : walk_file(e, have_new, &ns);
}

tc_status outset_walk(tc_outset *o, outset_mode mode, int from, int to, const char *prefix)
{
    size_t n, plen = strlen(prefix);
    char **names = list_dir(from, &n);
    tc_status st = TC_OK, first = TC_OK;
    for (size_t i = 0; i < n && !(mode == OUTSET_CARRY && first != TC_OK); i++) {
        size_t len = plen + strlen(names[i]) + 1;
        entry e = {o, mode, from, to, names[i], malloc(len), {0}};
        if (!e.rel)
            continue;
        snprintf(e.rel, len, "%s%s", prefix, names[i]);
        st = walk_entry(&e);
        first = first == TC_OK ? st : first;
        free(e.rel);
    }
    free_list(names, n);
    return first;
}

void outset_remove_tree(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, DIR_FLAGS);
    if (fd >= 0) {
        size_t n;
        char **names = list_dir(fd, &n);
        for (size_t i = 0; i < n; i++) {
            struct stat st;
            if (fstatat(fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
                outset_remove_tree(fd, names[i]);
            else
                (void)unlinkat(fd, names[i], 0);
        }
        free_list(names, n);
        close(fd);
    }
    (void)unlinkat(dirfd, name, AT_REMOVEDIR);
}

static int digits(const char **s)
{
    const char *p = *s;
    while (**s >= '0' && **s <= '9')
        (*s)++;
    return *s > p;
}

int outset_leftover_of(const char *entry_name, const char *name)
{
    size_t pl = strlen(OUTSET_PREFIX), nl = strlen(name);
    if (strncmp(entry_name, OUTSET_PREFIX, pl) || strncmp(entry_name + pl, name, nl) ||
        entry_name[pl + nl] != '-')
        return 0;
    const char *s = entry_name + pl + nl + 1;
    if (!digits(&s) || *s++ != '-' || !digits(&s))
        return 0;
    return strcmp(s, ".old") == 0 || strcmp(s, ".tmp") == 0;
}

/* A leftover whose lock nobody holds belongs to a dead run. A stage never
 * swapped in (it holds OUTSET_MARK) is removed whole; an old folder
 * swapped or moved out loses its stale outputs and gives the user's files
 * back, or, with no folder in its place, is put back whole. Where the
 * folder is a link or a file, the leftover is left alone. */
static void sweep_one(tc_outset *o, const char *e)
{
    int fd = openat(o->parent_fd, e, DIR_FLAGS);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (fd >= 0)
            close(fd);
        return;                                 /* a link, or a live run's */
    }
    int cur = openat(o->parent_fd, o->name, DIR_FLAGS);
    int missing = cur < 0 && errno == ENOENT;
    if (faccessat(fd, OUTSET_MARK, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        outset_remove_tree(o->parent_fd, e);    /* never published: all of it ours */
    } else if (missing) {
        (void)renameat(o->parent_fd, e, o->parent_fd, o->name);  /* the last set, back */
    } else if (cur >= 0) {
        char keep[sizeof o->old_name];
        snprintf(keep, sizeof keep, "%s", o->old_name);
        snprintf(o->old_name, sizeof o->old_name, "%s", e);
        (void)outset_walk(o, OUTSET_DRAIN, fd, cur, "");
        snprintf(o->old_name, sizeof o->old_name, "%s", keep);
        (void)unlinkat(o->parent_fd, e, AT_REMOVEDIR);
    }
    if (cur >= 0)
        close(cur);
    close(fd);
}

void outset_sweep(tc_outset *o)
{
    size_t n;
    char **names = list_dir(o->parent_fd, &n);
    for (size_t i = 0; i < n; i++) {
        if ((!o->stage_name || strcmp(names[i], o->stage_name)) &&
            outset_leftover_of(names[i], o->name))
            sweep_one(o, names[i]);
    }
    free_list(names, n);
    o->error[0] = '\0';                         /* a leftover is no error of this run */
}
