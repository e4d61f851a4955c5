/* tokcost import FORMAT FILE... [--gpus N] [--prefill-gpus N --decode-gpus N]
 * [--model NAME] [--isl N] [--osl N]: prints a performance: list in
 * scenario YAML, ready to paste into a bid, each point with a comment
 * naming its file and record. Its options are its own (it takes no
 * scenario), so it parses them here. */
#include "tc_import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The shortest text that reads back as v. */
static const char *shortest(char *buf, size_t n, double v)
{
    for (int p = 6; p <= 17; p++) {
        snprintf(buf, n, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

static int count_arg(const char *opt, const char *v, double lo, double *out)
{
    char *end;
    errno = 0;
    double x = v ? strtod(v, &end) : 0;
    if (!v || *end || end == v || errno || x < lo || x > 1e9 || x != (double)(long)x)
        return cli_usage_error("%s: expected an integer >= %.0f, got '%s'", opt, lo, v ? v : "");
    *out = x;
    return 0;
}

typedef struct {
    tc_import_opts o;
    const char **files;
    size_t n;
    int fmt;
} imp_args;

static int take_opt(imp_args *a, const char *opt, const char *v)
{
    double x = 0;
    int rc = 0;
    if (strcmp(opt, "--model") == 0) {
        if (!v || !*v)
            return cli_usage_error("--model: expected a name");
        a->o.model = v;
    } else if (strcmp(opt, "--isl") == 0 && !(rc = count_arg(opt, v, 1, &x))) {
        a->o.isl = x;
    } else if (strcmp(opt, "--osl") == 0 && !(rc = count_arg(opt, v, 1, &x))) {
        a->o.osl = x;
    } else if (strcmp(opt, "--gpus") == 0 && !(rc = count_arg(opt, v, 1, &x))) {
        a->o.gpus = (int)x;
    } else if (strcmp(opt, "--prefill-gpus") == 0 && !(rc = count_arg(opt, v, 1, &x))) {
        a->o.prefill_gpus = (int)x;
    } else if (strcmp(opt, "--decode-gpus") == 0 && !(rc = count_arg(opt, v, 1, &x))) {
        a->o.decode_gpus = (int)x;
    } else if (!rc) {
        return cli_usage_error("import: unknown option '%s'", opt);
    }
    return rc;
}

static void usage(void)
{
    printf("usage: tokcost import FORMAT FILE... [--gpus N | --prefill-gpus N --decode-gpus N]\n"
           "                      [--model NAME] [--isl N] [--osl N]\n\n"
           "Prints a performance: list read from benchmark result files, each point with\n"
           "its file, record and SHA-256, ready to paste into a bid (README, \"Importing\n"
           "benchmark results\").\n\nformats:");
    for (int i = 0; tc_import_format_names[i]; i++)
        printf(" %s", tc_import_format_names[i]);
    printf("\n");
}

static int parse_args(int argc, char **argv, imp_args *a)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return -1;
        }
        if (strncmp(argv[i], "--", 2) == 0 && argv[i][2]) {
            char *eq = strchr(argv[i], '=');
            char opt[32];
            snprintf(opt, sizeof opt, "%.*s", eq ? (int)(eq - argv[i]) : (int)strlen(argv[i]),
                     argv[i]);
            const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            int rc = take_opt(a, opt, v);
            if (rc)
                return rc;
        } else if (a->fmt >= 0) {
            a->files[a->n++] = argv[i];
        } else if ((a->fmt = tc_import_format_index(argv[i])) < 0) {
            char list[300] = "";
            for (size_t k = 0, o = 0; tc_import_format_names[k] && o < sizeof list; k++)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? ", " : "",
                                      tc_import_format_names[k]);
            return cli_usage_error("import: unknown format '%s' (expected one of: %s)", argv[i],
                                   list);
        }
    }
    if (a->fmt < 0)
        return cli_usage_error("import: expected a format and result files");
    if (a->n == 0)
        return cli_usage_error("import: no result file given");
    if ((a->o.prefill_gpus > 0) != (a->o.decode_gpus > 0))
        return cli_usage_error("import: --prefill-gpus and --decode-gpus go together");
    if (a->o.gpus && a->o.prefill_gpus)
        return cli_usage_error("import: --gpus and --prefill-gpus/--decode-gpus exclude each other");
    return 0;
}

/* A file name in a comment (escaped by the importer: a newline in it
 * cannot end the comment). */
static void print_name(const char *s)
{
    fputs(s, stdout);
}

static void print_point(const tc_perf *e, const tc_point *p)
{
    char x[40], y[40];
    printf("      # ");
    print_name(e->files[p->file - 1].name);
    printf(" %s, sha256 %s", p->record, e->files[p->file - 1].sha256);
    if (p->prefill_gpus)
        printf(", disaggregated: %d prefill + %d decode GPUs", p->prefill_gpus, p->decode_gpus);
    if (p->kw_per_gpu > 0)
        printf(", measured %s kW per GPU", shortest(x, sizeof x, p->kw_per_gpu));
    printf("\n      - {interactivity: %s, throughput: %s}\n",
           shortest(x, sizeof x, p->interactivity.value),
           shortest(y, sizeof y, p->throughput.value));
}

/* A YAML double-quoted scalar (the loader refused control characters). */
static void print_quoted(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

static void print_entry(const tc_perf *e)
{
    char x[40], y[40];
    printf("  - model: ");
    print_quoted(e->model);
    printf("\n    isl: %.0f\n    osl: %.0f\n    basis: output\n"
           "    evidence: measured\n    points:\n", e->isl, e->osl);
    for (size_t i = 0; i < e->n_points; i++)
        print_point(e, &e->points[i]);
    for (size_t i = 0; i < e->n_dropped; i++) {
        const tc_dropped_point *d = &e->dropped[i];
        printf("    # dropped, dominated: ");
        print_name(e->files[d->file - 1].name);
        printf(" %s: interactivity %s, throughput %s\n", d->record,
               shortest(x, sizeof x, d->interactivity), shortest(y, sizeof y, d->throughput));
    }
}

int cli_import(int argc, char **argv)
{
    imp_args a = {.fmt = -1};
    a.files = calloc((size_t)argc + 1, sizeof *a.files);
    if (!a.files) {
        fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
        return TC_EXIT_WRITE;
    }
    int rc = parse_args(argc, argv, &a);
    tc_diags d;
    tc_diags_init(&d);
    tc_import_result r = {0};
    tc_status st = rc ? TC_OK : tc_import_read((tc_import_format)a.fmt, a.files, NULL, a.n,
                                               &a.o, NULL, &r, &d);
    tc_diags_print(&d, stderr);
    if (!rc && st != TC_OK && d.count == 0)
        fprintf(stderr, "tokcost: import: %s\n", tc_strerror(st));
    if (!rc && st == TC_OK) {
        for (size_t i = 0; i < r.n_entries; i++)
            for (size_t k = 0; k < r.entries[i].n_notes && i == 0; k++)
                fprintf(stderr, "tokcost: warning: %s\n", r.entries[i].notes[k]);
        printf("# tokcost import %s: %zu file%s, evidence measured\nperformance:\n",
               tc_import_format_names[a.fmt], a.n, a.n > 1 ? "s" : "");
        for (size_t i = 0; i < r.n_entries; i++)
            print_entry(&r.entries[i]);
    }
    tc_import_result_free(&r);
    tc_diags_free(&d);
    free(a.files);
    return rc < 0 ? TC_EXIT_OK : rc ? rc : cli_exit_for(st);
}
