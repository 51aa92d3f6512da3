package io.casefile.store;

import io.casefile.analysis.effect.Bucket;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.TelemetryReader.TreatedAndControl;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests and errors per bucket for a treated cohort and its control: the flow restricted to the
 * cohort's attributes against the same flow outside it, or, with no cohort, the flow against every
 * other flow. Attribute names go through {@link SpanAttributes}; values are bound.
 */
final class SelectCohortSeries {
  private static final String QUERY = "SELECT (epoch_us(start_time) // ?) * ? AS bucket_us, count(*) AS requests, "
      + "count(*) FILTER (WHERE is_error) AS errors FROM spans WHERE is_request "
      + "AND start_time >= ? AND start_time < ? AND (%s) GROUP BY 1 ORDER BY 1";

  private SelectCohortSeries() {}

  static Measured<TreatedAndControl> run(Connection db, Flow flow, Map<String, String> cohort, TimeRange range,
      Duration bucket) {
    List<String> flowParams = new ArrayList<>();
    if (flow != null) {
      flowParams.add(flow.service());
      flowParams.add(flow.operation());
    }
    String cohortSql = null;
    List<String> cohortParams = new ArrayList<>();
    SpanAttributes attributes = SpanAttributes.read(db);
    boolean cohortKnown = true;
    for (Map.Entry<String, String> e : new TreeMap<>(cohort).entrySet()) {
      cohortKnown &= attributes.contains(e.getKey());
      cohortSql = (cohortSql == null ? "" : cohortSql + " AND ") + attributes.expression(e.getKey()) + " = ?";
      cohortParams.add(e.getValue());
    }
    String flowSql = flow == null ? "TRUE" : "service = ? AND operation = ?";
    String treatedSql;
    List<String> treatedParams = new ArrayList<>(flowParams);
    String controlSql;
    List<String> controlParams = new ArrayList<>(flowParams);
    String treatedName = flow == null ? "all requests" : flow.toString();
    String controlName;
    if (cohortSql != null && cohortKnown) {
      treatedSql = flowSql + " AND " + cohortSql;
      treatedParams.addAll(cohortParams);
      controlSql = flowSql + " AND NOT coalesce(" + cohortSql + ", FALSE)";
      controlParams.addAll(cohortParams);
      treatedName += " where " + cohort;
      controlName = treatedName.replace(" where ", " outside ");
    } else if (cohortSql != null) {
      // the cohort's attributes are not in the data: nothing to measure, nothing to bind
      treatedSql = "FALSE";
      controlSql = "FALSE";
      treatedParams.clear();
      controlParams.clear();
      treatedName += " where " + cohort + " (attribute not in the data)";
      controlName = "none";
    } else if (flow != null) {
      treatedSql = flowSql;
      controlSql = "NOT (" + flowSql + ")";
      controlName = "every other flow";
    } else {
      treatedSql = "TRUE";
      controlSql = "FALSE";
      controlName = "none (the symptom covers the whole environment)";
    }
    long b = bucket.toNanos() / 1000;
    String treatedQuery = String.format(QUERY, treatedSql);
    List<Object> tp = params(b, range, treatedParams);
    List<Bucket> treated = buckets(db, treatedQuery, tp);
    List<Bucket> control = buckets(db, String.format(QUERY, controlSql), params(b, range, controlParams));
    return new Measured<>(new TreatedAndControl(treated, control, treatedName, controlName),
        Sql.inline(treatedQuery, tp));
  }

  private static List<Object> params(long bucketUs, TimeRange range, List<String> values) {
    List<Object> out = new ArrayList<>(List.of(bucketUs, bucketUs, range.from(), range.to()));
    out.addAll(values);
    return out;
  }

  private static List<Bucket> buckets(Connection db, String sql, List<Object> params) {
    if (Queries.list(db, "SELECT 1 FROM information_schema.columns WHERE table_name = 'spans' AND column_name = 'start_time'",
        List.of(), rs -> 1).isEmpty()) {
      return List.of(); // no spans table yet: nothing was received
    }
    return Queries.list(db, sql, params, rs -> new Bucket(Sql.ofMicros(rs.getLong(1)), rs.getLong(2), rs.getLong(3)));
  }
}
