package io.casefile.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.casefile.model.Flow;
import io.casefile.store.DuckDbTelemetryReader;
import io.casefile.store.TelemetryReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * The rollup's window counts equal the direct query's at every evaluation while spans arrive, some
 * of them late (within the lateness margin), across a restart (an empty rollup) and after a flow
 * goes quiet for longer than the longest window; requests later than the margin are not counted.
 */
class SloRollupTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final List<Duration> WINDOWS = new MultiWindowBurnRate().windows();

  /** A request span: when it started, when the store got it, its flow, whether it failed, whether it is an entry. */
  record Span(Instant start, Instant arrival, Flow flow, boolean error, boolean entry) {}

  @Test
  void equalsTheDirectQueryAtEveryEvaluation() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    Flow checkout = Flow.parse("frontend:POST /checkout");
    Flow home = Flow.parse("frontend:GET /");
    Flow pay = Flow.parse("payments:POST /pay");
    Flow batch = Flow.parse("batch:GET /export");
    Duration total = Duration.ofHours(7);
    List<Span> spans = new ArrayList<>();
    for (long ms = 0; ms < total.toMillis(); ms += 200 + r.nextInt(1800)) {
      Instant start = T0.plusMillis(ms).plusNanos(r.nextInt(1000) * 1000L);
      long delayMs = r.nextDouble() < 0.1 ? 30_000 + r.nextInt(80_000) : r.nextInt(5_000);
      Instant arrival = start.plusMillis(delayMs);
      boolean burning = ms > Duration.ofHours(6).plusMinutes(10).toMillis();
      spans.add(new Span(start, arrival, checkout, r.nextDouble() < (burning ? 0.1 : 0.005), true));
      if (r.nextBoolean()) {
        spans.add(new Span(start.plusMillis(3), arrival, pay, r.nextDouble() < 0.01, false));
      }
      if (r.nextInt(3) == 0) {
        spans.add(new Span(start.plusMillis(7), start.plusMillis(7 + r.nextInt(3_000)), home, r.nextDouble() < 0.002,
            true));
      }
      if (ms < Duration.ofMinutes(20).toMillis() && r.nextInt(4) == 0) {
        spans.add(new Span(start.plusMillis(11), start.plusMillis(11), batch, false, true));
      }
    }
    spans.sort(Comparator.comparing(Span::arrival));
    try (Connection c = store()) {
      TelemetryReader reader = new DuckDbTelemetryReader(c);
      SloRollup rollup = new SloRollup();
      int next = 0;
      int compared = 0;
      for (Instant now = T0.plusSeconds(60); !now.isAfter(T0.plus(total)); now = now.plusSeconds(60)) {
        List<Span> arrived = new ArrayList<>();
        while (next < spans.size() && spans.get(next).arrival().isBefore(now)) {
          arrived.add(spans.get(next++));
        }
        append(c, arrived);
        if (now.equals(T0.plus(Duration.ofHours(3)))) {
          rollup = new SloRollup();
        }
        SloCounts.Result rolled = rollup.read(reader, WINDOWS, now);
        SloCounts.Result direct = SloCounts.read(reader, WINDOWS, now, null, null);
        assertThat(rolled.rows()).as("at %s", now).isEqualTo(direct.rows());
        compared++;
      }
      assertThat(compared).isEqualTo(420);
      Instant end = T0.plus(total);
      SloCounts.Result last = rollup.read(reader, WINDOWS, end);
      assertThat(last.rows()).extracting(SloCounts.Row::flow).containsExactly(home, checkout, pay);
      assertThat(last.row(checkout).counts().get(Duration.ofMinutes(30)).bad()).isGreaterThan(50);
      assertThat(last.row(pay).entry()).isFalse();
      assertThat(rollup.buckets()).isLessThanOrEqualTo(3L * 6 * 360 + 3);
    }
  }

  @Test
  void requestsLaterThanTheMarginAreNotCounted() throws Exception {
    Flow f = Flow.parse("frontend:POST /checkout");
    try (Connection c = store()) {
      TelemetryReader reader = new DuckDbTelemetryReader(c);
      SloRollup rollup = new SloRollup();
      append(c, List.of(new Span(T0.plusSeconds(5), T0.plusSeconds(5), f, false, true)));
      rollup.read(reader, WINDOWS, T0.plusSeconds(600));
      Instant onTime = T0.plusSeconds(600 - 100);
      Instant late = T0.plusSeconds(600 - 300);
      append(c, List.of(new Span(onTime, onTime, f, true, true), new Span(late, late, f, true, true)));
      Instant now = T0.plusSeconds(610);
      var rolled = rollup.read(reader, WINDOWS, now).row(f).counts().get(Duration.ofHours(1));
      var direct = SloCounts.read(reader, WINDOWS, now, null, null).row(f).counts().get(Duration.ofHours(1));
      assertThat(direct).isEqualTo(new MultiWindowBurnRate.Counts(3, 2));
      assertThat(rolled).isEqualTo(new MultiWindowBurnRate.Counts(2, 1));
      assertThat(new SloRollup().read(reader, WINDOWS, now).row(f).counts().get(Duration.ofHours(1)))
          .as("a restarted rollup reads the whole window").isEqualTo(direct);
    }
  }

  private static Connection store() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE spans (span_id BIGINT, parent_span_id BIGINT, start_time TIMESTAMP, duration_us BIGINT,"
          + " service VARCHAR, operation VARCHAR, is_request BOOLEAN, is_error BOOLEAN)");
    }
    return c;
  }

  private static long ids = 1;

  private static void append(Connection c, List<Span> spans) throws SQLException {
    try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("spans")) {
      for (Span s : spans) {
        a.beginRow();
        a.append(ids++);
        if (s.entry()) {
          a.appendNull();
        } else {
          a.append(0L);
        }
        a.append(LocalDateTime.ofInstant(s.start(), ZoneOffset.UTC));
        a.append(1000L);
        a.append(s.flow().service());
        a.append(s.flow().operation());
        a.append(true);
        a.append(s.error());
        a.endRow();
      }
    }
  }
}
