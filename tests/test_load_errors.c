/* The loader's less travelled paths, one mistake per case, each with the
 * exact diagnostic it must give (FILE:LINE:COLUMN: key.path: message):
 * text, dates, currencies, booleans, enums, ids, analysis, performance
 * curves, claims, what-if overrides. Every case is a small valid scenario
 * with one change, read from memory by tc_load_scenario_buffer. */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>

#include "../gen/load/load_internal.h"

typedef struct {
    const char *scn;    /* lines added to scenario: (2-space indent) */
    const char *plat;   /* lines added to the platform (4-space indent) */
    const char *top;    /* top-level text appended */
    const char *set;    /* a --set override, or NULL */
    const char *want;   /* the first diagnostic, exactly; NULL: valid */
} load_case;

static char *scenario_text(const load_case *k)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fprintf(f, "scenario:\n  title: T\n%s"
               "demand: {tokens_per_day: 1.0e9}\n"
               "workloads:\n  - {id: w, model: m, isl: 1024, osl: 1024, share: 1.0}\n"
               "platforms:\n  - id: a\n    name: A\n    power_kw_per_gpu: 1.0\n"
               "    pricing: {cloud: {gpu_hour: 2.0}}\n"
               "    performance:\n      - {model: m, isl: 1024, osl: 1024, throughput: 100}\n"
               "%s%s",
            k->scn ? k->scn : "", k->plat ? k->plat : "", k->top ? k->top : "");
    fclose(f);
    return text;
}

static void run_case(const load_case *k, size_t i)
{
    char *text = scenario_text(k);
    const char *sets[1] = {k->set};
    tc_load_opts opts = {sets, k->set ? 1 : 0};
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario_buffer("t.yaml", text, strlen(text), &opts, &s, &d);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    tc_diags_print(&d, f);
    fclose(f);
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    if (getenv("TC_PRINT"))
        printf("case %zu: %s\n", i, out);
    else if (!k->want && (st != TC_OK || out[0]))
        fail_msg("case %zu: expected valid, got %s\n%s", i, out, text);
    else if (k->want && (st != TC_ERR_INVALID || strcmp(out, k->want) != 0))
        fail_msg("case %zu: expected\n  %s\ngot\n  %s\n%s", i, k->want, out, text);
    free(out);
    tc_scenario_free(s);
    tc_diags_free(&d);
    free(text);
}

