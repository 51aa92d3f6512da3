/**
 * Onset: change-point detection on bucketed series. Error ratios use a binomial likelihood ratio,
 * latency quantiles a robust (median/MAD) level-shift statistic, throughput a Poisson likelihood
 * ratio on request counts. Each detector returns the most likely change bucket with a likelihood
 * interval, or nothing when the series shows no significant, material change.
 */
package io.casefile.analysis.onset;
