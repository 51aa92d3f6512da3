package io.casefile.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit registry of feature schemas applied after the core telemetry tables whenever a
 * store opens. Add one line per feature; never reorder.
 */
public final class Schemas {
  private Schemas() {}

  public static List<Schema> all() {
    List<Schema> all = new ArrayList<>();
    all.add(CoreSchema.SCHEMA);
    all.add(CoreSchema.INGEST_LOG);
    // registered feature schemas, one line each
    all.add(io.casefile.logs.LogTemplateSchema.SCHEMA);
    all.add(io.casefile.incident.IncidentSchema.SCHEMA);
    all.add(io.casefile.comms.CommsSchema.SCHEMA);
    all.add(io.casefile.alerts.AlertSchema.SCHEMA);
    all.add(io.casefile.drill.DrillRepository.SCHEMA);
    return List.copyOf(all);
  }
}
