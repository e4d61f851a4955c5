/* glob over a bounded walk: an include pattern may name at most
 * TC_LOAD_MAX_INCLUDES files, but glob reads every folder entry its
 * wildcards reach before any limit applies (a pattern of six wildcard
 * levels from a scenario at the top of a big tree read the whole tree).
 * Through GLOB_ALTDIRFUNC the walk reads at most TC_LOAD_MAX_WALK entries,
 * then ends as if the folders were empty and says so. glob has no context
 * argument: the count is per thread. */
#include "load_internal.h"

#include <dirent.h>
#include <glob.h>
#include <sys/stat.h>

static _Thread_local size_t walk_left;
static _Thread_local int walk_cut;

static void *walk_opendir(const char *path)
{
    return opendir(path);
}

static void *walk_readdir(void *dir)
{
    if (walk_left == 0) {
        walk_cut = 1;
        return NULL;
    }
    walk_left--;
    return readdir(dir);
}

static void walk_closedir(void *dir)
{
    closedir(dir);
}

static int walk_lstat(const char *restrict path, void *restrict st)
{
    return lstat(path, st);
}

static int walk_stat(const char *restrict path, void *restrict st)
{
    return stat(path, st);
}

int tc_ld_glob_bounded(const char *pattern, glob_t *g, int *cut)
{
    *g = (glob_t){0};
    g->gl_opendir = walk_opendir;
    g->gl_readdir = walk_readdir;
    g->gl_closedir = walk_closedir;
    g->gl_lstat = walk_lstat;
    g->gl_stat = walk_stat;
    walk_left = TC_LOAD_MAX_WALK;
    walk_cut = 0;
    int rc = glob(pattern, GLOB_ALTDIRFUNC, NULL, g);
    *cut = walk_cut;
    return rc;
}
