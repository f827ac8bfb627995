/*
 * fuzz_spec: libFuzzer harness for the cost primitives' spec validation and evaluation,
 * numfmt_fixed and sweep_parse.
 *
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DRECKON_FUZZ=ON
 *     cmake --build build-fuzz --target fuzz_spec
 *     build-fuzz/tests/fuzz/fuzz_spec -max_total_time=60 corpus-copy/
 *
 * (tests/fuzz/run.sh does all of that.)  The input bytes are a little program:
 *
 *   byte 0           the target: 0..5 a cost primitive, 6 numfmt, 7 sweep (mod 8)
 *   cost primitive   the kind (0 fixed, 1 linear, 2 power, 3 points, 4 step, 5 graduated,
 *                    6 volume, 7 instances: byte 1 mod 8), its parameters, then the driver
 *                    values and the lanes' values
 *   numfmt           a number, then `decimals` (byte - 3, so -3..12 before clamping)
 *   sweep            the rest of the input as text (at most 256 bytes)
 *
 * A number takes a tag byte t: t & 3 == 0 is a special value (NaN, infinities, DBL_MAX,
 * zero, 2^53, ...: table[(t >> 2) % count]), 1 the whole number t >> 2, 2 a two-byte
 * signed integer divided by 100, 3 eight raw bytes.  A range takes a byte r: r % 3 == 0 is
 * an exact number, 1 range_make(a, b), 2 range_make(a, a + |b|).  Missing bytes read as 0.
 *
 * Contracts checked (abort() on a breach, so that the fuzzer keeps the input):
 *   - a constructor returns a function, or NULL with a message;
 *   - cost_eval either fails with a message or gives finite lo <= mid <= hi, equal when
 *     every parameter is exact; a negative or non-finite driver fails; an array gives the
 *     values each driver gives alone;
 *   - cost_eval_over over a driver span encloses what its ends and mid give alone;
 *   - cost_eval_samples with no arrays gives mid exactly, and with every range at a value
 *     of its own inside its span, a cost within lo..hi at that driver;
 *   - cost_breaks_collect ends, keeps to its limit and to lo..hi;
 *   - numfmt_fixed writes plain decimal text, '.' as the point, exactly `decimals` places,
 *     that strtod reads back within half a unit of the last place (plus the 15-significant-
 *     digit rounding), and numfmt_round gives the same double;
 *   - sweep_parse either fails with a message or gives counts >= 1, whole, strictly
 *     ascending, at least one.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "numfmt.h"
#include "range.h"
#include "sweep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_NAME "fuzz_spec"
#include "fuzz_check.h"

enum {
    MAX_TIERS = 8,   /* tiers or points a spec may have (0..MAX_TIERS) */
    MAX_IDS = 64,    /* uncertain ranges given an id of their own (ids 1..MAX_IDS-1) */
    MAX_DRIVERS = 8, /* driver values a function is evaluated at */
    LANES = 3,       /* Monte Carlo lanes */
    BREAK_LIMIT = 256
};

static const double special[] = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    2.0,
    10.0,
    100.0,
    1000.0,
    1e6,
    1e9,
    1e15,
    9007199254740992.0 /* 2^53 */,
    9007199254740994.0,
    1e300,
    DBL_MAX,
    -DBL_MAX,
    DBL_MIN,
    4.9406564584124654e-324,
    1e-300,
    NAN,
    -NAN,
    INFINITY,
    -INFINITY,
    0.1,
    0.3,
    2.675,
    1e-9,
    0.49999999999999994,
    4503599627370497.0,
    1e22,
    1e23,
    1e-10,
    5e-10,
    999999999999999.5,
    0.015,
    1.005,
    1e16,
    1e308,
    1e-6,
};

static double take_double(reader *r)
{
    uint8_t tag = take_byte(r);
    switch (tag & 3) {
    case 0:
        return special[(tag >> 2) % (sizeof special / sizeof special[0])];
    case 1:
        return (double)(tag >> 2);
    case 2: {
        uint8_t a = take_byte(r), b = take_byte(r);
        return (double)(int16_t)(uint16_t)(a | b << 8) / 100;
    }
    default: {
        uint8_t raw[8];
        for (int i = 0; i < 8; i++)
            raw[i] = take_byte(r);
        double d;
        memcpy(&d, raw, sizeof d);
        return d;
    }
    }
}

