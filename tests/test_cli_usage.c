/* Usage errors of the command line, each with its exit status and its one
 * line on stderr, run in this process (tc_cli_main closes stdout, as a
 * program's end does: it gets a stream of its own each time). */
#include "tc_cli.h"
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>


typedef struct {
    const char *argv[6];
    int exit;
    const char *line;       /* stderr's first line, exactly */
} cli_case;

#define HINT "; try 'tokcost --help'"
static const cli_case cases[] = {
    {{"-j", "0", "x.yaml"}, 2, "tokcost: -j: expected a number of jobs from 1 to 1024, got '0'" HINT},
    {{"-j", "abc", "x.yaml"}, 2, "tokcost: -j: expected a number of jobs from 1 to 1024, got 'abc'" HINT},
    {{"-j", "2000", "x.yaml"}, 2, "tokcost: -j: expected a number of jobs from 1 to 1024, got '2000'" HINT},
    {{"-jx", "x.yaml"}, 2, "tokcost: -j: expected a number of jobs from 1 to 1024, got 'x'" HINT},
    {{"--output=", "x.yaml"}, 2, "tokcost: -o: the output folder is empty" HINT},
    {{"--templates", "/nonexistent", "x.yaml"}, 2, "tokcost: --templates: '/nonexistent' is not a folder" HINT},
    {{"--templates=", "x.yaml"}, 2, "tokcost: --templates: '' is not a folder" HINT},
    {{"--set", "noeq", "x.yaml"}, 2, "tokcost: --set: expected KEY=VALUE, got 'noeq'" HINT},
    {{"--set", "=1", "x.yaml"}, 2, "tokcost: --set: expected KEY=VALUE, got '=1'" HINT},
    {{"-Z", "x.yaml"}, 2, "tokcost: unknown option '-Z'" HINT},
    {{"--bogus", "x.yaml"}, 2, "tokcost: unknown option '--bogus'" HINT},
    {{"--", "-x.yaml"}, 1, "-x.yaml:1:1: cannot read the file: no such file or directory"},
    {{"frobnicate"}, 2, "tokcost: unknown command 'frobnicate'" HINT},
    {{"template"}, 2, "tokcost: template: expected 'bid' or 'scenario'" HINT},
    {{"template", "foo"}, 2, "tokcost: template: expected 'bid' or 'scenario'" HINT},
    {{"check"}, 2, "tokcost: no input file given" HINT},
    {{"eval"}, 2, "tokcost: eval takes one scenario file, got 0" HINT},
    {{"eval", "a.yaml", "b.yaml"}, 2, "tokcost: eval takes one scenario file, got 2" HINT},
    {{"--formats", "pdf,zz", "x.yaml"}, 2,
     "tokcost: --formats: unknown format 'zz' (expected pdf, xlsx, png, svg or json)" HINT},
    {{"--formats", ",", "x.yaml"}, 2,
     "tokcost: --formats: unknown format '' (expected pdf, xlsx, png, svg or json)" HINT},
    {{"-"}, 2, "tokcost: unknown command '-'" HINT},
};

static void usage_errors_are_named(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *argv[8] = {"tokcost"};
        int argc = 1;
        for (; argc < 7 && cases[i].argv[argc - 1]; argc++)
            argv[argc] = cases[i].argv[argc - 1];
        FILE *out = stdout, *err = stderr, *cap = tmpfile();
        assert_non_null(cap);
        fflush(stdout);
        stdout = fopen("/dev/null", "w");
        assert_non_null(stdout);
        stderr = cap;
        int rc = tc_cli_main(argc, (char **)argv);
        stdout = out;
        stderr = err;
        char line[512] = "";
        rewind(cap);
        if (!fgets(line, sizeof line, cap))
            line[0] = '\0';
        fclose(cap);
        line[strcspn(line, "\n")] = '\0';
        if (rc != cases[i].exit || strcmp(line, cases[i].line) != 0)
            fail_msg("case %zu: exit %d, \"%s\"; expected exit %d, \"%s\"", i, rc, line,
                     cases[i].exit, cases[i].line);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(usage_errors_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
