/* Message table for tc_status (as lxw_strerror). */
#include "tc_status.h"

static const char *const messages[TC_STATUS_COUNT] = {
    [TC_OK] = "no error",
    [TC_ERR_NOMEM] = "out of memory",
    [TC_ERR_INVALID] = "invalid input",
    [TC_ERR_READ] = "cannot read input",
    [TC_ERR_WRITE] = "cannot write output",
    [TC_ERR_RENDER] = "rendering failed",
    [TC_ERR_SAME_FILE] = "output path is an input file",
};

const char *tc_strerror(tc_status st)
{
    if ((unsigned)st >= TC_STATUS_COUNT)
        return "unknown error";
    return messages[st];
}
