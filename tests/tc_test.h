/* Shared test helpers: cmocka 1.1.5 has no double assert, so this is the
 * relative-tolerance one every test uses. */
#ifndef TC_TEST_H
#define TC_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

/* Passes when |a - b| <= rel * max(|a|, |b|), or both are NAN. */
#define assert_double_rel(a, b, rel) \
    tc_assert_double_rel((a), (b), (rel), #a, __FILE__, __LINE__)

static inline void tc_assert_double_rel(double a, double b, double rel,
                                        const char *expr, const char *file, int line)
{
    if (isnan(a) && isnan(b))
        return;
    double scale = fmax(fabs(a), fabs(b));
    if (isnan(a) || isnan(b) || fabs(a - b) > rel * scale) {
        print_error("%s = %.17g, expected %.17g (relative tolerance %g)\n", expr, a, b, rel);
        _fail(file, line);
    }
}

#endif
