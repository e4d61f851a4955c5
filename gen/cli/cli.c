/* The command line: options anywhere among the file names, one verb, the
 * exit status of OUTPUTS.md, and a checked close of stdout. */
#include "tc_cli.h"
#include "tc_version.h"
#include "tc_render.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tc_load.h"

static const char *const verb_names[] = {"render", "check", "eval", "template"};


/* Options, and the verbs each applies to (bit per cli_verb). */
typedef enum { OPT_OUTPUT, OPT_FORMATS, OPT_JOBS, OPT_QUIET, OPT_JSON, OPT_TEMPLATES,
               OPT_SET, OPT_ANYWHERE, OPT_AGAINST, OPT_FOR, OPT_HELP, OPT_VERSION, OPT_COUNT } opt_id;

static const struct {
    char short_name;
    const char *long_name;
    const char *value;          /* what the value is called; NULL: a flag */
    unsigned verbs;
} options[OPT_COUNT] = {
    [OPT_OUTPUT] = {'o', "output", "DIR", 1u << VERB_RENDER | 1u << VERB_CHECK},
    [OPT_FORMATS] = {0, "formats", "LIST", 1u << VERB_RENDER},
    [OPT_JOBS] = {'j', "jobs", "N", 1u << VERB_RENDER},
    [OPT_QUIET] = {'q', "quiet", NULL, 1u << VERB_RENDER | 1u << VERB_CHECK},
    [OPT_JSON] = {0, "json", NULL, 1u << VERB_EVAL},
    [OPT_TEMPLATES] = {0, "templates", "DIR", 1u << VERB_RENDER},
    [OPT_SET] = {0, "set", "KEY=VALUE", 1u << VERB_RENDER | 1u << VERB_EVAL | 1u << VERB_CHECK},
    [OPT_ANYWHERE] = {0, "include-anywhere", NULL,
                      1u << VERB_RENDER | 1u << VERB_EVAL | 1u << VERB_CHECK},
    [OPT_AGAINST] = {0, "against", "SCENARIO.yaml", 1u << VERB_CHECK},
    [OPT_FOR] = {0, "for", "SCENARIO.yaml", 1u << VERB_TEMPLATE},
    [OPT_HELP] = {'h', "help", NULL, ~0u},
    [OPT_VERSION] = {'V', "version", NULL, ~0u},
};

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tokcost: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("; try 'tokcost --help'\n", stderr);
    va_end(ap);
    return TC_EXIT_USAGE;
}

int cli_exit_for(tc_status st)
{
    if (st == TC_OK)
        return TC_EXIT_OK;
    return st == TC_ERR_INVALID || st == TC_ERR_READ ? TC_EXIT_INVALID : TC_EXIT_WRITE;
}

static void print_help(void)
{
    printf("usage: tokcost [render] SCENARIO.yaml... [-o DIR] [--formats LIST] [-j N] [-q]\n"
           "       tokcost check FILE.yaml... [-q]\n"
           "       tokcost check --against SCENARIO.yaml BID.yaml... [-o DIR] [--set KEY=VALUE]\n"
           "       tokcost eval SCENARIO.yaml [--json]\n"
           "       tokcost template bid|scenario\n"
           "       tokcost template bid --for SCENARIO.yaml\n"
           "       tokcost import FORMAT FILE... [--gpus N] [--model NAME] [--isl N --osl N]\n"
           "       tokcost --help | --version\n\n"
           "Turns AI-inference procurement scenarios (YAML) into cost per million tokens,\n"
           "tokens/s per MW, multi-year TCO, NPV and levelized cost per token (LCOT).\n\n"
           "commands:\n"
           "  render    (default) write each scenario's outputs into DIR/<file stem>/\n"
           "  check     validate scenarios and bid files; print every error; with --against,\n"
           "            evaluate each bid alone under that scenario's assumptions and workloads\n"
           "  eval      print the headline table (or the results JSON) to stdout\n"
           "  template  print a commented blank bid or scenario; bid --for: made for that RFP\n"
           "  import    print performance: entries read from benchmark result files\n\n"
           "options (before or after the file names):\n"
           "  -o, --output DIR     output folder (default: out)\n"
           "      --formats LIST   comma-separated: pdf,xlsx,png,svg,json (default: all this\n"
           "                       build writes:");
    for (int i = 0; i < TC_FORMAT_COUNT; i++)
        if (tc_render_available() & (1u << i))
            printf(" %s", tc_format_terms[i].name);
    printf(")\n"
           "  -j, --jobs N         render N scenarios at once (worker processes)\n"
           "  -q, --quiet          print nothing but errors\n"
           "      --json           eval: print the results document instead of the table\n"
           "      --set KEY=VALUE  what-if: override one input, e.g. assumptions.utilization=0.5;\n"
           "                       renders into DIR/<stem>+KEY=VALUE/, beside the original\n"
           "      --templates DIR  report wording from DIR instead of the built-in copy\n"
           "      --include-anywhere  include: may name files outside the scenario's folder\n"
           "      --against FILE   check: the committee's scenario the bids answer\n"
           "      --for FILE       template bid: the scenario (RFP) the bid is made for\n"
           "  -h, --help           this help\n"
           "  -V, --version        print the version\n\n"
           "exit status: 0 done, 1 some input is invalid (nothing written for it),\n"
           "2 usage error, 3 an output could not be written\n");
}

