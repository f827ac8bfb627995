/* format_html_charts: the run's charts (charts.h) as data blocks of the page, drawn by
 * Chart.js (embedded) with a small script of this file's, animation off. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "charts.h"
#include "format_html.h"
#include "json_array.h"

static const char *const kind_names[] = {[CHART_COST_USERS] = "cost_users",
                                         [CHART_TIMELINE] = "timeline",
                                         [CHART_CUMULATIVE] = "cumulative",
                                         [CHART_PAYBACK] = "payback",
                                         [CHART_BAND] = "band",
                                         [CHART_TORNADO] = "tornado"};

/* The drawing script: each <canvas data-chart> drawn from the JSON block beside it.  Lines
 * (cost against users, timeline, cumulative, payback, band) are scatter charts with lines,
 * so that x is a number (users on a log scale); a level is a dashed line across the chart
 * (a crossover's mark: down it); the band fills between p5 and p95; the tornado is
 * horizontal floating bars from the middle of each input's two totals. */
static const char draw_js[] =
    "(function () {\n"
    "\"use strict\";\n"
    "var colors = [\"#1f77b4\", \"#d62728\", \"#2ca02c\", \"#ff7f0e\", \"#9467bd\", "
    "\"#8c564b\", \"#e377c2\", \"#17becf\", \"#bcbd22\", \"#7f7f7f\"];\n"
    "var greys = [\"#333333\", \"#777777\", \"#aaaaaa\"];\n"
    "Chart.defaults.animation = false;\n"
    "Chart.defaults.responsive = false;\n"
    "Chart.defaults.devicePixelRatio = 1;\n"
    "function extent(c, key) {\n"
    "  var lo = Infinity, hi = -Infinity;\n"
    "  c.series.forEach(function (s) { s[key].forEach(function (v) {\n"
    "    if (v < lo) lo = v; if (v > hi) hi = v; }); });\n"
    "  return [lo, hi];\n"
    "}\n"
    "function points(s) {\n"
    "  return s.x.map(function (x, i) { return {x: x, y: s.y[i]}; });\n"
    "}\n"
    "function axes(c, xtype) {\n"
    "  return {x: {type: xtype, title: {display: true, text: c.x_title}},\n"
    "          y: {title: {display: true, text: c.y_title}}};\n"
    "}\n"
    "function band(sets) {\n"
    "  var names = sets.map(function (d) { return d.label; });\n"
    "  var lo = names.indexOf(\"p5\"), hi = names.indexOf(\"p95\");\n"
    "  if (lo < 0 || hi < 0) return;\n"
    "  sets[hi].fill = lo;\n"
    "  sets[hi].backgroundColor = \"rgba(31, 119, 180, 0.2)\";\n"
    "}\n"
    "function levels(c, sets) {\n"
    "  var xs = extent(c, \"x\"), ys = extent(c, \"y\");\n"
    "  c.levels.forEach(function (l, i) {\n"
    "    var data = c.kind === \"cost_users\" ? [{x: l.value, y: ys[0]}, {x: l.value, y: ys[1]}]\n"
    "                                     : [{x: xs[0], y: l.value}, {x: xs[1], y: l.value}];\n"
    "    var g = greys[i % greys.length];\n"
    "    sets.push({label: l.label, data: data, showLine: true, borderDash: [6, 4],\n"
    "               borderColor: g, backgroundColor: g, pointRadius: 0, borderWidth: 1.5});\n"
    "  });\n"
    "}\n"
    "function lines(c) {\n"
    "  var sets = c.series.map(function (s, i) {\n"
    "    var k = colors[i % colors.length];\n"
    "    return {label: s.name, data: points(s), showLine: true, borderColor: k,\n"
    "            backgroundColor: k, pointRadius: s.x.length > 40 ? 0 : 2, borderWidth: 2,\n"
    "            fill: false};\n"
    "  });\n"
    "  if (c.kind === \"band\") band(sets);\n"
    "  levels(c, sets);\n"
    "  return {type: \"scatter\", data: {datasets: sets},\n"
    "          options: {plugins: {title: {display: true, text: c.title}},\n"
    "                    scales: axes(c, c.log_x ? \"logarithmic\" : \"linear\")}};\n"
    "}\n"
    "function tornado(c) {\n"
    "  var s0 = c.series[0], order = s0.y.map(function (y, i) { return i; });\n"
    "  order.sort(function (a, b) { return s0.y[a] - s0.y[b]; });\n"
    "  function middle(j) {\n"
    "    var sum = 0;\n"
    "    c.series.forEach(function (s) { sum += s.x[j]; });\n"
    "    return sum / c.series.length;\n"
    "  }\n"
    "  var sets = c.series.map(function (s, i) {\n"
    "    var k = colors[i % colors.length];\n"
    "    return {label: s.name, grouped: false, backgroundColor: k, borderColor: k,\n"
    "            data: order.map(function (j) { return [middle(j), s.x[j]]; })};\n"
    "  });\n"
    "  var labels = order.map(function (j) { return s0.labels ? s0.labels[j] : String(j); });\n"
    "  return {type: \"bar\", data: {labels: labels, datasets: sets},\n"
    "          options: {indexAxis: \"y\", plugins: {title: {display: true, text: c.title}},\n"
    "                    scales: {x: {beginAtZero: false,\n"
    "                                 title: {display: true, text: c.x_title}},\n"
    "                             y: {title: {display: true, text: c.y_title}}}}};\n"
    "}\n"
    "document.querySelectorAll(\"canvas[data-chart]\").forEach(function (cv) {\n"
    "  var c = JSON.parse(document.getElementById(cv.id + \"-data\").textContent);\n"
    "  new Chart(cv, c.kind === \"tornado\" ? tornado(c) : lines(c));\n"
    "});\n"
    "})();\n";

