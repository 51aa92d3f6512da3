package io.casefile.incident;

import io.casefile.analysis.effect.Bucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SymptomSignals} over the {@code spans} table (docs/storage.md): request counts and errors
 * per bucket. The treated cohort is the symptom's flow restricted to its cohort attributes; the
 * control is the same flow outside the cohort, or, when the symptom names no cohort, every other
 * flow. Identifiers are quoted and values bound.
 */
public final class SpanSymptomSignals implements SymptomSignals {
  private final Connection connection;
  private final Runnable beforeRead;

  public SpanSymptomSignals(Connection connection) {
    this(connection, () -> { });
  }

  /** @param beforeRead runs before every query (the store's wait for acknowledged data) */
  public SpanSymptomSignals(Connection connection, Runnable beforeRead) {
    this.connection = connection;
    this.beforeRead = beforeRead;
  }

  @Override
  public synchronized CohortSeries series(IncidentSymptom symptom, Instant from, Instant to, Duration bucket) {
    beforeRead.run();
    List<String> treatedWhere = new ArrayList<>();
    List<String> params = new ArrayList<>();
    if (symptom.flow() != null) {
      treatedWhere.add("service = ? AND operation = ?");
      params.add(symptom.flow().service());
      params.add(symptom.flow().operation());
    }
    String cohortSql = null;
    List<String> cohortParams = new ArrayList<>();
    io.casefile.store.SpanAttributes attributes = io.casefile.store.SpanAttributes.read(connection);
    boolean cohortKnown = true;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(symptom.cohort()).entrySet()) {
      cohortKnown &= attributes.contains(e.getKey());
      cohortSql = (cohortSql == null ? "" : cohortSql + " AND ") + attributes.expression(e.getKey()) + " = ?";
      cohortParams.add(e.getValue());
    }
    String flowSql = treatedWhere.isEmpty() ? "TRUE" : treatedWhere.get(0);
    String treatedSql;
    List<String> treatedParams = new ArrayList<>(params);
    String controlSql;
    List<String> controlParams = new ArrayList<>(params);
    String treatedName = symptom.flow() == null ? "all requests" : symptom.flow().toString();
    String controlName;
    if (cohortSql != null && cohortKnown) {
      treatedSql = flowSql + " AND " + cohortSql;
      treatedParams.addAll(cohortParams);
      controlSql = flowSql + " AND NOT coalesce(" + cohortSql + ", FALSE)";
      controlParams.addAll(cohortParams);
      treatedName += " where " + symptom.cohort();
      controlName = treatedName.replace(" where ", " outside ");
    } else if (cohortSql != null) {
      // the cohort's attributes are not in the data: nothing to measure, nothing to bind
      treatedSql = "FALSE";
      controlSql = "FALSE";
      treatedParams.clear();
      controlParams.clear();
      treatedName += " where " + symptom.cohort() + " (attribute not in the data)";
      controlName = "none";
    } else if (symptom.flow() != null) {
      treatedSql = flowSql;
      controlSql = "NOT (" + flowSql + ")";
      controlName = "every other flow";
    } else {
      treatedSql = "TRUE";
      controlSql = "FALSE";
      controlName = "none (the symptom covers the whole environment)";
    }
    String query = "SELECT (epoch_us(start_time) // ?) * ? AS bucket_us, count(*) AS requests, "
        + "count(*) FILTER (WHERE is_error) AS errors FROM spans WHERE is_request "
        + "AND start_time >= make_timestamp(?) AND start_time < make_timestamp(?) AND (%s) GROUP BY 1 ORDER BY 1";
    long b = bucket.toNanos() / 1000;
    List<Bucket> treated = run(String.format(query, treatedSql), b, from, to, treatedParams);
    List<Bucket> control = run(String.format(query, controlSql), b, from, to, controlParams);
    return new CohortSeries(treated, control, treatedName, controlName, String.format(query, treatedSql));
  }

  private List<Bucket> run(String sql, long bucketUs, Instant from, Instant to, List<String> params) {
    List<Bucket> out = new ArrayList<>();
    if (!columns().contains("start_time")) {
      return out;
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, bucketUs);
      ps.setLong(2, bucketUs);
      ps.setLong(3, IncidentRepository.epochMicros(from));
      ps.setLong(4, IncidentRepository.epochMicros(to));
      for (int i = 0; i < params.size(); i++) {
        ps.setString(5 + i, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Bucket(IncidentRepository.fromMicros(rs.getLong(1)), rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the symptom's series: " + e.getMessage(), e);
    }
  }

  private Set<String> columns() {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'spans'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the spans columns: " + e.getMessage(), e);
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
