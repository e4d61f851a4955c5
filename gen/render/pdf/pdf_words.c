/* The report's wording: the files of templates/report, read from --templates DIR or
 * the copy compiled in. A folder must hold every file with exactly the
 * blocks of the built-in copy, so a typo in a block name is an error, not a
 * silently missing paragraph. */
#include "pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(tc_pdf *d, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!f) {
        pdf_fail(d, TC_ERR_READ, "%s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (cap - len < 4096) {
            char *b = cap < (1u << 20) ? realloc(buf, cap ? 2 * cap : 8192) : NULL;
            if (!b) {
                pdf_fail(d, cap ? TC_ERR_INVALID : TC_ERR_NOMEM, "%s: %s", path,
                         cap ? "template larger than 1 MB" : tc_strerror(TC_ERR_NOMEM));
                break;
            }
            buf = b;
            cap = cap ? 2 * cap : 8192;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
    }
    if (d->st == TC_OK && ferror(f))
        pdf_fail(d, TC_ERR_READ, "%s: %s", path, strerror(errno));
    fclose(f);
    if (d->st != TC_OK) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* Every block of the built-in file, and no other, must be in the user's. */
static void same_blocks(tc_pdf *d, const tc_tpl *mine, const tc_tpl *theirs)
{
    for (size_t i = 0; i < tc_tpl_count(mine) && d->st == TC_OK; i++)
        if (!tc_tpl_get(theirs, tc_tpl_block_name(mine, i)))
            pdf_fail(d, TC_ERR_INVALID, "%s: missing block [%s]", tc_tpl_file_name(theirs),
                     tc_tpl_block_name(mine, i));
    for (size_t i = 0; i < tc_tpl_count(theirs) && d->st == TC_OK; i++)
        if (!tc_tpl_get(mine, tc_tpl_block_name(theirs, i)))
            pdf_fail(d, TC_ERR_INVALID, "%s: unknown block [%s]", tc_tpl_file_name(theirs),
                     tc_tpl_block_name(theirs, i));
}

static tc_tpl *parse(tc_pdf *d, const char *file, const char *text)
{
    tc_tpl *t = NULL;
    char err[256];
    tc_status st = tc_tpl_parse(file, text, pdf_var_names, pdf_n_var_names, &t, err, sizeof err);
    if (st != TC_OK)
        pdf_fail(d, st, "%s", err);
    return t;
}

static tc_tpl *load_file(tc_pdf *d, const char *dir, const tc_tpl_file *builtin)
{
    tc_tpl *mine = parse(d, builtin->name, builtin->text);
    if (!dir || !mine)
        return mine;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, builtin->name);
    char *text = read_all(d, path);
    tc_tpl *theirs = text ? parse(d, path, text) : NULL;
    free(text);
    if (theirs)
        same_blocks(d, mine, theirs);
    tc_tpl_free(mine);
    return theirs;
}

static tc_status init_vars(tc_pdf *d)
{
    pdf_words *w = &d->words;
    w->vars = calloc(pdf_n_var_names, sizeof *w->vars);
    w->files = calloc(tc_tpl_builtin_count, sizeof *w->files);
    if (!w->vars || !w->files) {
        pdf_fail(d, TC_ERR_NOMEM, "%s", tc_strerror(TC_ERR_NOMEM));
        return d->st;
    }
    for (size_t i = 0; i < pdf_n_var_names; i++) {
        w->vars[i].name = pdf_var_names[i];
        w->vars[i].value = "";
    }
    w->n_vars = pdf_n_var_names;
    return TC_OK;
}

tc_status pdf_words_load(tc_pdf *d, const char *dir)
{
    if (init_vars(d) != TC_OK)
        return d->st;
    for (size_t i = 0; i < tc_tpl_builtin_count && d->st == TC_OK; i++) {
        d->words.files[i] = load_file(d, dir, &tc_tpl_builtin[i]);
        d->words.n_files = i + 1;
    }
    return d->st;
}

void pdf_words_free(pdf_words *w)
{
    for (size_t i = 0; i < w->n_files; i++)
        tc_tpl_free(w->files[i]);
    free(w->files);
    free(w->vars);
    memset(w, 0, sizeof *w);
}

tc_status pdf_words_set(tc_pdf *d, const char *name, const char *value)
{
    for (size_t i = 0; i < d->words.n_vars; i++)
        if (strcmp(d->words.vars[i].name, name) == 0) {
            char *copy = strdup(value ? value : "");
            d->words.vars[i].value = pdf_keep(d, copy);
            return d->st;
        }
    pdf_fail(d, TC_ERR_RENDER, "no placeholder named %s", name);
    return d->st;
}

const char *pdf_say(tc_pdf *d, const char *file, const char *block)
{
    size_t len = strlen(file);
    for (size_t i = 0; i < d->words.n_files; i++) {
        const tc_tpl *t = d->words.files[i];
        if (!t || strncmp(tc_tpl_builtin[i].name, file, len) != 0 ||
            strcmp(tc_tpl_builtin[i].name + len, ".txt") != 0)
            continue;
        const char *text = tc_tpl_get(t, block);
        if (text)
            return pdf_keep(d, tc_tpl_expand(text, d->words.vars, d->words.n_vars));
    }
    pdf_fail(d, TC_ERR_RENDER, "templates: no block [%s] in %s.txt", block, file);
    return "";
}