static const load_case text_cases[] = {
    {.scn = "  date: 2024-02-29\n"},
    {.scn = "  date: 2000-02-29\n"},
    {.scn = "  date: 1900-02-29\n", .want = "t.yaml:3:9: scenario.date: invalid date \"1900-02-29\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: 2026-13-01\n", .want = "t.yaml:3:9: scenario.date: invalid date \"2026-13-01\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: 2026-1-01\n", .want = "t.yaml:3:9: scenario.date: invalid date \"2026-1-01\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: 20a6-01-01\n", .want = "t.yaml:3:9: scenario.date: invalid date \"20a6-01-01\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: 0000-01-01\n", .want = "t.yaml:3:9: scenario.date: invalid date \"0000-01-01\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: 2026-04-31\n", .want = "t.yaml:3:9: scenario.date: invalid date \"2026-04-31\" (expected a calendar date YYYY-MM-DD)"},
    {.scn = "  date: [2026]\n", .want = "t.yaml:3:9: scenario.date: expected a date YYYY-MM-DD, got a list"},
    {.scn = "  date: \"\"\n", .want = "t.yaml:3:9: scenario.date: expected a date YYYY-MM-DD, got an empty value"},
    {.scn = "  currency: usd\n", .want = "t.yaml:3:13: scenario.currency: invalid currency \"usd\" (expected 3 uppercase letters, e.g. USD)"},
    {.scn = "  currency: EURO\n", .want = "t.yaml:3:13: scenario.currency: invalid currency \"EURO\" (expected 3 uppercase letters, e.g. USD)"},
    {.scn = "  currency: {code: EUR}\n", .want = "t.yaml:3:13: scenario.currency: expected a currency code, got a mapping"},
    {.scn = "  token_basis: both\n", .want = "t.yaml:3:16: scenario.token_basis: invalid value \"both\" (expected one of: output, total)"},
    {.scn = "  token_basis: [output]\n", .want = "t.yaml:3:16: scenario.token_basis: expected one of: output, total, got a list"},
    {.scn = "  subtitle: \"a\\x01b\"\n", .want = "t.yaml:3:13: scenario.subtitle: text contains a control character (expected printable text)"},
    {.scn = "  subtitle: \"a\\u0085b\"\n", .want = "t.yaml:3:13: scenario.subtitle: text is not valid utf-8 (expected utf-8 text)"},
    {.scn = "  subtitle: {a: b}\n", .want = "t.yaml:3:13: scenario.subtitle: expected a text, got a mapping"},
    {.scn = "  subtitle: \"\"\n", .want = "t.yaml:3:13: scenario.subtitle: expected a text, got an empty value"},
    {.scn = "  prepared_by: \"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xe2\x9c\x93 \xf0\x9f\x98\x80\"\n"},
    {.plat = "    claims: {cost_per_m_tokens: 5.5}\n", .set = "platforms[a].pricing.cloud.includes_power=yes", .want = "--set:1:43: platforms[a].pricing.cloud.includes_power: expected true or false, got \"yes\""},
    {.set = "platforms[0].pricing.cloud.includes_power=True"},
    {.set = "platforms[0].id=Bad-Id", .want = "--set:1:17: platforms[0].id: invalid id \"Bad-Id\" (expected 1 to 64 of a-z, 0-9, _ and -)"},
    {.set = "platforms[0].id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", .want = "--set:1:17: platforms[0].id: invalid id \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" (expected 1 to 64 of a-z, 0-9, _ and -)"},
    {.set = "platforms[0].pricing.cloud.includes_power.x=1", .want = "--set:1:28: platforms[a].pricing.cloud.includes_power: expected true or false, got a mapping"},
    {.set = "platforms[0].id.x=1", .want = "--set:1:17: platforms[0].id.x: not a mapping (expected key.path=value)"},
    {.set = "scenario.paper=A5", .want = "--set:1:16: scenario.paper: invalid value \"A5\" (expected one of: A4, Letter)"},
    {.scn = "  prepared_for: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n", .want = "t.yaml:3:17: scenario.prepared_for: text of 1001 bytes is too long (expected at most 1000 bytes)"},
    {.scn = "  token_basis: &a output\n", .want = "t.yaml:3:16: anchors and aliases are not allowed"},
    {.set = "scenario.title=", .want = "--set:1:16: scenario.title: expected a text, got an empty value"},
};

static const load_case analysis_cases[] = {
    {.top = "analysis: [sensitivity]\n", .want = "t.yaml:13:11: analysis: expected a mapping, got a list"},
    {.top = "analysis: {sensitivity: {swing: 0}}\n", .want = "t.yaml:13:33: analysis.sensitivity.swing: 0 is out of range (expected a fraction in (0, 1))"},
    {.top = "analysis: {sensitivity: {swing: 1.5}}\n", .want = "t.yaml:13:33: analysis.sensitivity.swing: 1.5 is out of range (expected a fraction in (0, 1))"},
    {.top = "analysis: {monte_carlo: {samples: 0}}\n", .want = "t.yaml:13:35: analysis.monte_carlo.samples: 0 is out of range (expected an integer in 1..10000000)"},
    {.top = "analysis: {monte_carlo: {samples: 100, seed: -1}}\n", .want = "t.yaml:13:46: analysis.monte_carlo.seed: -1 is out of range (expected an integer in 0..9007199254740991)"},
    {.top = "analysis: {monte_carlo: {samples: 2.5}}\n", .want = "t.yaml:13:35: analysis.monte_carlo.samples: expected an integer, got \"2.5\""},
    {.top = "analysis: {scoring: {criteria: {metric: x}}}\n", .want = "t.yaml:13:32: analysis.scoring.criteria: expected a list, got a mapping"},
    {.top = "analysis: {scoring: {criteria: [{metric: speed, weight: 1}]}}\n", .want = "t.yaml:13:42: analysis.scoring.criteria[0].metric: unknown metric \"speed\" (expected one of: cost_per_m_tokens, tokens_per_s_per_mw, tokens_per_s_per_gpu, cost_per_gpu_hour, pflops_per_dollar_hour, levelized_cost_per_m_tokens, tco_npv, tco_nominal, facility_mw)"},
    {.top = "analysis: {scoring: {criteria: [{metric: [a], weight: 1}]}}\n", .want = "t.yaml:13:42: analysis.scoring.criteria[0].metric: expected a metric name, got a list"},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv}]}}\n", .want = "t.yaml:13:33: analysis.scoring.criteria[0]: missing required key \"weight\""},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1, better: best}]}}\n", .want = "t.yaml:13:70: analysis.scoring.criteria[0].better: invalid value \"best\" (expected one of: lower, higher)"},
    {.top = "analysis: {scoring: {criteria: [{metric: meets_slo, weight: 1}]}}\n", .want = "t.yaml:13:42: analysis.scoring.criteria[0].metric: unknown metric \"meets_slo\" (expected one of: cost_per_m_tokens, tokens_per_s_per_mw, tokens_per_s_per_gpu, cost_per_gpu_hour, pflops_per_dollar_hour, levelized_cost_per_m_tokens, tco_npv, tco_nominal, facility_mw)"},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1}], requirements: [{metric: meets_slo, max: 1}]}}\n", .want = "t.yaml:13:79: analysis.scoring.requirements[0]: meets_slo takes no max or min"},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1}], requirements: [{metric: tco_npv}]}}\n", .want = "t.yaml:13:79: analysis.scoring.requirements[0]: missing required key \"max\" or \"min\" (expected a bound on tco_npv)"},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1}], requirements: [x]}}\n", .want = "t.yaml:13:79: analysis.scoring.requirements[0]: expected a mapping, got \"x\""},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1, better: higher}], requirements: [{metric: facility_mw, max: 5, min: 1}]}}\n"},
    {.top = "analysis: {scoring: {}}\n", .want = "t.yaml:13:21: analysis.scoring: missing required key \"criteria\""},
};

