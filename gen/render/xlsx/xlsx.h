/* The auditable workbook (gen/xlsx*.c): internal interface between its
 * parts. Every derived cell is a live formula over the Inputs sheet's defined
 * names, with the engine's value cached. Errors are sticky in the context:
 * the first failing library call is reported, later calls are skipped. */
#ifndef TC_XLSX_H
#define TC_XLSX_H

#include <stddef.h>
#include <xlsxwriter.h>

#include "tc_inputs.h"
#include "tc_results.h"
#include "tc_status.h"

/* Writes the workbook of r to path (libxlsxwriter's temporary files in
 * /dev/shm or beside it: xl_set_parts_dir), then checks the finished zip.
 * err: one-line reason. */
tc_status tc_xlsx_write(const tc_results *r, const char *path, char *err, size_t n);

/* 1 when path is a whole zip: its central directory where the end record
 * says, every part inflating to its size and CRC, every XML part ending with
 * its root's closing tag (a part cut short by a full disk does not). */
int xl_zip_complete(const char *path);

/* Where libxlsxwriter's temporary parts go: dir (default /dev/shm) when it
 * has 1 GB free and is writable, else beside the workbook; NULL: always
 * beside. For the tests of both. */
void xl_set_parts_dir(const char *dir);
/* The folder the parts of a workbook beside `beside` go to now (that
 * folder, or beside itself); a write error names it when they differ. */
const char *xl_parts_dir(const char *beside);

/* Safety helpers, exposed for the tests. */
#define XL_STR_MAX 32767            /* Excel's cell text limit */
/* Excel allows 255 characters in a defined name, but libxlsxwriter (1.1)
 * refuses one of 128 or more, failing the whole workbook. */
#define XL_NAME_MAX 127

/* A valid, non-cell-reference Excel name from base into out (size n >=
 * XL_NAME_MAX + 1): other characters become '_', a leading digit or a
 * name like "A1", "R1C1", "rc" gets a '_' prefix, long ones are cut and
 * suffixed with a hash. */
void xl_name_sanitize(const char *base, char *out, size_t n);

/* Byte length of s cut to at most max bytes on a UTF-8 boundary. */
size_t xl_utf8_cut(const char *s, size_t max);

/* A copy of s that is valid XML text (invalid UTF-8 and control characters
 * but tab and newline become U+FFFD), cut to XL_STR_MAX bytes; *cut tells
 * whether it was. NULL on allocation failure. */
char *xl_clean(const char *s, int *cut);

/* A sheet name Excel accepts (31 chars, none of []:*?/\, no edge quote). */
void xl_sheet_name(const char *base, char *out, size_t n);

typedef struct {
    lxw_format *title, *subtitle, *header, *section, *text, *wrap, *note;
    lxw_format *in_money, *in_pct, *in_num, *in_int;   /* inputs: blue, unlocked */
    lxw_format *fixed_pct, *fixed_num, *fixed_int;     /* structural inputs: grey, locked */
    lxw_format *money0, *money2, *money4, *pct, *int0, *num1, *num2, *num4, *num6;
    lxw_format *ratio, *year;
} xl_formats;

typedef struct xl_names xl_names;

typedef struct {
    const tc_results *r;
    const tc_scenario *s;
    lxw_workbook *wb;
    lxw_worksheet *summary, *inputs, *platforms, *workloads, *cpt, *tco;
    xl_formats f;
    xl_names *names;
    tc_inputs *keys;                /* every numeric input with its --set key */
    size_t key_at;                  /* Inputs: where the next row's item is looked for */
    tc_status st;                   /* first error */
    char err[256];
    char **warnings;                /* shown on Summary */
    size_t n_warnings;
    lxw_row_t *tco_first;           /* TCO sheet: first row of platform i */
    lxw_row_t *tco_rows;            /* its row count (H, or 1 when not covered) */
    lxw_row_t chart_row;            /* Summary: where the charts go */
} xl_ctx;

/* Sheet rows of the fixed layout (header in row 0). */
#define XL_PLAT_ROW(i) ((lxw_row_t)(1 + (i)))
#define XL_CPT_ROW(c, i, w) ((lxw_row_t)(1 + (i) * (c)->s->n_workloads + (w)))

