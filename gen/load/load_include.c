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
    *buf = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; only regular
     * files (and folders, refused by the read) are read at all */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
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

void tc_ld_include_file(tc_ld *c, const char *file, tc_scenario *s, void *sha_ctx)
{
    struct sha256_ctx *sha = sha_ctx;
    char *buf;
    size_t len;
    tc_node *root;
    size_t before = c->d->count;
    tc_status st = tc_ld_slurp(file, &buf, &len, c->d);
    if (st == TC_OK) {
        sha256_update(sha, len, (const uint8_t *)buf);
        if (tc_yaml_read(file, buf, len, &root, c->d) == TC_OK) {
            tc_ld bid;
            tc_ld_init(&bid, file, c->d);
            bid.sha = sha;
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
    int rc = glob(pattern, 0, NULL, g);
    free(pattern);
    if (rc == GLOB_NOMATCH)
        tc_ld_err(c, item, "no file matches \"%s\"", tc_ld_esc(&e, item->text, item->len));
    else if (rc != 0)
        tc_ld_err(c, item, "cannot list the files of \"%s\"", tc_ld_esc(&e, item->text, item->len));
    if (rc != 0)
        globfree(g);
    return rc == 0;
}

/* Expands one include: item; returns the number of files it added. */
static size_t include_item(tc_ld *c, const tc_node *item, const char *scenario_path,
                           tc_scenario *s, struct sha256_ctx *sha, size_t count)
{
    glob_t g;
    if (!tc_ld_glob(c, item, scenario_path, &g))
        return 0;
    size_t added = 0;
    for (size_t i = 0; i < g.gl_pathc; i++, added++) {
        if (count + added >= TC_LOAD_MAX_INCLUDES) {
            tc_ld_err(c, item, "more than %u included files (expected at most %u)",
                      (unsigned)TC_LOAD_MAX_INCLUDES, (unsigned)TC_LOAD_MAX_INCLUDES);
            added = TC_LOAD_MAX_INCLUDES;
            break;
        }
        tc_ld_include_file(c, g.gl_pathv[i], s, sha);
    }
    globfree(&g);
    return added;
}

void tc_ld_includes(tc_ld *c, const tc_node *list, const char *scenario_path,
                    tc_scenario *s, void *sha)
{
    if (!tc_ld_seq(c, list))
        return;
    size_t count = 0;
    for (size_t i = 0; i < list->n_kids && count < TC_LOAD_MAX_INCLUDES; i++) {
        size_t old = tc_ld_push_index(c, i);
        count += include_item(c, list->kids[i], scenario_path, s, sha, count);
        tc_ld_pop(c, old);
    }
}
