/* The workbook's safety helpers (gen/render/xlsx/xlsx_safe.c, gen/render/xlsx/xlsx_names.c) at
 * their edges: sheet names keep whole UTF-8 characters, invalid UTF-8 of
 * every kind becomes U+FFFD, formulas name what they cannot expand or are
 * too long for, defined names stay unique whatever their case, and the
 * first failure sticks. */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gen/render/xlsx/xlsx.h"

/* Non-ASCII names keep their last character; one cut at the 31-byte limit
 * is dropped whole, never left half. */
static void sheet_names_keep_whole_characters(void **state)
{
    (void)state;
    char s[32];
    xl_sheet_name("Caf\xc3\xa9", s, sizeof s);
    assert_string_equal(s, "Caf\xc3\xa9");
    xl_sheet_name("\xe6\x9d\xb1\xe4\xba\xac", s, sizeof s);                /* two CJK characters */
    assert_string_equal(s, "\xe6\x9d\xb1\xe4\xba\xac");
    char base[64];
    memset(base, 'a', 30);
    strcpy(base + 30, "\xc3\xa9z");             /* é across bytes 31 and 32 */
    xl_sheet_name(base, s, sizeof s);
    assert_int_equal(strlen(s), 30);
    assert_memory_equal(s, base, 30);
    memset(base, 'a', 29);
    strcpy(base + 29, "\xe2\x82\xac");          /* € across bytes 30 to 32 */
    xl_sheet_name(base, s, sizeof s);
    assert_int_equal(strlen(s), 29);
    memset(base, 'a', 28);
    strcpy(base + 28, "\xe2\x82\xac" "b");       /* € ends at byte 31: kept */
    xl_sheet_name(base, s, sizeof s);
    assert_int_equal(strlen(s), 31);
    assert_string_equal(s + 28, "\xe2\x82\xac");
}

#define FFFD "\xef\xbf\xbd"

/* Every kind of invalid UTF-8 becomes U+FFFD, one per byte that starts no
 * valid character; the valid characters at each edge are kept. */
static void invalid_utf8_is_replaced(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"\xe0\x80\x80", FFFD FFFD FFFD},                 /* overlong 3-byte */
        {"\xe0\xa0\x80", "\xe0\xa0\x80"},                  /* U+0800 */
        {"\xed\xa0\x80", FFFD FFFD FFFD},                 /* surrogate */
        {"\xed\x9f\xbf", "\xed\x9f\xbf"},                  /* U+D7FF */
        {"\xf0\x80\x80\x80", FFFD FFFD FFFD FFFD},         /* overlong 4-byte */
        {"\xf0\x90\x80\x80", "\xf0\x90\x80\x80"},          /* U+10000 */
        {"\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD},         /* above U+10FFFF */
        {"\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"},          /* U+10FFFF */
        {"\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD},         /* no character starts with F5 */
        {"\xfe\x80\x80", FFFD FFFD FFFD},
        {"\xc1\xbf", FFFD FFFD},                           /* overlong 2-byte */
        {"\xc2\x80", "\xc2\x80"},                            /* U+0080 */
        {"\xe2\x82", FFFD FFFD},                           /* cut short by the end */
        {"a\xe2\x82" "b", "a" FFFD FFFD "b"},               /* cut short by ASCII */
        {"x\x7fy\rz", "x" FFFD "y" FFFD "z"},               /* DEL, CR */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int cut = -1;
        char *t = xl_clean(cases[k][0], &cut);
        assert_non_null(t);
        if (strcmp(t, cases[k][1]) != 0)
            fail_msg("case %zu: got \"%s\"", k, t);
        assert_int_equal(cut, 0);
        free(t);
    }
    assert_int_equal(xl_utf8_cut("ab\xf0\x9f\x98\x80", 5), 2);      /* not inside the emoji */
    assert_int_equal(xl_utf8_cut("ab\xf0\x9f\x98\x80", 6), 6);
    assert_int_equal(xl_utf8_cut("\xc3\xa9", 1), 0);
}