/* "pdf, xlsx, png, svg or json" from the formats table. */
static const char *format_list(char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < TC_FORMAT_COUNT && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i == 0 ? "" : i + 1 < TC_FORMAT_COUNT
                              ? ", " : " or ", tc_format_terms[i].name);
    return buf;
}

static int parse_formats(const char *list, unsigned *out)
{
    unsigned bits = 0;
    const char *s = list;
    char names[64];
    do {
        size_t len = strcspn(s, ",");
        int i = tc_term_find(tc_format_terms, TC_FORMAT_COUNT, s, len);
        if (i < 0)
            return cli_usage_error("--formats: unknown format '%.*s' (expected %s)", (int)len, s,
                                   format_list(names, sizeof names));
        if (!(tc_render_available() & (1u << i)))
            return cli_usage_error("--formats: %s output is not built into this tokcost",
                                   tc_format_terms[i].name);
        bits |= 1u << i;
        s += len;
    } while (*s++ == ',');
    *out = bits;
    return 0;
}

static int parse_jobs(const char *v, int *jobs)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < 1 || n > 1024)
        return cli_usage_error("-j: expected a number of jobs from 1 to 1024, got '%s'", v);
    *jobs = (int)n;
    return 0;
}

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Applies one option with its value (NULL for flags). */
static int apply_option(cli_args *a, opt_id id, const char *v)
{
    switch (id) {
    case OPT_OUTPUT:
        if (!v[0])
            return cli_usage_error("-o: the output folder is empty");
        a->out_dir = v;
        a->out_set = 1;
        return 0;
    case OPT_FORMATS: return parse_formats(v, &a->formats);
    case OPT_JOBS: return parse_jobs(v, &a->jobs);
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_JSON: a->json = 1; return 0;
    case OPT_ANYWHERE: tc_load_include_anywhere(1); return 0;
    case OPT_TEMPLATES:
        if (!is_directory(v))
            return cli_usage_error("--templates: '%s' is not a folder", v);
        a->templates_dir = v;
        return 0;
    case OPT_AGAINST: a->against = v; return 0;
    case OPT_FOR: a->for_scenario = v; return 0;
    case OPT_SET:
        if (!strchr(v, '=') || v[0] == '=')
            return cli_usage_error("--set: expected KEY=VALUE, got '%s'", v);
        a->sets[a->n_sets++] = v;
        return 0;
    default: return 0;
    }
}

typedef struct {
    int argc;
    char **argv;
    int i;                      /* current argument */
    unsigned seen;              /* bit per opt_id */
} cursor;

static int find_long(const char *name, size_t len)
{
    for (int k = 0; k < OPT_COUNT; k++)
        if (strlen(options[k].long_name) == len && strncmp(name, options[k].long_name, len) == 0)
            return k;
    return -1;
}

static int find_short(char c)
{
    for (int k = 0; k < OPT_COUNT; k++)
        if (options[k].short_name == c)
            return k;
    return -1;
}

