/* Renderers and the atomic output set they write through.
 * A scenario's outputs are written into a hidden stage folder beside the
 * scenario's folder; only when every renderer succeeded does the stage
 * replace the folder, in one rename (README "Reliability"): a failed or
 * killed run leaves the previous report intact, a reader never sees a mix
 * of two runs, and the user's own files in the folder are kept. */
#ifndef TC_RENDER_H
#define TC_RENDER_H

#include <stddef.h>
#include "tc_results.h"
#include "tc_status.h"

typedef struct tc_outset tc_outset;

/* dir: the scenario's output folder (its parents are made on the first
 * output). inputs: paths that must never be overwritten (an output with
 * the same device and inode is refused). */
tc_outset *tc_outset_new(const char *dir, const char *const *inputs, size_t n_inputs);

/* Registers final name `rel` (e.g. "report.pdf", "charts/cost.png"; thread-safe) and
 * returns the path a library should write it to (inside the stage), or
 * NULL on error (see tc_outset_error). */
const char *tc_outset_add(tc_outset *o, const char *rel);

/* fsyncs the files the calling thread added (each renderer thread syncs
 * its own as it finishes; commit syncs any left). Thread-safe. */
tc_status tc_outset_sync(tc_outset *o);

/* Starts the writeback of the files the calling thread added and has not
 * synced, without waiting (Linux's sync_file_range): a renderer thread
 * calls it after each job and tc_outset_sync after its last, which then
 * finds the data on disk instead of waiting on each file in turn while a
 * core idles. Advisory: a failure here changes nothing (the sync reports
 * what is wrong). Thread-safe. */
void tc_outset_start_sync(tc_outset *o);

/* Checks every file is complete (a non-empty regular file) and on disk,
 * syncs each folder of the stage once, then, under a lock on the parent
 * folder: removes what dead runs left beside it, hard-links the user's
 * files (names neither written nor claimed) into the stage, swaps the
 * stage with the folder (renameat2 RENAME_EXCHANGE), moves the user's
 * folders over and removes the old set. TC_ERR_WRITE when the folder is
 * a link, a file or cannot be swapped (nothing changed), or when an old
 * output cannot be removed (the new set is in place). */
tc_status tc_outset_commit(tc_outset *o);

/* Claims names the caller's outputs may take in the folder (e.g. every
 * chart it can draw): such a name in the old folder is never carried over
 * as the user's, so the folder never mixes this run's outputs with an
 * earlier run's. A file or link only, never an input. Call before commit
 * (thread-safe); TC_ERR_WRITE for an invalid name, TC_ERR_NOMEM. */
tc_status tc_outset_claim(tc_outset *o, const char *const *rels, size_t n);

/* Claims every name tokcost writes under a scenario's folder (results.json,
 * report.pdf, workbook.xlsx, each chart as .png and .svg), whatever formats
 * this run was asked for, then commits. */
tc_status tc_render_commit(tc_outset *o);

/* Removes what dead runs (a killed -j worker) left beside dir: their
 * stages, and puts back a folder moved aside. */
void tc_render_sweep(const char *dir);

/* `why` with every path inside the stage written as the final path
 * (libraries name the file they were given: a user is told of
 * out/x/report.pdf, never of the stage). */
void tc_outset_final_names(const tc_outset *o, const char *why, char *out, size_t n);

/* Last error text ("out/x/report.pdf: No space left on device"), or "". */
const char *tc_outset_error(const tc_outset *o);

/* Removes the stage unless committed; accepts NULL. */
void tc_outset_free(tc_outset *o);

typedef struct {
    const char *templates_dir;  /* report wording; NULL: the built-in copy */
    int png, svg;               /* chart formats wanted */
    int threads;                /* threads for one scenario; 0 or 1: the calling thread */
} tc_render_opts;

/* The names the renderers write under a scenario's folder: each renderer
 * registers its own, and tc_render_commit claims them all. */
#define TC_OUT_JSON "results.json"
#define TC_OUT_PDF "report.pdf"
#define TC_OUT_XLSX "workbook.xlsx"

/* "charts/<name>.png" (or ".svg") of chart kind `kind` (a tc_chart_kind), in buf. */
const char *tc_chart_file(int kind, int svg, char *buf, size_t n);

/* Each renderer reads only the results (and the scenario they point at).
 * err receives a one-line reason on failure. */
typedef tc_status (*tc_render_fn)(const tc_results *r, tc_outset *o,
                                  const tc_render_opts *opts, char *err, size_t n);

tc_status tc_render_json(const tc_results *r, tc_outset *o,
                         const tc_render_opts *opts, char *err, size_t n);
tc_status tc_render_xlsx(const tc_results *r, tc_outset *o,
                         const tc_render_opts *opts, char *err, size_t n);
tc_status tc_render_charts(const tc_results *r, tc_outset *o,
                           const tc_render_opts *opts, char *err, size_t n);
/* One chart kind (a tc_chart_kind) as PNG and/or SVG; nothing if it does not apply. */
tc_status tc_render_chart(const tc_results *r, tc_outset *o, const tc_render_opts *opts,
                          int kind, char *err, size_t n);

/* Frees the bitmaps and the text widths the charts keep from one chart
 * to the next (charts/backend_cairo.c, charts/fonts.c); called
 * once a scenario's renderers are done (their threads joined). */
void tc_render_charts_release(void);

/* The calling thread has done drawing for now: the fonts it measured and
 * drew with (its own FreeType faces, charts/fonts.c) go back to the pool
 * for the next thread. A thread that ends holding them gives them back
 * as it exits; one that never does keeps one set, and others get theirs. */
void tc_render_charts_done(void);

tc_status tc_render_pdf(const tc_results *r, tc_outset *o,
                        const tc_render_opts *opts, char *err, size_t n);

/* Output formats (--formats) as bits: 1 << a tc_format (tc_model.h). */
enum {
    TC_FMT_PDF = 1u << TC_FORMAT_PDF,
    TC_FMT_XLSX = 1u << TC_FORMAT_XLSX,
    TC_FMT_PNG = 1u << TC_FORMAT_PNG,
    TC_FMT_SVG = 1u << TC_FORMAT_SVG,
    TC_FMT_JSON = 1u << TC_FORMAT_JSON
};

/* Formats this build has a renderer for. */
unsigned tc_render_available(void);

/* Renders r into the folder dir (formats: TC_FMT_* bits) through one output
 * set: all files or none. The scenario and bid files are refused as
 * outputs. err receives "PATH: reason" on failure. */
tc_status tc_render_scenario(const tc_results *r, const char *dir, unsigned formats,
                             const tc_render_opts *opts, char *err, size_t n);

/* The one-page bid sheet of check --against -o, DIR/<bid stem>/bid_sheet.pdf,
 * written through its own output set. r: the bid alone under the committee's
 * scenario; flags[i] (n_flags[i] sentences): what the committee will flag
 * about platform i. inputs: files never to be overwritten. */
#define TC_OUT_BID_SHEET "bid_sheet.pdf"
tc_status tc_render_bid_sheet(const tc_results *r, char *const *const *flags,
                              const size_t *n_flags, const char *dir,
                              const char *const *inputs, size_t n_inputs,
                              const tc_render_opts *opts, char *err, size_t n);

#endif