/* ---- cost primitives ------------------------------------------------------------------- */

/* What the ranges of one spec were, so that lanes can give each a value inside its span. */
typedef struct spec_ranges {
    int next_id;        /* the id the next uncertain range takes */
    double lo[MAX_IDS]; /* by id: the span of the range */
    double hi[MAX_IDS];
    bool uncertain; /* some range has width (lo < hi) */
} spec_ranges;

/*
 * Reads a range into *out; false when range_make rejected it (then with a message, which
 * is checked here: the spec cannot be built and the input is done).
 */
static bool take_range(reader *r, spec_ranges *ids, range *out)
{
    uint8_t how = take_byte(r) % 3;
    double a = take_double(r);
    if (how == 0) {
        *out = range_number(a);
        return true;
    }
    double b = take_double(r);
    if (how == 2)
        b = a + fabs(b);
    core_error err = {0};
    if (!range_make(a, b, out, &err)) {
        CHECK(err.msg[0] != '\0', "range_make(%g, %g) failed without a message", a, b);
        return false;
    }
    CHECK(out->lo <= out->mid && out->mid <= out->hi,
          "range_make(%g, %g) gave lo %g, mid %g, hi %g", a, b, out->lo, out->mid, out->hi);
    if (out->lo < out->hi)
        ids->uncertain = true;
    if (ids->next_id < MAX_IDS) {
        out->id = ids->next_id++;
        ids->lo[out->id] = out->lo;
        ids->hi[out->id] = out->hi;
    }
    return true;
}

/* A spec as decoded, kept for the checks that need to know it. */
typedef struct spec {
    int kind;                   /* 0 fixed .. 7 instances */
    size_t n;                   /* tiers or points */
    cost_tier tiers[MAX_TIERS]; /* step, graduated, volume */
    cost_point points[MAX_TIERS];
    cost_interp interp;
    cost_extrapolate below, above;
} spec;

static const char *const kind_names[] = {"fixed", "linear",    "power",  "points",
                                         "step",  "graduated", "volume", "instances"};

/*
 * Decodes a spec and calls its constructor.  Returns the function, or NULL when the spec
 * was rejected (by range_make or by the constructor, with a message either way).
 */
static cost_fn *build(reader *r, spec *s, spec_ranges *ids)
{
    core_error err;
    memset(&err, 0, sizeof err);
    range a, b;
    cost_fn *f = NULL;
    s->kind = take_byte(r) % 8;
    switch (s->kind) {
    case 0:
        if (!take_range(r, ids, &a))
            return NULL;
        f = cost_fixed(a, &err);
        break;
    case 1:
        if (!take_range(r, ids, &a) || !take_range(r, ids, &b))
            return NULL;
        f = cost_linear(a, b, &err);
        break;
    case 2:
        if (!take_range(r, ids, &a) || !take_range(r, ids, &b))
            return NULL;
        f = cost_power(a, b, &err);
        break;
    case 3: {
        uint8_t shape = take_byte(r);
        s->n = (shape & 15) % (MAX_TIERS + 1);
        s->interp = shape & 16 ? COST_INTERP_LOGLOG : COST_INTERP_LINEAR;
        s->below = (cost_extrapolate)((shape >> 5) % 3);
        s->above = (cost_extrapolate)(take_byte(r) % 3);
        for (size_t i = 0; i < s->n; i++) {
            s->points[i].x = take_double(r);
            if (!take_range(r, ids, &s->points[i].cost))
                return NULL;
        }
        f = cost_points(s->points, s->n, s->interp, s->below, s->above, &err);
        break;
    }
    case 4:
    case 5:
    case 6: {
        s->n = take_byte(r) % (MAX_TIERS + 1);
        for (size_t i = 0; i < s->n; i++) {
            cost_tier *t = &s->tiers[i];
            memset(t, 0, sizeof *t);
            t->open = take_byte(r) & 1;
            t->upto = take_double(r);
            range *first = s->kind == 4 ? &t->cost : &t->rate;
            if (!take_range(r, ids, first))
                return NULL;
            t->cost = s->kind == 4 ? *first : range_number(0);
            t->rate = s->kind == 4 ? range_number(0) : *first;
            t->fee = range_number(0);
            if (s->kind == 6 && !take_range(r, ids, &t->fee))
                return NULL;
        }
        if (s->kind == 4)
            f = cost_step(s->tiers, s->n, &err);
        else if (s->kind == 6)
            f = cost_volume(s->tiers, s->n, &err);
        else {
            if (!take_range(r, ids, &a))
                return NULL;
            f = cost_graduated(s->tiers, s->n, a, &err);
        }
        break;
    }
    default: {
        if (!take_range(r, ids, &a) || !take_range(r, ids, &b))
            return NULL;
        double min_count = take_double(r), max_count = take_double(r);
        f = cost_instances(a, b, min_count, max_count, &err);
        break;
    }
    }
    if (!f) {
        CHECK(err.msg[0] != '\0', "%s: the constructor returned NULL without a message",
              kind_names[s->kind]);
        return NULL;
    }
    CHECK(strcmp(cost_kind_name(f), kind_names[s->kind]) == 0, "built a %s, asked for a %s",
          cost_kind_name(f), kind_names[s->kind]);
    return f;
}

