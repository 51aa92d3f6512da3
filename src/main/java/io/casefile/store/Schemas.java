package io.casefile.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's own schemas, applied first whenever a store opens: the telemetry tables, the ingest
 * log and the log templates. The features' schemas come from above (the composition root lists
 * them) and are applied after these, in the order given. Never reorder.
 */
public final class Schemas {
  private Schemas() {}

  /** The store's own schemas, in the order they have always been applied. */
  public static List<Schema> all() {
    return List.of(CoreSchema.SCHEMA, CoreSchema.INGEST_LOG, CoreSchema.LOG_TEMPLATES);
  }

  /** The store's own schemas and then the features', each once; two different schemas may not share a name. */
  static List<Schema> withFeatures(List<Schema> features) {
    Map<String, Schema> byName = new LinkedHashMap<>();
    List<Schema> all = new ArrayList<>(all());
    all.addAll(features);
    for (Schema s : all) {
      Schema before = byName.putIfAbsent(s.name(), s);
      if (before != null && before != s) {
        throw new IllegalArgumentException("two schemas are named '" + s.name() + "'");
      }
    }
    return List.copyOf(byName.values());
  }
}
