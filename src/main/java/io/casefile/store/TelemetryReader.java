package io.casefile.store;

import io.casefile.analysis.effect.Bucket;
import io.casefile.analysis.logs.TemplateWindowCount;
import io.casefile.analysis.metrics.MetricPoint;
import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.rootcause.Buckets;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.analysis.traces.OriginTally;
import io.casefile.analysis.traces.PeerBucket;
import io.casefile.analysis.traces.PeerStats;
import io.casefile.analysis.traces.TailProfile;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.SignalRequest;
import io.casefile.model.SignalSpec;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one read seam: everything an investigation, a signal, an incident's effect measurement and
 * the workbench read from telemetry, with aggregation pushed down to the source. Each answer is a
 * {@link Measured} carrying the query that reproduces it (SQL, or PromQL). A null {@code flow} means
 * every request of the environment. {@code bad} selects what counts as a bad event: failed
 * requests, or requests slower than a threshold. A source that cannot answer a part (a metrics
 * backend holds no spans or logs) returns {@link Measured#unavailable}; the parts below with a
 * default are those a source may lack.
 */
public interface TelemetryReader {

  /** What counts as a bad request: an error, or slower than {@code thresholdMicros}. */
  record Bad(Long thresholdMicros) {
    public static final Bad ERRORS = new Bad(null);

    public static Bad slowerThan(long micros) {
      return new Bad(micros);
    }

    public boolean isLatency() {
      return thresholdMicros != null;
    }
  }

  /** One flow's bucketed requests and errors. */
  /** One flow's series; {@code entry} when some of its requests have no parent span (they start at the edge). */
  record FlowSeries(Flow flow, boolean entry, BucketSeries series) {}

  /** Counts in a window: requests, bad requests and (when asked) a latency quantile in ms. */
  record Counts(long requests, long bad, double quantileMs) {}

  /** Per-leaf counts for the localizer: one value per attribute (absent values as {@code (none)}). */
  record LeafCount(List<String> values, long baselineRequests, long baselineBad, long requests, long bad) {}

  /** Flow requests (and bad ones) whose trace has a span in the scope, against all of them. */
  /** An attribute's spread in a window: estimated distinct values, and requests with and without a value. */
  record AttributeStat(String attribute, long distinct, long present, long requests) {
    public double coverage() {
      return requests == 0 ? 0 : (double) present / requests;
    }
  }

  /** One attribute value's requests and bad requests in the baseline and the incident windows. */
  record ValueCount(String attribute, String value, long baselineRequests, long baselineBad, long requests, long bad) {}

  /** An attribute to group by; {@code values} non-empty keeps only those values, the others become "(other)". */
  record Dimension(String attribute, List<String> values) {
    public Dimension {
      values = values == null ? List.of() : List.copyOf(values);
    }

    public static Dimension all(String attribute) {
      return new Dimension(attribute, List.of());
    }
  }

  record ScopeCounts(long requests, long bad, long inScope, long badInScope) {}

  /**
   * Attributes on fewer than this share of a flow's requests are not grouped by; an implementation
   * may leave them out of {@link #attributeStats}.
   */
  double MIN_COVERAGE = 0.05;

  /** The value an absent attribute takes in leaves and cohorts. */
  String NONE = "(none)";

  /** The value standing for every value of a high-cardinality dimension that is not kept. */
  String OTHER = "(other)";

  /** What this source is, for notes and errors: {@code embedded DuckDB store}, {@code prometheus http://…}. */
  String name();

  /** Bucketed requests, errors and (latency signal) the quantile per bucket, cohort-filtered when given. */
  Measured<BucketSeries> series(Flow flow, Map<String, String> cohort, TimeRange range, Duration bucket,
      SignalSpec signal);

  /** Every flow's bucketed requests and errors, the busiest {@code maxFlows} flows. */
  /** Every flow that has request events at any time, ordered by service then operation. */
  Measured<List<Flow>> flows();

  Measured<List<FlowSeries>> flowSeries(TimeRange range, Duration bucket, int maxFlows);

  Measured<Counts> counts(Flow flow, TimeRange range, Bad bad, double quantile);

  /**
   * How each attribute of the flow's requests varies in the range: (estimated) distinct values and
   * the share of requests that carry it. Every attribute column except the span's fixed fields and
   * the failure's own consequences (status codes, error and exception types); which of them are fit
   * to group by is for the data to say ({@link CohortDimensions}).
   */
  Measured<List<AttributeStat>> attributeStats(Flow flow, TimeRange range);

  /**
   * Per attribute and value, requests and bad ones in each window: for each attribute the
   * {@code perAttribute} values with the most bad requests in the incident window.
   */
  Measured<List<ValueCount>> valueCounts(Flow flow, List<String> attributes, TimeRange baseline, TimeRange incident,
      Bad bad, int perAttribute);

  /** Per combination of the dimensions' values (a high-cardinality one keeps its listed values, the rest "(other)"). */
  Measured<List<LeafCount>> leafCounts(Flow flow, List<Dimension> dimensions, TimeRange baseline, TimeRange incident,
      Bad bad);

  /** Values of status code, error.type and exception.type among the spans of failed traces. */
  Measured<List<SignatureCount>> signatureCounts(Flow flow, TimeRange baseline, TimeRange incident);

  Measured<List<ChangeEvent>> changes(Instant from, Instant to);

  /** The services that sent requests in the range. */
  Measured<java.util.Set<String>> services(TimeRange range);

  /** Distinct users among bad requests, or null when no user id attribute exists. */
  Measured<Long> distinctUsers(Flow flow, TimeRange range, Bad bad);

  /**
   * How many of the flow's requests (and bad ones) in the window have, in their trace, a span of
   * {@code service} (any when null) carrying all of {@code attributes}. Attributes that are not
   * span attributes are ignored; the value is null when none is left and no service is given.
   */
  Measured<ScopeCounts> scopeCounts(Flow flow, TimeRange range, Bad bad, String service, Map<String, String> attributes);

  /** One flow's counts per window, whether it is an entry flow, and its first request in the longest window. */
  record FlowWindowCounts(Flow flow, boolean entry, Instant firstRequest, Map<Duration, Counts> counts) {}

  /**
   * Per flow (only {@code flow} when given), requests and bad requests in each of the windows
   * ending at {@code now}: what an SLO's multi-window burn rate reads.
   */
  default Measured<List<FlowWindowCounts>> windowCounts(List<Duration> windows, Instant now, Flow flow, Bad bad) {
    return Measured.unavailable("window counts", name() + " cannot count requests per window");
  }

  /** One flow's requests in one bucket starting at {@code start}: bad ones, any entry request, the first one. */
  record FlowBucket(Flow flow, Instant start, long requests, long bad, boolean entry, Instant firstRequest) {}

  /**
   * Per flow and bucket (aligned to the epoch), the requests that started in the range and the bad
   * ones, counted as {@link #windowCounts} counts them: summing the buckets of a window gives its
   * counts. Only the {@code maxFlows} flows with the most requests in the range.
   */
  default Measured<List<FlowBucket>> bucketCounts(TimeRange range, Duration bucket, Bad bad, int maxFlows) {
    return Measured.unavailable("bucket counts", name() + " cannot count requests per bucket");
  }

  /** A treated cohort's and its control's requests and errors per bucket, and what each one is. */
  record TreatedAndControl(List<Bucket> treated, List<Bucket> control, String treatedCohort, String controlCohort) {
    public TreatedAndControl {
      treated = List.copyOf(treated);
      control = List.copyOf(control);
    }
  }

  /**
   * Requests and errors per bucket of the flow (all requests when null) restricted to the cohort,
   * and of a control: the same flow outside the cohort, or, with no cohort, every other flow. An
   * incident's effect measurement reads this.
   */
  default Measured<TreatedAndControl> cohortSeries(Flow flow, Map<String, String> cohort, TimeRange range,
      Duration bucket) {
    return Measured.unavailable("cohort series", name() + " cannot split requests into a cohort and its control");
  }

  /** Both windows' error origins, and which failed requests were examined. */
  record ErrorOrigins(OriginTally incident, OriginTally baseline, String examined) {}

  /** Both windows' self-time profiles of the slow requests. */
  record TailProfiles(TailProfile incident, TailProfile baseline) {}

  /** Client calls per peer in each window. */
  record PeerHealth(Map<String, PeerStats> incident, Map<String, PeerStats> baseline) {}

  /**
   * What root-cause ranking reads, in equal buckets over a range: own times, call gaps, warning and
   * error log templates, each flow's requests' log templates and gauges; the queries (the log query
   * is the templates' and the requests' templates', separated by a semicolon), and which of those
   * signals the data held.
   */
  record RootCauseData(Buckets buckets, String spanQuery, String logQuery, String metricQuery,
      List<String> looked, List<String> missing) {}

  /**
   * Where the flow's failed requests originate: per window the deepest erroring span of each
   * examined failed trace, and the services on the error path.
   */
  default Measured<ErrorOrigins> errorOrigins(SignalRequest request) {
    return Measured.unavailable("traces", name() + " holds no spans");
  }

  /** Self-times of the flow's requests at or above each window's own {@code slowQuantile} of duration. */
  default Measured<TailProfiles> tailSelfTimes(SignalRequest request, double slowQuantile) {
    return Measured.unavailable("traces", name() + " holds no spans");
  }

  /** Client calls per external peer in both windows. */
  default Measured<PeerHealth> peerHealth(SignalRequest request) {
    return Measured.unavailable("dependencies", name() + " holds no client spans");
  }

  /** One peer's calls, errors and p99 per bucket of {@code bucketSeconds} in the range. */
  default Measured<List<PeerBucket>> peerBuckets(String peer, TimeRange range, long bucketSeconds) {
    return Measured.unavailable("dependencies", name() + " holds no client spans");
  }

  /** Log records per template in the two windows, for one service or (null) all. */
  default Measured<List<TemplateWindowCount>> logTemplateCounts(String service, TimeRange baseline, TimeRange incident) {
    return Measured.unavailable("logs", name() + " holds no log records");
  }

  /** The service's metric points in both windows, at most {@code maxPoints}. */
  default Measured<List<MetricPoint>> metricPoints(String service, SignalRequest request, int maxPoints) {
    return Measured.unavailable("metrics", name() + " holds no service metrics");
  }

  /** What root-cause ranking reads over the range, in buckets of {@code bucket}. */
  default Measured<RootCauseData> rootCauseData(TimeRange range, Duration bucket) {
    return Measured.unavailable("root causes", name() + " holds no spans, logs or gauges");
  }
}