/*
 * Whether rounding may legitimately carry a value at x outside an enclosure computed
 * elsewhere: a points curve extended linearly far past its ends weighs its end points by
 * large factors of opposite sign, and the sum cancels.  Elsewhere values are sums of a few
 * nonnegative terms.
 */
static bool may_cancel(const spec *s, double x)
{
    if (s->kind != 3 || s->n < 2)
        return false;
    return (x < s->points[0].x && s->below == COST_EXTRAPOLATE_LINEAR) ||
           (x > s->points[s->n - 1].x && s->above == COST_EXTRAPOLATE_LINEAR);
}

/* How far rounding may carry a value computed another way from the span lo..hi. */
static double slack(double lo, double hi)
{
    return 1e-9 * (1 + fmax(fabs(lo), fabs(hi)));
}

/* The contract of one successful evaluation. */
static void check_value(const spec *s, const spec_ranges *ids, double x, double lo, double mid,
                        double hi)
{
    CHECK(isfinite(lo) && isfinite(mid) && isfinite(hi), "%s at %.17g: lo %g, mid %g, hi %g",
          kind_names[s->kind], x, lo, mid, hi);
    CHECK(lo <= mid && mid <= hi, "%s at %.17g: lo %.17g, mid %.17g, hi %.17g", kind_names[s->kind],
          x, lo, mid, hi);
    if (!ids->uncertain)
        CHECK(lo == mid && mid == hi,
              "%s at %.17g with exact parameters: lo %.17g, mid %.17g, hi %.17g",
              kind_names[s->kind], x, lo, mid, hi);
}

/* Driver values: zero, huge ones, ones from the input, and the spec's own bounds. */
static size_t take_drivers(reader *r, const spec *s, double *x)
{
    size_t n = 0;
    x[n++] = 0;
    x[n++] = take_byte(r) & 1 ? DBL_MAX : 1e300;
    x[n++] = fabs(take_double(r));
    x[n++] = fabs(take_double(r));
    x[n++] = take_double(r); /* negative and not finite too: then evaluation must fail */
    uint8_t pick = take_byte(r);
    if (s->n > 0 && (s->kind == 3 || (s->kind >= 4 && s->kind <= 6))) {
        size_t k = pick % s->n;
        double knot = s->kind == 3 ? s->points[k].x : s->tiers[k].upto;
        x[n++] = knot;
        x[n++] = nextafter(knot, INFINITY);
    }
    x[n++] = (double)(pick >> 1);
    return n;
}

static bool valid_driver(double x)
{
    return isfinite(x) && x >= 0;
}

