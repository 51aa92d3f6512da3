package io.casefile.signals;

import io.casefile.analysis.metrics.MetricShift;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Metrics that moved on one service, largest robust z first (empty when none moved); {@code
 * truncated} says the point limit was reached and later points were not read.
 */
public record MetricResult(String service, List<MetricShift> shifts, long points, boolean truncated,
    long bucketSeconds, String query) {

  public MetricResult {
    shifts = List.copyOf(shifts);
  }

  public List<Finding> findings() {
    return shifts.stream().map(this::finding).toList();
  }

  private Finding finding(MetricShift s) {
    String unit = s.unit().isEmpty() ? "" : " " + s.unit();
    String claim = String.format(Locale.ROOT,
        "%s %s on %s moved: median %s%s -> %s%s per %d s bucket (robust z %s, %d and %d buckets%s)",
        s.name(), s.stat(), service, Format.number(s.baselineMedian()), unit,
        Format.number(s.incidentMedian()), unit, bucketSeconds, Format.number(s.z()),
        s.baselineBuckets(), s.incidentBuckets(), truncated ? ", points truncated" : "");
    var n = new LinkedHashMap<String, Number>();
    n.put("median", Format.round(s.incidentMedian()));
    n.put("baseline_median", Format.round(s.baselineMedian()));
    n.put("baseline_mad", Format.round(s.baselineMad()));
    n.put("z", Format.round(s.z()));
    n.put("buckets", s.incidentBuckets());
    n.put("baseline_buckets", s.baselineBuckets());
    n.put("series", s.series());
    return new Finding("metric", service, s.name() + ":" + s.stat(), null, null, claim, n, query);
  }
}
