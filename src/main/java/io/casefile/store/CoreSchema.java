package io.casefile.store;

import java.util.List;

/** The telemetry tables of docs/storage.md. */
final class CoreSchema {
  private CoreSchema() {}

  /** Attribute columns every store has from the start, so queries on them never fail. */
  static final List<String> PROMOTED_KEYS = List.of(
      "service.version", "deployment.environment.name", "http.route", "http.request.method",
      "http.response.status_code", "error.type", "exception.type", "peer.service", "server.address");

  static final Schema SCHEMA = Schema.of("core", List.of(
      """
      CREATE TABLE IF NOT EXISTS spans (
        trace_id UUID NOT NULL, span_id UBIGINT NOT NULL, parent_span_id UBIGINT,
        start_time TIMESTAMP NOT NULL, duration_us BIGINT NOT NULL, kind TINYINT NOT NULL,
        name VARCHAR, status TINYINT NOT NULL, status_message VARCHAR, service VARCHAR NOT NULL,
        operation VARCHAR NOT NULL, is_request BOOLEAN NOT NULL, is_error BOOLEAN NOT NULL,
        "service.version" VARCHAR, "deployment.environment.name" VARCHAR, "http.route" VARCHAR,
        "http.request.method" VARCHAR, "http.response.status_code" VARCHAR, "error.type" VARCHAR,
        "exception.type" VARCHAR, "peer.service" VARCHAR, "server.address" VARCHAR)""",
      """
      CREATE TABLE IF NOT EXISTS logs (
        time TIMESTAMP NOT NULL, observed_time TIMESTAMP, severity_number TINYINT,
        severity_text VARCHAR, body VARCHAR, service VARCHAR NOT NULL, trace_id UUID,
        span_id UBIGINT, template_id BIGINT, attributes MAP(VARCHAR, VARCHAR))""",
      """
      CREATE TABLE IF NOT EXISTS metric_points (
        time TIMESTAMP NOT NULL, service VARCHAR NOT NULL, name VARCHAR NOT NULL, unit VARCHAR,
        kind VARCHAR NOT NULL, value DOUBLE, count BIGINT, bounds DOUBLE[], bucket_counts BIGINT[],
        attributes MAP(VARCHAR, VARCHAR))""",
      """
      CREATE TABLE IF NOT EXISTS changes (
        id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, timestamp TIMESTAMP NOT NULL,
        service VARCHAR, summary VARCHAR NOT NULL, version VARCHAR, previous_version VARCHAR,
        environment VARCHAR, flag_key VARCHAR, targets MAP(VARCHAR, VARCHAR), link VARCHAR,
        author VARCHAR, source VARCHAR, received_at TIMESTAMP NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS service_versions (
        service VARCHAR NOT NULL, version VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL, spans BIGINT NOT NULL, PRIMARY KEY (service, version))"""));

  /**
   * How far the ingest log is loaded: each load transaction inserts the position it reaches
   * (inserts only, so overlapping load transactions never conflict); the largest one counts.
   */
  static final Schema INGEST_LOG = Schema.of("ingest_log", List.of(
      "CREATE TABLE IF NOT EXISTS ingest_log_loaded (position BIGINT NOT NULL)"));

  /**
   * The log templates mined at ingest ({@code logs.template_id} refers to them) and the ingest
   * writer's staging area for batched template updates, empty between writes.
   */
  static final Schema LOG_TEMPLATES = Schema.of("log_templates", List.of(
      """
      CREATE TABLE IF NOT EXISTS log_templates (
        id BIGINT PRIMARY KEY, template VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL, count BIGINT NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS log_template_stage (
        id BIGINT NOT NULL, template VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL, count BIGINT NOT NULL)"""));
}