/* Evaluates f in every way and checks every contract; see the top of the file. */
static void exercise(const cost_fn *f, const spec *s, const spec_ranges *ids, reader *r)
{
    double x[MAX_DRIVERS];
    size_t n = take_drivers(r, s, x);
    double lo[MAX_DRIVERS], mid[MAX_DRIVERS], hi[MAX_DRIVERS];
    bool ok[MAX_DRIVERS];
    core_error err;

    /* One driver value at a time. */
    for (size_t i = 0; i < n; i++) {
        memset(&err, 0, sizeof err);
        ok[i] = cost_eval(f, &x[i], 1, &lo[i], &mid[i], &hi[i], &err);
        if (!ok[i]) {
            CHECK(err.msg[0] != '\0', "%s at %.17g failed without a message", kind_names[s->kind],
                  x[i]);
            continue;
        }
        CHECK(valid_driver(x[i]), "%s accepted the driver value %.17g", kind_names[s->kind], x[i]);
        check_value(s, ids, x[i], lo[i], mid[i], hi[i]);
    }

    /* The same as an array: every value as it was alone, or a failure if one failed. */
    double bx[MAX_DRIVERS], blo[MAX_DRIVERS], bmid[MAX_DRIVERS], bhi[MAX_DRIVERS];
    size_t good[MAX_DRIVERS], nb = 0;
    bool any_bad = false;
    for (size_t i = 0; i < n; i++) {
        if (ok[i])
            good[nb] = i, bx[nb++] = x[i];
        else
            any_bad = true;
    }
    if (nb > 0) {
        memset(&err, 0, sizeof err);
        bool batch = cost_eval(f, bx, nb, blo, bmid, bhi, &err);
        CHECK(batch, "%s over %zu driver values that each succeed alone failed: %s",
              kind_names[s->kind], nb, err.msg);
        for (size_t j = 0; j < nb; j++) {
            size_t i = good[j];
            CHECK(blo[j] == lo[i] && bmid[j] == mid[i] && bhi[j] == hi[i],
                  "%s at %.17g: alone %.17g/%.17g/%.17g, in an array %.17g/%.17g/%.17g",
                  kind_names[s->kind], x[i], lo[i], mid[i], hi[i], blo[j], bmid[j], bhi[j]);
        }
    }
    if (any_bad) {
        memset(&err, 0, sizeof err);
        bool batch = cost_eval(f, x, n, blo, bmid, bhi, &err);
        CHECK(!batch && err.msg[0] != '\0', "%s over driver values one of which fails alone: %s",
              kind_names[s->kind], batch ? "succeeded" : "failed without a message");
    }

    /* Over a driver span between two values that succeeded: it encloses both ends and mid. */
    if (nb > 0) {
        size_t i = good[take_byte(r) % nb], k = good[take_byte(r) % nb];
        double a = fmin(x[i], x[k]), b = fmax(x[i], x[k]);
        double m = a + (b - a) * (take_byte(r) / 255.0);
        if (!(m >= a && m <= b))
            m = a;
        double elo[3], emid[3], ehi[3], ex[3] = {a, m, b};
        bool each = true;
        for (int j = 0; j < 3; j++) {
            memset(&err, 0, sizeof err);
            each = each && cost_eval(f, &ex[j], 1, &elo[j], &emid[j], &ehi[j], &err);
        }
        double olo, omid, ohi;
        memset(&err, 0, sizeof err);
        bool over = cost_eval_over(f, &a, &m, &b, 1, &olo, &omid, &ohi, &err);
        if (!over)
            CHECK(err.msg[0] != '\0', "%s over %.17g..%.17g failed without a message",
                  kind_names[s->kind], a, b);
        if (over) {
            CHECK(isfinite(olo) && isfinite(omid) && isfinite(ohi) && olo <= omid && omid <= ohi,
                  "%s over %.17g..%.17g: lo %.17g, mid %.17g, hi %.17g", kind_names[s->kind], a, b,
                  olo, omid, ohi);
        }
        if (over && each && !may_cancel(s, a) && !may_cancel(s, b)) {
            double tol = slack(olo, ohi);
            CHECK(omid == emid[1], "%s over %.17g..%.17g: mid %.17g, but %.17g at %.17g alone",
                  kind_names[s->kind], a, b, omid, emid[1], m);
            for (int j = 0; j < 3; j++)
                CHECK(olo <= elo[j] + tol && ohi >= ehi[j] - tol,
                      "%s over %.17g..%.17g gives %.17g..%.17g, but %.17g..%.17g at %.17g",
                      kind_names[s->kind], a, b, olo, ohi, elo[j], ehi[j], ex[j]);
        }
    }

    /* Monte Carlo lanes: with no arrays, mid exactly; with values, inside lo..hi. */
    if (nb > 0) {
        double lx[LANES], out[LANES];
        size_t from[LANES];
        for (size_t l = 0; l < LANES; l++) {
            from[l] = good[take_byte(r) % nb];
            lx[l] = x[from[l]];
        }
        cost_samples none = {.lanes = LANES, .by_id = NULL, .n_ids = 0};
        memset(&err, 0, sizeof err);
        CHECK(cost_eval_samples(f, lx, &none, out, &err),
              "%s: lanes at driver values that evaluate failed: %s", kind_names[s->kind], err.msg);
        for (size_t l = 0; l < LANES; l++)
            CHECK(out[l] == mid[from[l]], "%s at %.17g: lane %.17g, mid %.17g", kind_names[s->kind],
                  lx[l], out[l], mid[from[l]]);

        static double values[MAX_IDS][LANES];
        const double *by_id[MAX_IDS] = {NULL};
        for (int id = 1; id < ids->next_id; id++) {
            if (take_byte(r) & 1)
                continue; /* this range takes its mid */
            for (size_t l = 0; l < LANES; l++) {
                double t = take_byte(r) / 255.0;
                double v = ids->lo[id] * (1 - t) + ids->hi[id] * t;
                values[id][l] = fmin(fmax(v, ids->lo[id]), ids->hi[id]);
            }
            by_id[id] = values[id];
        }
        cost_samples some = {.lanes = LANES, .by_id = by_id, .n_ids = (size_t)ids->next_id};
        memset(&err, 0, sizeof err);
        if (!cost_eval_samples(f, lx, &some, out, &err)) {
            CHECK(err.msg[0] != '\0', "%s: lanes failed without a message", kind_names[s->kind]);
        } else {
            for (size_t l = 0; l < LANES; l++) {
                size_t i = from[l];
                CHECK(isfinite(out[l]), "%s: lane %zu gave %g", kind_names[s->kind], l, out[l]);
                if (may_cancel(s, lx[l]))
                    continue;
                double tol = slack(lo[i], hi[i]);
                CHECK(out[l] >= lo[i] - tol && out[l] <= hi[i] + tol,
                      "%s at %.17g: lane %zu gave %.17g outside lo..hi %.17g..%.17g",
                      kind_names[s->kind], lx[l], l, out[l], lo[i], hi[i]);
            }
        }
    }

    /* Breaks within a span: the search ends, keeps to the limit and to the span. */
    if (nb > 0) {
        double a = bx[take_byte(r) % nb], b = bx[take_byte(r) % nb];
        double blo_ = fmin(a, b), bhi_ = fmax(a, b);
        cost_breaks br = {.limit = BREAK_LIMIT};
        bool got = cost_breaks_collect(f, blo_, bhi_, &br);
        CHECK(got, "%s: cost_breaks_collect failed (out of memory?)", kind_names[s->kind]);
        CHECK(br.n <= br.limit, "%s: %zu breaks past the limit %zu", kind_names[s->kind], br.n,
              br.limit);
        for (size_t j = 0; j < br.n; j++)
            CHECK(br.x[j] >= blo_ && br.x[j] <= bhi_, "%s: break %.17g outside %.17g..%.17g",
                  kind_names[s->kind], br.x[j], blo_, bhi_);
        cost_breaks_free(&br);
    }
}

