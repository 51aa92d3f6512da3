/**
 * Severity: affected requests, their rate, their share of the flow's traffic, distinct users, and
 * the SLO burn rate against an objective, mapped to a SEV level by a configurable policy.
 */
package io.casefile.analysis.severity;
