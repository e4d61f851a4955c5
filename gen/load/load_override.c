/* What-if overrides ("key.path=value", e.g. assumptions.utilization=0.4,
 * platforms[h200].pricing.cloud.gpu_hour=1.2, platforms[0].gpus_per_node=8):
 * the value replaces (or adds) a scalar in the tree before the schema walk,
 * so it is checked exactly like one written in the file. */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;       /* the whole override */
    int index;              /* 1-based */
    tc_diags *d;
} tc_ov;

/* Reports at column `at` of the override; the key path is the whole text
 * before '=' (escaped, not cut short: it is what the user has to correct). */
static void ov_err(const tc_ov *o, const char *at, const char *msg, const char *arg, size_t len)
{
    tc_esc e;
    const char *eq = strchr(o->text, '=');
    size_t plen = eq ? (size_t)(eq - o->text) : strlen(o->text);
    char *key = tc_escape(o->text, plen, 400);
    if (!key) {
        o->d->oom = 1;
        return;
    }
    tc_diags_add(o->d, "--set", o->index, (int)(at - o->text) + 1, key, msg,
                 arg ? tc_ld_esc(&e, arg, len) : "");
    free(key);
}

static tc_node *ov_node(const tc_ov *o, tc_node_kind kind, const char *at, const char *s, size_t len)
{
    tc_node *n = tc_node_new(kind, o->index, (int)(at - o->text) + 1);
    if (!n)
        return NULL;
    n->set = o->index;
    if (kind == TC_NODE_SCALAR) {
        n->text = malloc(len + 1);
        if (!n->text) {
            free(n);
            return NULL;
        }
        memcpy(n->text, s, len);
        n->text[len] = '\0';
        n->len = len;
    }
    return n;
}

/* The value slot of key in map, added (as an empty mapping) when absent. */
static tc_node **ov_key(const tc_ov *o, tc_node *map, const char *k, size_t len)
{
    for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
        const tc_node *key = map->kids[i];
        if (!key->bad && key->kind == TC_NODE_SCALAR && key->len == len && memcmp(key->text, k, len) == 0)
            return &map->kids[i + 1];
    }
    tc_node *key = ov_node(o, TC_NODE_SCALAR, k, k, len);
    tc_node *val = ov_node(o, TC_NODE_MAP, k, NULL, 0);
    if (!key || !val || tc_node_append(map, key) != 0) {
        tc_node_free(key);
        tc_node_free(val);
        return NULL;
    }
    if (tc_node_append(map, val) != 0) {
        map->n_kids--;
        tc_node_free(key);
        tc_node_free(val);
        return NULL;
    }
    return &map->kids[map->n_kids - 1];
}

/* The item of seq named by sel: a decimal index or an id. */
static tc_node **ov_item(const tc_ov *o, tc_node *seq, const char *sel, size_t len)
{
    int digits = len > 0;
    size_t idx = 0;
    for (size_t i = 0; i < len; i++) {
        digits &= sel[i] >= '0' && sel[i] <= '9';
        idx = idx < 100000000 ? idx * 10 + (size_t)(sel[i] - '0') : idx;
    }
    if (digits) {
        if (idx < seq->n_kids)
            return &seq->kids[idx];
        ov_err(o, sel, "no item [%s] in this list", sel, len);
        return NULL;
    }
    for (size_t i = 0; i < seq->n_kids; i++) {
        const tc_node *id = tc_ld_get(seq->kids[i], "id");
        if (id && id->kind == TC_NODE_SCALAR && id->len == len && memcmp(id->text, sel, len) == 0)
            return &seq->kids[i];
    }
    ov_err(o, sel, "no item with id \"%s\" in this list", sel, len);
    return NULL;
}

/* Follows [sel][sel]... after a key; *pp is just past the key name. */
static tc_node **ov_selectors(const tc_ov *o, tc_node **slot, const char **pp, const char *eq)
{
    const char *p = *pp;
    while (slot && p < eq && *p == '[') {
        const char *close = memchr(p, ']', (size_t)(eq - p));
        if (!close) {
            ov_err(o, p, "missing ] (expected key.path=value)%s", NULL, 0);
            return NULL;
        }
        if ((*slot)->kind != TC_NODE_SEQ) {
            ov_err(o, p, "not a list (expected key.path=value)%s", NULL, 0);
            return NULL;
        }
        slot = ov_item(o, *slot, p + 1, (size_t)(close - p - 1));
        p = close + 1;
    }
    *pp = p;
    return slot;
}