static void fuzz_cost(reader *r)
{
    spec s;
    memset(&s, 0, sizeof s);
    spec_ranges ids;
    memset(&ids, 0, sizeof ids);
    ids.next_id = 1;
    cost_fn *f = build(r, &s, &ids);
    if (!f)
        return;
    exercise(f, &s, &ids, r);
    cost_release(f);
}

/* ---- numfmt ---------------------------------------------------------------------------- */

static void fuzz_numfmt(reader *r)
{
    double x = take_double(r);
    int decimals = (int)take_byte(r) % 16 - 3;
    int places = decimals < 0 ? 0 : decimals > 9 ? 9 : decimals;
    char buf[NUMFMT_MAX + 16];
    memset(buf, 'X', sizeof buf);
    size_t len = numfmt_fixed(x, decimals, buf);
    if (!isfinite(x)) { /* a caller's bug: "0", and 0 returned */
        CHECK(len == 0 && strcmp(buf, "0") == 0, "numfmt_fixed(%g) wrote \"%s\"", x, buf);
        return;
    }
    CHECK(len < NUMFMT_MAX && buf[len] == '\0' && strlen(buf) == len,
          "numfmt_fixed(%.17g, %d) returned %zu", x, decimals, len);
    /* Plain decimal text: [-]digits[.digits], exactly `places` digits after the point. */
    size_t i = buf[0] == '-' ? 1 : 0, int_digits = 0, frac_digits = 0;
    while (buf[i] >= '0' && buf[i] <= '9')
        i++, int_digits++;
    if (buf[i] == '.') {
        i++;
        while (buf[i] >= '0' && buf[i] <= '9')
            i++, frac_digits++;
        CHECK(places > 0, "numfmt_fixed(%.17g, %d) wrote a point: \"%s\"", x, decimals, buf);
    }
    CHECK(i == len && int_digits > 0 && frac_digits == (size_t)places,
          "numfmt_fixed(%.17g, %d) wrote \"%s\"", x, decimals, buf);
    CHECK(!strstr(buf, "nan") && !strstr(buf, "inf"), "numfmt_fixed(%.17g) wrote \"%s\"", x, buf);

    double back = strtod(buf, NULL);
    CHECK(isfinite(back) || fabs(x) > 1.7976931348623e308,
          "numfmt_fixed(%.17g, %d) wrote \"%s\", which reads back as %g", x, decimals, buf, back);
    CHECK(!(back == 0 && buf[0] == '-'), "numfmt_fixed(%.17g, %d) wrote a signed zero \"%s\"", x,
          decimals, buf);
    if (isfinite(back)) {
        /* Half a unit of the last place, plus the rounding to 15 significant digits. */
        double allowed = 0.5 * pow(10, -places) + 5e-15 * fabs(x) + 4 * DBL_EPSILON * fabs(x);
        CHECK(fabs(back - x) <= allowed,
              "numfmt_fixed(%.17g, %d) wrote \"%s\": off by %g, more than %g", x, decimals, buf,
              fabs(back - x), allowed);
        double rounded = numfmt_round(x, decimals);
        CHECK(rounded == back, "numfmt_round(%.17g, %d) is %.17g, but the text \"%s\" is %.17g", x,
              decimals, rounded, buf, back);
    }

    char trimmed[NUMFMT_MAX + 16];
    size_t tlen = numfmt_trim(x, decimals, trimmed);
    CHECK(tlen == strlen(trimmed) && tlen <= len && strncmp(trimmed, buf, tlen) == 0,
          "numfmt_trim(%.17g, %d) wrote \"%s\", numfmt_fixed \"%s\"", x, decimals, trimmed, buf);
    for (size_t j = tlen; j < len; j++)
        CHECK(buf[j] == '0' || buf[j] == '.', "numfmt_trim(%.17g, %d) dropped \"%s\" of \"%s\"", x,
              decimals, buf + tlen, buf);
}

