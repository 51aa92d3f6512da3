package io.casefile.investigation;

import java.sql.Connection;

/** An engine over any read interface, for tests of other sources. */
public final class EngineOver {
  private EngineOver() {}

  public static InvestigationEngine of(InvestigationStore store, Connection db, InvestigationEngine.Settings settings) {
    return new InvestigationEngine(store, db, settings);
  }
}
