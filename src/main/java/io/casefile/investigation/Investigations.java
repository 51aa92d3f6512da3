package io.casefile.investigation;

import io.casefile.store.DuckDbStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The Java entry point: investigates questions over an open {@link DuckDbStore}, each on its own
 * reader connection (the server, the demo and the evaluation call this in-process).
 */
public final class Investigations {
  private final DuckDbStore store;
  private final InvestigationEngine.Settings settings;

  public Investigations(DuckDbStore store, InvestigationEngine.Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Investigations(DuckDbStore store) {
    this(store, InvestigationEngine.Settings.DEFAULTS);
  }

  public Investigation investigate(Question question) {
    Objects.requireNonNull(question, "question");
    try (Connection reader = store.connection()) {
      return new InvestigationEngine(reader, settings).investigate(question);
    } catch (SQLException e) {
      throw new IllegalStateException("closing the investigation's reader failed: " + e.getMessage(), e);
    }
  }
}
