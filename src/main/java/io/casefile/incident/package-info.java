/**
 * The casefile: an incident's append-only log of typed entries (facts, hypotheses, actions with
 * their measured effects, decisions, status changes and updates, root cause, evidence snapshots)
 * and the rules that keep the response disciplined — the status machine, "mitigated is not
 * resolved", and one change at a time. The rules ({@link io.casefile.incident.Casefile},
 * {@link io.casefile.incident.IncidentRules}, {@link io.casefile.incident.ContainmentAdvisor}) are
 * plain Java with an injected clock; {@link io.casefile.incident.IncidentRepository} persists the log
 * in the embedded database and {@link io.casefile.incident.Incidents} ties them together.
 */
package io.casefile.incident;