static void ov_apply(const tc_ov *o, tc_node *root)
{
    const char *eq = strchr(o->text, '=');
    if (!eq || eq == o->text) {
        ov_err(o, o->text, "expected key.path=value, e.g. assumptions.utilization=0.4%s", NULL, 0);
        return;
    }
    tc_node **slot = &root, *val;
    const char *p = o->text;
    while (slot && p < eq) {
        const char *name = p;
        while (p < eq && *p != '.' && *p != '[')
            p++;
        if (p == name || (*slot)->kind != TC_NODE_MAP) {
            ov_err(o, name, p == name ? "empty key (expected key.path=value)%s"
                                      : "not a mapping (expected key.path=value)%s", NULL, 0);
            return;
        }
        slot = ov_key(o, *slot, name, (size_t)(p - name));
        if (!slot) {
            o->d->oom = 1;
            return;
        }
        slot = ov_selectors(o, slot, &p, eq);
        if (p < eq && *p == '.')
            p++;
    }
    if (!slot || !(val = ov_node(o, TC_NODE_SCALAR, eq + 1, eq + 1, strlen(eq + 1)))) {
        if (!slot)
            return;
        o->d->oom = 1;
        return;
    }
    tc_node_free(*slot);
    *slot = val;
}

/* The id of "platforms[ID]..." (*len bytes), or NULL when the override
 * names no platform by id. */
static const char *ov_platform_id(const char *text, size_t *len)
{
    static const char head[] = "platforms[";
    if (strncmp(text, head, sizeof head - 1) != 0)
        return NULL;
    const char *id = text + sizeof head - 1, *eq = strchr(text, '=');
    const char *close = strchr(id, ']');
    if (!close || (eq && close > eq) || close == id || strspn(id, "0123456789") >= (size_t)(close - id))
        return NULL;
    *len = (size_t)(close - id);
    return id;
}

/* Whether root's platforms list holds an item with this id. */
static int ov_has_platform(const tc_node *root, const char *id, size_t len)
{
    const tc_node *l = tc_ld_get(root, "platforms");
    for (size_t i = 0; l && l->kind == TC_NODE_SEQ && i < l->n_kids; i++) {
        const tc_node *v = tc_ld_get(l->kids[i], "id");
        if (v && v->kind == TC_NODE_SCALAR && v->len == len && memcmp(v->text, id, len) == 0)
            return 1;
    }
    return 0;
}

void tc_ld_apply_overrides(tc_node *root, const tc_load_opts *opts, tc_diags *d,
                           unsigned char *deferred)
{
    for (size_t i = 0; opts && root && i < opts->n_overrides; i++) {
        tc_ov o = {opts->overrides[i], (int)i + 1, d};
        size_t len;
        const char *id = ov_platform_id(o.text, &len);
        if (deferred && id && !ov_has_platform(root, id, len))
            deferred[i] = 1;    /* a platform of an included bid file, perhaps */
        else
            ov_apply(&o, root);
    }
}

void tc_ld_apply_deferred(tc_node *bid, const tc_load_opts *opts, tc_diags *d,
                          unsigned char *deferred)
{
    for (size_t i = 0; opts && deferred && bid && i < opts->n_overrides; i++) {
        tc_ov o = {opts->overrides[i], (int)i + 1, d};
        size_t len;
        const char *id = ov_platform_id(o.text, &len);
        if (deferred[i] && id && ov_has_platform(bid, id, len)) {
            deferred[i] = 0;
            ov_apply(&o, bid);
        }
    }
}

void tc_ld_report_deferred(const tc_load_opts *opts, tc_diags *d, const unsigned char *deferred)
{
    for (size_t i = 0; opts && deferred && i < opts->n_overrides; i++) {
        tc_ov o = {opts->overrides[i], (int)i + 1, d};
        size_t len;
        const char *id = ov_platform_id(o.text, &len);
        if (deferred[i] && id)
            ov_err(&o, id, "no platform with id \"%s\" in the scenario or its included bid files",
                   id, len);
    }
}
