/* Reading files into memory (bounded), the include: list and bid files.
 * Each bid file is walked with its own name, so that its errors point into
 * it; its bytes are hashed after the scenario's, in inclusion order. */
#include "load_internal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void read_error(const char *path, tc_diags *d, int err)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s", strerror(err));
    for (char *q = msg; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    tc_diags_add(d, path, 1, 1, "", "cannot read the file: %s", msg);
}

tc_status tc_ld_slurp(const char *path, char **buf, size_t *len, tc_diags *d)
{
    return tc_ld_slurp_as(path, path, buf, len, d);
}

tc_status tc_ld_slurp_as(const char *real, const char *path, char **buf, size_t *len,
                         tc_diags *d)
{
    *buf = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; only regular
     * files (and folders, refused by the read) are read at all */
    int fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        close(fd);
        tc_diags_add(d, path, 1, 1, "", "cannot read the file: not a regular file");
        return TC_ERR_READ;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        read_error(path, d, err);
        return TC_ERR_READ;
    }
    size_t cap = TC_LOAD_MAX_FILE_BYTES + 1;   /* one more byte tells "too large" */
    char *b = malloc(cap + 1);
    if (!b) {
        fclose(f);
        d->oom = 1;
        return TC_ERR_NOMEM;
    }
    size_t n = fread(b, 1, cap, f);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        free(b);
        read_error(path, d, err);
        return TC_ERR_READ;
    }
    if (n > TC_LOAD_MAX_FILE_BYTES) {
        free(b);
        tc_diags_add(d, path, 1, 1, "", "the file is larger than %u bytes (the limit is 4 MiB)",
                     (unsigned)TC_LOAD_MAX_FILE_BYTES);
        return TC_ERR_INVALID;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return TC_OK;
}

void tc_ld_bid_file(tc_ld *c, const tc_node *root, tc_scenario *s)
{
    static const char *const k_bid[] = {"platforms", NULL};
    /* A file that is no bid at all (a system file, a note) is said to be
     * so, without quoting a byte of it: its keys could be secrets. */
    if (root->bad)
        return;
    if (root->kind != TC_NODE_MAP || !tc_ld_get(root, "platforms")) {
        tc_ld_err(c, root, "not a bid file (expected a mapping with a platforms: list)");
        return;
    }
    if (!tc_ld_map(c, root, k_bid))
        return;
    const tc_node *l = tc_ld_require(c, root, "platforms");
    if (!l)
        return;
    size_t old = tc_ld_push(c, "platforms");
    if (l->kind == TC_NODE_SEQ && l->n_kids == 0)
        tc_ld_err(c, l, "expected at least one platform");
    tc_ld_platforms(c, l, s);
    tc_ld_pop(c, old);
}

/* Reads (from its resolved path `real`, or `file` when NULL), hashes and
 * walks one bid file; its errors name it as `file`. */
void tc_ld_include_file(tc_ld *c, const char *file, const char *real, tc_scenario *s,
                        void *sha_ctx)
{
    struct sha256_ctx *sha = sha_ctx;
    char *buf;
    size_t len;
    tc_node *root;
    size_t before = c->d->count;
    tc_status st = tc_ld_slurp_as(real ? real : file, file, &buf, &len, c->d);
    if (st == TC_OK) {
        sha256_update(sha, len, (const uint8_t *)buf);
        if (tc_yaml_read(file, buf, len, &root, c->d) == TC_OK) {
            tc_ld bid;
            tc_ld_init(&bid, file, c->d);
            bid.sha = sha;
            bid.platform_ids = c->platform_ids;
            tc_ld_apply_deferred(root, c->opts, c->d, c->deferred);
            tc_ld_placeholders(&bid, root);
            tc_ld_bid_file(&bid, root, s);
            c->oom |= bid.oom;
            tc_node_free(root);
        }
        free(buf);
    }
    if (st == TC_ERR_READ)
        c->read_err = 1;
    c->errors += c->d->count - before;
}

