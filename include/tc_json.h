/* The results document of OUTPUTS.md (results.json), built from the results alone. */
#ifndef TC_JSON_H
#define TC_JSON_H

#include "tc_results.h"

/* The results document as text (newline-terminated), or NULL when out of
 * memory. Caller frees. */
char *tc_results_json(const tc_results *r);

/* A JSON text with each real rewritten in the shortest form that parses
 * back to the same double (1.4099999999999999 -> 1.41, 100.0, 1e+17), with
 * room for one more character; NULL when out of memory. Caller frees. */
char *tc_json_shorten(const char *text);

#endif
