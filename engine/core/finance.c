/*
 * finance: NPV, IRR, PMT, PV, FV, XNPV and XIRR as the spreadsheets define them, and strict
 * "YYYY-MM-DD" dates.  See finance.h for the conventions.
 *
 * Finding a rate of return (IRR, XIRR) is done in two stages.  Newton's method from the
 * guess comes first, because that is what the spreadsheets do, so where several rates
 * exist we return the one a spreadsheet returns.  When Newton fails (a flat slope, a step
 * below -100%, no convergence), the rate axis is scanned outwards from the guess for the
 * nearest sign change of the NPV, which is then bisected: slower, but it cannot miss a root
 * that changes sign between -99.9999% and 10^8 %.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "finance.h"

/* Stores a result, or fails when it overflowed (or came out NaN). */
static bool finish(const char *name, double value, double *out, core_error *err)
{
    if (!isfinite(value))
        return error_fail(
            err, "%s: the result is too large to represent (the arithmetic overflowed)", name);
    *out = value;
    return true;
}

/* Fails unless every value is finite. */
static bool check_values(const char *name, const double *values, size_t n, core_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(values[i]))
            return error_fail(err, "%s: value %zu is not a finite number", name, i + 1);
    return true;
}

/* Fails unless x is finite. */
static bool check_finite(const char *name, const char *what, double x, core_error *err)
{
    if (!isfinite(x))
        return error_fail(err, "%s: %s must be a finite number", name, what);
    return true;
}

/* Fails unless rate is a finite number above -1 (a loss of everything, or more). */
static bool check_rate(const char *name, const char *what, double rate, core_error *err)
{
    if (!check_finite(name, what, rate, err))
        return false;
    if (rate <= -1)
        return error_fail(err, "%s: %s must be greater than -1, that is -100%% (got %.10g)", name,
                          what, rate);
    return true;
}

/* ---- NPV ------------------------------------------------------------------------------ */

bool fin_npv(double rate, const double *values, size_t n, double *out, core_error *err)
{
    if (n == 0)
        return error_fail(err, "NPV: needs at least one value");
    if (!check_finite("NPV", "rate", rate, err) || !check_values("NPV", values, n, err))
        return false;
    if (rate == -1)
        return error_fail(err, "NPV: rate must not be -1 (a division by zero)");
    /* Horner from the last value: ((v_n d + v_{n-1}) d + ...) d with d = 1 / (1 + rate),
     * which discounts v_1 once and v_n n times. */
    double d = 1 / (1 + rate), sum = 0;
    for (size_t i = n; i-- > 0;)
        sum = (sum + values[i]) * d;
    return finish("NPV", sum, out, err);
}

/* ---- rates of return (IRR, XIRR) ------------------------------------------------------ */

/* Cash flows whose rate of return is sought. */
typedef struct flows {
    const double *values; /* the cash flows, n of them */
    const long *days;     /* their dates (XIRR), or NULL: value i comes after i periods (IRR) */
    size_t n;             /* how many */
    double last;          /* the latest time, in periods */
} flows;

/* When value i comes, in periods (years of 365 days for dated flows) after the first. */
static double flow_time(const flows *fl, size_t i)
{
    return fl->days ? (double)(fl->days[i] - fl->days[0]) / 365.0 : (double)i;
}

/*
 * The NPV at rate r > -1 of the flows, the first undiscounted: sum v_i (1 + r)^-t_i.  Its
 * derivative in r goes to *slope and the sum of the terms' magnitudes to *size.
 */
static double npv_at(const flows *fl, double r, double *slope, double *size)
{
    double log_growth = log1p(r), sum = 0, dsum = 0, abs_sum = 0;
    for (size_t i = 0; i < fl->n; i++) {
        double t = flow_time(fl, i);
        double term = fl->values[i] * exp(-t * log_growth);
        sum += term;
        dsum -= t * term / (1 + r);
        abs_sum += fabs(term);
    }
    *slope = dsum;
    *size = abs_sum;
    return sum;
}

/*
 * A number with the sign of the NPV at r > -1 that never overflows: the NPV itself for
 * r >= 0 (every discount factor is <= 1), else the NPV times (1 + r)^last, which turns
 * every factor into (1 + r)^(last - t_i) <= 1.
 */
