package io.casefile.investigation;

import io.casefile.analysis.onset.BucketSeries;
import io.casefile.analysis.signature.SignatureCount;
import io.casefile.model.ChangeEvent;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The aggregate queries an investigation runs, pushed down to the store. Each answer carries the
 * SQL it ran. A null {@code flow} means every request of the environment. {@code bad} selects what
 * counts as a bad event: failed requests, or requests slower than a threshold.
 */
public interface InvestigationStore {

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
  record FlowSeries(Flow flow, BucketSeries series) {}

  /** Counts in a window: requests, bad requests and (when asked) a latency quantile in ms. */
  record Counts(long requests, long bad, double quantileMs) {}

  /** Per-leaf counts for the localizer: one value per attribute (absent values as {@code (none)}). */
  record LeafCount(List<String> values, long baselineRequests, long baselineBad, long requests, long bad) {}

  /** Flow requests (and bad ones) whose trace has a span in the scope, against all of them. */
  record ScopeCounts(long requests, long bad, long inScope, long badInScope) {}

  /** The value an absent attribute takes in leaves and cohorts. */
  String NONE = "(none)";

  /** Bucketed requests, errors and (latency signal) the quantile per bucket, cohort-filtered when given. */
  Measured<BucketSeries> series(Flow flow, Map<String, String> cohort, TimeRange range, Duration bucket,
      SignalSpec signal);

  /** Every flow's bucketed requests and errors, the busiest {@code maxFlows} flows. */
  /** Every flow that has request events at any time, ordered by service then operation. */
  Measured<List<Flow>> flows();

  Measured<List<FlowSeries>> flowSeries(TimeRange range, Duration bucket, int maxFlows);

  Measured<Counts> counts(Flow flow, TimeRange range, Bad bad, double quantile);

  /**
   * Attribute columns fit to group the flow's requests by: between 2 and {@code maxDistinct}
   * distinct values, not ids, times or consequences of the failure (status codes, error types).
   */
  Measured<List<String>> candidateAttributes(Flow flow, TimeRange range, int maxDistinct, int maxAttributes);

  Measured<List<LeafCount>> leafCounts(Flow flow, List<String> attributes, TimeRange baseline, TimeRange incident, Bad bad);

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
}
