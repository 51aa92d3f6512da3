package io.casefile.investigation;

import io.casefile.store.TelemetryReaders;
import java.util.Objects;

/**
 * The Java entry point: investigates questions over a telemetry source, each with its own reader
 * (for the embedded store, its own reader connection, and one more for the root-cause step's data,
 * read at the same time; the server, the demo and the evaluation call this in-process).
 */
public final class Investigations {
  private final TelemetryReaders store;
  private final InvestigationEngine.Settings settings;

  public Investigations(TelemetryReaders store, InvestigationEngine.Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Investigations(TelemetryReaders store) {
    this(store, InvestigationEngine.Settings.DEFAULTS);
  }

  public Investigation investigate(Question question) {
    Objects.requireNonNull(question, "question");
    return store.withReader(reader -> new InvestigationEngine(reader, settings, store).investigate(question));
  }
}
