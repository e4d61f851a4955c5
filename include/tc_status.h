/* One status enum for the whole tool, with a message table (as lxw_error). */
#ifndef TC_STATUS_H
#define TC_STATUS_H

typedef enum {
    TC_OK = 0,
    TC_ERR_NOMEM,      /* allocation failed */
    TC_ERR_INVALID,    /* an input is invalid; diagnostics say where */
    TC_ERR_READ,       /* an input file could not be read */
    TC_ERR_WRITE,      /* an output could not be written */
    TC_ERR_RENDER,     /* a rendering library reported an error */
    TC_ERR_SAME_FILE,  /* an output path is one of the input files */
    TC_STATUS_COUNT
} tc_status;

/* Lowercase message for a status, never NULL. */
const char *tc_strerror(tc_status st);

/* Process exit codes (OUTPUTS.md). */
enum {
    TC_EXIT_OK = 0,
    TC_EXIT_INVALID = 1,
    TC_EXIT_USAGE = 2,
    TC_EXIT_WRITE = 3
};

#endif
