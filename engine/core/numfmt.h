/*
 * numfmt: numbers as text for CSV files, independent of the locale.
 *
 *     char buf[NUMFMT_MAX];
 *     numfmt_fixed(2.675, 2, buf);   // "2.68", as a spreadsheet's ROUND(2.675, 2)
 *
 * Rounding follows LibreOffice and Excel: the value is first taken at 15 significant
 * digits (so 2.675, stored as 2.67499999999999982..., counts as 2.675), then rounded half
 * away from zero.  The decimal point is always '.', there are no thousands separators (but
 * in numfmt_grouped, for people) and no exponent, and a negative zero is written without
 * its sign.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_NUMFMT_H
#define RECKON_NUMFMT_H

#include <stddef.h>

#define NUMFMT_MAX 400 /* enough for any finite double written in full */

/*
 * Writes finite x rounded to `decimals` places (0..9) into buf, always with exactly that
 * many digits after the point; returns the length written (without the NUL).  A value that
 * is not finite is a bug in the caller: it writes "0" and returns 0.
 */
size_t numfmt_fixed(double x, int decimals, char *buf);

/* The same as numfmt_fixed but with trailing zeros (and a bare point) removed: "0.185", "12". */
size_t numfmt_trim(double x, int decimals, char *buf);

/* Room for numfmt_grouped's text: every digit of a double, its commas, sign and point. */
#define NUMFMT_GROUPED_MAX (2 * NUMFMT_MAX)

/* numfmt_fixed with a comma before every three digits of the whole part, for people (never
 * for CSV): "-12,345.60".  buf holds NUMFMT_GROUPED_MAX bytes; returns the length. */
size_t numfmt_grouped(double x, int decimals, char *buf);

/* The value numfmt_fixed writes, as a double (round(x, decimals) the spreadsheet way). */
double numfmt_round(double x, int decimals);

#endif
