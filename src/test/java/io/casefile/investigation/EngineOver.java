package io.casefile.investigation;

import io.casefile.store.TelemetryReader;
import java.sql.Connection;

/** An engine over any read interface, for tests of other sources. */
public final class EngineOver {
  private EngineOver() {}

  public static InvestigationEngine of(TelemetryReader store, Connection db, InvestigationEngine.Settings settings) {
    return new InvestigationEngine(store, db, settings);
  }
}