static double npv_sign(const flows *fl, double r)
{
    double log_growth = log1p(r), shift = r < 0 ? fl->last : 0, sum = 0;
    for (size_t i = 0; i < fl->n; i++)
        sum += fl->values[i] * exp((shift - flow_time(fl, i)) * log_growth);
    return sum;
}

#define NEWTON_STEPS 100
#define NEWTON_TOL 1e-12 /* relative change of the rate at which Newton has converged */

/*
 * Newton's method from guess.  Succeeds only on convergence to a rate > -1 at which the
 * NPV is 0 up to rounding; a failure leaves the search to bracket_root.
 */
static bool newton(const flows *fl, double guess, double *out)
{
    double r = guess;
    for (int step = 0; step < NEWTON_STEPS; step++) {
        double slope, size, value = npv_at(fl, r, &slope, &size);
        if (!isfinite(value) || !isfinite(slope) || slope == 0)
            return false;
        double next = r - value / slope;
        if (!isfinite(next) || next <= -1)
            return false;
        if (fabs(next - r) <= NEWTON_TOL * fmax(1, fabs(next))) {
            value = npv_at(fl, next, &slope, &size);
            if (!(fabs(value) <= 1e-9 * size))
                return false;
            *out = next;
            return true;
        }
        r = next;
    }
    return false;
}

/* The scan for a sign change runs over u = ln(1 + rate) in steps of SCAN_STEP, between
 * rates of SCAN_MIN_RATE and SCAN_MAX_RATE. */
#define SCAN_MIN_RATE (-0.999999)
#define SCAN_MAX_RATE 1e6
#define SCAN_STEP 0.005

/* true when a and b lie on different sides of 0 (or one is 0). */
static bool sign_changes(double a, double b)
{
    return a == 0 || b == 0 || (a < 0) != (b < 0);
}

/* One side of the outward scan: its last point and the sign function there. */
typedef struct scan_side {
    double u;     /* ln(1 + rate) of the last point */
    double value; /* npv_sign there */
    double end;   /* where this side stops */
    double dir;   /* +1 to the right, -1 to the left */
} scan_side;

/*
 * Steps one side outwards.  Returns true, with the bracket in lo < hi, when the sign of
 * the NPV changed across the step; marks the side done (u == end) at its end.
 */
static bool scan_step(const flows *fl, scan_side *side, double *lo, double *hi)
{
    double u = side->u + side->dir * SCAN_STEP;
    u = side->dir > 0 ? fmin(u, side->end) : fmax(u, side->end);
    double value = npv_sign(fl, expm1(u));
    bool changed = sign_changes(side->value, value);
    if (changed) {
        *lo = expm1(fmin(u, side->u));
        *hi = expm1(fmax(u, side->u));
    }
    side->u = u;
    side->value = value;
    return changed;
}

/*
 * Finds lo < hi (or lo == hi at an exact root) around the sign change of the NPV nearest
 * the guess, looking left and right in turn.  false when there is none in the scan range.
 */
static bool bracket_root(const flows *fl, double guess, double *lo, double *hi)
{
    double umin = log1p(SCAN_MIN_RATE), umax = log1p(SCAN_MAX_RATE);
    double u0 = fmin(fmax(log1p(guess), umin), umax);
    double v0 = npv_sign(fl, expm1(u0));
    if (v0 == 0) {
        *lo = *hi = expm1(u0);
        return true;
    }
    scan_side right = {u0, v0, umax, 1}, left = {u0, v0, umin, -1};
    while (right.u < right.end || left.u > left.end) {
        if (right.u < right.end && scan_step(fl, &right, lo, hi))
            return true;
        if (left.u > left.end && scan_step(fl, &left, lo, hi))
            return true;
    }
    return false;
}

/* Bisects lo < hi, across which the NPV changes sign, down to adjacent doubles. */
static double bisect(const flows *fl, double lo, double hi)
{
    double vlo = npv_sign(fl, lo);
    if (vlo == 0)
        return lo;
    for (;;) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            return mid;
        double vmid = npv_sign(fl, mid);
        if (vmid == 0)
            return mid;
        if ((vmid < 0) == (vlo < 0)) {
            lo = mid;
            vlo = vmid;
        } else {
            hi = mid;
        }
    }
}

