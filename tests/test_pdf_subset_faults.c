/* Every call of HarfBuzz (and the temporary file) of the report's font
 * subsets, one call site at a time, fails (each wrapped with --wrap; the
 * site is the caller's return address): the PDF render must then fail
 * with a message and leave no file. HarfBuzz's constructors do not return
 * NULL: a failed set or blob is the library's empty one, which the caller
 * must notice, and the wraps return exactly that. */
#include "tc_test.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>

#define ON_FAIL() do { } while (0)
#include "fault_sweep.h"

W1(hb_blob_t *, hb_blob_create_from_file_or_fail, NULL, const char *)
W0(hb_set_t *, hb_set_create, hb_set_get_empty())
W0(hb_subset_input_t *, hb_subset_input_create_or_fail, NULL)
W2(hb_face_t *, hb_subset_or_fail, NULL, hb_face_t *, const hb_subset_input_t *)
W1(hb_blob_t *, hb_face_reference_blob, hb_blob_get_empty(), hb_face_t *)
W0(FILE *, tmpfile, NULL)

static void every_harfbuzz_failure_is_caught(void **state)
{
    (void)state;
    fault_sweep_counts c;
    fault_sweep_run(&(fault_sweep){"harfbuzz", TC_FMT_PDF, 7, 0, NULL}, &c);
    assert_int_equal(c.harmless, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_harfbuzz_failure_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
