/* Private to the loader: the node tree that yaml_read.c builds from libyaml
 * events, and the helpers the schema walk (load_*.c) uses on it. Nothing
 * here depends on libyaml, so only yaml_read.c includes <yaml.h>. */
#ifndef TC_LOAD_INTERNAL_H
#define TC_LOAD_INTERNAL_H

#include <glob.h>
#include <stddef.h>
#include "tc_diag.h"
#include "tc_inputs.h"
#include "tc_load.h"
#include "tc_model.h"
#include "tc_status.h"

typedef enum { TC_NODE_SCALAR = 0, TC_NODE_MAP, TC_NODE_SEQ } tc_node_kind;

typedef struct tc_node {
    tc_node_kind kind;
    int line, col;              /* 1-based */
    int bad;                    /* already reported (alias, bad key): skipped silently */
    int set;                    /* from the n-th --set override (1-based), 0: the file */
    char *text;                 /* scalar bytes, NUL-terminated (may hold NULs) */
    size_t len;
    struct tc_node **kids;      /* seq: items; map: key, value, key, value, ... */
    size_t n_kids, cap;
} tc_node;

/* --- yaml_read.c: bytes -> tree. TC_OK: *root is set, though errors that
 * do not stop reading (anchors, tags, merge keys) may be in d; otherwise
 * reading stopped (parse error, a bound) and *root is NULL. --- */
tc_status tc_yaml_read(const char *file, const char *buf, size_t len,
                       tc_node **root, tc_diags *d);

/* --- load_node.c --- */
tc_node *tc_node_new(tc_node_kind kind, int line, int col);
int tc_node_append(tc_node *parent, tc_node *kid);
void tc_node_free(tc_node *n);
int tc_node_is(const tc_node *n, const char *s);    /* scalar equal to s */
size_t tc_node_count(const tc_node *n);              /* items or pairs */

/* --- load_glob.c: glob(pattern, 0, ...) reading at most TC_LOAD_MAX_WALK
 * folder entries; *cut 1 when it stopped there (its matches are then not
 * all there are). --- */
int tc_ld_glob_bounded(const char *pattern, glob_t *g, int *cut);

/* --- load_ids.c: ids already read (their strings stay the scenario's) --- */
typedef struct { const char *id; size_t at; } tc_ld_id_slot;
typedef struct { tc_ld_id_slot *slot; size_t cap, n; } tc_ld_ids;
/* 1 when id was added before (*first: its at), 0 when added now as at, -1
 * when out of memory. */
int tc_ld_ids_add(tc_ld_ids *t, const char *id, size_t at, size_t *first);
void tc_ld_ids_free(tc_ld_ids *t);   /* leaves an empty table */

/* The state of the schema walk of one file. */
typedef struct {
    const char *file;           /* the file diagnostics name */
    tc_diags *d;
    char path[512];             /* key path of the node being read */
    size_t plen;
    size_t errors;              /* errors recorded by this walk */
    int oom;
    int read_err;               /* an included file could not be read */
    void *sha;                  /* struct sha256_ctx * of the inputs, NULL: not hashed */
    const tc_load_opts *opts;   /* the --set overrides, for included bid files */
    unsigned char *deferred;    /* see tc_ld_apply_overrides; may be NULL */
    tc_ld_ids *platform_ids;    /* of every file of the load (shared by its bid files) */
} tc_ld;

