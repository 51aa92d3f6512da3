package io.casefile.store.signals;

import io.casefile.model.SignalRequest;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.FlowRequests;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL fragments shared by the span queries, each with the values it binds, in order: the window
 * label, the two-window filter, the flow's request filter, the peer of a client span and the time
 * bound for the spans of examined traces.
 */
final class SpanSql {
  /** Attribute keys naming a client span's peer, most specific first. */
  static final List<String> PEER_KEYS = List.of("peer.service", "server.address", "net.peer.name");
  /**
   * Spans of examined requests are looked for from this long before the first examined request
   * starts to this long after the last one ends (clock skew, asynchronous children).
   */
  static final Duration SLACK = Duration.ofMinutes(1);

  private SpanSql() {}

  /** A fragment and its values. */
  record Fragment(String sql, List<Object> params) {}

  /** 'incident' or 'baseline' for a row of the two-window filter. */
  static Fragment windowLabel(String column, SignalRequest r) {
    return new Fragment("CASE WHEN " + column + " >= ? AND " + column + " < ? THEN 'incident' ELSE 'baseline' END",
        List.of(r.incident().from(), r.incident().to()));
  }

  static Fragment inWindows(String column, SignalRequest r) {
    return new Fragment("((" + column + " >= ? AND " + column + " < ?) OR (" + column + " >= ? AND "
        + column + " < ?))", List.of(r.baseline().from(), r.baseline().to(), r.incident().from(),
        r.incident().to()));
  }

  /**
   * Spans that start in the range, of every trace or, below 1000 permille, of a deterministic sample
   * of traces by a hash of the trace id (so every query that samples reads the same traces).
   */
  static Fragment sampledTraces(TimeRange range, int permille) {
    // every trace when the range is small enough: no hash of every trace id to keep them all
    return permille < 1000
        ? new Fragment("start_time >= ? AND start_time < ? AND hash(trace_id) % 1000 < ?", List.of(range.from(), range.to(), permille))
        : new Fragment("start_time >= ? AND start_time < ?", List.of(range.from(), range.to()));
  }

  /** The flow's request spans, or every request span for the whole environment ({@link FlowRequests}). */
  static Fragment flowRequests(Flow flow) {
    return new Fragment(FlowRequests.where(flow), FlowRequests.params(flow));
  }

  /** The peer of a client span from the peer attributes present, or NULL when there are none. */
  static String peer(Connection db) {
    io.casefile.store.SpanAttributes attributes = io.casefile.store.SpanAttributes.read(db);
    List<String> present = new ArrayList<>();
    for (String k : PEER_KEYS) {
      if (attributes.contains(k)) {
        present.add("NULLIF(" + attributes.expression(k) + ", '')");
      }
    }
    String any = present.isEmpty() ? "CAST(NULL AS VARCHAR)"
        : present.size() == 1 ? present.get(0) : "coalesce(" + String.join(", ", present) + ")";
    return "CASE WHEN kind = 3" + notSelf(attributes) + " THEN " + any + " END";
  }

  /**
   * A client span addressed to the host and port that our own server spans answer on is a call
   * into one of our services (often the caller itself), not a third-party dependency.
   */
  private static String notSelf(io.casefile.store.SpanAttributes attributes) {
    if (!attributes.contains("server.address")) {
      return "";
    }
    String host = attributes.expression("server.address");
    String address = attributes.contains("server.port")
        ? "concat_ws(':', " + host + ", " + attributes.expression("server.port") + ")" : host;
    return " AND (" + host + " IS NULL OR " + address + " NOT IN (SELECT DISTINCT " + address
        + " FROM spans WHERE kind = 2 AND " + host + " IS NOT NULL))";
  }


  static TimeRange span(TimeRange a, TimeRange b) {
    return new TimeRange(min(a.from(), b.from()), max(a.to(), b.to()));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