/* Error handling: records the first failure; returns 0 when c is failed. */
int xl_ok(const xl_ctx *c);
void xl_fail(xl_ctx *c, tc_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void xl_check(xl_ctx *c, lxw_error e, const char *what);
void xl_warn(xl_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Cell writers. Text is always a string cell (never a formula), cut to
 * XL_STR_MAX with a warning; NULL text writes nothing; a non-finite number
 * writes "n/a". */
void xl_str(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
            const char *text, lxw_format *fmt);
void xl_num(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
            double v, lxw_format *fmt);
void xl_note(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A formula with its cached value. tmpl is printf-like; after formatting,
 * every {key} is replaced by the defined name registered under key. A
 * non-finite cached value writes "n/a" text instead (never NaN). */
void xl_fx(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
           lxw_format *fmt, double cached, const char *tmpl, ...)
    __attribute__((format(printf, 7, 8)));
/* The same for a formula that yields the text "n/a" where the engine's
 * figure is not a number (payback that never comes): cached as that text. */
void xl_fx_na(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
              lxw_format *fmt, double cached, const char *tmpl, ...)
    __attribute__((format(printf, 7, 8)));
/* The same with a text result cached. */
void xl_fx_str(xl_ctx *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
               lxw_format *fmt, const char *cached, const char *tmpl, ...)
    __attribute__((format(printf, 7, 8)));

/* "Sheet!$B$3" for a cell; "Sheet!$B$3:$B$9" for a column range. */
void xl_ref(char *buf, size_t n, const char *sheet, lxw_row_t r, lxw_col_t col);
void xl_range(char *buf, size_t n, const char *sheet, lxw_row_t r0, lxw_row_t r1,
              lxw_col_t col);

/* Defined names (xlsx_names.c). */
xl_names *xl_names_new(void);
void xl_names_free(xl_names *t);
/* Defines a safe unique name (from base) for sheet!cell, registered under
 * key; returns the name, or NULL on failure (recorded in c). */
const char *xl_define(xl_ctx *c, const char *key, const char *base,
                      const char *sheet, lxw_row_t r, lxw_col_t col);
const char *xl_name_of(const xl_ctx *c, const char *key);
/* Hands every name to the workbook, in the order libxlsxwriter stores fast
 * (once, before workbook_close). */
void xl_names_commit(xl_ctx *c);

/* Parts, in the order tc_xlsx_write calls them. */
void xl_formats_init(xl_ctx *c);
void xl_sheet_inputs(xl_ctx *c);
void xl_sheet_workloads(xl_ctx *c);
void xl_sheet_platforms(xl_ctx *c);
void xl_sheet_cpt(xl_ctx *c);
void xl_sheet_tco(xl_ctx *c);
void xl_sheet_analysis(xl_ctx *c);
void xl_sheet_scoring(xl_ctx *c);
void xl_sheet_summary(xl_ctx *c);
void xl_charts(xl_ctx *c);

/* Shared layout: Platforms sheet columns. */
enum {
    XP_ID, XP_NAME, XP_PRICING, XP_ENERGY, XP_FACILITY, XP_CRF, XP_CAPITAL, XP_COST_H,
    XP_TPUT, XP_TPMW, XP_PFLOPS, XP_COST_M, XP_REL, XP_REL_TEXT, XP_TCO_NOM, XP_TCO_NPV,
    XP_NPV_TOKENS, XP_LCOT, XP_PNL, XP_REV_NPV, XP_MARGIN, XP_PAYBACK, XP_PEAK_MW,
    XP_SITE_MAX, XP_SITE_FITS, XP_RANK, XP_NCOLS
};

/* CostPerToken sheet columns. */
enum {
    XC_PLAT, XC_WL, XC_HOW, XC_SLO, XC_XLO, XC_YLO, XC_XHI, XC_YHI, XC_TPUT, XC_COST,
    XC_SHARE, XC_INV, XC_WCOST, XC_NCOLS
};

/* TCO sheet columns. */
enum {
    XT_PLAT, XT_YEAR, XT_DEMAND, XT_TOKENS, XT_TPUT, XT_NODES, XT_GPUS, XT_NODES_INST,
    XT_BOUGHT, XT_GPUS_INST, XT_CAPEX, XT_RENT, XT_API, XT_ENERGY, XT_FACILITY, XT_MAINT,
    XT_SOFTWARE, XT_OTHER, XT_OPEX, XT_CREDIT, XT_CASH, XT_DEPR, XT_PNL, XT_REVENUE,
    XT_MARGIN, XT_MW, XT_DF_START, XT_DF_END, XT_DISC_COST, XT_DISC_TOKENS, XT_DISC_REV,
    XT_CUM_CASH, XT_POS_START, XT_POS_END, XT_PAYBACK_IN, XT_NCOLS
};

/* Column headers with their widths, written in row 0 and frozen below. */
typedef struct {
    const char *title;
    double width;
} xl_col;
void xl_headers(xl_ctx *c, lxw_worksheet *ws, const xl_col *cols, size_t n);

/* Page setup shared by every sheet: landscape, fit to page width; the
 * sheet is protected without a password (formula cells are locked, input
 * cells unlocked), so a formula is not overwritten by accident. */
void xl_page_setup(xl_ctx *c, lxw_worksheet *ws, const char *header);

/* First row of a sheet of render-time values (search, sampling). */
extern const char xl_value_note[];

#endif
