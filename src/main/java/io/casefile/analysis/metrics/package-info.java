/**
 * Metrics that moved on a service: per metric name (sums as rates, gauges as levels, histograms as
 * means and bucket quantiles), the incident window's per-bucket values against the baseline's, with
 * a robust z-score (median and MAD), ranked. Pure: metric points in, ranked shifts out.
 */
package io.casefile.analysis.metrics;
