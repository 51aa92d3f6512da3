package io.casefile.store.prometheus;

import io.casefile.model.ChangeEvent;
import io.casefile.store.Measured;
import java.time.Instant;
import java.util.List;

/** Where change events come from beside a metrics source: Casefile's own store ({@code reader::changes}). */
@FunctionalInterface
public interface ChangeSource {
  /** No change store: every window holds no recorded change. */
  ChangeSource NONE = (from, to) -> new Measured<>(List.of(), "-- no Casefile store given: no recorded changes");

  Measured<List<ChangeEvent>> changes(Instant from, Instant to);
}