typedef struct {
    char path[64];
    xl_ctx c;
    lxw_worksheet *ws;
} book;

static int book_setup(void **state)
{
    book *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    strcpy(b->path, "/tmp/tc_xlsafe_XXXXXX");
    int fd = mkstemp(b->path);
    if (fd < 0)
        return -1;
    close(fd);
    b->c.names = xl_names_new();
    b->c.wb = workbook_new(b->path);
    b->ws = b->c.wb ? workbook_add_worksheet(b->c.wb, "Inputs") : NULL;
    *state = b;
    return b->c.names && b->ws ? 0 : -1;
}

static int book_teardown(void **state)
{
    book *b = *state;
    int rc = workbook_close(b->c.wb) == LXW_NO_ERROR ? 0 : -1;
    unlink(b->path);
    xl_names_free(b->c.names);
    for (size_t i = 0; i < b->c.n_warnings; i++)
        free(b->c.warnings[i]);
    free(b->c.warnings);
    free(b);
    return rc;
}

/* Clears the sticky error after a failure the test expected. */
static void expect_failed(xl_ctx *c, tc_status st, const char *err)
{
    assert_int_equal(c->st, st);
    assert_string_equal(c->err, err);
    c->st = TC_OK;
    c->err[0] = '\0';
}

static char *repeat(const char *unit, size_t times)
{
    size_t len = strlen(unit);
    char *s = malloc(len * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * len, unit, len);
    s[len * times] = '\0';
    return s;
}

/* A formula names the key it cannot expand, and says when it is too long
 * before or after its names are expanded; text in braces that is no key
 * (too long, or unclosed) is left as it is. */
static void formula_failures(void **state)
{
    book *b = *state;
    xl_ctx *c = &b->c;
    assert_string_equal(xl_define(c, "p0.gpu_hour", "h200_gpu_hour", "Inputs", 1, 1), "h200_gpu_hour");
    assert_string_equal(xl_define(c, "k", "a_much_longer_name_for_k", "Inputs", 2, 1),
                        "a_much_longer_name_for_k");
    xl_fx(c, b->ws, 5, 1, NULL, 2.82, "={p0.gpu_hour}*%d", 2);
    xl_fx_str(c, b->ws, 6, 1, NULL, "yes", "=IF({p0.gpu_hour}>1,\"yes\",\"no\")");
    xl_fx(c, b->ws, 7, 1, NULL, NAN, "={nothing}");     /* not finite: n/a, not expanded */
    assert_int_equal(c->st, TC_OK);
    xl_fx(c, b->ws, 8, 1, NULL, 1.0, "={p1.gpu_hour}*2");
    expect_failed(c, TC_ERR_RENDER, "workbook: internal: no defined name for p1.gpu_hour");
    xl_fx_str(c, b->ws, 8, 1, NULL, "x", "={p2.x}");
    expect_failed(c, TC_ERR_RENDER, "workbook: internal: no defined name for p2.x");
    char *raw = repeat("1+", 4200);
    xl_fx(c, b->ws, 9, 1, NULL, 1.0, "=%s1", raw);
    expect_failed(c, TC_ERR_RENDER, "workbook: a formula exceeds 8192 characters");
    free(raw);
    char *names = repeat("{k}+", 2000);        /* 8000 bytes, 50000 expanded */
    xl_fx(c, b->ws, 9, 1, NULL, 1.0, "=%s1", names);
    expect_failed(c, TC_ERR_RENDER, "workbook: a formula exceeds 8192 characters");
    free(names);
    char *brace = repeat("x", 300);
    xl_fx_str(c, b->ws, 10, 1, NULL, "t", "=\"{%s}\"&\"{open\"", brace);
    assert_int_equal(c->st, TC_OK);
    free(brace);
}

/* Excel compares names without case: a name taken in any case gets _2, _3;
 * a key is defined once; after a failure nothing more is defined. */
