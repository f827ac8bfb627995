/* tables: the registry of result files: their names, columns and the format of each. */
#include <stdio.h>
#include <string.h>

#include "tables.h"

/* Shorthands for a column: its name, and for numbers the most decimals written. */
#define COLUMN(n, k, p)                                                                            \
    {                                                                                              \
        .name = n, .kind = k, .places = p                                                          \
    }
#define TEXT(name) COLUMN(name, TABLE_KIND_TEXT, 0)
#define MONEY(name) COLUMN(name, TABLE_KIND_MONEY, 0)
#define COUNT(name, places) COLUMN(name, TABLE_KIND_COUNT, places)
#define RATE(name, places) COLUMN(name, TABLE_KIND_RATE, places)
#define MONTH(name, places) COLUMN(name, TABLE_KIND_MONTH, places)
/* 1 where the column `of` holds a number, 0 where it is never reached, else empty. */
#define FLAG(flag, of)                                                                             \
    {                                                                                              \
        .name = flag, .kind = TABLE_KIND_FLAG, .reports = of                                       \
    }

static const table_column items[] = {TEXT("model"), TEXT("option"),   COUNT("users", 0),
                                     TEXT("item"),  TEXT("category"), MONEY("low"),
                                     MONEY("mid"),  MONEY("high"),    TEXT("note")};

static const table_column totals[] = {TEXT("model"),      TEXT("option"), COUNT("users", 0),
                                      MONEY("low"),       MONEY("mid"),   MONEY("high"),
                                      RATE("per_user", 6)};

/* p_cheapest only under Monte Carlo. */
static const table_column compare[] = {TEXT("model"),  TEXT("analysis"),     COUNT("users", 0),
                                       TEXT("option"), MONEY("low"),         MONEY("mid"),
                                       MONEY("high"),  COUNT("rank", 0),     TEXT("cheapest"),
                                       MONEY("extra"), RATE("p_cheapest", 4)};

/* Kind "pair", "cheapest" or, under Monte Carlo, "pair_uncertain" (p5, p95, probability). */
static const table_column crossovers[] = {
    TEXT("model"),    TEXT("analysis"),  TEXT("kind"),          TEXT("option_a"),
    TEXT("option_b"), COUNT("users", 2), TEXT("cheaper_below"), TEXT("cheaper_above"),
    COUNT("p5", 2),   COUNT("p95", 2),   RATE("probability", 4)};

static const table_column timeline[] = {
    TEXT("model"),       TEXT("analysis"),        MONTH("month", 0),
    COUNT("users", 0),   TEXT("option"),          MONEY("low"),
    MONEY("mid"),        MONEY("high"),           MONEY("cumulative_low"),
    MONEY("cumulative"), MONEY("cumulative_high")};

static const table_column npv[] = {
    TEXT("model"),          TEXT("analysis"),        TEXT("option"), COUNT("months", 0),
    RATE("annual_rate", 6), RATE("monthly_rate", 9), MONEY("total"), MONEY("npv_low"),
    MONEY("npv"),           MONEY("npv_high")};

/* From month_p5 on only under Monte Carlo; a spread's month has one decimal. */
static const table_column budgets[] = {TEXT("model"),
                                       TEXT("analysis"),
                                       TEXT("option"),
                                       TEXT("basis"),
                                       MONEY("budget"),
                                       MONTH("month", 0),
                                       COUNT("users", 0),
                                       MONTH("earliest_month", 0),
                                       MONTH("latest_month", 0),
                                       MONTH("month_p5", 1),
                                       MONTH("month_p50", 1),
                                       MONTH("month_p95", 1),
                                       RATE("p_crossed", 4),
                                       FLAG("crossed", "month"),
                                       FLAG("crossed_earliest", "earliest_month"),
                                       FLAG("crossed_latest", "latest_month"),
                                       FLAG("crossed_p5", "month_p5"),
                                       FLAG("crossed_p50", "month_p50"),
                                       FLAG("crossed_p95", "month_p95")};

/* revenue_per_user: dollars a user a month. */
static const table_column breakeven[] = {TEXT("model"),
                                         TEXT("analysis"),
                                         TEXT("option"),
                                         RATE("revenue_per_user", 6),
                                         COUNT("users", 0),
                                         COUNT("users_if_revenue_low", 0),
                                         COUNT("users_if_revenue_high", 0),
                                         MONTH("month", 0),
                                         FLAG("covers", "users"),
                                         FLAG("covers_if_revenue_low", "users_if_revenue_low"),
                                         FLAG("covers_if_revenue_high", "users_if_revenue_high"),
                                         FLAG("covers_in_timeline", "month")};

