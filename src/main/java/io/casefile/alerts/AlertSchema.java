package io.casefile.alerts;

import io.casefile.store.Schema;
import java.util.List;

/**
 * The alert tables in the shared database: which incident each alert group opened, every alert
 * event received (keyed by group, fingerprint, start and status, so retries and restarts add
 * nothing), and the configured SLOs. Append statements; never edit them.
 */
public final class AlertSchema {
  private AlertSchema() {}

  public static final Schema SCHEMA = Schema.of("alerts", List.of(
      """
      CREATE TABLE IF NOT EXISTS alert_groups (
        group_key VARCHAR NOT NULL, incident_id VARCHAR NOT NULL, source VARCHAR NOT NULL,
        opened_at TIMESTAMP NOT NULL, PRIMARY KEY (group_key, incident_id))""",
      """
      CREATE TABLE IF NOT EXISTS alert_events (
        group_key VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, starts_at TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL, ends_at TIMESTAMP, incident_id VARCHAR NOT NULL, received_at TIMESTAMP NOT NULL,
        PRIMARY KEY (group_key, fingerprint, starts_at, status))""",
      """
      CREATE TABLE IF NOT EXISTS slo_objectives (
        id INTEGER PRIMARY KEY, objectives VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)"""));
}
