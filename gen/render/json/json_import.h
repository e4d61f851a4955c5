/* results.json: the performance entries of a platform with imported points
 * (their provenance: file, SHA-256, record, dropped points, notes). */
#ifndef TC_JSON_IMPORT_H
#define TC_JSON_IMPORT_H

#include <jansson.h>
#include "tc_model.h"

/* 1 when some performance entry of p was imported. */
int json_has_import(const tc_platform *p);
/* The "performance" list of p; ORs an allocation failure into *bad. */
json_t *json_import_performance(const tc_platform *p, int *bad);

#endif