void tc_ld_init(tc_ld *c, const char *file, tc_diags *d);
size_t tc_ld_push(tc_ld *c, const char *key);       /* returns the length to pop to */
size_t tc_ld_push_index(tc_ld *c, size_t i);
/* [<id>] for a mapping item with a valid id scalar, else [<i>] */
size_t tc_ld_push_item(tc_ld *c, const tc_node *item, size_t i);
void tc_ld_pop(tc_ld *c, size_t len);
void tc_ld_err(tc_ld *c, const tc_node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Input text for a message: escaped, at most 40 bytes of it. */
typedef struct { char s[200]; } tc_esc;
const char *tc_ld_esc(tc_esc *e, const char *s, size_t len);
const char *tc_ld_kind_name(const tc_node *n);      /* "a mapping", "a list", ... */
char *tc_ld_strdup(tc_ld *c, const char *s, size_t len);

/* Mappings of the schema: keys is NULL-terminated. Reports a non-mapping,
 * unknown keys (listing keys) and duplicates; 0 when n is not a mapping. */
int tc_ld_map(tc_ld *c, const tc_node *n, const char *const *keys);
const tc_node *tc_ld_get(const tc_node *map, const char *key);
const tc_node *tc_ld_require(tc_ld *c, const tc_node *map, const char *key);
int tc_ld_seq(tc_ld *c, const tc_node *n);          /* reports a non-list */

/* Where each schema mapping sits ("platforms[].pricing.cloud": list items
 * as []) and its keys, listed by the file that reads it; each table ends
 * with {NULL, NULL}. An unknown key is looked up in them to say where it
 * belongs or which key was meant (load_suggest.c). */
typedef struct {
    const char *at;
    const char *const *keys;    /* NULL: the names of terms[0..n_terms) */
    const tc_term *terms;
    size_t n_terms;
} tc_ld_where;
#define TC_LD_KEYS(at, keys) {at, keys, NULL, 0}
#define TC_LD_TERMS(at, terms, n) {at, NULL, terms, n}
#define TC_LD_WHERE_END {NULL, NULL, NULL, 0}
extern const tc_ld_where tc_ld_where_scenario[], tc_ld_where_analysis[],
    tc_ld_where_platform[], tc_ld_where_perf[];
/* Reports unknown key k of the mapping at c->path, whose keys are keys. */
void tc_ld_unknown_key(tc_ld *c, const tc_node *k, const char *const *keys);
/* Reports every FILL placeholder under n (keys and values) and marks it
 * bad, so that the schema walk passes over it silently. */
void tc_ld_placeholders(tc_ld *c, tc_node *n);

/* --- load_number.c: strict numbers, units --- */
typedef enum {
    TC_DIM_NONE = 0,
    TC_DIM_KW,                  /* power, key in kW */
    TC_DIM_MW,                  /* power, key in MW */
    TC_DIM_PER_KWH              /* energy price, key per kWh */
} tc_dim;

/* Parses a scalar as a number of dimension dim in the key's unit. quantum
 * (may be NULL): the precision as written. Reports and returns 0 if invalid. */
int tc_ld_number(tc_ld *c, const tc_node *n, tc_dim dim, double *out, double *quantum);

/* --- load_value.c: typed values, ranges --- */
typedef struct {
    double lo, hi;
    int lo_open, hi_open;
    int integer;
    int dist_ok;                /* a distribution may be written */
    tc_dim dim;
    const char *expect;         /* for "(expected ...)" */
    char text[112];             /* expect's text, for a range built from the inputs' table */
} tc_range;

/* Keys outside the inputs' table (analysis, claims, import options). */
extern const tc_range TC_R_SWING, TC_R_GPUS, TC_R_SAMPLES, TC_R_SEED, TC_R_WEIGHT,
    TC_R_CLAIM, TC_R_BOUND;

/* The range of input kind k as the loader reads it: the bounds of the
 * inputs' table (gen/core/inputs.c, the one place they are defined), the
 * unit its key takes, whether a distribution may be written, and the
 * "(expected ...)" text kept in r itself. Returns r. */
const tc_range *tc_ld_input_range(tc_input_kind k, tc_range *r);
/* tc_ld_input_range into a temporary that lives to the end of the statement's block. */
#define TC_LD_IN(k) tc_ld_input_range((k), &(tc_range){0})

typedef enum { TC_LD_DEFAULT = 0, TC_LD_REQUIRED, TC_LD_OPTIONAL } tc_need;

int tc_ld_in_range(const tc_range *r, double v);
int tc_ld_num(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out);
int tc_ld_num_key(tc_ld *c, const tc_node *map, const char *key,
                  const tc_range *r, tc_need need, double def, tc_num *out);
int tc_ld_int_key(tc_ld *c, const tc_node *map, const char *key,
                  const tc_range *r, tc_need need, double def, double *out);
/* A numeric key of one struct, read by tc_ld_fields: its input kind (the
 * key's name, range, unit and whether it is whole are the inputs' table's),
 * whether it must be given, its default, and the offset of its tc_num (an
 * int for a whole-number kind) in the struct. */
typedef struct {
    tc_input_kind kind;
    tc_need need;
    double def;
    size_t at;
} tc_ld_field;
/* Reads f[0..n) from map (NULL: the defaults) into the struct at base, in
 * order (the order their errors are reported in). */
void tc_ld_fields(tc_ld *c, const tc_node *map, const tc_ld_field *f, size_t n, void *base);
int tc_ld_text_key(tc_ld *c, const tc_node *map, const char *key,
                   tc_need need, char **out);
int tc_ld_id_ok(const tc_node *n);                  /* 1 to 64 of [a-z0-9_-] */
int tc_ld_id_key(tc_ld *c, const tc_node *map, const char *key, char **out);
int tc_ld_enum_key(tc_ld *c, const tc_node *map, const char *key,
                   const char *const *names, int def, int *out);
/* tc_ld_enum_key over a vocabulary table t[0..n) (n at most TC_LD_MAX_TERMS). */
#define TC_LD_MAX_TERMS 16
int tc_ld_term_key(tc_ld *c, const tc_node *map, const char *key, const tc_term *t, size_t n,
                   int def, int *out);
/* names (NULL-terminated) joined by ", " into buf (size n, truncated). */
const char *tc_ld_list(const char *const *names, char *buf, size_t n);
/* Index in t[0..n) of the term scalar v names, or -1 (not a scalar, bad, unknown). */
int tc_ld_term_of(const tc_node *v, const tc_term *t, size_t n);
/* The names of t[0..n) as a NULL-terminated list in buf (n + 1 entries). */
const char *const *tc_ld_term_names(const tc_term *t, size_t n, const char **buf);
int tc_ld_bool_key(tc_ld *c, const tc_node *map, const char *key, int def, int *out);
int tc_ld_date_key(tc_ld *c, const tc_node *map, const char *key, char **out);
int tc_ld_currency_key(tc_ld *c, const tc_node *map, const char *key, char out[4]);

/* --- load_dist.c --- */
int tc_ld_dist(tc_ld *c, const tc_node *n, const tc_range *r, tc_num *out);

/* --- load_scenario.c, load_platform.c, load_include.c --- */
typedef struct {
    tc_scenario *s;
    const tc_node *baseline;    /* where baseline was written, NULL if absent */
    const char *baseline_file;
} tc_ld_scn;

void tc_ld_scenario(tc_ld *c, const tc_node *root, tc_ld_scn *out);
/* The analysis section (map may be NULL: absent); sets the defaults. */
void tc_ld_analysis(tc_ld *c, const tc_node *map, tc_analysis *a);
/* Reads a `platforms:` list into s (appended, ids checked against those before). */
void tc_ld_platforms(tc_ld *c, const tc_node *list, tc_scenario *s);
/* A platform's performance: and claims: keys (load_perf.c). */
void tc_ld_perf(tc_ld *c, const tc_node *plat, tc_platform *p);
void tc_ld_claims(tc_ld *c, const tc_node *plat, tc_platform *p);
/* Reads the include: list; reads, hashes and walks every bid file. */
void tc_ld_includes(tc_ld *c, const tc_node *list, const char *scenario_path,
                    tc_scenario *s, void *sha);
/* Expands a path or pattern (a scalar item) relative to the folder of
 * base_path; 1: *g holds at least one path (globfree it), 0: reported. */
int tc_ld_glob(tc_ld *c, const tc_node *item, const char *base_path, glob_t *g);
/* A performance entry's import: (load_import.c): reads the artifacts into e. */
void tc_ld_import(tc_ld *c, const tc_node *entry, tc_perf *e);
/* Reads (from `real`, or `file` when NULL), hashes (sha: a struct
 * sha256_ctx) and walks one bid file; its errors name `file`. */
void tc_ld_include_file(tc_ld *c, const char *file, const char *real, tc_scenario *s, void *sha);
/* Reads a whole file into memory (bounded); reports and fails otherwise. */
tc_status tc_ld_slurp(const char *path, char **buf, size_t *len, tc_diags *d);
/* The confinement of files an input names (include:, and any file read by
 * a glob relative to an input): tc_ld_root_of gives the folder of `path`
 * with links resolved (NULL: out of memory); tc_ld_confined gives the file
 * `match` names, links resolved, when it lies inside root (or anywhere
 * after tc_load_include_anywhere(1)), else NULL with the error located at
 * `at` and no byte of the file quoted. Read the resolved path it returns.
 * Both results are the caller's to free. */
char *tc_ld_root_of(const char *path);
char *tc_ld_confined(tc_ld *c, const tc_node *at, const char *root, const char *match);
/* Reads `real`, naming `path` in its errors (an include read by its
 * resolved path, told by the name it was matched as). */
tc_status tc_ld_slurp_as(const char *real, const char *path, char **buf, size_t *len,
                         tc_diags *d);
/* Walks a bid file (its only key is platforms). */
void tc_ld_bid_file(tc_ld *c, const tc_node *root, tc_scenario *s);

/* --- load_override.c: "key.path=value" what-ifs, applied to the tree
 * before the walk; their errors are reported with the file name "--set",
 * line = the override's number, column = in its text. --- */
/* deferred (one flag per override, or NULL): set for an override naming a
 * platform by id that root does not hold; tc_ld_apply_deferred applies those
 * to each included bid file, and tc_ld_report_deferred reports the ones no
 * file held. */
void tc_ld_apply_overrides(tc_node *root, const tc_load_opts *opts, tc_diags *d,
                           unsigned char *deferred);
void tc_ld_apply_deferred(tc_node *bid, const tc_load_opts *opts, tc_diags *d,
                          unsigned char *deferred);
void tc_ld_report_deferred(const tc_load_opts *opts, tc_diags *d, const unsigned char *deferred);

/* --- load.c: the entry points over bytes already in memory (buf holds
 * len bytes and a NUL after them); path names the file in diagnostics and
 * is where relative includes are found. The fuzz harness calls these. --- */
tc_status tc_load_scenario_buffer(const char *path, const char *buf, size_t len,
                                  const tc_load_opts *opts, tc_scenario **out, tc_diags *d);
tc_status tc_check_buffer(const char *path, const char *buf, size_t len, tc_diags *d);

#endif
