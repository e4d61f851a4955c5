/* The atomic output set. A scenario's outputs are built in a hidden stage
 * folder beside the scenario's folder (<parent>/.tokcost-<name>-<pid>-<n>.tmp)
 * and the stage replaces the folder in one step, renameat2(RENAME_EXCHANGE):
 * a reader, a crash or a kill sees the old set or the new one, never a mix.
 * The user's own files in the folder are hard-linked into the stage before
 * the swap (their folders moved just after it), so they survive; commits of
 * one folder are serialised by a lock on its parent, so the last one wins
 * whole. Everything is opened from directory descriptors without following
 * links (outset_tree.c). */
#define _GNU_SOURCE
#include "outset_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

void outset_set_error(tc_outset *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->error, sizeof o->error, fmt, ap);
    va_end(ap);
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, la);
    s[la] = '/';
    memcpy(s + la + 1, b, lb + 1);
    return s;
}

/* "out/x" -> parent "out", name "x"; "x" -> ".", "x". */
static int split_dir(tc_outset *o)
{
    size_t len = strlen(o->dir);
    while (len > 1 && o->dir[len - 1] == '/')
        o->dir[--len] = '\0';
    const char *slash = strrchr(o->dir, '/');
    o->parent = !slash ? strdup(".") : slash == o->dir ? strdup("/")
                                                        : strndup(o->dir, (size_t)(slash - o->dir));
    o->name = strdup(slash ? slash + 1 : o->dir);
    return o->parent && o->name ? 0 : -1;
}

tc_outset *tc_outset_new(const char *dir, const char *const *inputs, size_t n_inputs)
{
    tc_outset *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    pthread_mutex_init(&o->lock, NULL);
    o->parent_fd = o->stage_fd = o->slot = -1;
    o->dir = strdup(dir);
    o->inputs = calloc(n_inputs ? n_inputs : 1, sizeof *o->inputs);
    if (!o->dir || !o->inputs || split_dir(o) != 0) {
        tc_outset_free(o);
        return NULL;
    }
    for (size_t i = 0; i < n_inputs; i++) {
        struct stat st;
        /* An input that cannot be stat'ed cannot be overwritten either. */
        if (inputs[i] && stat(inputs[i], &st) == 0) {
            o->inputs[o->n_inputs].dev = st.st_dev;
            o->inputs[o->n_inputs].ino = st.st_ino;
            o->n_inputs++;
        }
    }
    return o;
}

/* Whether path exists and is one of the inputs (same device and inode). */
static int is_input(const tc_outset *o, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    for (size_t i = 0; i < o->n_inputs; i++)
        if (o->inputs[i].dev == st.st_dev && o->inputs[i].ino == st.st_ino)
            return 1;
    return 0;
}

static int remember_dir(tc_outset *o, const char *path)
{
    char **d = realloc(o->made_dirs, (o->n_made_dirs + 1) * sizeof *d);
    if (!d)
        return -1;
    o->made_dirs = d;
    if (!(d[o->n_made_dirs] = strdup(path)))
        return -1;
    o->n_made_dirs++;
    return 0;
}

/* mkdir -p of the folders above the scenario's (the user's -o path). */
static int make_parents(tc_outset *o)
{
    char *p = join(o->parent, "");
    if (!p) {
        outset_set_error(o, "%s: %s", o->dir, strerror(ENOMEM));
        return -1;
    }
    int rc = 0;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0777) == 0) {
            rc = remember_dir(o, p);
            if (rc != 0) {
                rmdir(p);   /* not remembered: would outlive an abort */
                outset_set_error(o, "%s: %s", p, strerror(ENOMEM));
            }
        } else if (errno != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            outset_set_error(o, "%s: %s", p, strerror(errno == EEXIST ? ENOTDIR : errno));
            rc = -1;
        }
        *s = '/';
    }
    free(p);
    return rc;
}

/* The stage's folder, locked and marked. Called under the parent's lock:
 * another run's sweep (which holds it) must never find the stage between
 * its mkdir and its flock, unlocked and unmarked, and take it for a dead
 * run's (two concurrent renders of one folder lost outputs so). */