static const load_case perf_cases[] = {
    {.plat = "    claims: {speed: 5}\n", .want = "t.yaml:13:14: platforms[a].claims: unknown key \"speed\" (expected one of: cost_per_m_tokens, tokens_per_s_per_mw, tokens_per_s_per_gpu, cost_per_gpu_hour, pflops_per_dollar_hour, levelized_cost_per_m_tokens)"},
    {.plat = "    claims: {cost_per_m_tokens: {dist: uniform, low: 1, high: 2}}\n", .want = "t.yaml:13:33: platforms[a].claims.cost_per_m_tokens: a distribution is not allowed here (expected a number > 0)"},
    {.plat = "    claims: {cost_per_m_tokens: -1}\n", .want = "t.yaml:13:33: platforms[a].claims.cost_per_m_tokens: -1 is out of range (expected a number > 0)"},
    {.plat = "    claims: {cost_per_m_tokens: abc}\n", .want = "t.yaml:13:33: platforms[a].claims.cost_per_m_tokens: expected a number, got \"abc\""},
    {.plat = "    claims: [cost_per_m_tokens]\n", .want = "t.yaml:13:13: platforms[a].claims: expected a mapping, got a list"},
    {.plat = "    claims: {}\n"},
    {.set = "platforms[0].performance[0].basis=both", .want = "--set:1:35: platforms[a].performance[0].basis: invalid value \"both\" (expected one of: output, total)"},
    {.set = "platforms[0].performance[0].throughput=0", .want = "--set:1:40: platforms[a].performance[0].throughput: 0 is out of range (expected a number in [0.001, 1e9])"},
    {.set = "platforms[0].performance[0].points=1", .want = "t.yaml:12:9: platforms[a].performance[0]: \"points\" and \"throughput\" cannot both be given (expected one of them)"},
    {.set = "platforms[0].performance[5].throughput=1", .want = "--set:1:26: platforms[0].performance[5].throughput: no item [5] in this list"},
    {.set = "platforms[zz].name=x", .want = "--set:1:11: platforms[zz].name: no platform with id \"zz\" in the scenario or its included bid files"},
    {.set = "platforms[0.name=x", .want = "--set:1:10: platforms[0.name: missing ] (expected key.path=value)"},
    {.set = "scenario[0].title=x", .want = "--set:1:9: scenario[0].title: not a list (expected key.path=value)"},
    {.set = "scenario.title.x=1", .want = "--set:1:16: scenario.title.x: not a mapping (expected key.path=value)"},
    {.set = "scenario..title=x", .want = "--set:1:10: scenario..title: empty key (expected key.path=value)"},
    {.set = "=x", .want = "--set:1:1: expected key.path=value, e.g. assumptions.utilization=0.4"},
    {.set = "noequals", .want = "--set:1:1: noequals: expected key.path=value, e.g. assumptions.utilization=0.4"},
    {.set = "assumptions.utilization=0.5"},
};

