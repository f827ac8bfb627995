/*
 * rng: the random numbers of a Monte Carlo run.  A seedable generator, normal variates
 * by a ziggurat, and the samplers of every range distribution, both direct (fast) and
 * through the inverse CDF of given uniforms (for ranges sampled together).
 *
 * Usage:
 *
 *     rng g;
 *     uint64_t seed = rng_hash(cli_seed, model_path, strlen(model_path));
 *     seed = rng_hash(seed, &range_id, sizeof range_id);     // one stream a range
 *     rng_seed(&g, seed);
 *     rng_fill(&g, &price, samples, n);                     // n draws of a range
 *
 *     // two ranges moving together: one array of uniforms shared by the group
 *     for (size_t i = 0; i < n; i++) u[i] = rng_uniform(&g);
 *     rng_fill_from_uniforms(&cpu_price, u, a, n);
 *     rng_fill_from_uniforms(&ram_price, u, b, n);
 *
 * The generator is xoshiro256** (Blackman and Vigna, 2018), seeded through splitmix64.
 * Everything is a function of the seed alone: no libc rand, no global state, no time, and
 * the same arithmetic on every platform (integer operations, constant ziggurat tables and
 * IEEE double arithmetic; only the rare ziggurat tail and the inverse CDFs call libm's
 * exp, log and erfc, which may differ in the last bit between C libraries).  An rng is a
 * plain value: copy it to fork a stream, keep one a thread.
 *
 * How a range is sampled (rng_fill and rng_fill_from_uniforms):
 *   RANGE_EXACT, or any range with lo == hi   every sample is mid
 *   RANGE_UNIFORM      uniform on lo..hi
 *   RANGE_TRIANGULAR   triangular on lo..hi with its peak at mode
 *   RANGE_PERT         PERT on lo..hi (a beta, lambda 4): mean (lo + 4 mode + hi) / 6
 *   RANGE_NORMAL       normal with lo..hi as its 90% interval: mean mid,
 *                      sd (hi - lo) / (2 * 1.6448536269514722)
 *   RANGE_INTERVAL90   "lo to hi" as a 90% interval: lognormal when lo > 0, with
 *                      mu = (ln lo + ln hi) / 2,
 *                      sigma = (ln hi - ln lo) / (2 * 1.6448536269514722);
 *                      otherwise the normal above
 * A mode outside lo..hi is taken as the nearer end.
 *
 * This file knows nothing of Lua.
 */
#ifndef RECKON_RNG_H
#define RECKON_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "range.h"

/* z such that 90% of a normal lies within mean +- z sd: the 95th percentile. */
#define RNG_Z95 1.6448536269514722

/* A xoshiro256** generator.  Seed it with rng_seed; never all zero. */
typedef struct rng {
    uint64_t s[4]; /* the 256-bit state */
} rng;

/* ---- the generator: what montecarlo.c and names.c call -------------------------------- */

/* Seeds r with four successive splitmix64 outputs of seed.  Every seed is valid. */
void rng_seed(rng *r, uint64_t seed);

/*
 * A uniform double in the open interval (0, 1): one of the 2^52 midpoints
 * (2k + 1) / 2^53, from the top 52 bits of rng_next.  Never 0 or 1, so that log(u) and
 * an inverse CDF at u are always finite; u and 1 - u are equally likely.
 */
double rng_uniform(rng *r);

/*
 * Folds n bytes of data into the hash h: FNV-1a (64-bit) started from h, then the
 * splitmix64 finaliser.  Chains: rng_hash(rng_hash(seed, path, len), &id, sizeof id)
 * derives a stream seed from a run's seed, a model's path and a range's id.  For fixed
 * data it is a bijection of h, so different seeds always give different streams.
 */
uint64_t rng_hash(uint64_t h, const void *data, size_t n);

/* ---- ranges: what montecarlo.c calls -------------------------------------------------- */

/* n independent samples of x, by the fast direct methods (see the table above). */
void rng_fill(rng *r, const range *x, double *out, size_t n);

/*
 * n samples of x through its inverse CDF at the given uniforms, each in (0, 1): out[i]
 * is the u[i] quantile of x.  Ranges filled from one array of uniforms move together
 * (a rank correlation of 1).  u and out may be the same array.
 */
void rng_fill_from_uniforms(const range *x, const double *u, double *out, size_t n);

/* ---- the pieces the samplers are made of, for the tests (test_rng.c checks each) ------ */

/* The next output of splitmix64 (Vigna), advancing *state: a seeder and a 64-bit mixer. */
uint64_t rng_splitmix64(uint64_t *state);

/* The next 64 random bits. */
uint64_t rng_next(rng *r);

/* ---- the standard normal -------------------------------------------------------------- */

/* A standard normal variate: a 256-layer ziggurat (Marsaglia and Tsang, 2000). */
double rng_normal(rng *r);

/* n standard normal variates: the same numbers as n calls of rng_normal, faster. */
void rng_fill_normal(rng *r, double *out, size_t n);

/* The standard normal CDF, Phi(z), through erfc (accurate in both tails). */
double rng_normal_cdf(double z);

/*
 * The inverse standard normal CDF, Phi^-1(p), to about 1e-15 relative for p in (0, 1):
 * Acklam's rational approximation, polished by one Halley step on erf or erfc.
 * -INFINITY at 0, +INFINITY at 1, NaN outside [0, 1].
 */
double rng_normal_quantile(double p);

/* ---- distributions as functions of a uniform u in (0, 1): inverse CDFs --------------- */

/* The u quantile of a triangular, and of a PERT, on lo..hi with its peak at mode. */
double rng_inv_triangular(double u, double lo, double mode, double hi);
double rng_inv_pert(double u, double lo, double mode, double hi);

/* ---- beta, gamma and PERT ------------------------------------------------------------- */

/*
 * The regularised incomplete beta function I_x(a, b), the CDF of a beta(a, b) at x:
 * a continued fraction evaluated by Lentz's method.  Needs a, b > 0; 0 below x = 0 and
 * 1 above x = 1.
 */
double rng_beta_cdf(double x, double a, double b);

/*
 * The inverse of rng_beta_cdf in x: Halley's method kept inside a shrinking bracket,
 * accurate to about 1e-14 relative to min(x, 1 - x) (a few hundred ns a call).  0 at
 * p = 0, 1 at p = 1, NaN for p outside [0, 1] or a, b not > 0.
 */
double rng_beta_quantile(double p, double a, double b);

/* A gamma(shape, 1) variate, shape > 0 (Marsaglia and Tsang's method, 2000). */
double rng_gamma(rng *r, double shape);

/*
 * A PERT variate on lo..hi with its mode at mode: lo + (hi - lo) B, B ~ beta(alpha, beta),
 * alpha = 1 + 4 (mode - lo) / (hi - lo), beta = 1 + 4 (hi - mode) / (hi - lo).
 */
double rng_pert(rng *r, double lo, double mode, double hi);

#endif