static json_t *number_element(const void *ctx, size_t i)
{
    return json_real(((const double *)ctx)[i]);
}

static json_t *text_element(const void *ctx, size_t i)
{
    const char *t = ((char *const *)ctx)[i];
    return json_string(t ? t : "");
}

/* A series' labels, null when it has none. */
static json_t *labels(char *const *v, size_t n)
{
    return v ? formats_json_array(n, text_element, v) : json_null();
}

static json_t *series_element(const void *ctx, size_t i)
{
    const chart_series *s = &((const chart *)ctx)->series[i];
    return json_pack("{s:s, s:o, s:o, s:o}", "name", s->name ? s->name : "", "x",
                     formats_json_array(s->n, number_element, s->x), "y",
                     formats_json_array(s->n, number_element, s->y), "labels",
                     labels(s->labels, s->n));
}

static json_t *level_element(const void *ctx, size_t i)
{
    const chart_level *l = &((const chart *)ctx)->levels[i];
    return json_pack("{s:f, s:s}", "value", l->value, "label", l->label ? l->label : "");
}

/* The chart's JSON text, for a <script> block: "/" escaped (JSON_ESCAPE_SLASH, so no
 * "</script>"), and every "<" too (only a string holds one), so that no "<!--" opens the
 * script's escaped state either.  NULL out of memory or on text that is not UTF-8. */
static char *chart_json(const chart *c)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "kind", kind_names[c->kind], "title",
                  c->title ? c->title : "", "x_title", c->x_title ? c->x_title : "", "y_title",
                  c->y_title ? c->y_title : "", "log_x", c->log_x, "series",
                  formats_json_array(c->n_series, series_element, c), "levels",
                  formats_json_array(c->n_levels, level_element, c));
    if (!o)
        return NULL;
    char *text = json_dumps(o, JSON_COMPACT | JSON_ESCAPE_SLASH | JSON_PRESERVE_ORDER |
                                   JSON_REAL_PRECISION(15));
    json_decref(o);
    return text;
}

static void write_json_text(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++)
        if (*p == '<')
            fputs("\\u003c", out);
        else
            fputc(*p, out);
}

/* A tornado's canvas grows with its inputs, so that each has a readable bar. */
static int chart_height(const chart *c)
{
    if (c->kind != CHART_TORNADO || c->n_series == 0)
        return 420;
    size_t n = c->series[0].n;
    return n > 40 ? 1300 : 140 + 28 * (int)n;
}

static bool write_chart(const chart *c, size_t id, FILE *out, core_error *err)
{
    char *text = chart_json(c);
    if (!text)
        return error_fail(err, "report.html: cannot make a chart's data (out of memory, or a "
                               "name that is not UTF-8)");
    fprintf(out, "<figure class=\"chart\"><canvas id=\"chart-%zu\" data-chart=\"%s\" ", id,
            kind_names[c->kind]);
    fprintf(out, "width=\"960\" height=\"%d\" role=\"img\" aria-label=\"", chart_height(c));
    html_str(out, c->title);
    fprintf(out, "\"></canvas>\n<script type=\"application/json\" id=\"chart-%zu-data\">", id);
    write_json_text(out, text);
    fputs("</script></figure>\n", out);
    free(text);
    return true;
}

static bool write_group(const chart_group *g, size_t *id, FILE *out, core_error *err)
{
    fputs("<h3>", out);
    html_str(out, g->title);
    fputs("</h3>\n", out);
    for (size_t i = 0; i < g->n_charts; i++)
        if (!write_chart(&g->charts[i], ++*id, out, err))
            return false;
    return true;
}

bool html_charts(const format_input *in, FILE *out, core_error *err)
{
    chart_book book = {0};
    if (!charts_read(in, &book, err))
        return false;
    size_t id = 0;
    bool ok = true;
    fputs("<section id=\"charts\"><h2>Charts</h2>\n", out);
    for (size_t g = 0; ok && g < book.n_groups; g++)
        ok = write_group(&book.groups[g], &id, out, err);
    if (ok && id == 0)
        fputs("<p class=\"note\">This run has no charts (no analysis, no --samples).</p>\n", out);
    fputs("</section>\n", out);
    charts_free(&book);
    if (ok && id > 0) {
        fputs("<script>", out);
        fwrite(reckon_chartjs, 1, reckon_chartjs_size, out);
        fputs("</script>\n<script>\n", out);
        fputs(draw_js, out);
        fputs("</script>\n", out);
    }
    return ok;
}