static void names_stay_unique(void **state)
{
    book *b = *state;
    xl_ctx *c = &b->c;
    assert_string_equal(xl_define(c, "a", "gpu_hour", "Inputs", 1, 1), "gpu_hour");
    assert_string_equal(xl_define(c, "b", "GPU_Hour", "Inputs", 2, 1), "GPU_Hour_2");
    assert_string_equal(xl_define(c, "c", "gpu-hour", "Inputs", 3, 1), "gpu_hour_3");
    assert_string_equal(xl_name_of(c, "b"), "GPU_Hour_2");
    assert_null(xl_name_of(c, "d"));
    assert_null(xl_define(c, "a", "other", "Inputs", 6, 1));
    assert_int_equal(c->st, TC_ERR_RENDER);
    assert_string_equal(c->err, "workbook: internal: name key a defined twice");
    assert_null(xl_define(c, "e", "fresh", "Inputs", 7, 1));     /* sticky */
    xl_fail(c, TC_ERR_WRITE, "a later failure");
    assert_string_equal(c->err, "workbook: internal: name key a defined twice");
    assert_null(xl_name_of(c, "e"));
    c->st = TC_OK;
}

/* Names cut to the longest libxlsxwriter defines, distinct when their
 * cut parts are equal; the workbook is still valid. */
static void long_names_are_defined(void **state)
{
    book *b = *state;
    xl_ctx *c = &b->c;
    char *longname = repeat("n", 300);
    const char *n1 = xl_define(c, "long1", longname, "Inputs", 4, 1);
    assert_int_equal(c->st, TC_OK);
    assert_non_null(n1);
    assert_int_equal(strlen(n1), XL_NAME_MAX);
    char first[XL_NAME_MAX + 1];
    strcpy(first, n1);
    const char *n2 = xl_define(c, "long2", longname, "Inputs", 5, 1);
    assert_int_equal(c->st, TC_OK);
    assert_non_null(n2);
    assert_int_equal(strlen(n2), XL_NAME_MAX - 8 + 2);
    assert_string_equal(n2 + XL_NAME_MAX - 8, "_2");
    assert_memory_equal(n2, first, XL_NAME_MAX - 8);
    free(longname);
}

/* More names than the table's first size: all still found. */
static void many_names(void **state)
{
    book *b = *state;
    xl_ctx *c = &b->c;
    char key[32], base[32], want[32];
    for (int i = 0; i < 600; i++) {
        snprintf(key, sizeof key, "key%d", i);
        snprintf(base, sizeof base, "name_%d", i);
        assert_string_equal(xl_define(c, key, base, "Inputs", (lxw_row_t)(1 + i), 1), base);
    }
    for (int i = 0; i < 600; i++) {
        snprintf(key, sizeof key, "key%d", i);
        snprintf(want, sizeof want, "name_%d", i);
        assert_string_equal(xl_name_of(c, key), want);
    }
}

/* Text over Excel's cell limit is cut with a warning naming the cell. */
static void long_text_warns(void **state)
{
    book *b = *state;
    xl_ctx *c = &b->c;
    char *text = repeat("y", 40000);
    xl_str(c, b->ws, 4, 1, text, NULL);
    xl_str(c, b->ws, 5, 1, NULL, NULL);        /* no text: nothing, no warning */
    free(text);
    assert_int_equal(c->st, TC_OK);
    assert_int_equal(c->n_warnings, 1);
    assert_string_equal(c->warnings[0],
                        "workbook: Inputs!B5: a text of 40000 bytes was cut to Excel's limit of 32767");
    xl_note(c, b->ws, 4, 1, "%s", "a note");
    assert_int_equal(c->st, TC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet_names_keep_whole_characters),
        cmocka_unit_test(invalid_utf8_is_replaced),
        cmocka_unit_test_setup_teardown(formula_failures, book_setup, book_teardown),
        cmocka_unit_test_setup_teardown(names_stay_unique, book_setup, book_teardown),
        cmocka_unit_test_setup_teardown(long_names_are_defined, book_setup, book_teardown),
        cmocka_unit_test_setup_teardown(many_names, book_setup, book_teardown),
        cmocka_unit_test_setup_teardown(long_text_warns, book_setup, book_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
