package io.casefile.comms;

import io.casefile.store.Schema;
import java.util.List;

/** Registered webhooks and every delivery outcome. Append statements; never edit them. */
public final class CommsSchema {
  private CommsSchema() {}

  public static final Schema SCHEMA = Schema.of("comms", List.of(
      "CREATE SEQUENCE IF NOT EXISTS webhook_numbers START 1",
      "CREATE TABLE IF NOT EXISTS webhooks (id VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, "
          + "format VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)",
      "CREATE TABLE IF NOT EXISTS webhook_deliveries (webhook_id VARCHAR NOT NULL, "
          + "idempotency_key VARCHAR NOT NULL, status VARCHAR NOT NULL, attempts INTEGER NOT NULL, "
          + "http_status INTEGER, error VARCHAR, recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"));
}
