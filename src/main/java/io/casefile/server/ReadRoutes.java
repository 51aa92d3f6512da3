package io.casefile.server;

import io.casefile.store.TelemetryReader;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.AttributeShare;
import io.casefile.store.SeriesQuery;
import io.casefile.store.TelemetryStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The reads the workbench draws from: request series per bucket (a flow, or each flow, with a
 * cohort against the rest), the per-value comparison of failing and baseline requests, one trace
 * with its linked logs, and example traces of a service operation. Each answer carries its SQL.
 */
final class ReadRoutes {
  /** Attributes compared: 2 to this many values, on at least MIN_COVERAGE of the requests, at most MAX_ATTRIBUTES. */
  static final int MAX_VALUES = 30;
  static final double MIN_COVERAGE = 0.05;
  static final int MAX_ATTRIBUTES = 12;
  static final int MAX_BUCKETS = 2_000;

  private final TelemetryStore store;
  private final InstantSource clock;

  ReadRoutes(TelemetryStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  void register(JavalinConfig cfg, BiFunction<Role, Handler, Handler> guarded) {
    cfg.routes.get("/api/v1/series", guarded.apply(Role.READ, this::series));
    cfg.routes.get("/api/v1/cohorts", guarded.apply(Role.READ, this::cohorts));
    cfg.routes.get("/api/v1/traces/{traceId}", guarded.apply(Role.READ, this::trace));
    cfg.routes.get("/api/v1/exemplars", guarded.apply(Role.READ, this::exemplars));
    cfg.routes.get("/api/v1/log-examples", guarded.apply(Role.READ, this::logExamples));
  }

  private void series(Context ctx) {
    TimeRange range = range(ctx, "from", "to", Duration.ofHours(1));
    Flow flow = flow(ctx, false);
    boolean perFlow = "true".equals(ctx.queryParam("per_flow"));
    String b = ctx.queryParam("bucket");
    Duration bucket = b == null || b.isBlank() ? SeriesQuery.bucketFor(range, 120) : InvestigationRoutes.duration(b);
    if (Duration.between(range.from(), range.to()).dividedBy(bucket) > MAX_BUCKETS) {
      throw ApiError.badRequest("bucket " + b + " cuts the range into more than " + MAX_BUCKETS + " buckets");
    }
    Map<String, String> cohort = new LinkedHashMap<>();
    for (String c : ctx.queryParams("cohort")) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw ApiError.badRequest("cohort must be attribute=value, got '" + c + "'");
      }
      cohort.put(c.substring(0, eq), c.substring(eq + 1));
    }
    var r = store.series(new SeriesQuery(flow, perFlow, range, bucket, cohort, !"false".equals(ctx.queryParam("latency"))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flow", flow == null ? null : flow.toString());
    body.put("from", range.from());
    body.put("to", range.to());
    body.put("bucket_seconds", bucket.toSeconds());
    body.put("cohort", cohort);
    body.put("points", r.rows());
    body.put("query", r.sql());
    Json.send(ctx, 200, body);
  }

  private void cohorts(Context ctx) {
    Flow flow = flow(ctx, true);
    TimeRange incident = range(ctx, "from", "to", Duration.ofMinutes(15));
    boolean explicit = ctx.queryParam("baseline_from") != null || ctx.queryParam("baseline_to") != null;
    TimeRange baseline = explicit ? range(ctx, "baseline_from", "baseline_to", null, incident) : null;
    if (baseline != null && baseline.to().isAfter(incident.from())) {
      throw ApiError.badRequest("the baseline (" + baseline.from() + " .. " + baseline.to()
          + ") must end before the incident window starts (" + incident.from() + ")");
    }
    TimeRange considered = baseline == null ? incident : new TimeRange(baseline.from(), incident.to());
    var stats = store.withReader(reader -> reader.attributeStats(flow, considered));
    List<String> keys = stats.value().stream()
        .filter(st -> st.present() > 0 && st.distinct() >= 2 && st.distinct() <= MAX_VALUES && st.coverage() >= MIN_COVERAGE)
        .sorted(java.util.Comparator.comparingDouble((TelemetryReader.AttributeStat st) -> -st.coverage())
            .thenComparingLong(TelemetryReader.AttributeStat::distinct)
            .thenComparing(TelemetryReader.AttributeStat::attribute))
        .limit(MAX_ATTRIBUTES)
        .map(TelemetryReader.AttributeStat::attribute)
        .toList();
    String chosenBy = stats.query();
    var r = store.attributeShares(flow, incident, baseline, keys);
    long failing = 0;
    long base = 0;
    Map<String, List<AttributeShare>> byKey = new LinkedHashMap<>();
    for (AttributeShare s : r.rows()) {
      byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
    }
    if (!byKey.isEmpty()) {
      for (AttributeShare s : byKey.values().iterator().next()) {
        failing += s.failing();
        base += s.baseline();
      }
    }
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (var e : byKey.entrySet()) {
      double divergence = 0;
      List<Map<String, Object>> values = new ArrayList<>();
      for (AttributeShare s : e.getValue()) {
        double fs = failing == 0 ? 0 : (double) s.failing() / failing;
        double bs = base == 0 ? 0 : (double) s.baseline() / base;
        divergence = Math.max(divergence, fs - bs);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", s.value());
        v.put("failing", s.failing());
        v.put("failing_share", round(fs));
        v.put("baseline", s.baseline());
        v.put("baseline_share", round(bs));
        v.put("incident_requests", s.incident());
        v.put("incident_rate", s.incident() == 0 ? null : round((double) s.failing() / s.incident()));
        v.put("baseline_rate", s.baseline() == 0 ? null : round((double) s.baselineFailing() / s.baseline()));
        values.add(v);
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("key", e.getKey());
      a.put("divergence", round(divergence));
      a.put("values", values);
      attributes.add(a);
    }
    attributes.sort((x, y) -> Double.compare((double) y.get("divergence"), (double) x.get("divergence")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flow", flow.toString());
    body.put("incident", Map.of("from", incident.from(), "to", incident.to()));
    body.put("baseline", baseline == null ? "the requests of the incident window that did not fail"
        : Map.of("from", baseline.from(), "to", baseline.to()));
    body.put("failing", failing);
    body.put("baseline_requests", base);
    body.put("attributes", attributes);
    body.put("query", chosenBy + ";\n" + r.sql());
    Json.send(ctx, 200, body);
  }

  private void trace(Context ctx) {
    String id = ctx.pathParam("traceId");
    var spans = store.traceSpans(id);
    if (spans.rows().isEmpty()) {
      throw new ApiError(404, "not_found", "no spans of trace " + id + " are stored");
    }
    var logs = store.traceLogs(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trace_id", spans.rows().getFirst().traceId());
    body.put("spans", spans.rows());
    body.put("logs", logs.rows());
    body.put("query", spans.sql() + ";\n" + logs.sql());
    Json.send(ctx, 200, body);
  }

  private void exemplars(Context ctx) {
    Flow flow = flow(ctx, true);
    TimeRange range = range(ctx, "from", "to", Duration.ofHours(1));
    var r = store.exemplars(flow, range, "true".equals(ctx.queryParam("slowest")), limit(ctx, 5));
    Json.send(ctx, 200, Map.of("flow", flow.toString(), "exemplars", r.rows(), "query", r.sql()));
  }

  private void logExamples(Context ctx) {
    TimeRange range = range(ctx, "from", "to", Duration.ofHours(1));
    var r = store.logExamples(ctx.queryParam("template"), range, limit(ctx, 3));
    Json.send(ctx, 200, Map.of("logs", r.rows(), "query", r.sql()));
  }

  private static int limit(Context ctx, int fallback) {
    String limit = ctx.queryParam("limit");
    try {
      return limit == null || limit.isBlank() ? fallback : Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("limit must be a number, got '" + limit + "'");
    }
  }

  private static Flow flow(Context ctx, boolean required) {
    String f = ctx.queryParam("flow");
    if (f == null || f.isBlank()) {
      if (required) {
        throw ApiError.badRequest("flow is required, as service:operation (e.g. checkout:POST /checkout)");
      }
      return null;
    }
    return Flow.parse(f);
  }

  private TimeRange range(Context ctx, String fromParam, String toParam, Duration defaultLength) {
    return range(ctx, fromParam, toParam, defaultLength, null);
  }

  /** A range from two parameters; with neither given, {@code fallback} (or the last {@code defaultLength}). */
  private TimeRange range(Context ctx, String fromParam, String toParam, Duration defaultLength, TimeRange before) {
    Instant to = ApiRoutes.time(ctx, toParam, before != null ? before.from() : clock.instant());
    Instant from = ApiRoutes.time(ctx, fromParam, before != null
        ? to.minus(Duration.between(before.from(), before.to()).multipliedBy(2)) : to.minus(defaultLength));
    if (!from.isBefore(to)) {
      throw ApiError.badRequest(fromParam + " (" + from + ") must be before " + toParam + " (" + to + ")");
    }
    return new TimeRange(from, to);
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
