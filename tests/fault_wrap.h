/* Call-site failure injection for the library tests/test_*_faults.c
 * (libharu, libxlsxwriter, cairo): a library function wrapped with
 * -Wl,--wrap fails at one call site (the caller's return address) and
 * works everywhere else. Before including,
 * define ON_FAIL() (what the library would also do on that error). */
#ifndef TC_COVER_WRAP_H
#define TC_COVER_WRAP_H

#define MAX_SITES 4096
static void *sites[MAX_SITES];
static const char *site_fn[MAX_SITES];
static size_t n_sites;
static int recording;
static void *target;        /* the site whose first call fails */
static int fired;

static int site_fails(void *ra, const char *fn)
{
    if (recording) {
        for (size_t i = 0; i < n_sites; i++)
            if (sites[i] == ra)
                return 0;
        if (n_sites < MAX_SITES) {
            site_fn[n_sites] = fn;
            sites[n_sites++] = ra;
        }
        return 0;
    }
    if (ra == target && !fired) {
        fired = 1;
        return 1;
    }
    return 0;
}

#define FAIL_IF_SITE(bad) \
    if (site_fails(__builtin_return_address(0), __func__ + 7)) { \
        ON_FAIL(); \
        return bad; \
    }

#define W0(R, f, bad) \
    R __real_##f(void); R __wrap_##f(void); \
    R __wrap_##f(void) { FAIL_IF_SITE(bad); return __real_##f(); }
#define W1(R, f, bad, T1) \
    R __real_##f(T1); R __wrap_##f(T1 a); \
    R __wrap_##f(T1 a) { FAIL_IF_SITE(bad); return __real_##f(a); }
#define W2(R, f, bad, T1, T2) \
    R __real_##f(T1, T2); R __wrap_##f(T1 a, T2 b); \
    R __wrap_##f(T1 a, T2 b) { FAIL_IF_SITE(bad); return __real_##f(a, b); }
#define W3(R, f, bad, T1, T2, T3) \
    R __real_##f(T1, T2, T3); R __wrap_##f(T1 a, T2 b, T3 c); \
    R __wrap_##f(T1 a, T2 b, T3 c) { FAIL_IF_SITE(bad); return __real_##f(a, b, c); }
#define W4(R, f, bad, T1, T2, T3, T4) \
    R __real_##f(T1, T2, T3, T4); R __wrap_##f(T1 a, T2 b, T3 c, T4 d); \
    R __wrap_##f(T1 a, T2 b, T3 c, T4 d) { FAIL_IF_SITE(bad); return __real_##f(a, b, c, d); }
#define W5(R, f, bad, T1, T2, T3, T4, T5) \
    R __real_##f(T1, T2, T3, T4, T5); R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e); \
    R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e) { FAIL_IF_SITE(bad); return __real_##f(a, b, c, d, e); }
#define W6(R, f, bad, T1, T2, T3, T4, T5, T6) \
    R __real_##f(T1, T2, T3, T4, T5, T6); R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e, T6 g); \
    R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e, T6 g) \
    { FAIL_IF_SITE(bad); return __real_##f(a, b, c, d, e, g); }
#define W7(R, f, bad, T1, T2, T3, T4, T5, T6, T7) \
    R __real_##f(T1, T2, T3, T4, T5, T6, T7); \
    R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e, T6 g, T7 h); \
    R __wrap_##f(T1 a, T2 b, T3 c, T4 d, T5 e, T6 g, T7 h) \
    { FAIL_IF_SITE(bad); return __real_##f(a, b, c, d, e, g, h); }

#endif