/* IRR and XIRR once their inputs are known to be valid: Newton, else bracket and bisect. */
static bool solve_rate(const char *name, const flows *fl, double guess, double *out,
                       core_error *err)
{
    if (newton(fl, guess, out))
        return true;
    double lo, hi;
    if (!bracket_root(fl, guess, &lo, &hi))
        return error_fail(err,
                          "%s: no rate of return found: the net present value is not 0 at any rate "
                          "between -99.9999%% and 100000000%%",
                          name);
    *out = lo == hi ? lo : bisect(fl, lo, hi);
    return true;
}

/* What IRR and XIRR require of their values and guess. */
static bool check_flows(const char *name, const double *values, size_t n, double guess,
                        core_error *err)
{
    if (n < 2)
        return error_fail(
            err, "%s: needs at least two cash flows, money out and money in (got %zu)", name, n);
    if (!check_values(name, values, n, err) || !check_rate(name, "guess", guess, err))
        return false;
    bool in = false, out = false;
    for (size_t i = 0; i < n; i++) {
        in = in || values[i] > 0;
        out = out || values[i] < 0;
    }
    if (!in || !out)
        return error_fail(
            err, "%s: the cash flows never change sign, so there is no rate of return", name);
    return true;
}

bool fin_irr(const double *values, size_t n, double guess, double *out, core_error *err)
{
    if (!check_flows("IRR", values, n, guess, err))
        return false;
    flows fl = {values, NULL, n, (double)(n - 1)};
    return solve_rate("IRR", &fl, guess, out, err);
}

/* ---- PMT, PV, FV ---------------------------------------------------------------------- */

/* What PMT, PV and FV require: finite numbers, rate > -1, type 0 or 1. */
static bool check_tvm(const char *name, double rate, double nper, const char *a_name, double a,
                      const char *b_name, double b, int type, core_error *err)
{
    if (!check_rate(name, "rate", rate, err) || !check_finite(name, "nper", nper, err) ||
        !check_finite(name, a_name, a, err) || !check_finite(name, b_name, b, err))
        return false;
    if (type != 0 && type != 1)
        return error_fail(err,
                          "%s: type must be 0 (payments at the end of each period) or 1 (at the "
                          "start) (got %d)",
                          name, type);
    return true;
}

/* (1 + rate)^nper, for rate > -1. */
static double growth(double rate, double nper)
{
    return exp(nper * log1p(rate));
}

/* ((1 + rate)^nper - 1) / rate, which is nper at rate 0: what a payment each period adds
 * up to by the end, payments at the end of each period.  Accurate for rates near 0. */
static double annuity(double rate, double nper)
{
    return rate == 0 ? nper : expm1(nper * log1p(rate)) / rate;
}

bool fin_pmt(double rate, double nper, double pv, double fv, int type, double *out, core_error *err)
{
    if (!check_tvm("PMT", rate, nper, "pv", pv, "fv", fv, type, err))
        return false;
    if (!(nper > 0))
        return error_fail(
            err, "PMT: nper, the number of payments, must be greater than 0 (got %.10g)", nper);
    double per_payment = (1 + rate * type) * annuity(rate, nper);
    return finish("PMT", -(pv * growth(rate, nper) + fv) / per_payment, out, err);
}

bool fin_pv(double rate, double nper, double pmt, double fv, int type, double *out, core_error *err)
{
    if (!check_tvm("PV", rate, nper, "pmt", pmt, "fv", fv, type, err))
        return false;
    double paid = pmt * (1 + rate * type) * annuity(rate, nper);
    return finish("PV", -(fv + paid) / growth(rate, nper), out, err);
}

bool fin_fv(double rate, double nper, double pmt, double pv, int type, double *out, core_error *err)
{
    if (!check_tvm("FV", rate, nper, "pmt", pmt, "pv", pv, type, err))
        return false;
    double paid = pmt * (1 + rate * type) * annuity(rate, nper);
    return finish("FV", -(pv * growth(rate, nper) + paid), out, err);
}

/* ---- dates ---------------------------------------------------------------------------- */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

