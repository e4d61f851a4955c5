/* What-if overrides ("key.path=value"): applied to the tree before the
 * schema walk, so a value set here is checked like one in the file. */
#include "load_internal.h"

int tc_ld_apply_overrides(tc_node *root, const tc_load_opts *opts, tc_diags *d)
{
    (void)root;
    (void)d;
    return opts && opts->n_overrides ? -1 : 0;
}