/* From payback_p5 to roi_36_p95 only under Monte Carlo. */
static const table_column changes[] = {TEXT("model"),
                                       TEXT("analysis"),
                                       TEXT("change"),
                                       TEXT("option"),
                                       MONEY("one_off_low"),
                                       MONEY("one_off"),
                                       MONEY("one_off_high"),
                                       MONEY("saving_start"),
                                       MONEY("saving_end"),
                                       MONTH("payback_month", 0),
                                       MONTH("payback_fraction", 2),
                                       MONTH("payback_earliest", 0),
                                       MONTH("payback_latest", 0),
                                       MONTH("discounted_payback_month", 0),
                                       RATE("roi_12", 4),
                                       RATE("roi_36", 4),
                                       MONEY("npv_low"),
                                       MONEY("npv"),
                                       MONEY("npv_high"),
                                       RATE("irr_annual", 4),
                                       MONTH("payback_p5", 1),
                                       MONTH("payback_p50", 1),
                                       MONTH("payback_p95", 1),
                                       RATE("p_payback_12", 4),
                                       RATE("p_payback", 4),
                                       RATE("roi_36_p5", 4),
                                       RATE("roi_36_p50", 4),
                                       RATE("roi_36_p95", 4),
                                       TEXT("note"),
                                       FLAG("pays_back", "payback_month"),
                                       FLAG("pays_back_earliest", "payback_earliest"),
                                       FLAG("pays_back_latest", "payback_latest"),
                                       FLAG("pays_back_discounted", "discounted_payback_month"),
                                       FLAG("pays_back_p5", "payback_p5"),
                                       FLAG("pays_back_p50", "payback_p50"),
                                       FLAG("pays_back_p95", "payback_p95")};

/* Each change on each option, month by month: the saving (mid) and its running sum against
 * the one-off cost (mid), the payback chart's data. */
static const table_column payback[] = {
    TEXT("model"),   TEXT("analysis"),           TEXT("change"),  TEXT("option"), MONTH("month", 0),
    MONEY("saving"), MONEY("cumulative_saving"), MONEY("one_off")};

/* p_cheapest is empty on an item's row. */
static const table_column distribution[] = {
    TEXT("model"), TEXT("option"), COUNT("users", 0), TEXT("item"), MONEY("mean"),
    MONEY("sd"),   MONEY("p5"),    MONEY("p50"),      MONEY("p95"), RATE("p_cheapest", 4)};

/* low_value, high_value: the input's own unit. */
static const table_column sensitivity[] = {
    TEXT("model"),          TEXT("option"),       COUNT("users", 0),     COUNT("rank", 0),
    TEXT("input"),          RATE("low_value", 6), RATE("high_value", 6), MONEY("total_at_low"),
    MONEY("total_at_high"), MONEY("swing")};

/* A stated total that is not the sum of its option's items (the seed's mistakes): the
 * stated low and high, what the items sum to, and where it is stated. */
static const table_column warnings[] = {
    TEXT("model"),       TEXT("option"),       COUNT("users", 0),
    MONEY("stated_low"), MONEY("stated_high"), MONEY("items_low"),
    MONEY("items_high"), TEXT("source"),       TEXT("message")};

/* kind: "error" or "limit" (part.h). */
static const table_column errors[] = {TEXT("model"), TEXT("kind"), TEXT("message")};

#define SPEC(file, columns)                                                                        \
    {                                                                                              \
        file, columns, sizeof columns / sizeof columns[0]                                          \
    }

static const tables_spec registry[TABLES_N] = {
    [TABLES_ITEMS] = SPEC("items.csv", items),
    [TABLES_TOTALS] = SPEC("totals.csv", totals),
    [TABLES_COMPARE] = SPEC("compare.csv", compare),
    [TABLES_CROSSOVERS] = SPEC("crossovers.csv", crossovers),
    [TABLES_TIMELINE] = SPEC("timeline.csv", timeline),
    [TABLES_NPV] = SPEC("npv.csv", npv),
    [TABLES_BUDGETS] = SPEC("budgets.csv", budgets),
    [TABLES_BREAKEVEN] = SPEC("breakeven.csv", breakeven),
    [TABLES_CHANGES] = SPEC("changes.csv", changes),
    [TABLES_PAYBACK] = SPEC("payback.csv", payback),
    [TABLES_DISTRIBUTION] = SPEC("distribution.csv", distribution),
    [TABLES_SENSITIVITY] = SPEC("sensitivity.csv", sensitivity),
    [TABLES_WARNINGS] = SPEC("warnings.csv", warnings),
    [TABLES_ERRORS] = SPEC("errors.csv", errors)};

const tables_spec *tables_spec_of(tables_id id)
{
    return &registry[id];
}

tables_id tables_named(const char *file)
{
    tables_id k = 0;
    while (k < TABLES_N && strcmp(registry[k].file, file) != 0)
        k++;
    return k;
}

table *tables_new(tables_id id)
{
    return table_new(registry[id].file, registry[id].columns, registry[id].n_columns);
}

void tables_rows_open(tables_rows *r, tables_id id, csvout *out)
{
    r->out = out;
    r->columns = registry[id].columns;
    r->n_columns = registry[id].n_columns;
    r->at = 0;
    r->file = registry[id].file;
    r->problem[0] = '\0';
}

void tables_rows_refuse(tables_rows *r, const char *what)
{
    if (r->problem[0])
        return;
    if (!what)
        snprintf(r->problem, sizeof r->problem, "%s: a row of %zu cells, not its %zu columns",
                 r->file, r->at, r->n_columns);
    else if (r->at < r->n_columns)
        snprintf(r->problem, sizeof r->problem, "%s: %s in column %zu (%s), a %s column", r->file,
                 what, r->at + 1, r->columns[r->at].name,
                 r->columns[r->at].kind == TABLE_KIND_TEXT ? "text" : "number");
    else
        snprintf(r->problem, sizeof r->problem, "%s: %s after the last of its %zu columns", r->file,
                 what, r->n_columns);
}

const char *tables_rows_problem(const tables_rows *r)
{
    return r->problem[0] ? r->problem : NULL;
}
