/* Runs the renderers of one scenario through one output set: every file is
 * committed together, or none is. */
#include "tc_render.h"
#include "tc_charts.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    char named[1024];
    tc_outset_final_names(o, why, named, sizeof named);
    size_t dl = strlen(dir);
    const char *full = strstr(named, dir);
    if (oe[0])
        snprintf(err, n, "%s", oe);
    else if (full && full[dl] == '/')
        snprintf(err, n, "%s", full);       /* the renderer named its file: not twice */
    else
        snprintf(err, n, "%s/%s", dir, named[0] ? named : "rendering failed");
}

/* A scenario's outputs are independent jobs: the JSON, the PDF, the
 * workbook, and each chart (its PNG and SVG). With opts->threads > 1 they
 * are shared out to that many threads, in table order, so that the nine
 * charts (half the work) do not all wait on one thread. Each job has its
 * own libharu, libxlsxwriter or cairo objects, and each thread that draws
 * or measures text its own fonts (charts/fonts.c), given back when its job
 * ends; the output set serialises its additions. */
#define MAX_JOBS (N_RENDERERS + TC_CHART_KIND_COUNT)
#define MAX_THREADS 8

typedef struct {
    tc_render_fn fn;    /* NULL: chart job */
    int chart;
    tc_status st;
    char why[1024];
} render_job;

typedef struct {
    const tc_results *r;
    tc_outset *o;
    const tc_render_opts *opts;
    render_job jobs[MAX_JOBS];
    size_t n, next;
    int failed;
    pthread_mutex_t mu;
} job_queue;

/* The jobs in renderer table order, the charts where the charts renderer
 * stands: the order they are taken in and their failures reported in. */
static size_t make_jobs(job_queue *q, unsigned formats)
{
    q->n = 0;
    for (size_t i = 0; i < N_RENDERERS; i++) {
        if (!(renderers[i].formats & formats))
            continue;
        if (renderers[i].fn != tc_render_charts) {
            q->jobs[q->n++] = (render_job){renderers[i].fn, -1, TC_OK, ""};
            continue;
        }
        for (int k = 0; k < TC_CHART_KIND_COUNT; k++)
            q->jobs[q->n++] = (render_job){NULL, k, TC_OK, ""};
    }
    return q->n;
}

/* Next job to run, or NULL when all are taken or one has failed. */
static render_job *take(job_queue *q)
{
    pthread_mutex_lock(&q->mu);
    render_job *j = !q->failed && q->next < q->n ? &q->jobs[q->next++] : NULL;
    pthread_mutex_unlock(&q->mu);
    return j;
}

static void job_failed(job_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->failed = 1;
    pthread_mutex_unlock(&q->mu);
}

static void *worker(void *arg)
{
    job_queue *q = arg;
    render_job *j, *last = NULL;
    while ((j = take(q)) != NULL) {
        j->st = j->fn ? j->fn(q->r, q->o, q->opts, j->why, sizeof j->why)
                      : tc_render_chart(q->r, q->o, q->opts, j->chart, j->why, sizeof j->why);
        tc_render_charts_done();
        /* Written back while this thread renders its next job, synced
         * after its last (issue 18): each fsync then finds its data on
         * disk, and the commit waits on no file's. */
        if (j->st == TC_OK)
            tc_outset_start_sync(q->o);
        else
            job_failed(q);
        last = j;
    }
    if (last && last->st == TC_OK && (last->st = tc_outset_sync(q->o)) != TC_OK)
        job_failed(q);
    return NULL;
}

/* Every job asked for; the first failure in job order is reported. */
static tc_status run_renderers(const tc_results *r, tc_outset *o, const char *dir,
                               unsigned formats, const tc_render_opts *opts, char *err, size_t n)
{
    job_queue *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, n, "%s: %s", dir, tc_strerror(TC_ERR_NOMEM));
        return TC_ERR_NOMEM;
    }
    *q = (job_queue){.r = r, .o = o, .opts = opts};
    pthread_mutex_init(&q->mu, NULL);
    size_t n_jobs = make_jobs(q, formats);
    int want = opts->threads < 1 ? 1 : opts->threads > MAX_THREADS ? MAX_THREADS : opts->threads;
    pthread_t th[MAX_THREADS];
    int started = 0;
    while (started + 1 < want && (size_t)started + 1 < n_jobs &&
           pthread_create(&th[started], NULL, worker, q) == 0)
        started++;
    worker(q);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    tc_render_charts_release();
    tc_status st = TC_OK;
    for (size_t i = 0; i < n_jobs && st == TC_OK; i++)
        if ((st = q->jobs[i].st) != TC_OK)
            render_error(err, n, o, dir, q->jobs[i].why);
    pthread_mutex_destroy(&q->mu);
    free(q);
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
    /* libxlsxwriter prints its own [ERROR] lines: the renderers' errors
     * are reported once, below, naming the output file. */
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    tc_status st = run_renderers(r, o, dir, formats, &ro, err, n);
    if (saved >= 0 && null >= 0)
        dup2(saved, STDERR_FILENO);
    if (saved >= 0)
        close(saved);
    if (null >= 0)
        close(null);
    if (st == TC_OK && (st = tc_render_commit(o)) != TC_OK)
        snprintf(err, n, "%s", tc_outset_error(o));
    tc_outset_free(o);
    return st;
}
