package io.casefile.alerts;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import io.casefile.model.Flow;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.FlowWindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request counts an SLO evaluation reads, through the telemetry seam: per flow, requests and bad
 * requests in each window ending at {@code now} (requests that started before {@code now}). A flow is
 * an entry flow when some of its requests have no parent span: they started at the edge of the
 * traced system.
 */
final class SloCounts {
  private SloCounts() {}

  /** One flow's counts per window, whether it is an entry flow, and its first request in the longest window. */
  record Row(Flow flow, boolean entry, Instant firstRequest, Map<Duration, Counts> counts) {}

  /** The rows and the SQL that reproduces them. */
  record Result(List<Row> rows, String query) {
    Row row(Flow f) {
      return rows.stream().filter(r -> r.flow().equals(f)).findFirst().orElse(null);
    }
  }

  /**
   * @param flow one flow, or null for every flow
   * @param slowerThanMs null counts failed requests as bad; else requests slower than this
   */
  static Result read(TelemetryReader reader, List<Duration> windows, Instant now, Flow flow, Double slowerThanMs) {
    Bad bad = slowerThanMs == null ? Bad.ERRORS : Bad.slowerThan(Math.round(slowerThanMs * 1000));
    Measured<List<FlowWindowCounts>> m = reader.windowCounts(windows, now, flow, bad);
    List<Row> rows = new ArrayList<>();
    for (FlowWindowCounts f : m.orElse(v -> v, List.<FlowWindowCounts>of())) {
      Map<Duration, Counts> counts = new LinkedHashMap<>();
      f.counts().forEach((w, c) -> counts.put(w, new Counts(c.requests(), c.bad())));
      rows.add(new Row(f.flow(), f.entry(), f.firstRequest(), counts));
    }
    return new Result(rows, m.query());
  }
}
