/* Runs the renderers of one scenario through one output set: every file is
 * committed together, or none is. */
#include "tc_cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line per renderer; a renderer that lands is one more line here.
 * formats: the --formats bits it serves (the charts renderer serves png and
 * svg, told which by tc_render_opts). */
static const struct {
    unsigned formats;
    tc_render_fn fn;
} renderers[] = {
    {TC_FMT_JSON, tc_render_json},
    {TC_FMT_PDF, tc_render_pdf},
    {TC_FMT_XLSX, tc_render_xlsx},
    {TC_FMT_PNG | TC_FMT_SVG, tc_render_charts},
};

#define N_RENDERERS (sizeof renderers / sizeof renderers[0])

unsigned tc_render_available(void)
{
    unsigned all = 0;
    for (size_t i = 0; i < sizeof renderers / sizeof renderers[0]; i++)
        all |= renderers[i].formats;
    return all;
}

/* The scenario and every bid file it read: never to be overwritten. */
static const char **input_files(const tc_scenario *s, size_t *n)
{
    const char **in = malloc((s->n_platforms + 1) * sizeof *in);
    if (!in)
        return NULL;
    in[0] = s->file;
    *n = 1;
    for (size_t i = 0; i < s->n_platforms; i++)
        if (s->platforms[i].file)
            in[(*n)++] = s->platforms[i].file;
    return in;
}

/* An error of the output set names the full path already; a renderer's own
 * reason names its file relative to the scenario folder. */
static void render_error(char *err, size_t n, const tc_outset *o, const char *dir,
                         const char *why)
{
    const char *oe = tc_outset_error(o);
    if (oe[0])
        snprintf(err, n, "%s", oe);
    else
        snprintf(err, n, "%s/%s", dir, why[0] ? why : "rendering failed");
}

/* The charts (nine PNGs and SVGs) take about as long as the PDF, workbook
 * and JSON together: when they are asked for with anything else they run
 * on a second thread. cairo objects are per chart, the fonts are loaded
 * once (pthread_once), the output set serialises its additions. */
#define SIDE_FORMATS (TC_FMT_PNG | TC_FMT_SVG)

typedef struct {
    const tc_results *r;
    tc_outset *o;
    const tc_render_opts *opts;
    tc_render_fn fn;
    tc_status st;
    char why[1024];
} side_job;

static void *side_main(void *arg)
{
    side_job *j = arg;
    j->st = j->fn(j->r, j->o, j->opts, j->why, sizeof j->why);
    return NULL;
}

/* Index of the renderer to run beside the others, or N_RENDERERS. */
static size_t side_renderer(unsigned formats)
{
    if (!(formats & SIDE_FORMATS) || !(formats & ~SIDE_FORMATS))
        return N_RENDERERS;
    for (size_t i = 0; i < N_RENDERERS; i++)
        if (renderers[i].formats == SIDE_FORMATS)
            return i;
    return N_RENDERERS;
}

/* Every renderer asked for; the first failure in table order is reported. */
static tc_status run_renderers(const tc_results *r, tc_outset *o, const char *dir,
                               unsigned formats, const tc_render_opts *opts, char *err, size_t n)
{
    side_job side = {r, o, opts, NULL, TC_OK, ""};
    size_t si = side_renderer(formats);
    pthread_t th;
    int threaded = 0;
    if (si < N_RENDERERS) {
        side.fn = renderers[si].fn;
        threaded = pthread_create(&th, NULL, side_main, &side) == 0;
    }
    tc_status st = TC_OK;
    for (size_t i = 0; i < N_RENDERERS && st == TC_OK; i++) {
        if (!(renderers[i].formats & formats) || (threaded && i == si))
            continue;
        char why[1024] = "";
        if ((st = renderers[i].fn(r, o, opts, why, sizeof why)) != TC_OK)
            render_error(err, n, o, dir, why);
    }
    if (threaded) {
        pthread_join(th, NULL);
        if (st == TC_OK && side.st != TC_OK) {
            render_error(err, n, o, dir, side.why);
            st = side.st;
        }
    }
    return st;
}

tc_status tc_render_scenario(const tc_results *r, const char *dir, unsigned formats,
                             const tc_render_opts *opts, char *err, size_t n)
{
    size_t n_in = 0;
    const char **in = input_files(r->scenario, &n_in);
    tc_outset *o = in ? tc_outset_new(dir, in, n_in) : NULL;
    free(in);
    if (!o) {
        snprintf(err, n, "%s: %s", dir, tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    tc_render_opts ro = *opts;
    ro.png = (formats & TC_FMT_PNG) != 0;
    ro.svg = (formats & TC_FMT_SVG) != 0;
    tc_status st = run_renderers(r, o, dir, formats, &ro, err, n);
    if (st == TC_OK && (st = tc_render_commit(o)) != TC_OK)
        snprintf(err, n, "%s", tc_outset_error(o));
    tc_outset_free(o);
    return st;
}
