/* Editable report wording: text files made of named blocks with
 * {{placeholder}} fields, so the words change without recompiling.
 *
 *   # a comment line
 *   [block_name]
 *   Text of the block, {{best_platform}} filled in at render time.
 *
 * A block runs to the next "[name]" line; blank lines inside separate
 * paragraphs. Placeholders are checked when the file is parsed: an unknown
 * one is an error naming the file and the line. */
#ifndef TC_TEMPLATE_H
#define TC_TEMPLATE_H

#include <stddef.h>
#include "tc_status.h"

typedef struct { const char *name, *text; } tc_tpl_file;
typedef struct { const char *name, *value; } tc_tpl_var;
typedef struct tc_tpl tc_tpl;

/* The copy of templates/report/ compiled into the program (generated). */
extern const tc_tpl_file tc_tpl_builtin[];
extern const size_t tc_tpl_builtin_count;

/* Parses `text`, read from `file` (used in messages). Every placeholder must
 * be one of known[0..n_known). On error *out is NULL and err holds
 * "FILE:LINE: message". */
tc_status tc_tpl_parse(const char *file, const char *text, const char *const *known,
                       size_t n_known, tc_tpl **out, char *err, size_t n);
void tc_tpl_free(tc_tpl *t);                    /* accepts NULL */

size_t tc_tpl_count(const tc_tpl *t);
const char *tc_tpl_block_name(const tc_tpl *t, size_t i);
const char *tc_tpl_file_name(const tc_tpl *t);
/* The block's text (trimmed of blank lines around it), or NULL. */
const char *tc_tpl_get(const tc_tpl *t, const char *block);

/* Text with every {{name}} replaced by its value (a name missing from vars
 * becomes ""); malloc'd, NULL when out of memory. */
char *tc_tpl_expand(const char *text, const tc_tpl_var *vars, size_t n_vars);

/* The commented blank templates (templates/bid.yaml and scenario.yaml, embedded at build time). */
extern const char tc_template_bid[];
extern const char tc_template_scenario[];

#endif
