/* libyaml events -> node tree. The only file that sees libyaml. The event
 * API is used (not the document loader) so that depth, event count and
 * scalar size are bounded before anything deep or large is built, and so
 * that anchors, aliases and tags never reach the schema. */
#include "load_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct {
    const char *file;
    tc_diags *d;
    const char *buf;
    tc_node *stack[TC_LOAD_MAX_DEPTH + 1];
    size_t depth;
    tc_node *root;
    int docs;
    size_t events;
    int fatal;                  /* stop reading: a bound was hit or the parser failed */
} tc_yr;

static void yr_err(tc_yr *r, const yaml_mark_t *m, const char *msg)
{
    tc_diags_add(r->d, r->file, (int)m->line + 1, (int)m->column + 1, "", "%s", msg);
}

/* The byte offset of a mark: libyaml counts lines and characters, and the
 * text before may hold multi-byte UTF-8. buf ends with a NUL. */
static size_t yr_offset(const char *buf, const yaml_mark_t *m)
{
    size_t i = 0;
    for (size_t line = 0; line < m->line && buf[i]; i++)
        line += buf[i] == '\n';
    for (size_t col = 0; buf[i] && buf[i] != '\n'; i++)
        if (((unsigned char)buf[i] & 0xC0) != 0x80 && col++ == m->column)
            break;
    return i;
}

/* Whether the line of buf[i] holds ": " before i. */
static int yr_colon_before(const char *buf, size_t i)
{
    while (i > 0 && buf[i - 1] != '\n') {
        i--;
        if (buf[i] == ':' && (buf[i + 1] == ' ' || buf[i + 1] == '\t'))
            return 1;
    }
    return 0;
}

/* libyaml's words for the mistakes people make, in plain words. at: the
 * byte at the problem mark (0 past the end); returns NULL to keep libyaml's. */
static const char *yr_plain(const yaml_parser_t *p, const char *buf, int *use_context)
{
    size_t i = yr_offset(buf, &p->problem_mark);
    char at = buf[i];
    const char *pb = p->problem ? p->problem : "", *cx = p->context ? p->context : "";
    *use_context = 0;
    if (strstr(pb, "cannot start any token") && at == '\t')
        return "a tab cannot indent yaml (indent with spaces)";
    if (strstr(pb, "cannot start any token") && (at == '@' || at == '`'))
        return "a value cannot start with '@' or '`' (put the value in quotes)";
    if (strstr(cx, "quoted scalar")) {
        *use_context = 1;
        return "this quoted value is never closed (expected a closing quote)";
    }
    if (strstr(pb, "mapping values are not allowed") && yr_colon_before(buf, i))
        return "a second ': ' on this line (quote a value that holds ': ')";
    if (strstr(pb, "expected '-' indicator") || strstr(pb, "did not find expected key") ||
        strstr(pb, "mapping values are not allowed"))
        return "the indentation of this line does not line up with the lines above it";
    if (strstr(pb, "expected ',' or ']'")) {
        *use_context = 1;
        return "this [ list is never closed (expected ',' or ']')";
    }
    if (strstr(pb, "expected ',' or '}'")) {
        *use_context = 1;
        return "this { mapping is never closed (expected ',' or '}')";
    }
    return NULL;
}

static void yr_parser_err(tc_yr *r, const yaml_parser_t *p)
{
    char msg[400];
    yaml_mark_t m = p->problem_mark;
    if (p->error == YAML_READER_ERROR) {
        /* reader errors carry an offset, not a mark */
        m.line = m.column = 0;
        for (size_t i = 0; i < p->problem_offset && r->buf[i]; i++) {
            m.column++;
            if (r->buf[i] == '\n') { m.line++; m.column = 0; }
        }
    }
    int use_context;
    const char *plain = p->error == YAML_READER_ERROR ? NULL : yr_plain(p, r->buf, &use_context);
    if (plain) {
        if (use_context)
            m = p->context_mark;
        yr_err(r, &m, plain);
        r->fatal = 1;
        return;
    }
    snprintf(msg, sizeof msg, "%s", p->problem ? p->problem : "invalid yaml");
    if (p->context)
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " (%s)", p->context);
    for (char *q = msg; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    yr_err(r, &m, msg);
    r->fatal = 1;
}

/* Anchors and tags are reported but the node is kept, so the schema can
 * still check the rest of the file. */
static void yr_props(tc_yr *r, const yaml_event_t *e, const yaml_char_t *anchor,
                     const yaml_char_t *tag)
{
    if (anchor)
        yr_err(r, &e->start_mark, "anchors and aliases are not allowed");
    if (tag)
        yr_err(r, &e->start_mark, "tags are not allowed");
}

/* Attaches n under the open collection (or as the root); checks keys. */
static void yr_attach(tc_yr *r, tc_node *n, const yaml_event_t *e)
{
    if (r->depth == 0) {
        r->root = n;
        return;
    }
    tc_node *parent = r->stack[r->depth - 1];
    if (parent->kind == TC_NODE_MAP && parent->n_kids % 2 == 0) {
        if (n->kind != TC_NODE_SCALAR) {
            yr_err(r, &e->start_mark, "a key must be a plain value, not a mapping or list");
            n->bad = 1;
        } else if (!n->bad && strcmp(n->text, "<<") == 0) {
            yr_err(r, &e->start_mark, "merge keys are not allowed");
            n->bad = 1;
        }
    }
    if (tc_node_append(parent, n) != 0) {
        tc_node_free(n);
        r->d->oom = 1;
        r->fatal = 1;
    }
}

