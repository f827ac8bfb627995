/*
 * charts: what each chart of a run shows, read from its finished tables: the one source of
 * the workbook's native charts (format_xlsx.c) and the report's (format_html.c), so the
 * two draw the same things from the CSVs' own numbers.
 *
 *     chart_book b;
 *     if (!charts_read(in, &b, &err)) ...
 *     for each b.groups[g]: a chart sheet / a section; for each of its charts: a chart
 *     charts_free(&b);
 *
 * The groups, in the order of the tables' rows: one per analysis (model, analysis), and
 * with --samples one per model with Monte Carlo tables.  An analysis's charts:
 *   CHART_COST_USERS  compare.csv: mid a month against users, one series an option, users
 *                     on a log scale; marks: the crossovers' users (crossovers.csv, kind
 *                     pair), each with the two options' names
 *   CHART_TIMELINE    timeline.csv: mid a month against month, one series an option;
 *                     levels: the analysis's monthly budgets (budgets.csv, basis monthly)
 *   CHART_CUMULATIVE  timeline.csv: cumulative against month, one series an option;
 *                     levels: its cumulative budgets
 *   CHART_PAYBACK     payback.csv, one per change: cumulative saving against month, one
 *                     series an option; levels: the one-off cost
 * A Monte Carlo group's charts (distribution.csv, sensitivity.csv):
 *   CHART_BAND        one per option: p5, p50 and p95 of the total against users (three
 *                     series), users on a log scale when they span more than 10x
 *   CHART_TORNADO     one per option at its largest user count: each input's
 *                     total_at_low and total_at_high (two series, y = the input's rank,
 *                     labels the inputs), largest swing first
 * A chart with no series is left out; a group with no chart is left out.
 *
 * A series's points are in its table's row order (x ascending for every kind but the
 * tornado's, whose points go by rank, largest swing first).  Budgets and one-offs are
 * levels once per value (the same budget of several options is one line).  The workbook
 * writes each group's series to a data sheet of its own and points its charts at those
 * cells (format_xlsx.c); the report draws them from these arrays (format_html.c).
 */
#ifndef RECKON_CHARTS_H
#define RECKON_CHARTS_H

#include "formats.h"

typedef enum chart_kind {
    CHART_COST_USERS,
    CHART_TIMELINE,
    CHART_CUMULATIVE,
    CHART_PAYBACK,
    CHART_BAND,
    CHART_TORNADO
} chart_kind;

typedef struct chart_series {
    char *name; /* the option's, or "p5" */
    double *x;  /* n points */
    double *y;
    char **labels; /* CHART_TORNADO: each point's input, else NULL */
    size_t n;
} chart_series;

/* A line across the chart at y = value (a budget, a one-off cost), or, for
 * CHART_COST_USERS, a mark at x = value (a crossover). */
typedef struct chart_level {
    double value;
    char *label; /* "$500 a month", "Render/Railway PaaS = DigitalOcean VPS" */
} chart_level;

typedef struct chart {
    chart_kind kind;
    char *title;   /* "Monthly cost against users" */
    char *x_title; /* "users" */
    char *y_title; /* "$ a month" */
    bool log_x;
    chart_series *series;
    size_t n_series;
    chart_level *levels;
    size_t n_levels;
} chart;

typedef struct chart_group {
    char *model;    /* the model column */
    char *analysis; /* the analysis's name, or NULL for a Monte Carlo group */
    char *title;    /* "Seed decision (decision.lua)", "Uncertainty (aws_ecs.lua)" */
    chart *charts;
    size_t n_charts;
} chart_group;

typedef struct chart_book {
    chart_group *groups;
    size_t n_groups;
} chart_book;

/* Reads every chart of the run from in's tables; false with err (out of memory, a table
 * that cannot be read back). */
bool charts_read(const format_input *in, chart_book *book, core_error *err);
void charts_free(chart_book *book);

#endif
