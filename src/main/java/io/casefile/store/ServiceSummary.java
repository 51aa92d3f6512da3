package io.casefile.store;

import java.time.Instant;
import java.util.List;

/** A service seen in spans: its versions (oldest first), span count and first/last span start. */
public record ServiceSummary(String name, List<String> versions, long spans, Instant firstSeen,
    Instant lastSeen) {
  public ServiceSummary {
    versions = List.copyOf(versions);
  }
}