static tc_node *yr_new(tc_yr *r, tc_node_kind kind, const yaml_event_t *e)
{
    tc_node *n = tc_node_new(kind, (int)e->start_mark.line + 1, (int)e->start_mark.column + 1);
    if (!n) {
        r->d->oom = 1;
        r->fatal = 1;
    }
    return n;
}

static void yr_scalar(tc_yr *r, const yaml_event_t *e)
{
    yr_props(r, e, e->data.scalar.anchor, e->data.scalar.tag);
    tc_node *n = yr_new(r, TC_NODE_SCALAR, e);
    if (!n)
        return;
    size_t len = e->data.scalar.length;
    if (len > TC_LOAD_MAX_SCALAR_BYTES) {
        char msg[120];
        snprintf(msg, sizeof msg, "a value longer than %u bytes is not allowed",
                 (unsigned)TC_LOAD_MAX_SCALAR_BYTES);
        yr_err(r, &e->start_mark, msg);
        tc_node_free(n);
        r->fatal = 1;
        return;
    }
    n->text = malloc(len + 1);
    if (!n->text) {
        tc_node_free(n);
        r->d->oom = 1;
        r->fatal = 1;
        return;
    }
    memcpy(n->text, e->data.scalar.value, len);
    n->text[len] = '\0';
    n->len = len;
    yr_attach(r, n, e);
}

static void yr_alias(tc_yr *r, const yaml_event_t *e)
{
    yr_err(r, &e->start_mark, "anchors and aliases are not allowed");
    tc_node *n = yr_new(r, TC_NODE_SCALAR, e);
    if (!n)
        return;
    n->bad = 1;
    n->text = calloc(1, 1);
    if (!n->text) {
        tc_node_free(n);
        r->d->oom = 1;
        r->fatal = 1;
        return;
    }
    yr_attach(r, n, e);
}

static void yr_open(tc_yr *r, const yaml_event_t *e, tc_node_kind kind)
{
    if (kind == TC_NODE_MAP)
        yr_props(r, e, e->data.mapping_start.anchor, e->data.mapping_start.tag);
    else
        yr_props(r, e, e->data.sequence_start.anchor, e->data.sequence_start.tag);
    if (r->depth >= TC_LOAD_MAX_DEPTH) {
        char msg[120];
        snprintf(msg, sizeof msg, "nesting deeper than %d levels is not allowed",
                 TC_LOAD_MAX_DEPTH);
        yr_err(r, &e->start_mark, msg);
        r->fatal = 1;
        return;
    }
    tc_node *n = yr_new(r, kind, e);
    if (!n)
        return;
    yr_attach(r, n, e);
    if (!r->fatal)
        r->stack[r->depth++] = n;
}

static void yr_document(tc_yr *r, const yaml_event_t *e)
{
    if (++r->docs > 1) {
        yr_err(r, &e->start_mark, "a file must hold exactly one yaml document");
        r->fatal = 1;
    }
}

/* Handles one event; returns 1 at the end of the stream. */
static int yr_event(tc_yr *r, const yaml_event_t *e)
{
    if (++r->events > TC_LOAD_MAX_EVENTS) {
        char msg[120];
        snprintf(msg, sizeof msg, "the file has more than %u yaml events (too many values)",
                 (unsigned)TC_LOAD_MAX_EVENTS);
        yr_err(r, &e->start_mark, msg);
        r->fatal = 1;
        return 0;
    }
    switch (e->type) {
    case YAML_STREAM_END_EVENT: return 1;
    case YAML_DOCUMENT_START_EVENT: yr_document(r, e); break;
    case YAML_SCALAR_EVENT: yr_scalar(r, e); break;
    case YAML_ALIAS_EVENT: yr_alias(r, e); break;
    case YAML_MAPPING_START_EVENT: yr_open(r, e, TC_NODE_MAP); break;
    case YAML_SEQUENCE_START_EVENT: yr_open(r, e, TC_NODE_SEQ); break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
        if (r->depth > 0)
            r->depth--;
        break;
    default: break;
    }
    return 0;
}

static void yr_run(tc_yr *r, yaml_parser_t *p)
{
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(p, &e)) {
            yr_parser_err(r, p);
            return;
        }
        int end = yr_event(r, &e);
        yaml_event_delete(&e);
        if (end || r->fatal)
            return;
    }
}

tc_status tc_yaml_read(const char *file, const char *buf, size_t len,
                       tc_node **root, tc_diags *d)
{
    tc_yr r = {.file = file, .d = d, .buf = buf};
    yaml_parser_t p;
    *root = NULL;
    if (!yaml_parser_initialize(&p)) {
        d->oom = 1;
        return TC_ERR_NOMEM;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    yr_run(&r, &p);
    yaml_parser_delete(&p);
    if (!r.fatal && r.docs == 0) {
        tc_diags_add(d, file, 1, 1, "", "the file is empty (expected a mapping of keys)");
        r.fatal = 1;
    }
    if (r.fatal || !r.root) {
        tc_node_free(r.root);
        return d->oom ? TC_ERR_NOMEM : TC_ERR_INVALID;
    }
    /* anchors, tags, merge keys: reported, but the tree is still walked so
     * that every other error of the file is reported too */
    *root = r.root;
    return TC_OK;
}
