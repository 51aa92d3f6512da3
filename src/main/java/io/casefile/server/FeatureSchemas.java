package io.casefile.server;

import io.casefile.alerts.AlertSchema;
import io.casefile.comms.CommsSchema;
import io.casefile.drill.DrillRepository;
import io.casefile.incident.IncidentSchema;
import io.casefile.store.Schema;
import java.util.List;

/**
 * The features' schemas, in the order the store applies them after its own. Each statement runs once
 * per database, recorded by schema name and position: add a feature at the end, never reorder.
 */
public final class FeatureSchemas {
  private FeatureSchemas() {}

  public static List<Schema> all() {
    return List.of(IncidentSchema.SCHEMA, CommsSchema.SCHEMA, AlertSchema.SCHEMA, DrillRepository.SCHEMA);
  }
}