/* One option argument at c->i ("-o DIR", "-oDIR", "--output DIR", "--output=DIR"). */
static int parse_option(cli_args *a, cursor *c)
{
    const char *arg = c->argv[c->i], *inline_val = NULL;
    int id;
    if (arg[1] == '-') {
        const char *eq = strchr(arg + 2, '=');
        id = find_long(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
        inline_val = eq ? eq + 1 : NULL;
    } else {
        id = find_short(arg[1]);
        inline_val = arg[2] ? arg + 2 : NULL;
    }
    if (id < 0)
        return cli_usage_error("unknown option '%s'", arg);
    if (!options[id].value && inline_val)
        return arg[1] == '-' ? cli_usage_error("option '--%s' takes no value", options[id].long_name)
                             : cli_usage_error("unknown option '%s'", arg);
    /* "-o=DIR" is "--output=DIR" misspelt: never a folder named "=DIR". */
    if (arg[1] != '-' && inline_val && inline_val[0] == '=')
        return cli_usage_error("option '-%c' takes its value without '=' (write '-%c %s' or "
                               "'--%s=%s')", arg[1], arg[1], options[id].value,
                               options[id].long_name, options[id].value);
    const char *v = inline_val;
    if (options[id].value && !v) {
        if (c->i + 1 >= c->argc)
            return cli_usage_error("option '%s' needs a value", arg);
        v = c->argv[++c->i];
    }
    c->seen |= 1u << id;
    return apply_option(a, (opt_id)id, v);
}

/* Splits argv into options and positional arguments. */
static int scan(cli_args *a, cursor *c, const char **pos, size_t *n_pos)
{
    int only_files = 0;
    for (c->i = 1; c->i < c->argc; c->i++) {
        const char *arg = c->argv[c->i];
        if (!only_files && strcmp(arg, "--") == 0)
            only_files = 1;
        else if (!only_files && arg[0] == '-' && arg[1]) {
            int rc = parse_option(a, c);
            if (rc)
                return rc;
        } else
            pos[(*n_pos)++] = arg;
    }
    return 0;
}

/* The first positional argument names the verb, else it is a scenario of
 * the default verb render; a word that is neither is a mistyped verb. */
static int take_verb(cli_args *a, const char **pos, size_t n_pos)
{
    a->verb = VERB_RENDER;
    a->files = pos;
    a->n_files = n_pos;
    if (n_pos == 0)
        return 0;
    for (size_t v = 0; v < sizeof verb_names / sizeof verb_names[0]; v++)
        if (strcmp(pos[0], verb_names[v]) == 0) {
            a->verb = (cli_verb)v;
            a->files = pos + 1;
            a->n_files = n_pos - 1;
            return 0;
        }
    if (!strpbrk(pos[0], "./") && access(pos[0], F_OK) != 0)
        return cli_usage_error("unknown command '%s'", pos[0]);
    return 0;
}

static int check_applies(const cli_args *a, unsigned seen)
{
    for (int k = 0; k < OPT_COUNT; k++)
        if ((seen >> k & 1u) && !(options[k].verbs >> a->verb & 1u))
            return cli_usage_error("option '--%s' does not apply to %s", options[k].long_name,
                                   verb_names[a->verb]);
    if (a->verb == VERB_CHECK && !a->against && (seen & (1u << OPT_OUTPUT | 1u << OPT_SET)))
        return cli_usage_error("option '--%s' applies to check only with --against",
                               seen & (1u << OPT_OUTPUT) ? "output" : "set");
    if (a->verb == VERB_EVAL && a->n_files != 1)
        return cli_usage_error("eval takes one scenario file, got %zu", a->n_files);
    if (a->verb == VERB_TEMPLATE && (a->n_files != 1 || (strcmp(a->files[0], "bid") != 0 &&
                                                         strcmp(a->files[0], "scenario") != 0)))
        return cli_usage_error("template: expected 'bid' or 'scenario'");
    if (a->for_scenario && strcmp(a->files[0], "bid") != 0)
        return cli_usage_error("template: --for applies to 'bid' only");
    if (a->n_files == 0)
        return cli_usage_error("no %s file given", a->against ? "bid" : a->verb == VERB_CHECK
                                                                     ? "input" : "scenario");
    return 0;
}

/* Returns -1 when help or version was printed, else 0 or a usage status. */
static int parse(cli_args *a, int argc, char **argv, const char **pos)
{
    cursor c = {argc, argv, 0, 0};
    size_t n_pos = 0;
    int rc = scan(a, &c, pos, &n_pos);
    if (rc)
        return rc;
    if (c.seen & (1u << OPT_HELP)) {
        print_help();
        return -1;
    }
    if (c.seen & (1u << OPT_VERSION)) {
        printf("tokcost %s\n", TC_VERSION);
        return -1;
    }
    rc = take_verb(a, pos, n_pos);
    return rc ? rc : check_applies(a, c.seen);
}

/* A full disk or a closed pipe on stdout is an output that failed. */
static int close_stdout(int code)
{
    int failed = ferror(stdout);
    int saved = errno;
    if (fclose(stdout) != 0) {
        failed = 1;
        saved = errno;
    }
    if (!failed)
        return code;
    fprintf(stderr, "tokcost: cannot write to standard output: %s\n",
            strerror(saved ? saved : EIO));
    return code > TC_EXIT_WRITE ? code : TC_EXIT_WRITE;
}

static int run(const cli_args *a)
{
    switch (a->verb) {
    case VERB_CHECK: return cli_check(a);
    case VERB_EVAL: return cli_eval(a);
    case VERB_TEMPLATE: return cli_template(a);
    default: return cli_render(a);
    }
}

int tc_cli_main(int argc, char **argv)
{
    cli_args a = {.out_dir = "out", .formats = tc_render_available(), .jobs = 1};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    a.sets = calloc((size_t)argc + 1, sizeof *a.sets);
    if (!pos || !a.sets) {
        fprintf(stderr, "tokcost: %s\n", tc_strerror(TC_ERR_NOMEM));
        free(pos);
        free(a.sets);
        return TC_EXIT_WRITE;
    }
    if (argc > 1 && strcmp(argv[1], "import") == 0) {   /* its own options: cli_import.c */
        free(pos);
        free(a.sets);
        return close_stdout(cli_import(argc - 1, argv + 1));
    }
    int rc = parse(&a, argc, argv, pos);
    if (rc == 0)
        rc = run(&a);
    else if (rc < 0)
        rc = TC_EXIT_OK;
    free(pos);
    free(a.sets);
    return close_stdout(rc);
}
