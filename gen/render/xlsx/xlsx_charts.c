/* Native Excel charts on the Summary sheet, drawn from the formula cells
 * (so they move with the inputs): cost per million tokens by platform with
 * the baseline marked, TCO by year, and cumulative cash cost. Series names
 * are cell references, so no input text is ever parsed as a formula. */
#include <stdio.h>

#include "xlsx.h"
#include "tc_style.h"

#define BASE_COLOR TC_OI_BLUE
#define MARK_COLOR TC_OI_ORANGE  /* the baseline */

static lxw_chart *new_chart(xl_ctx *c, uint8_t type, const char *title, const char *x_title,
                            const char *y_title)
{
    lxw_chart *ch = workbook_add_chart(c->wb, type);
    if (!ch) {
        xl_fail(c, TC_ERR_RENDER, "workbook: cannot add a chart");
        return NULL;
    }
    chart_title_set_name(ch, title);
    chart_axis_set_name(ch->x_axis, x_title);
    chart_axis_set_name(ch->y_axis, y_title);
    chart_set_style(ch, 2);
    return ch;
}

static void insert(xl_ctx *c, lxw_chart *ch, lxw_row_t row, lxw_col_t col)
{
    lxw_chart_options o = { .x_scale = 1.4, .y_scale = 1.3 };
    xl_check(c, worksheet_insert_chart_opt(c->summary, row, col, ch, &o), "insert chart");
}

static void cost_chart(xl_ctx *c, const char *money_axis)
{
    size_t n = c->s->n_platforms;
    lxw_chart *ch = new_chart(c, LXW_CHART_COLUMN, "Cost per million tokens, year 1",
                              "Platform (baseline in orange)", money_axis);
    if (!ch)
        return;
    char cats[64], vals[64];
    xl_range(cats, sizeof cats, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(n - 1), XP_ID);
    xl_range(vals, sizeof vals, "Platforms", XL_PLAT_ROW(0), XL_PLAT_ROW(n - 1), XP_COST_M);
    lxw_chart_series *s = chart_add_series(ch, cats, vals);
    if (!s) {
        xl_fail(c, TC_ERR_RENDER, "workbook: cannot add a chart series");
        return;
    }
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    lxw_chart_fill fills[2] = { { .color = BASE_COLOR }, { .color = MARK_COLOR } };
    lxw_chart_point pts[n];
    lxw_chart_point *list[n + 1];
    for (size_t i = 0; i < n; i++) {
        pts[i] = (lxw_chart_point){ .fill = &fills[i == c->r->baseline] };
        list[i] = &pts[i];
    }
    list[n] = NULL;
    xl_check(c, chart_series_set_points(s, list), "chart points");
    insert(c, ch, c->chart_row, 0);
}

/* One series per covered platform over its TCO rows (col). */
static void by_year(xl_ctx *c, uint8_t type, const char *title, const char *money_axis,
                    int col, lxw_row_t row, lxw_col_t at)
{
    size_t covered = 0;
    for (size_t i = 0; i < c->s->n_platforms; i++)
        covered += c->r->platforms[i].years != NULL;
    if (covered == 0)   /* no bid serves the mix: libxlsxwriter refuses a chart of no series */
        return;
    lxw_chart *ch = new_chart(c, type, title, "Year", money_axis);
    if (!ch)
        return;
    size_t k = 0;
    for (size_t i = 0; i < c->s->n_platforms && xl_ok(c); i++) {
        if (!c->r->platforms[i].years)
            continue;
        lxw_row_t r0 = c->tco_first[i], r1 = r0 + c->tco_rows[i] - 1;
        char cats[64], vals[64], name[64];
        xl_range(cats, sizeof cats, "TCO", r0, r1, XT_YEAR);
        xl_range(vals, sizeof vals, "TCO", r0, r1, (lxw_col_t)col);
        xl_ref(name, sizeof name, "TCO", r0, XT_PLAT);
        lxw_chart_series *s = chart_add_series(ch, cats, vals);
        if (!s) {
            xl_fail(c, TC_ERR_RENDER, "workbook: cannot add a chart series");
            return;
        }
        char ref[70];
        snprintf(ref, sizeof ref, "=%s", name);
        chart_series_set_name(s, ref);
        lxw_chart_fill fill = { .color = tc_style_series_colour(k) };
        lxw_chart_line line = { .color = tc_style_series_colour(k), .width = 2.25 };
        if (type == LXW_CHART_LINE)
            chart_series_set_line(s, &line);
        else
            chart_series_set_fill(s, &fill);
        k++;
    }
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    insert(c, ch, row, at);
}

void xl_charts(xl_ctx *c)
{
    if (!xl_ok(c))
        return;
    /* letters only: an axis title starting with '=' would be a reference */
    char axis[8] = "";
    for (size_t k = 0, o = 0; k < 3 && c->s->currency[k]; k++)
        if (c->s->currency[k] >= 'A' && c->s->currency[k] <= 'Z')
            axis[o++] = c->s->currency[k], axis[o] = '\0';
    cost_chart(c, axis);
    by_year(c, LXW_CHART_COLUMN, "TCO by year (cash cost)", axis, XT_CASH, c->chart_row, 5);
    by_year(c, LXW_CHART_LINE, "Cumulative cash cost", axis, XT_CUM_CASH, c->chart_row + 22, 0);
}