static bool is_leap(long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Days in month 1..12 of year. */
static int month_days(long year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* Days since 1970-01-01 of a valid date (Howard Hinnant's days_from_civil: the year is
 * counted from March, so that the leap day falls at its end). */
static long days_from_civil(long year, int month, int day)
{
    year -= month <= 2;
    long era = (year >= 0 ? year : year - 399) / 400;
    long yoe = year - era * 400;                                              /* 0..399 */
    long doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                         /* 0..146096 */
    return era * 146097 + doe - 719468;
}

/* Writes the date `days` after 1970-01-01 as "YYYY-MM-DD" (civil_from_days, the inverse). */
static void format_date(long days, char *buf, size_t size)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;                                   /* 0..146096 */
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
    long mp = (5 * doy + 2) / 153;                                    /* 0..11, from March */
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2);
    snprintf(buf, size, "%04ld-%02ld-%02ld", year, month, day);
}

/* The n decimal digits at s as a number, or -1 unless all n are digits. */
static long read_digits(const char *s, int n)
{
    long value = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

/* true when text is exactly dddd-dd-dd.  Stops at the first mismatch, so never reads past
 * the terminating NUL of a shorter string. */
static bool has_date_form(const char *text)
{
    static const char form[] = "dddd-dd-dd";
    for (int i = 0; form[i]; i++) {
        bool ok = form[i] == 'd' ? (text[i] >= '0' && text[i] <= '9') : text[i] == form[i];
        if (!ok)
            return false;
    }
    return text[10] == '\0';
}

bool fin_date_parse(const char *text, long *days, core_error *err)
{
    if (!text)
        return error_fail(err, "a date must be a string \"YYYY-MM-DD\"");
    if (!has_date_form(text))
        return error_fail(err,
                          "\"%.40s%s\" is not a date of the form YYYY-MM-DD (such as 2024-01-31)",
                          text, strlen(text) > 40 ? "..." : "");
    long year = read_digits(text, 4);
    int month = (int)read_digits(text + 5, 2), day = (int)read_digits(text + 8, 2);
    if (year == 0)
        return error_fail(err, "\"%s\" is not a date: there is no year 0000", text);
    if (month < 1 || month > 12)
        return error_fail(err, "\"%s\" is not a date: there is no month %02d", text, month);
    if (day < 1)
        return error_fail(err, "\"%s\" is not a date: there is no day 00", text);
    if (day > month_days(year, month))
        return error_fail(err, "\"%s\" is not a date: %s %04ld has %d days", text,
                          month_names[month - 1], year, month_days(year, month));
    *days = days_from_civil(year, month, day);
    return true;
}

/* ---- XNPV, XIRR ----------------------------------------------------------------------- */

/* Fails when a date comes before the first one. */
static bool check_dates(const char *name, const long *days, size_t n, core_error *err)
{
    for (size_t i = 1; i < n; i++) {
        if (days[i] < days[0]) {
            char date[64], first[64]; /* room for any long, to keep -Wformat-truncation quiet */
            format_date(days[i], date, sizeof date);
            format_date(days[0], first, sizeof first);
            return error_fail(err, "%s: date %zu (%s) comes before the first date (%s)", name,
                              i + 1, date, first);
        }
    }
    return true;
}

/* The latest of the dates, in years of 365 days after the first. */
static double last_time(const long *days, size_t n)
{
    long latest = days[0];
    for (size_t i = 1; i < n; i++)
        if (days[i] > latest)
            latest = days[i];
    return (double)(latest - days[0]) / 365.0;
}

bool fin_xnpv(double rate, const double *values, const long *days, size_t n, double *out,
              core_error *err)
{
    if (n == 0)
        return error_fail(err, "XNPV: needs at least one value");
    if (!check_rate("XNPV", "rate", rate, err) || !check_values("XNPV", values, n, err) ||
        !check_dates("XNPV", days, n, err))
        return false;
    flows fl = {values, days, n, last_time(days, n)};
    double slope, size;
    return finish("XNPV", npv_at(&fl, rate, &slope, &size), out, err);
}

bool fin_xirr(const double *values, const long *days, size_t n, double guess, double *out,
              core_error *err)
{
    if (!check_flows("XIRR", values, n, guess, err) || !check_dates("XIRR", days, n, err))
        return false;
    flows fl = {values, days, n, last_time(days, n)};
    if (fl.last == 0) /* no time passes: the NPV is the same at every rate */
        return error_fail(err, "XIRR: every date is the same day, so there is no rate of return");
    return solve_rate("XIRR", &fl, guess, out, err);
}