/* The pattern relative to the scenario's folder, newly allocated. */
static char *include_pattern(tc_ld *c, const tc_node *item, const char *scenario_path)
{
    const char *slash = strrchr(scenario_path, '/');
    size_t dir = (item->text[0] == '/' || !slash) ? 0 : (size_t)(slash - scenario_path) + 1;
    char *p = malloc(dir + item->len + 1);
    if (!p) {
        c->oom = c->d->oom = 1;
        return NULL;
    }
    memcpy(p, scenario_path, dir);
    memcpy(p + dir, item->text, item->len + 1);
    return p;
}

#define OUTSIDE "is outside the scenario's folder (includes stay in its folder tree; " \
                "--include-anywhere lifts this)"

static int anywhere;

void tc_load_include_anywhere(int on)
{
    anywhere = on != 0;
}

/* A file path for a message: escaped, whole (tc_ld_esc keeps 40 bytes). */
static void err_path(tc_ld *c, const tc_node *item, const char *path, const char *what)
{
    char *p = tc_escape(path, strlen(path), 4096);
    tc_ld_err(c, item, "\"%s\" %s", p ? p : "?", what);
    free(p);
}

char *tc_ld_root_of(const char *scenario_path)
{
    const char *slash = strrchr(scenario_path, '/');
    char *dir = slash ? strndup(scenario_path, (size_t)(slash - scenario_path) + 1)
                      : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    return real;
}

char *tc_ld_confined(tc_ld *c, const tc_node *item, const char *root, const char *match)
{
    char *real = realpath(match, NULL);
    if (!real) {
        if (errno == ENOMEM)
            c->oom = c->d->oom = 1;
        else
            err_path(c, item, match, errno == ENOENT ? "leads nowhere (a dangling link)"
                                                     : "cannot be resolved");
        return NULL;
    }
    size_t n = root ? strlen(root) : 0;
    int inside = root && strncmp(real, root, n) == 0 && (real[n] == '/' || root[n - 1] == '/');
    if (inside || anywhere)
        return real;
    err_path(c, item, match, OUTSIDE);
    free(real);
    return NULL;
}

/* Whether the folder a pattern lists (its part before the first wildcard)
 * is outside root: then it is refused before glob walks it (a pattern of
 * "/" would walk the whole file system before the 256-file limit). */
static int lists_outside(const char *root, const char *pattern)
{
    size_t w = strcspn(pattern, "*?[\\");
    const char *slash = NULL;
    for (size_t i = 0; i < w; i++)
        slash = pattern[i] == '/' ? pattern + i : slash;
    char *dir = slash ? strndup(pattern, (size_t)(slash - pattern) + 1) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    size_t n = root ? strlen(root) : 0;
    int outside = real && root && !(strncmp(real, root, n) == 0 &&
                                     (real[n] == '/' || real[n] == '\0' || root[n - 1] == '/'));
    free(dir);
    free(real);
    return outside;
}

/* The files included so far (resolved paths) and the item of each: a file
 * met again is "included twice", not a bid of duplicate ids. */
typedef struct {
    char **real;
    size_t *item;
    size_t n;
} seen_files;

/* 1 when real was included before (reported at item), 0 when it is new
 * (remembered, or not when out of memory: then only the later check of
 * ids stands). */
static int seen_before(tc_ld *c, seen_files *seen, const tc_node *item, size_t index,
                       const char *match, const char *real)
{
    for (size_t i = 0; i < seen->n; i++)
        if (strcmp(seen->real[i], real) == 0) {
            char what[96];
            snprintf(what, sizeof what, "is included twice (include[%zu] included it first)",
                     seen->item[i]);
            err_path(c, item, match, what);
            return 1;
        }
    char **r = realloc(seen->real, (seen->n + 1) * sizeof *r);
    seen->real = r ? r : seen->real;
    size_t *it = r ? realloc(seen->item, (seen->n + 1) * sizeof *it) : NULL;
    seen->item = it ? it : seen->item;
    if (r && it && (r[seen->n] = strdup(real)) != NULL)
        it[seen->n++] = index;
    return 0;
}

