/* The atomic output set: every output of a scenario is written to a
 * temporary file beside its final name and renamed into place only when all
 * of them are complete, so a failed run changes nothing. */
#include "tc_render.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char *final;    /* dir/rel */
    char *tmp;      /* dir/<rel's folder>/.<name>.tmp<pid>-<n> */
    int renamed;
} outset_file;

typedef struct {
    dev_t dev;
    ino_t ino;
} file_id;

struct tc_outset {
    char *dir;
    file_id *inputs;
    size_t n_inputs;
    outset_file *files;
    size_t n_files;
    char **made_dirs;       /* folders this set created: removed again on abort */
    size_t n_made_dirs;
    char **claimed;         /* dir/rel of names to remove on commit unless written */
    size_t n_claimed;
    int committed;
    char error[1024];
    /* Renderers may run on two threads (tc_render_scenario): adding files
     * is serialised. Commit and free happen after they are joined. */
    pthread_mutex_t lock;
};

static void set_error(tc_outset *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_error(tc_outset *o, const char *fmt, ...)
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

tc_outset *tc_outset_new(const char *dir, const char *const *inputs, size_t n_inputs)
{
    tc_outset *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    pthread_mutex_init(&o->lock, NULL);
    o->dir = strdup(dir);
    o->inputs = calloc(n_inputs ? n_inputs : 1, sizeof *o->inputs);
    if (!o->dir || !o->inputs) {
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

/* mkdir -p of the folder part of path (everything before the last '/'). */
static int make_parents(tc_outset *o, const char *path)
{
    char *p = strdup(path);
    if (!p) {
        set_error(o, "%s: %s", path, strerror(ENOMEM));
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
                set_error(o, "%s: %s", p, strerror(ENOMEM));
            }
        } else if (errno != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            set_error(o, "%s: %s", p, strerror(errno == EEXIST ? ENOTDIR : errno));
            rc = -1;
        }
        *s = '/';
    }
    free(p);
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

static char *temp_name(const char *final, size_t serial)
{
    const char *slash = strrchr(final, '/');
    size_t head = slash ? (size_t)(slash - final) + 1 : 0;
    size_t len = strlen(final) + 64;
    char *t = malloc(len);
    if (t)
        snprintf(t, len, "%.*s.%s.tmp%ld-%zu", (int)head, final, final + head,
                 (long)getpid(), serial);
    return t;
}

static int registered(const tc_outset *o, const char *final)
{
    for (size_t i = 0; i < o->n_files; i++)
        if (strcmp(o->files[i].final, final) == 0)
            return 1;
    return 0;
}

static const char *create_temp(tc_outset *o, char *final)
{
    outset_file *f = &o->files[o->n_files];
    f->final = final;
    f->renamed = 0;
    f->tmp = temp_name(final, o->n_files);
    if (!f->tmp) {
        set_error(o, "%s: %s", final, strerror(ENOMEM));
        free(final);
        return NULL;
    }
    int fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 || close(fd) != 0) {
        set_error(o, "%s: %s", final, strerror(errno));
        free(f->tmp);
        free(final);
        return NULL;
    }
    o->n_files++;
    return f->tmp;
}

static const char *add_locked(tc_outset *o, const char *rel)
{
    o->error[0] = '\0';
    if (o->committed || !valid_rel(rel)) {
        set_error(o, "%s: invalid output name", rel);
        return NULL;
    }
    char *final = join(o->dir, rel);
    outset_file *files = realloc(o->files, (o->n_files + 1) * sizeof *files);
    if (files)
        o->files = files;
    if (!final || !files) {
        set_error(o, "%s: %s", rel, strerror(ENOMEM));
        free(final);
        return NULL;
    }
    const char *refused = registered(o, final) ? "output registered twice"
                          : is_input(o, final) ? "output path is an input file" : NULL;
    if (refused) {
        set_error(o, "%s: %s", final, refused);
        free(final);
        return NULL;
    }
    if (make_parents(o, final) != 0) {
        free(final);
        return NULL;
    }
    return create_temp(o, final);
}

const char *tc_outset_add(tc_outset *o, const char *rel)
{
    pthread_mutex_lock(&o->lock);
    const char *tmp = add_locked(o, rel);
    pthread_mutex_unlock(&o->lock);
    return tmp;
}

/* Complete and on disk: exists, non-empty, fsync'ed. */
static tc_status check_temp(tc_outset *o, const outset_file *f)
{
    struct stat st;
    if (stat(f->tmp, &st) != 0) {
        set_error(o, "%s: %s", f->final, strerror(errno));
        return TC_ERR_WRITE;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
        set_error(o, "%s: output is empty", f->final);
        return TC_ERR_WRITE;
    }
    if (is_input(o, f->final)) {
        set_error(o, "%s: output path is an input file", f->final);
        return TC_ERR_SAME_FILE;
    }
    int fd = open(f->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        set_error(o, "%s: %s", f->final, strerror(errno));
        if (fd >= 0)
            close(fd);
        return TC_ERR_WRITE;
    }
    close(fd);
    return TC_OK;
}

/* Makes the renames durable; a folder that cannot be synced is not an error
 * of the output (some file systems refuse fsync on directories). */
static void sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *d = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!d)
        return;
    int fd = open(d[0] ? d : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(d);
}

