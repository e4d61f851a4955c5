/* The workbook's safety helpers (gen/xlsx_safe.c, gen/xlsx_names.c) at
 * their edges: sheet names keep whole UTF-8 characters, invalid UTF-8 of
 * every kind becomes U+FFFD, formulas name what they cannot expand or are
 * too long for, defined names stay unique whatever their case, and the
 * first failure sticks. */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gen/xlsx.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet_names_keep_whole_characters),
        cmocka_unit_test(invalid_utf8_is_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
