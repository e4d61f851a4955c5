/* Number and text formats: the scenario's currency symbol, percentages,
 * thousands separators; inputs in blue (the finance convention for cells a
 * reviewer may change), formulas in black. */
#include <stdio.h>
#include <string.h>

#include "tc_format.h"
#include "xlsx.h"

#define INPUT_BLUE 0x1F4E9A
#define FIXED_GREY 0x7F7F7F
#define FIXED_FILL 0xEDEDED

enum { PLAIN, INPUT, FIXED };

/* INPUT: blue and unlocked (the sheets are protected, so only these take
 * an edit); FIXED: a structural input, grey on grey, locked. */
static lxw_format *fmt(xl_ctx *c, const char *num, int input)
{
    lxw_format *f = workbook_add_format(c->wb);
    if (!f) {
        xl_fail(c, TC_ERR_NOMEM, "workbook: out of memory");
        return NULL;
    }
    if (num)
        format_set_num_format(f, num);
    if (input == INPUT) {
        format_set_font_color(f, INPUT_BLUE);
        format_set_unlocked(f);
    } else if (input == FIXED) {
        format_set_font_color(f, FIXED_GREY);
        format_set_bg_color(f, FIXED_FILL);
    }
    return f;
}

/* The quoted currency prefix of a number format: "\"$\"" or "\"CHF \"".
 * Only letters of the code are kept, so no input reaches the format. */
static void currency_prefix(const char *code, char *out, size_t n)
{
    const char *sym = tc_currency_symbol(code);
    char clean[4] = "";
    size_t k = 0;
    for (size_t i = 0; i < 3 && code[i]; i++)
        if (code[i] >= 'A' && code[i] <= 'Z')
            clean[k++] = code[i];
    clean[k] = '\0';
    if (sym && !strchr(sym, '"'))
        snprintf(out, n, "\"%s\"", sym);
    else
        snprintf(out, n, "\"%s \"", k ? clean : "");
}

static lxw_format *money(xl_ctx *c, const char *pre, const char *digits, int input)
{
    char f[64];
    snprintf(f, sizeof f, "%s#,##0%s", pre, digits);
    return fmt(c, f, input);
}

void xl_formats_init(xl_ctx *c)
{
    xl_formats *f = &c->f;
    char pre[32];
    currency_prefix(c->s->currency, pre, sizeof pre);
    f->title = fmt(c, NULL, 0);
    f->subtitle = fmt(c, NULL, 0);
    f->header = fmt(c, NULL, 0);
    f->section = fmt(c, NULL, 0);
    f->text = fmt(c, NULL, 0);
    f->wrap = fmt(c, NULL, 0);
    f->note = fmt(c, NULL, 0);
    f->in_money = money(c, pre, ".00##", 1);
    f->in_pct = fmt(c, "0.0##%", 1);
    f->in_num = fmt(c, NULL, 1);   /* General: "10", not "10." */
    f->in_int = fmt(c, "#,##0", 1);
    f->fixed_pct = fmt(c, "0.0##%", FIXED);
    f->fixed_num = fmt(c, NULL, FIXED);     /* General: 0.01, 100000 */
    f->fixed_int = fmt(c, "#,##0", FIXED);
    f->money0 = money(c, pre, "", 0);
    f->money2 = money(c, pre, ".00", 0);
    f->money4 = money(c, pre, ".0000", 0);
    f->pct = fmt(c, "0.0%", 0);
    f->int0 = fmt(c, "#,##0", 0);
    f->num1 = fmt(c, "#,##0.0", 0);
    f->num2 = fmt(c, "#,##0.00", 0);
    f->num4 = fmt(c, "#,##0.0000", 0);
    f->num6 = fmt(c, "0.000000", 0);
    f->ratio = fmt(c, "0.00\"x\"", 0);
    f->year = fmt(c, "0", 0);
    if (!xl_ok(c))
        return;
    format_set_bold(f->title);
    format_set_font_size(f->title, 16);
    format_set_italic(f->subtitle);
    format_set_font_size(f->subtitle, 12);
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_bg_color(f->header, 0xDDE5F0);
    format_set_bold(f->section);
    format_set_bg_color(f->section, 0xF2F2F2);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_italic(f->note);
    format_set_font_color(f->note, 0x595959);
}
