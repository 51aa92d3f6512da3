/**
 * Onset: change-point detection on bucketed series. Error ratios use a binomial likelihood ratio;
 * latency quantiles are split where the absolute deviation from each segment's median is smallest
 * and tested with a robust (median/MAD) z; throughput uses a Poisson likelihood ratio on request
 * counts. Each detector returns the most likely change bucket with a likelihood interval, or
 * nothing when the series shows no significant, material change.
 */
package io.casefile.analysis.onset;
