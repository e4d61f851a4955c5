/* Renderers and the atomic output set they write through.
 * A scenario's outputs are written to temporary files in the output folder;
 * only when every renderer succeeded are they renamed into place, so a
 * failed run leaves no partial file and the previous report intact. */
#ifndef TC_RENDER_H
#define TC_RENDER_H

#include <stddef.h>
#include "tc_results.h"
#include "tc_status.h"

typedef struct tc_outset tc_outset;

/* dir: the scenario's output folder (created, with parents, on commit or
 * by tc_outset_new). inputs: paths that must never be overwritten (an
 * output with the same device and inode is refused). */
tc_outset *tc_outset_new(const char *dir, const char *const *inputs, size_t n_inputs);

/* Registers final name `rel` (e.g. "report.pdf", "charts/cost.png"; thread-safe) and
 * returns the temporary path a library should write to (same folder as
 * the final file), or NULL on error (see tc_outset_error). */
const char *tc_outset_add(tc_outset *o, const char *rel);

/* Checks every temporary file is complete (exists, non-empty), then
 * fsyncs and renames all into place, then removes the claimed names not
 * written (tc_outset_claim). A name that cannot be removed is an error,
 * reported after the new files are in place. */
tc_status tc_outset_commit(tc_outset *o);

/* Claims names the caller's outputs may take in the folder (e.g. every
 * chart it can draw): once the commit has renamed every file into place, it
 * removes each claimed name this set did not write, so the folder never
 * mixes this run's outputs with an earlier run's. Only files and links are
 * removed, never an input; folders left empty go too. Call before commit
 * (thread-safe); TC_ERR_WRITE for an invalid name, TC_ERR_NOMEM. */
tc_status tc_outset_claim(tc_outset *o, const char *const *rels, size_t n);

/* Claims every name tokcost writes under a scenario's folder (results.json,
 * report.pdf, workbook.xlsx, each chart as .png and .svg), whatever formats
 * this run was asked for, then commits. */
tc_status tc_render_commit(tc_outset *o);

/* Last error text ("out/x/report.pdf: No space left on device"), or "". */
const char *tc_outset_error(const tc_outset *o);

/* Removes every temporary file not committed; accepts NULL. */
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
