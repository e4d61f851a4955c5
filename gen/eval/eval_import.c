/* Warnings of imported performance: the conversion notes the loader made
 * (which field gave the interactivity, labels that differ from the files),
 * and measured power that differs from the bid's stated power_kw_per_gpu
 * by more than 10% (the figures keep using the stated power). */
#include "eval_priv.h"

#include <math.h>

static tc_status power_caveat(tc_results *r, const tc_platform *p)
{
    double kw = 0, joules = 0;
    size_t n = 0, nj = 0;
    for (size_t i = 0; i < p->n_perf; i++)
        for (size_t k = 0; k < p->perf[i].n_points; k++) {
            const tc_point *pt = &p->perf[i].points[k];
            if (pt->kw_per_gpu > 0) {
                kw += pt->kw_per_gpu;
                n++;
            }
            if (pt->joules_per_token > 0) {
                joules += pt->joules_per_token;
                nj++;
            }
        }
    double stated = p->power_kw_per_gpu.value;
    if (n == 0 || !(stated > 0))
        return TC_OK;
    kw /= (double)n;
    double dev = (kw - stated) / stated;
    if (fabs(dev) <= 0.10)
        return TC_OK;
    return tc_results_warn(r, "platform %s: measured power %.3g kW per GPU on average (%zu "
                           "imported points; %.3g J per output token), %.1f%% %s the stated "
                           "power_kw_per_gpu %.3g kW; the figures use the stated power",
                           p->id, kw, n, nj ? joules / (double)nj : NAN, fabs(dev) * 100,
                           dev > 0 ? "above" : "below", stated);
}

tc_status tc_eval_import_warn(tc_results *r, const tc_platform *p)
{
    tc_status st = TC_OK;
    for (size_t i = 0; i < p->n_perf && st == TC_OK; i++)
        for (size_t k = 0; k < p->perf[i].n_notes && st == TC_OK; k++)
            st = tc_results_warn(r, "platform %s, imported %s performance: %s", p->id,
                                 p->perf[i].import_format, p->perf[i].notes[k]);
    return st == TC_OK ? power_caveat(r, p) : st;
}