int tc_ld_glob(tc_ld *c, const tc_node *item, const char *base_path, glob_t *g)
{
    tc_esc e;
    if (item->bad)
        return 0;
    if (item->kind != TC_NODE_SCALAR || item->len == 0 || strlen(item->text) != item->len) {
        tc_ld_err(c, item, "expected a file path or pattern, got %s", tc_ld_kind_name(item));
        return 0;
    }
    char *pattern = include_pattern(c, item, base_path);
    if (!pattern)
        return 0;
    char *root = tc_ld_root_of(base_path);
    if (!root) {                    /* out of memory, or the folder is gone */
        c->oom = c->d->oom = 1;
        free(pattern);
        return 0;
    }
    if (!anywhere && lists_outside(root, pattern)) {
        tc_ld_err(c, item, "\"%s\" " OUTSIDE, tc_ld_esc(&e, item->text, item->len));
        free(root);
        free(pattern);
        return 0;
    }
    int cut = 0, rc = tc_ld_glob_bounded(pattern, g, &cut);
    free(pattern);
    if (cut) {
        tc_ld_err(c, item, "\"%s\" reads more than %u folder entries (a pattern must name "
                  "the bid files' folder: at most %u files are included)",
                  tc_ld_esc(&e, item->text, item->len), (unsigned)TC_LOAD_MAX_WALK,
                  (unsigned)TC_LOAD_MAX_INCLUDES);
        rc = -1;
    } else if (rc == GLOB_NOMATCH)
        tc_ld_err(c, item, "no file matches \"%s\"", tc_ld_esc(&e, item->text, item->len));
    else if (rc != 0)
        tc_ld_err(c, item, "cannot list the files of \"%s\"", tc_ld_esc(&e, item->text, item->len));
    for (size_t i = 0; rc == 0 && i < g->gl_pathc; i++) {
        char *real = tc_ld_confined(c, item, root, g->gl_pathv[i]);
        rc = real ? 0 : -1;     /* one error for the item, not one per match */
        free(real);
    }
    free(root);
    if (rc != 0)
        globfree(g);
    return rc == 0;
}

/* Expands one include: item; returns the number of files it added. */
static size_t include_item(tc_ld *c, const tc_node *item, const char *scenario_path,
                           tc_scenario *s, struct sha256_ctx *sha, size_t count,
                           seen_files *seen, size_t index)
{
    glob_t g;
    if (!tc_ld_glob(c, item, scenario_path, &g))
        return 0;
    char *root = tc_ld_root_of(scenario_path);
    if (!root) {
        c->oom = c->d->oom = 1;
        globfree(&g);
        return 0;
    }
    size_t added = 0;
    for (size_t i = 0; i < g.gl_pathc; i++, added++) {
        if (count + added >= TC_LOAD_MAX_INCLUDES) {
            tc_ld_err(c, item, "more than %u included files (expected at most %u)",
                      (unsigned)TC_LOAD_MAX_INCLUDES, (unsigned)TC_LOAD_MAX_INCLUDES);
            added = TC_LOAD_MAX_INCLUDES;
            break;
        }
        size_t errors = c->errors;
        char *real = tc_ld_confined(c, item, root, g.gl_pathv[i]);
        if (real && !seen_before(c, seen, item, index, g.gl_pathv[i], real))
            tc_ld_include_file(c, g.gl_pathv[i], real, s, sha);
        free(real);
        if (!real && c->errors != errors)
            break;                  /* one error for the item, not one per match */
    }
    globfree(&g);
    free(root);
    return added;
}

void tc_ld_includes(tc_ld *c, const tc_node *list, const char *scenario_path,
                    tc_scenario *s, void *sha)
{
    if (!tc_ld_seq(c, list))
        return;
    size_t count = 0;
    seen_files seen = {0};
    for (size_t i = 0; i < list->n_kids && count < TC_LOAD_MAX_INCLUDES; i++) {
        size_t old = tc_ld_push_index(c, i);
        count += include_item(c, list->kids[i], scenario_path, s, sha, count, &seen, i);
        tc_ld_pop(c, old);
    }
    for (size_t i = 0; i < seen.n; i++)
        free(seen.real[i]);
    free(seen.real);
    free(seen.item);
}