static tc_status claim_locked(tc_outset *o, const char *rel)
{
    if (o->committed || !valid_rel(rel)) {
        set_error(o, "%s: invalid output name", rel);
        return TC_ERR_WRITE;
    }
    char **c = realloc(o->claimed, (o->n_claimed + 1) * sizeof *c);
    if (c)
        o->claimed = c;
    if (!c || !(o->claimed[o->n_claimed] = join(o->dir, rel))) {
        set_error(o, "%s/%s: %s", o->dir, rel, strerror(ENOMEM));
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

/* Removes the folders between path and the set's folder that path's removal
 * left empty (charts/ once its last chart is gone); rmdir refuses the rest.
 * path is cut at each '/' in turn, then restored. */
static void remove_empty_parents(const tc_outset *o, char *path)
{
    size_t root = strlen(o->dir), len = strlen(path);
    for (char *slash; (slash = strrchr(path, '/')) && (size_t)(slash - path) > root;) {
        *slash = '\0';
        if (rmdir(path) != 0)
            break;
    }
    for (size_t i = root; i < len; i++)
        if (!path[i])
            path[i] = '/';
}

/* Removes path when it is an output of an earlier run: a file or a link, and
 * not an input. A folder or a device under an output's name is the user's. */
static int remove_stale(tc_outset *o, char *path)
{
    struct stat st;
    if (registered(o, path) || lstat(path, &st) != 0 ||
        !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) || is_input(o, path))
        return 0;
    if (unlink(path) != 0 && errno != ENOENT) {
        if (!o->error[0])
            set_error(o, "%s: cannot remove the output of an earlier run: %s", path,
                      strerror(errno));
        return -1;
    }
    remove_empty_parents(o, path);
    sync_dir_of(path);
    return 0;
}

tc_status tc_outset_commit(tc_outset *o)
{
    o->error[0] = '\0';
    if (o->committed) {
        set_error(o, "%s: output set committed twice", o->dir);
        return TC_ERR_WRITE;
    }
    for (size_t i = 0; i < o->n_files; i++) {
        tc_status st = check_temp(o, &o->files[i]);
        if (st != TC_OK)
            return st;
    }
    for (size_t i = 0; i < o->n_files; i++) {
        outset_file *f = &o->files[i];
        if (rename(f->tmp, f->final) != 0) {
            set_error(o, "%s: %s", f->final, strerror(errno));
            return TC_ERR_WRITE;
        }
        f->renamed = 1;
    }
    for (size_t i = 0; i < o->n_files; i++)
        sync_dir_of(o->files[i].final);
    o->committed = 1;
    /* Only now: a failed run leaves the earlier outputs as they were. */
    tc_status st = TC_OK;
    for (size_t i = 0; i < o->n_claimed; i++)
        if (remove_stale(o, o->claimed[i]) != 0)
            st = TC_ERR_WRITE;
    return st;
}

const char *tc_outset_error(const tc_outset *o)
{
    return o ? o->error : "";
}

void tc_outset_free(tc_outset *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_files; i++) {
        if (!o->files[i].renamed)
            unlink(o->files[i].tmp);
        free(o->files[i].tmp);
        free(o->files[i].final);
    }
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
    free(o->dir);
    pthread_mutex_destroy(&o->lock);
    free(o);
}
