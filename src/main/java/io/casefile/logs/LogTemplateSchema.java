package io.casefile.logs;

import io.casefile.store.Schema;
import java.util.List;

/** The {@code log_templates} table: one row per mined template; ids are referenced by {@code logs.template_id}. */
public final class LogTemplateSchema {
  private LogTemplateSchema() {}

  public static final Schema SCHEMA = Schema.of("log_templates", List.of(
      """
      CREATE TABLE IF NOT EXISTS log_templates (
        id BIGINT PRIMARY KEY, template VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL, count BIGINT NOT NULL)""",
      // the ingest writer's staging area for batched template updates; empty between writes
      """
      CREATE TABLE IF NOT EXISTS log_template_stage (
        id BIGINT NOT NULL, template VARCHAR NOT NULL, first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL, count BIGINT NOT NULL)"""));
}
