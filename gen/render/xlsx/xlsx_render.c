/* tokcost render: workbook.xlsx through the atomic output set. */
#include <stdio.h>

#include "tc_render.h"
#include "xlsx.h"

tc_status tc_render_xlsx(const tc_results *r, tc_outset *o, const tc_render_opts *opts,
                         char *err, size_t n)
{
    (void)opts;
    const char *tmp = tc_outset_add(o, TC_OUT_XLSX);
    if (!tmp) {
        snprintf(err, n, "%s", tc_outset_error(o));
        return TC_ERR_WRITE;
    }
    return tc_xlsx_write(r, tmp, err, n);
}
