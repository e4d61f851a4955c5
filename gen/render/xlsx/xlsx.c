/* The auditable workbook: opens it with its temporary files next to the
 * output, sets reproducible document properties, writes every sheet, closes
 * it and checks the finished zip (xlsx_zip.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "xlsx.h"

#define FIXED_EPOCH 315532800   /* 1980-01-01, the zip entries' time too */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* scenario.date, else SOURCE_DATE_EPOCH, else a fixed epoch: never "now". */
static time_t created_time(const tc_scenario *s)
{
    int y, m, d;
    char tail;
    if (s->date && sscanf(s->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1980
        && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
        return (time_t)(days_from_civil(y, m, d) * 86400);
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (!errno && !*end && v >= FIXED_EPOCH && v <= 253402300799LL)
            return (time_t)v;
    }
    return FIXED_EPOCH;
}

static void properties(xl_ctx *c)
{
    const tc_scenario *s = c->s;
    char comments[160];
    snprintf(comments, sizeof comments, "tokcost; input sha256 %s", s->input_sha256);
    const char *src[5] = { s->title, s->subtitle, s->prepared_by, s->prepared_for, comments };
    char *t[5] = { 0 };
    int cut;
    for (int k = 0; k < 5; k++)
        if (src[k] && !(t[k] = xl_clean(src[k], &cut)))
            xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
    lxw_doc_properties p = { .title = t[0], .subject = t[1], .author = t[2], .manager = t[3],
                             .comments = t[4], .category = "AI inference procurement",
                             .keywords = "tokcost, cost per token, TCO",
                             .created = created_time(s) };
    if (xl_ok(c))
        xl_check(c, workbook_set_properties(c->wb, &p), "set properties");
    for (int k = 0; k < 5; k++)
        free(t[k]);
}

static lxw_worksheet *add_sheet(xl_ctx *c, const char *name)
{
    char safe[32];
    xl_sheet_name(name, safe, sizeof safe);
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, safe);
    if (!ws)
        xl_fail(c, TC_ERR_RENDER, "workbook: cannot add sheet %s", safe);
    return ws;
}

/* TCO rows: H per covered platform, one line for one that is not. */
static int layout(xl_ctx *c)
{
    size_t n = c->s->n_platforms;
    c->tco_first = calloc(n, sizeof *c->tco_first);
    c->tco_rows = calloc(n, sizeof *c->tco_rows);
    if (!c->tco_first || !c->tco_rows)
        return 0;
    lxw_row_t r = 1;
    for (size_t i = 0; i < n; i++) {
        c->tco_first[i] = r;
        c->tco_rows[i] = c->r->platforms[i].years ? (lxw_row_t)c->s->horizon_years : 1;
        r += c->tco_rows[i];
    }
    return 1;
}

static void fill(xl_ctx *c)
{
    xl_formats_init(c);
    properties(c);
    c->summary = add_sheet(c, "Summary");
    c->inputs = add_sheet(c, "Inputs");
    c->platforms = add_sheet(c, "Platforms");
    c->workloads = add_sheet(c, "Workloads");
    c->cpt = add_sheet(c, "CostPerToken");
    c->tco = add_sheet(c, "TCO");
    if (!xl_ok(c))
        return;
    xl_sheet_inputs(c);
    xl_sheet_workloads(c);
    xl_sheet_platforms(c);
    xl_sheet_cpt(c);
    xl_sheet_tco(c);
    xl_sheet_analysis(c);
    xl_sheet_summary(c);
    xl_charts(c);
    if (xl_ok(c))
        worksheet_activate(c->summary);
}

static void folder_of(const char *path, char *dir, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, n, ".");
    else if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

static void ctx_free(xl_ctx *c)
{
    xl_names_free(c->names);
    tc_inputs_free(c->keys);
    for (size_t k = 0; k < c->n_warnings; k++)
        free(c->warnings[k]);
    free(c->warnings);
    free(c->tco_first);
    free(c->tco_rows);
}

/* libxlsxwriter writes each part of the workbook to a temporary file, then
 * zips them. Made and removed on the output's disk, the committee
 * workbook's 31 parts cost 6 of its 30 ms (ext4's journal, issue 18); in
 * memory (/dev/shm) nothing of the kind. There only with room to spare: a
 * container's /dev/shm may hold 64 MB, and the largest workbook the loader
 * allows needs about 50 MB of parts; else beside the output, as before.
 * A part cut short either way fails xl_zip_complete. */
#define PARTS_ROOM (1ULL << 30)

static const char *parts_candidate = "/dev/shm";

void xl_set_parts_dir(const char *dir)
{
    parts_candidate = dir;
}

const char *xl_parts_dir(const char *beside)
{
    struct statvfs v;
    const char *d = parts_candidate;
    int roomy = d && statvfs(d, &v) == 0 &&
                (unsigned long long)v.f_bavail * v.f_frsize >= PARTS_ROOM;
    return roomy && access(d, W_OK | X_OK) == 0 ? d : beside;
}

/* Closes (writes) the book and checks it. A full disk may be the parts'
 * folder rather than the output's: the message names it when they differ,
 * since a user looking at the output's free space would find room. */
static void close_book(xl_ctx *c, const char *path, const char *parts, const char *beside)
{
    char first[4200] = "";  /* "" when the parts are beside the output */
    if (strcmp(parts, beside) != 0)
        snprintf(first, sizeof first, "its parts are written to %s first", parts);
    errno = 0;
    lxw_error e = workbook_close(c->wb);
    int sys = errno;        /* the reason, when a write failed (disk full) */
    const char *why = sys ? strerror(sys) : lxw_strerror(e);
    if (e != LXW_NO_ERROR && *first)
        xl_fail(c, TC_ERR_WRITE, "%s: %s (%s)", path, why, first);
    else if (e != LXW_NO_ERROR)
        xl_fail(c, TC_ERR_WRITE, "%s: %s", path, why);
    else if (!xl_zip_complete(path))
        xl_fail(c, TC_ERR_WRITE, "%s: the written workbook is incomplete (disk full?%s%s)", path,
                *first ? " " : "", first);
    if (!xl_ok(c))
        remove(path);   /* no partial file */
}

tc_status tc_xlsx_write(const tc_results *r, const char *path, char *err, size_t n)
{
    char dir[4096];
    folder_of(path, dir, sizeof dir);
    const char *parts = xl_parts_dir(dir);
    xl_ctx c = { .r = r, .s = r->scenario };
    lxw_workbook_options o = { .constant_memory = LXW_FALSE, .tmpdir = (char *)parts };
    c.names = xl_names_new();
    c.keys = c.names ? tc_inputs_new(c.s) : NULL;
    c.wb = c.keys && layout(&c) ? workbook_new_opt(path, &o) : NULL;
    if (!c.wb)
        xl_fail(&c, c.keys ? TC_ERR_WRITE : TC_ERR_NOMEM, "%s: cannot create the workbook", path);
    else
        fill(&c);
    if (c.wb)
        xl_names_commit(&c);
    if (c.wb && xl_ok(&c))
        close_book(&c, path, parts, dir);
    else if (c.wb)
        lxw_workbook_free(c.wb);    /* nothing is written */
    if (!xl_ok(&c) && err && n)
        snprintf(err, n, "%s", c.err);
    tc_status st = c.st;
    ctx_free(&c);
    return st;
}
