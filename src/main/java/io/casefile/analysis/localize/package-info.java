/**
 * Multi-dimensional root-cause localization ("for whom"): given leaves of a KPI broken down by
 * categorical attributes, each with an observed and a predicted (normal) value, find the small set of
 * attribute combinations that explain the anomaly. Each method is a {@link
 * io.casefile.analysis.localize.Localizer}, registered explicitly in {@link
 * io.casefile.analysis.localize.Localizers}. Pure and deterministic: no I/O, no clock, stable
 * tie-breaks, and an empty answer when nothing is anomalous.
 */
package io.casefile.analysis.localize;
