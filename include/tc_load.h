/* The loader: YAML file -> tc_scenario. The only module that sees libyaml.
 * Every error of a file is recorded in diags, not only the first. */
#ifndef TC_LOAD_H
#define TC_LOAD_H

#include <stddef.h>
#include "tc_diag.h"
#include "tc_model.h"
#include "tc_status.h"

/* Bounds on what the loader accepts (README states them). */
#define TC_LOAD_MAX_FILE_BYTES   (4u * 1024u * 1024u)
#define TC_LOAD_MAX_DEPTH        64
#define TC_LOAD_MAX_EVENTS       200000
#define TC_LOAD_MAX_SCALAR_BYTES 65536
#define TC_LOAD_MAX_INCLUDES     256
#define TC_LOAD_MAX_WALK         20000  /* folder entries an include pattern may read */
#define TC_LOAD_MAX_PLATFORMS    1000   /* in the scenario and its bid files together */
#define TC_LOAD_MAX_WORKLOADS    400
/* platforms x workloads: what renders in a few seconds (README "Bounded
 * cost"); 1,000 x 400 took a minute of CPU for a 100 MB results.json */
#define TC_LOAD_MAX_CELLS        10000

typedef struct {
    const char *const *overrides;   /* "key.path=value" (what-if), may be NULL */
    size_t n_overrides;
} tc_load_opts;

/* Whether include: may name files outside the scenario's folder tree
 * (--include-anywhere; off by default). A choice of the whole command
 * line, so a process-wide setting (-j workers inherit it), not a field of
 * each load's options. */
void tc_load_include_anywhere(int on);

/* Loads and validates a scenario and the bid files it includes.
 * TC_OK: *out is a valid scenario. TC_ERR_INVALID: diags has every error,
 * *out is NULL. TC_ERR_READ: a file could not be read (also in diags). */
tc_status tc_load_scenario(const char *path, const tc_load_opts *opts,
                           tc_scenario **out, tc_diags *diags);

/* Loads scenario (the committee's) with its platforms, includes and
 * baseline replaced by the platforms of bid file `bid`: the bid evaluated
 * alone under the committee's assumptions and workloads. Errors of the
 * bid point into it. Returns as tc_load_scenario. */
tc_status tc_load_against(const char *scenario, const char *bid, const tc_load_opts *opts,
                          tc_scenario **out, tc_diags *diags);

/* Validates a scenario or a bid file (a file with only `platforms:`). */
tc_status tc_check_file(const char *path, tc_diags *diags);

#endif
