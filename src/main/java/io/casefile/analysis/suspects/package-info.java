/**
 * Suspects: every change in the lookback window (recorded, or derived from telemetry) scored by
 * time alignment with the onset, scope match with where the excess is concentrated, and path match
 * with the error path in traces; confidence labels; and the explicit abstention when no change
 * explains the symptom.
 */
package io.casefile.analysis.suspects;
