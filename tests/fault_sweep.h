/* The driver of the library tests/test_*_faults.c (libharu,
 * libxlsxwriter, cairo): loads the committee example, renders it once
 * recording every call site of the wrapped library (fault_wrap.h), then renders again with each site failing in turn. Each
 * render must fail with a message and leave no folder, or succeed with
 * the very same files as the reference (a call whose failure changes
 * nothing). Before including, define ON_FAIL() as fault_wrap.h asks. */
#ifndef TC_FAULT_SWEEP_H
#define TC_FAULT_SWEEP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fault_wrap.h"
#include "analyze_text.h"
#include "tc_render.h"
#include "tc_load.h"

typedef struct {
    const char *lib;        /* names the sites in messages: "libharu" */
    unsigned formats;       /* TC_FMT_* bits rendered */
    size_t min_sites;       /* the reference render reaches at least this many sites */
    int may_not_fire;       /* a site may be reached once per process only (cairo's fonts) */
    void (*reset)(void);    /* before each render (a sticky error state), or NULL */
} fault_sweep;

typedef struct {
    size_t harmless;        /* sites whose failure left the same files */
    size_t once;            /* sites not reached again (may_not_fire) */
} fault_sweep_counts;

static tc_status sweep_render(const fault_sweep *fs, const tc_results *r, const char *dir,
                              char *err, size_t n)
{
    tc_render_opts opts = {0};
    err[0] = '\0';
    if (fs->reset)
        fs->reset();
    return tc_render_scenario(r, dir, fs->formats, &opts, err, n);
}

static int sweep_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int sweep_sh(const char *fmt, ...)
{
    char cmd[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* Site i fails; the outcome is checked and counted, the folder removed. */
static void sweep_site(const fault_sweep *fs, const tc_results *r, const char *ref,
                       const char *dir, size_t i, fault_sweep_counts *c)
{
    char err[2048];
    target = sites[i];
    fired = 0;
    tc_status st = sweep_render(fs, r, dir, err, sizeof err);
    if (!fired && fs->may_not_fire) {
        c->once++;
    } else if (!fired) {
        fail_msg("%s call site %zu (%s) was not reached again", fs->lib, i, site_fn[i]);
    } else if (st == TC_OK) {
        if (sweep_sh("diff -r '%s' '%s' >/dev/null", ref, dir) != 0)
            fail_msg("%s call site %zu (%s) failed, the render succeeded with other files",
                     fs->lib, i, site_fn[i]);
        c->harmless++;
    } else if (!err[0] || access(dir, F_OK) == 0) {
        fail_msg("%s call site %zu (%s) failed: message \"%s\", folder %s", fs->lib, i,
                 site_fn[i], err, access(dir, F_OK) == 0 ? "left" : "removed");
    }
    assert_int_equal(sweep_sh("rm -rf '%s'", dir), 0);
}

static void fault_sweep_run(const fault_sweep *fs, fault_sweep_counts *c)
{
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_results *r = NULL;
    char err[2048], root[] = "/tmp/tc_sweep_XXXXXX", dir[64], ref[64];
    assert_int_equal(tc_load_scenario("scenarios/committee.yaml", NULL, &s, &d), TC_OK);
    assert_int_equal(tc_eval(s, &r), TC_OK);
    assert_int_equal(tc_test_analyze(s, r, err, sizeof err), TC_OK);
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/out", root);
    snprintf(ref, sizeof ref, "%s/ref", root);
    recording = 1;
    assert_int_equal(sweep_render(fs, r, ref, err, sizeof err), TC_OK);
    recording = 0;
    assert_true(n_sites >= fs->min_sites);
    *c = (fault_sweep_counts){0, 0};
    for (size_t i = 0; i < n_sites; i++)
        sweep_site(fs, r, ref, dir, i, c);
    print_message("%zu %s call sites, %zu without effect when failing", n_sites, fs->lib,
                  c->harmless);
    if (fs->may_not_fire)
        print_message(", %zu only reached once", c->once);
    print_message("\n");
    target = NULL;
    assert_int_equal(sweep_sh("rm -rf '%s'", root), 0);
    tc_results_free(r);
    tc_scenario_free(s);
    tc_diags_free(&d);
}

#endif
