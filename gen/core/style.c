/* The series colours every renderer shares (tc_style.h). */
#include "tc_style.h"

uint32_t tc_style_series_colour(size_t i)
{
    /* Okabe-Ito without yellow (too pale on white for thin lines);
     * vermillion last: limit lines use it. */
    static const uint32_t order[] = {
        TC_OI_BLUE, TC_OI_ORANGE, TC_OI_GREEN, TC_OI_PURPLE,
        TC_OI_SKY, TC_OI_BLACK, TC_OI_VERMILLION,
    };
    return order[i % (sizeof order / sizeof order[0])];
}