static int stage_dir(tc_outset *o)
{
    static unsigned long serial;
    char buf[64];
    snprintf(buf, sizeof buf, "-%ld-%lu.tmp", (long)getpid(),
             __atomic_fetch_add(&serial, 1, __ATOMIC_RELAXED));
    size_t len = strlen(OUTSET_PREFIX) + strlen(o->name) + strlen(buf) + 1;
    if (!(o->stage_name = malloc(len))) {
        outset_set_error(o, "%s: %s", o->dir, strerror(errno));
        return -1;
    }
    snprintf(o->stage_name, len, "%s%s%s", OUTSET_PREFIX, o->name, buf);
    o->stage = join(o->parent, o->stage_name);
    if (!o->stage || mkdirat(o->parent_fd, o->stage_name, 0777) != 0) {
        outset_set_error(o, "%s: %s", o->dir, strerror(o->stage ? errno : ENOMEM));
        return -1;
    }
    o->stage_fd = openat(o->parent_fd, o->stage_name,
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int mark = -1;
    if (o->stage_fd < 0 || flock(o->stage_fd, LOCK_EX | LOCK_NB) != 0 ||
        (mark = openat(o->stage_fd, OUTSET_MARK, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
        outset_set_error(o, "%s: %s", o->dir, strerror(errno));
        return -1;
    }
    close(mark);
    return 0;
}

/* A stage that could not be made leaves nothing: each renderer's output
 * asks for it in turn (on its own thread), and each attempt held names and
 * descriptors the next one overwrote (a leak that LeakSanitizer turned
 * into exit 1 when two renderers of a read-only folder asked at once). */
static void stage_undo(tc_outset *o)
{
    if (o->stage_fd >= 0) {
        close(o->stage_fd);
        o->stage_fd = -1;
    }
    if (o->stage_name && o->stage)
        outset_remove_tree(o->parent_fd, o->stage_name);   /* made, not marked: empty */
    free(o->stage_name);
    free(o->stage);
    o->stage_name = o->stage = NULL;
}

/* The stage, made on the first output: a fresh hidden folder beside the
 * scenario's, locked (shared with nobody) for as long as this set lives. */
static int make_stage(tc_outset *o)
{
    if (o->stage_fd >= 0)
        return 0;
    if (make_parents(o) != 0)
        return -1;
    o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->parent_fd < 0) {
        outset_set_error(o, "%s: %s", o->parent, strerror(errno));
        return -1;
    }
    (void)flock(o->parent_fd, LOCK_EX);     /* as commit: a lock the file system lacks serialises nothing */
    int rc = stage_dir(o);
    if (rc != 0)
        stage_undo(o);
    else
        o->slot = outset_signal_watch(o->stage);
    if (o->parent_fd >= 0)
        (void)flock(o->parent_fd, LOCK_UN);
    if (rc != 0 && o->parent_fd >= 0) {
        close(o->parent_fd);
        o->parent_fd = -1;
    }
    return rc;
}

/* A relative name inside the folder: no absolute path, no "..", no empty part. */
static int valid_rel(const char *rel)
{
    if (!rel[0] || rel[0] == '/')
        return 0;
    for (const char *s = rel; *s;) {
        size_t len = strcspn(s, "/");
        if (len == 0 || (len == 2 && s[0] == '.' && s[1] == '.') || (len == 1 && s[0] == '.'))
            return 0;
        s += len;
        if (*s == '/' && !*++s)
            return 0;
    }
    return 1;
}

static int registered(const tc_outset *o, const char *rel)
{
    for (size_t i = 0; i < o->n_files; i++)
        if (strcmp(o->files[i]->rel, rel) == 0)
            return 1;
    return 0;
}

/* The sub-folders of rel inside the stage (charts/), made without
 * following links; the stage is ours, so they are too. */
static int make_stage_dirs(tc_outset *o, const char *rel)
{
    char *p = strdup(rel);
    int rc = p ? 0 : -1;
    for (char *s = p; rc == 0 && (s = strchr(s, '/')) != NULL; *s++ = '/') {
        *s = '\0';
        if (mkdirat(o->stage_fd, p, 0777) != 0 && errno != EEXIST)
            rc = -1;
    }
    free(p);
    return rc;
}

static void file_free(outset_file *f)
{
    if (f) {
        free(f->rel);
        free(f->path);
        free(f);
    }
}

static const char *create_file(tc_outset *o, const char *rel)
{
    outset_file *f = calloc(1, sizeof *f);
    int fd = -1;
    if (f) {
        *f = (outset_file){strdup(rel), join(o->stage, rel), pthread_self(), 0, 0};
        if (f->rel && f->path && make_stage_dirs(o, rel) == 0)
            fd = openat(o->stage_fd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        0666);
        else
            errno = f->rel && f->path ? errno : ENOMEM;
    }
    if (fd < 0 || close(fd) != 0) {
        outset_set_error(o, "%s/%s: %s", o->dir, rel, strerror(f ? errno : ENOMEM));
        file_free(f);
        return NULL;
    }
    o->files[o->n_files++] = f;
    return f->path;
}

static const char *add_locked(tc_outset *o, const char *rel)
{
    o->error[0] = '\0';
    if (o->committed || !valid_rel(rel)) {
        outset_set_error(o, "%s: invalid output name", rel);
        return NULL;
    }
    char *final = join(o->dir, rel);
    outset_file **files = realloc(o->files, (o->n_files + 1) * sizeof *files);
    if (files)
        o->files = files;
    if (!final || !files) {
        outset_set_error(o, "%s: %s", rel, strerror(ENOMEM));
        free(final);
        return NULL;
    }
    const char *refused = registered(o, rel)     ? "output registered twice"
                          : is_input(o, final) ? "output path is an input file" : NULL;
    if (refused)
        outset_set_error(o, "%s: %s", final, refused);
    free(final);
    if (refused || make_stage(o) != 0)
        return NULL;
    return create_file(o, rel);
}

const char *tc_outset_add(tc_outset *o, const char *rel)
{
    pthread_mutex_lock(&o->lock);
    const char *tmp = add_locked(o, rel);
    pthread_mutex_unlock(&o->lock);
    return tmp;
}

/* Complete and on disk: a non-empty regular file, fsync'ed once. Errors go
 * to o->error under the lock: renderer threads sync side by side. */
static tc_status sync_file(tc_outset *o, outset_file *f)
{
    struct stat st;
    int fd = openat(o->stage_fd, f->rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int err = fd < 0 || fstat(fd, &st) != 0 ? errno : 0;
    const char *why = err ? strerror(err) : NULL;
    if (!why && (!S_ISREG(st.st_mode) || st.st_size == 0))
        why = "output is empty";
    else if (!why && !f->synced && fsync(fd) != 0)
        why = strerror(errno);
    if (fd >= 0)
        close(fd);
    if (why) {
        pthread_mutex_lock(&o->lock);
        outset_set_error(o, "%s/%s: %s", o->dir, f->rel, why);
        pthread_mutex_unlock(&o->lock);
        return TC_ERR_WRITE;
    }
    f->synced = 1;
    return TC_OK;
}

enum { MAX_MINE = 64 };

/* The calling thread's files not yet synced, at most MAX_MINE. */
static size_t mine_unsynced(tc_outset *o, outset_file **mine)
{
    size_t k = 0;
    pthread_mutex_lock(&o->lock);
    for (size_t i = 0; i < o->n_files && k < MAX_MINE; i++)
        /* owner first: `synced` and `started` are written by the owner
         * alone, unlocked, so another thread's files must not have them read */
        if (pthread_equal(o->files[i]->owner, pthread_self()) && !o->files[i]->synced)
            mine[k++] = o->files[i];
    pthread_mutex_unlock(&o->lock);
    return k;
}

tc_status tc_outset_sync(tc_outset *o)
{
    outset_file *mine[MAX_MINE];
    size_t k = mine_unsynced(o, mine);
    /* Unlocked: the other threads' fsyncs and renders run beside this one. */
    tc_status st = TC_OK;
    for (size_t i = 0; i < k && st == TC_OK; i++)
        st = sync_file(o, mine[i]);
    return st;
}

void tc_outset_start_sync(tc_outset *o)
{
    outset_file *mine[MAX_MINE];
    size_t k = mine_unsynced(o, mine);
    for (size_t i = 0; i < k; i++) {
        if (mine[i]->started)
            continue;
        mine[i]->started = 1;
        int fd = openat(o->stage_fd, mine[i]->rel, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;       /* advisory: tc_outset_sync finds and reports it */
        (void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        close(fd);
    }
}

static tc_status claim_locked(tc_outset *o, const char *rel)
{
    if (o->committed || !valid_rel(rel)) {
        outset_set_error(o, "%s: invalid output name", rel);
        return TC_ERR_WRITE;
    }
    char **c = realloc(o->claimed, (o->n_claimed + 1) * sizeof *c);
    if (c)
        o->claimed = c;
    if (!c || !(o->claimed[o->n_claimed] = strdup(rel))) {
        outset_set_error(o, "%s/%s: %s", o->dir, rel, strerror(ENOMEM));
        return TC_ERR_NOMEM;
    }
    o->n_claimed++;
    return TC_OK;
}

tc_status tc_outset_claim(tc_outset *o, const char *const *rels, size_t n)
{
    pthread_mutex_lock(&o->lock);
    o->error[0] = '\0';
    tc_status st = TC_OK;
    for (size_t i = 0; i < n && st == TC_OK; i++)
        st = claim_locked(o, rels[i]);
    pthread_mutex_unlock(&o->lock);
    return st;
}

/* Each folder of the stage synced once (the stage, charts/), after its
 * files: the swap then publishes a set whose every entry is on disk. */
static void sync_stage_dirs(tc_outset *o)
{
    (void)fsync(o->stage_fd);
    for (size_t i = 0; i < o->n_files; i++) {
        const char *rel = o->files[i]->rel, *slash = strrchr(rel, '/');
        size_t len = slash ? (size_t)(slash - rel) : 0, k = 0;
        while (len && k < i && (strncmp(o->files[k]->rel, rel, len + 1) != 0 ||
                                strchr(o->files[k]->rel + len + 1, '/')))
            k++;
        if (!len || k < i)
            continue;                       /* the stage itself, or seen */
        char *d = strndup(rel, len);
        int fd = d ? openat(o->stage_fd, d, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        if (fd >= 0) {
            (void)fsync(fd);                /* some file systems refuse: not an error */
            close(fd);
        }
        free(d);
    }
}

/* The scenario's folder as it is: its descriptor, or -1 with *fresh when
 * there is none yet; a link or a file in its place is refused. */
static int open_current(tc_outset *o, int *fresh)
{
    int fd = openat(o->parent_fd, o->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    *fresh = fd < 0 && errno == ENOENT;
    if (fd < 0 && !*fresh) {
        int link = fstatat(o->parent_fd, o->name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                   S_ISLNK(st.st_mode);
        outset_set_error(o, "%s: %s", o->dir,
                         link ? "a symbolic link: tokcost writes through no link" : strerror(errno));
    } else if (fd >= 0 && fstat(fd, &st) == 0) {
        (void)fchmod(o->stage_fd, st.st_mode & 07777);  /* the folder keeps its mode */
    }
    return fd;
}

/* Where the file system lacks RENAME_EXCHANGE: the old folder is moved
 * aside (<stage>.old) first; a reader then finds no folder for an instant,
 * never a mix, and a sweep puts the old one back after a crash between. */
static int swap_aside(tc_outset *o)
{
    int pf = o->parent_fd;
    size_t len = strlen(o->stage_name);
    memcpy(o->old_name, o->stage_name, len - 4);
    memcpy(o->old_name + len - 4, ".old", 5);
    if (renameat(pf, o->name, pf, o->old_name) != 0)
        return -1;
    if (renameat(pf, o->stage_name, pf, o->name) == 0)
        return 0;
    int e = errno;
    (void)renameat(pf, o->old_name, pf, o->name);
    errno = e;
    return -1;
}

/* One step: the stage takes the folder's name, the old folder the stage's. */
static int swap_in(tc_outset *o, int fresh)
{
    int pf = o->parent_fd;
    snprintf(o->old_name, sizeof o->old_name, "%s", o->stage_name);
    int rc = renameat2(pf, o->stage_name, pf, o->name, fresh ? RENAME_NOREPLACE : RENAME_EXCHANGE);
    if (rc != 0 && errno == EINVAL)
        rc = fresh ? renameat(pf, o->stage_name, pf, o->name) : swap_aside(o);
    return rc;
}

/* Under the parent's lock, signals held: sweep what dead runs left, carry
 * the user's files into the stage, swap, drain the old folder. */
static tc_status commit_locked(tc_outset *o)
{
    outset_sweep(o);
    int fresh, cur = open_current(o, &fresh);
    if (cur < 0 && !fresh)
        return TC_ERR_WRITE;
    tc_status st = cur >= 0 ? outset_walk(o, OUTSET_CARRY, cur, o->stage_fd, "") : TC_OK;
    if (st == TC_OK && swap_in(o, fresh) != 0) {
        outset_set_error(o, "%s: %s", o->dir, strerror(errno));
        st = TC_ERR_WRITE;
    }
    if (st == TC_OK) {
        o->committed = 1;
        (void)unlinkat(o->stage_fd, OUTSET_MARK, 0);    /* the stage is the folder now */
        (void)fsync(o->parent_fd);
        outset_signal_forget(o->slot);
        o->slot = -1;
        if (cur >= 0 && (st = outset_walk(o, OUTSET_DRAIN, cur, o->stage_fd, "")) == TC_OK)
            (void)unlinkat(o->parent_fd, o->old_name, AT_REMOVEDIR);
    }
    if (cur >= 0)
        close(cur);
    return st;
}

static void hold_signals(int block, sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(block ? SIG_BLOCK : SIG_SETMASK, block ? &set : old, block ? old : NULL);
}

tc_status tc_outset_commit(tc_outset *o)
{
    o->error[0] = '\0';
    if (o->committed) {
        outset_set_error(o, "%s: output set committed twice", o->dir);
        return TC_ERR_WRITE;
    }
    if (make_stage(o) != 0)
        return TC_ERR_WRITE;
    for (size_t i = 0; i < o->n_files; i++) {
        char *final = join(o->dir, o->files[i]->rel);
        int same = final && is_input(o, final);
        free(final);
        if (same) {
            outset_set_error(o, "%s/%s: output path is an input file", o->dir, o->files[i]->rel);
            return TC_ERR_SAME_FILE;
        }
        if (sync_file(o, o->files[i]) != TC_OK)
            return TC_ERR_WRITE;
    }
    sync_stage_dirs(o);
    sigset_t old;
    hold_signals(1, &old);
    (void)flock(o->parent_fd, LOCK_EX);     /* a lock the file system lacks serialises nothing */
    tc_status st = commit_locked(o);
    (void)flock(o->parent_fd, LOCK_UN);
    hold_signals(0, &old);
    return st;
}

void tc_outset_sweep_only(tc_outset *o)
{
    o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->parent_fd < 0)
        return;
    (void)flock(o->parent_fd, LOCK_EX);
    outset_sweep(o);
    (void)flock(o->parent_fd, LOCK_UN);
}

void tc_outset_final_names(const tc_outset *o, const char *why, char *out, size_t n)
{
    size_t sl = o->stage ? strlen(o->stage) : 0, o_len = 0;
    if (!n)
        return;
    while (*why && o_len + 1 < n) {
        if (sl && strncmp(why, o->stage, sl) == 0) {
            int k = snprintf(out + o_len, n - o_len, "%s", o->dir);
            o_len += k < 0 ? 0 : (size_t)k < n - o_len ? (size_t)k : n - o_len - 1;
            why += sl;
        } else {
            out[o_len++] = *why++;
        }
    }
    out[o_len] = '\0';
}

const char *tc_outset_error(const tc_outset *o)
{
    return o ? o->error : "";
}

void tc_outset_free(tc_outset *o)
{
    if (!o)
        return;
    outset_signal_forget(o->slot);
    if (!o->committed && o->stage_name && o->parent_fd >= 0)
        outset_remove_tree(o->parent_fd, o->stage_name);
    for (size_t i = 0; i < o->n_files; i++)
        file_free(o->files[i]);
    /* Deepest first; rmdir leaves a folder that holds anything else. */
    for (size_t i = o->n_made_dirs; i-- > 0;) {
        if (!o->committed)
            rmdir(o->made_dirs[i]);
        free(o->made_dirs[i]);
    }
    free(o->made_dirs);
    for (size_t i = 0; i < o->n_claimed; i++)
        free(o->claimed[i]);
    free(o->claimed);
    free(o->files);
    free(o->inputs);
    if (o->stage_fd >= 0)
        close(o->stage_fd);
    if (o->parent_fd >= 0)
        close(o->parent_fd);
    free(o->stage);
    free(o->stage_name);
    free(o->name);
    free(o->parent);
    free(o->dir);
    pthread_mutex_destroy(&o->lock);
    free(o);
}
