package io.casefile.signals;

import io.casefile.analysis.traces.DependencyTurn;
import io.casefile.model.ChangeEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * External peers that turned bad, most significant first, each with when it turned (the first
 * incident bucket past halfway to the incident's error rate or p99) and the queries behind it.
 */
public record DependencyResult(List<Turn> turns, String query) {

  /** A turned peer, when it turned, and the per-bucket query that dates it. */
  public record Turn(DependencyTurn turn, Instant since, String bucketQuery) {}

  public DependencyResult {
    turns = List.copyOf(turns);
  }

  /** Each turn as a derived change event (type dependency, source derived) for suspect ranking. */
  public List<ChangeEvent> derivedChanges() {
    return turns.stream().map(t -> t.turn().asChange(t.since())).toList();
  }

  public List<Finding> findings() {
    return turns.stream().map(this::finding).toList();
  }

  private Finding finding(Turn t) {
    DependencyTurn d = t.turn();
    Map<String, Number> n = new LinkedHashMap<>();
    n.put("calls", d.incident().calls());
    n.put("errors", d.incident().errors());
    n.put("error_rate", Format.round(d.incident().errorRate()));
    n.put("p50_us", Format.round(d.incident().p50Micros()));
    n.put("p99_us", Format.round(d.incident().p99Micros()));
    n.put("baseline_calls", d.baseline().calls());
    n.put("baseline_errors", d.baseline().errors());
    n.put("baseline_error_rate", Format.round(d.baseline().errorRate()));
    n.put("baseline_p50_us", Format.round(d.baseline().p50Micros()));
    n.put("baseline_p99_us", Format.round(d.baseline().p99Micros()));
    n.put("error_z", Format.round(d.errorZ()));
    n.put("since_epoch_ms", t.since().toEpochMilli());
    return new Finding("dependency", null, null, d.peer(), null,
        d.summary() + ", since " + t.since(), n, query + ";\n" + t.bucketQuery());
  }
}
