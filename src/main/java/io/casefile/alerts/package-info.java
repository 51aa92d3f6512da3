/**
 * Alerts in: Prometheus Alertmanager, Grafana and generic webhook notifications, and Casefile's own
 * SLO burn-rate alerts, become questions; the first firing notification of an alert group opens one
 * incident with its investigation, later notifications of the group add facts, and a resolved alert
 * suggests monitoring but never resolves the incident. The burn-rate evaluation
 * ({@link io.casefile.alerts.MultiWindowBurnRate}) is pure; the counts it reads come from the store.
 */
package io.casefile.alerts;