/* Issue 19, finding 7: every numeric key has a finite range (the inputs'
 * table, gen/core/inputs.c), distribution parameters and what-ifs obey
 * it, and underflow is refused like overflow. Each failed on the old code:
 * growth 1e300 and utilization 4.9e-324 were valid and evaluated to
 * "$0.00" and "n/a". */
static const load_case range_cases[] = {
    {.set = "demand.growth=1e300", .want = "--set:1:15: demand.growth: 1e300 is out of range (expected a rate in [-0.9, 10])"},
    {.set = "demand.growth=-0.95", .want = "--set:1:15: demand.growth: -0.95 is out of range (expected a rate in [-0.9, 10])"},
    {.set = "demand.growth=10"},
    {.set = "assumptions.utilization=4.9e-324", .want = "--set:1:25: assumptions.utilization: 4.9e-324 is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.set = "assumptions.utilization=0.005", .want = "--set:1:25: assumptions.utilization: 0.005 is out of range (expected a fraction in [0.01, 1])"},
    {.set = "assumptions.utilization=0.01"},
    {.set = "demand.tokens_per_day=1e-400", .want = "--set:1:23: demand.tokens_per_day: 1e-400 is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.set = "demand.tokens_per_day=2e18", .want = "--set:1:23: demand.tokens_per_day: 2e18 is out of range (expected a number in [1, 1e18])"},
    {.set = "demand.growth=-1e-10", .want = "--set:1:15: demand.growth: -1e-10 is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.set = "demand.growth=0e-999"},
    {.set = "assumptions.electricity.escalation=1.5", .want = "--set:1:36: assumptions.electricity.escalation: 1.5 is out of range (expected a rate in [-0.5, 1])"},
    {.set = "assumptions.electricity.price_per_kwh=2e9", .want = "--set:1:39: assumptions.electricity.price_per_kwh: 2e9 is out of range (expected a price per kWh in [0, 1e9])"},
    {.set = "assumptions.discount_rate=1", .want = "--set:1:27: assumptions.discount_rate: 1 is out of range (expected a rate in [0, 1))"},
    {.set = "platforms[a].pricing.cloud.gpu_hour=1e-300", .want = "--set:1:37: platforms[a].pricing.cloud.gpu_hour: 1e-300 is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.set = "platforms[a].pricing.cloud.annual_change=-0.91", .want = "--set:1:42: platforms[a].pricing.cloud.annual_change: -0.91 is out of range (expected a rate in [-0.9, 10])"},
    {.set = "platforms[a].pricing.cloud.other_per_year=1.1e15", .want = "--set:1:43: platforms[a].pricing.cloud.other_per_year: 1.1e15 is out of range (expected a number in [0, 1e15])"},
    {.set = "platforms[a].software_uplift=12", .want = "--set:1:30: platforms[a].software_uplift: 12 is out of range (expected a rate in [-0.9, 10])"},
    {.set = "platforms[a].power_kw_per_gpu=2 MW", .want = "--set:1:31: platforms[a].power_kw_per_gpu: 2 MW is out of range (expected a power in [0.001, 1000] kW, or with a unit)"},
    {.set = "platforms[a].power_kw_per_gpu=1e-10 W", .want = "--set:1:31: platforms[a].power_kw_per_gpu: 1e-10 W is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.set = "platforms[a].peak_pflops=2e6", .want = "--set:1:26: platforms[a].peak_pflops: 2e6 is out of range (expected a number in [0.001, 1e6])"},
    {.set = "workloads[w].isl=20000000", .want = "--set:1:18: workloads[w].isl: 20000000 is out of range (expected an integer in 0..1e7)"},
    {.set = "workloads[w].min_interactivity=0.0001", .want = "--set:1:32: workloads[w].min_interactivity: 0.0001 is out of range (expected a number in [0.001, 1e6])"},
    {.set = "platforms[a].performance[0].throughput=2e9", .want = "--set:1:40: platforms[a].performance[0].throughput: 2e9 is out of range (expected a number in [0.001, 1e9])"},
    /* distribution parameters: the same ranges, and a spread within them */
    {.top = "assumptions: {electricity: {escalation: {dist: uniform, low: 0, high: 2}}}\n", .want = "t.yaml:13:71: assumptions.electricity.escalation.high: 2 is out of range (expected a rate in [-0.5, 1])"},
    {.top = "assumptions: {utilization: {dist: triangular, low: 0.001, mode: 0.5, high: 1}}\n", .want = "t.yaml:13:52: assumptions.utilization.low: 0.001 is out of range (expected a fraction in [0.01, 1])"},
    {.top = "assumptions: {utilization: {dist: normal, mean: 0.5, sd: 2}}\n", .want = "t.yaml:13:58: assumptions.utilization: sd is wider than the key's range (expected sd <= 0.99)"},
    {.top = "assumptions: {utilization: {dist: normal, mean: 0.5, sd: 0.99}}\n"},
    {.plat = "    software_uplift: {dist: lognormal, median: 0.5, p90: 1e300}\n", .want = "t.yaml:13:58: platforms[a].software_uplift.p90: 1e300 is out of range (expected a rate in [-0.9, 10])"},
    {.plat = "    software_uplift: {dist: lognormal, median: 1e-320, p90: 1}\n", .want = "t.yaml:13:48: platforms[a].software_uplift.median: 1e-320 is too small (expected 0 or a magnitude of at least 1e-9)"},
    {.plat = "    software_uplift: {dist: uniform, low: 0, high: 1e-400}\n", .want = "t.yaml:13:52: platforms[a].software_uplift.high: 1e-400 is too small (expected 0 or a magnitude of at least 1e-9)"},
};

#define RUN_ALL(cases) \
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) \
        run_case(&cases[i], i)

static void text_date_currency_enum(void **state)
{
    (void)state;
    RUN_ALL(text_cases);
}

static void analysis_section(void **state)
{
    (void)state;
    RUN_ALL(analysis_cases);
}

static void performance_claims_overrides(void **state)
{
    (void)state;
    RUN_ALL(perf_cases);
}

static void ranges_and_underflow(void **state)
{
    (void)state;
    RUN_ALL(range_cases);
}

/* Unknown keys a vendor writes: where they belong, what was meant (issue 17). */
static const load_case vendor_cases[] = {
    {.scn = "  titel: T2\n", .want = "t.yaml:3:3: scenario: unknown key \"titel\" (did you mean \"title\"?)"},
    {.plat = "    gpu_hours: 1\n", .want = "t.yaml:13:5: platforms[a]: unknown key \"gpu_hours\" (did you mean \"gpu_hour\" under pricing.cloud?)"},
    {.plat = "    gpu_hour: 1\n", .want = "t.yaml:13:5: platforms[a]: key \"gpu_hour\" belongs under pricing.cloud"},
    {.plat = "    other_per_year: 1\n", .want = "t.yaml:13:5: platforms[a]: key \"other_per_year\" belongs under pricing.cloud, pricing.owned or pricing.api"},
    {.plat = "    points: []\n", .want = "t.yaml:13:5: platforms[a]: key \"points\" belongs under performance"},
    {.plat = "    workloads: []\n", .want = "t.yaml:13:5: platforms[a]: key \"workloads\" belongs at the top level of the file"},
    {.plat = "    escalation: 0.1\n", .want = "t.yaml:13:5: platforms[a]: key \"escalation\" belongs under assumptions.electricity"},
    {.plat = "    zzz: 1\n", .want = "t.yaml:13:5: platforms[a]: unknown key \"zzz\" (expected one of: id, name, vendor, source, gpus_per_node, peak_pflops, power_kw_per_gpu, idle_power_fraction, software_uplift, pricing, performance, claims)"},
    {.plat = "    FILL: 1\n", .want = "t.yaml:13:5: platforms[a]: still a placeholder (replace FILL with a value)"},
    {.plat = "    vendor: FILL\n", .want = "t.yaml:13:13: platforms[a].vendor: still a placeholder (replace FILL with a value)"},
    {.plat = "    vendor: \"FILL\"\n", .want = "t.yaml:13:13: platforms[a].vendor: still a placeholder (replace FILL with a value)"},
    {.plat = "    vendor: FILLED\n"},
    {.set = "platforms[0].pricing.cloud.power_kw_per_gpu=1", .want = "--set:1:28: platforms[a].pricing.cloud: key \"power_kw_per_gpu\" belongs under platforms[a]"},
    {.set = "platforms[0].pricing.cloud.gpu_hour=FILL", .want = "--set:1:37: platforms[a].pricing.cloud.gpu_hour: still a placeholder (replace FILL with a value)"},
    {.top = "analysis: {scoring: {criteria: [{metric: tco_npv, weight: 1, beter: lower}]}}\n", .want = "t.yaml:13:62: analysis.scoring.criteria[0]: unknown key \"beter\" (did you mean \"better\"?)"},
    {.top = "x: {a: 1\n", .want = "t.yaml:13:4: this { mapping is never closed (expected ',' or '}')"},
    {.top = "x: `a\n", .want = "t.yaml:13:4: a value cannot start with '@' or '`' (put the value in quotes)"},
    {.top = "x: %a\n", .want = "t.yaml:13:4: found character that cannot start any token (while scanning for the next token)"},
};

static void vendor_keys(void **state)
{
    (void)state;
    RUN_ALL(vendor_cases);
}

/* Items of platforms and workloads are named in diagnostics by their id,
 * as --set and the workbook's Key column name them (issue 15); an item
 * whose id is invalid, missing or not a scalar keeps its 0-based index.
 * Performance entries have no ids: they keep theirs. */
static const char ids_text[] =
    "scenario:\n  title: T\n"
    "demand: {tokens_per_day: 1.0e9}\n"
    "workloads:\n  - {id: chat, model: m, isl: 1024, osl: abc, share: 1.0}\n"
    "platforms:\n"
    "  - id: h200\n    power_kw_per_gpu: 1.0\n    pricing: {cloud: {gpu_hour: abc}}\n"
    "    performance:\n      - {model: m, isl: 1024, osl: 1024, throughput: abc}\n"
    "  - id: Bad!\n    power_kw_per_gpu: 1.0\n    pricing: {cloud: {gpu_hour: abc}}\n"
    "  - power_kw_per_gpu: 1.0\n    pricing: {cloud: {gpu_hour: abc}}\n"
    "  - id: [x]\n    power_kw_per_gpu: 1.0\n    pricing: {cloud: {gpu_hour: abc}}\n";

/* Columns by hand: line 5 "  - {id: chat, model: m, isl: 1024, osl: " is 41
 * bytes, so abc is at 42; "    pricing: {cloud: {gpu_hour: " is 32. */
static const char ids_want[] =
    "t.yaml:5:42: workloads[chat].osl: expected a number, got \"abc\"\n"
    "t.yaml:9:33: platforms[h200].pricing.cloud.gpu_hour: expected a number, got \"abc\"\n"
    "t.yaml:11:54: platforms[h200].performance[0].throughput: expected a number, got \"abc\"\n"
    "t.yaml:12:9: platforms[1].id: invalid id \"Bad!\" (expected 1 to 64 of a-z, 0-9, _ and -)\n"
    "t.yaml:14:33: platforms[1].pricing.cloud.gpu_hour: expected a number, got \"abc\"\n"
    "t.yaml:15:5: platforms[2]: missing required key \"id\"\n"
    "t.yaml:16:33: platforms[2].pricing.cloud.gpu_hour: expected a number, got \"abc\"\n"
    "t.yaml:17:9: platforms[3].id: expected an id, got a list\n"
    "t.yaml:19:33: platforms[3].pricing.cloud.gpu_hour: expected a number, got \"abc\"\n";

static void ids_in_error_paths(void **state)
{
    (void)state;
    tc_diags d;
    tc_diags_init(&d);
    tc_scenario *s = NULL;
    tc_status st = tc_load_scenario_buffer("t.yaml", ids_text, strlen(ids_text), NULL, &s, &d);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    tc_diags_print(&d, f);
    fclose(f);
    assert_int_equal(st, TC_ERR_INVALID);
    assert_null(s);
    assert_string_equal(out, ids_want);
    free(out);
    tc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_date_currency_enum),
        cmocka_unit_test(analysis_section),
        cmocka_unit_test(performance_claims_overrides),
        cmocka_unit_test(ranges_and_underflow),
        cmocka_unit_test(vendor_keys),
        cmocka_unit_test(ids_in_error_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
