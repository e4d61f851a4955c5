/* The output set's internals, shared by outset.c (the set and its commit),
 * outset_tree.c (carrying the user's files over, draining the old folder,
 * sweeping what a killed run left) and outset_signal.c (removing the stage
 * on SIGTERM, SIGINT, SIGHUP). */
#ifndef TC_OUTSET_PRIV_H
#define TC_OUTSET_PRIV_H

#include <pthread.h>
#include <sys/types.h>

#include "tc_render.h"

typedef struct {
    dev_t dev;
    ino_t ino;
} outset_id;

typedef struct {
    char *rel;          /* "charts/cost.png" */
    char *path;         /* <stage>/<rel>: where a library writes it */
    pthread_t owner;    /* the thread that added it syncs it (tc_outset_sync) */
    int started;        /* its writeback started (tc_outset_start_sync) */
    int synced;
} outset_file;

struct tc_outset {
    char *dir;          /* the scenario's folder, <parent>/<name> */
    char *parent;
    char *name;
    char *stage_name;   /* ".tokcost-<name>-<pid>-<n>.tmp" beside <name> */
    char *stage;        /* <parent>/<stage_name>: the new set is built here */
    char old_name[320]; /* where the old folder went: stage_name, or its .old */
    int parent_fd;      /* -1 until the stage exists */
    int stage_fd;       /* flock'ed while the set lives: a sweep skips it */
    outset_id *inputs;
    size_t n_inputs;
    outset_file **files;    /* each its own allocation: syncing threads hold them */
    size_t n_files;
    char **made_dirs;   /* folders above <name> this set created (mkdir -p) */
    size_t n_made_dirs;
    char **claimed;     /* tokcost's names: never carried over as the user's */
    size_t n_claimed;
    int slot;           /* signal cleanup slot, -1: none */
    int committed;      /* the stage replaced the folder */
    char error[1024];
    pthread_mutex_t lock;   /* additions come from renderer threads */
};

#define OUTSET_PREFIX ".tokcost-"
/* In every stage until it is swapped in: a leftover that holds it was
 * never published (all of it is a dead run's); one without it is an old
 * folder swapped out, whose user's files go back. */
#define OUTSET_MARK ".tokcost-stage"

void outset_set_error(tc_outset *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* outset_tree.c. The walk over an old folder `from` against the new one
 * `to`: OUTSET_CARRY (before the swap) hard-links the user's files into the
 * stage; OUTSET_DRAIN (after it, and for a dead run's leftovers) removes
 * tokcost's stale files and moves whatever else is left into `to`. */
typedef enum { OUTSET_CARRY, OUTSET_DRAIN } outset_mode;
tc_status outset_walk(tc_outset *o, outset_mode mode, int from, int to, const char *prefix);
/* Removes a stage that was never swapped in (everything in it is ours). */
void outset_remove_tree(int dirfd, const char *name);
/* Leftovers of dead runs beside the folder (under the parent's lock). */
void outset_sweep(tc_outset *o);
/* Whether name is one of this set's leftovers: OUTSET_PREFIX<name>-P-N.tmp
 * (a stage) or .old (a folder moved aside where RENAME_EXCHANGE is missing). */
int outset_leftover_of(const char *entry, const char *name);

/* The sweep alone, for a folder whose last run died (tc_render_sweep). */
void tc_outset_sweep_only(tc_outset *o);

/* outset_signal.c: a stage emptied and removed if the process is stopped
 * by SIGTERM, SIGINT or SIGHUP; the slot number, or -1 (then not). */
int outset_signal_watch(const char *stage);
void outset_signal_forget(int slot);

#endif
