package io.casefile.incident;

import io.casefile.store.Schema;
import java.util.List;

/**
 * The casefile's tables in the shared database: incident headers, the append-only entry log
 * keyed by (incident, seq), and evidence snapshot manifests. Append statements; never edit them.
 */
public final class IncidentSchema {
  private IncidentSchema() {}

  public static final Schema SCHEMA = Schema.of("incidents", List.of(
      "CREATE SEQUENCE IF NOT EXISTS incident_numbers START 1",
      """
      CREATE TABLE IF NOT EXISTS incidents (
        id VARCHAR PRIMARY KEY, number BIGINT NOT NULL, title VARCHAR NOT NULL, severity VARCHAR NOT NULL,
        commander VARCHAR, symptom VARCHAR NOT NULL, opened_at TIMESTAMP NOT NULL, opened_by VARCHAR NOT NULL,
        investigation VARCHAR)""",
      """
      CREATE TABLE IF NOT EXISTS incident_entries (
        incident_id VARCHAR NOT NULL, seq BIGINT NOT NULL, entry_time TIMESTAMP NOT NULL, author VARCHAR NOT NULL,
        type VARCHAR NOT NULL, body VARCHAR NOT NULL, PRIMARY KEY (incident_id, seq))""",
      """
      CREATE TABLE IF NOT EXISTS incident_snapshots (
        id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, taken_at TIMESTAMP NOT NULL,
        reason VARCHAR, manifest VARCHAR NOT NULL, manifest_sha256 VARCHAR NOT NULL)""",
      "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS drill BOOLEAN DEFAULT false"));
}