/* ---- sweep ----------------------------------------------------------------------------- */

static void fuzz_sweep(reader *r)
{
    char text[257];
    size_t n = r->left < 256 ? r->left : 256;
    memcpy(text, r->p, n);
    text[n] = '\0';                          /* an embedded NUL just ends the text early */
    double sentinel = 0, *users = &sentinel; /* sweep_parse must set it */
    size_t count = 12345;
    core_error err;
    err.msg[0] = '\0';
    if (!sweep_parse(text, &users, &count, &err)) {
        CHECK(err.msg[0] != '\0', "sweep_parse(\"%s\") failed without a message", text);
        CHECK(users == NULL && count == 0, "sweep_parse(\"%s\") failed but left %zu counts", text,
              count);
        return;
    }
    CHECK(count >= 1 && users != NULL, "sweep_parse(\"%s\") gave %zu counts", text, count);
    for (size_t i = 0; i < count; i++) {
        CHECK(isfinite(users[i]) && users[i] >= 1 && users[i] == floor(users[i]),
              "sweep_parse(\"%s\"): count %zu is %.17g", text, i, users[i]);
        CHECK(i == 0 || users[i] > users[i - 1],
              "sweep_parse(\"%s\"): count %zu (%.17g) is not above the one before (%.17g)", text, i,
              users[i], users[i - 1]);
    }
    budget_free(users);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, size};
    uint8_t target = take_byte(&r) % 8;
    if (target < 6)
        fuzz_cost(&r);
    else if (target == 6)
        fuzz_numfmt(&r);
    else
        fuzz_sweep(&r);
    return 0;
}
