/* The results document of OUTPUTS.md (results.json), built from the results alone. */
#ifndef TC_JSON_H
#define TC_JSON_H

#include "tc_results.h"

/* The results document as text (newline-terminated), or NULL when out of
 * memory. Caller frees. */
char *tc_results_json(const tc_results *r);

#endif
