package io.casefile.alerts;

import io.casefile.alerts.MultiWindowBurnRate.Counts;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import io.casefile.store.TelemetryReader.Bad;
import io.casefile.store.TelemetryReader.FlowBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The availability counts of every flow, kept incrementally: per flow, requests, failed requests,
 * the entry flag and the first request of each {@link #BUCKET} (aligned to the epoch) of the
 * longest window. Each read fetches through the seam only the buckets from the previous evaluation
 * less {@link #LATENESS} up to now, replacing the still-filling ones, and drops the buckets older
 * than the longest window; the first read (or one after a gap longer than it, or back in time)
 * fetches the whole longest window. Requests stored later than {@link #LATENESS} after they started
 * are not counted. At most {@link #MAX_FLOWS} flows are held (the busiest of the first read, then
 * new ones while there is room): 6 h of 10 s buckets is 2,160 buckets a flow.
 */
final class SloRollup {
  static final Duration BUCKET = Duration.ofSeconds(10);
  static final Duration LATENESS = Duration.ofMinutes(2);
  static final int MAX_FLOWS = 200;

  private record Cell(long bucket, long requests, long bad, boolean entry, Instant first) {}

  private final Map<Flow, ArrayDeque<Cell>> flows = new TreeMap<>(Comparator.comparing(Flow::service).thenComparing(Flow::operation));
  private Instant watermark;
  private Duration held;

  /** Whether {@code now} is on the bucket grid, which the rollup's windows need to be exact. */
  static boolean aligned(Instant now) {
    return now.getNano() == 0 && Math.floorMod(now.getEpochSecond(), BUCKET.toSeconds()) == 0;
  }

  private static long index(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), BUCKET.toSeconds());
  }

  /** The counts of each window ending at {@code now} (on the grid); null when the reader cannot count buckets. */
  SloCounts.Result read(TelemetryReader reader, List<Duration> windows, Instant now) {
    if (!aligned(now)) {
      throw new IllegalArgumentException("evaluation instant must be on the " + BUCKET + " grid, got " + now);
    }
    Duration longest = windows.stream().max(Duration::compareTo).orElseThrow();
    Instant oldest = now.minus(longest);
    boolean fresh = watermark == null || !longest.equals(held) || now.isBefore(watermark)
        || watermark.minus(LATENESS).isBefore(oldest);
    Instant from = fresh ? oldest : Instant.EPOCH.plus(BUCKET.multipliedBy(index(watermark.minus(LATENESS))));
    if (!from.isBefore(now)) {
      return sums(windows, now, "");
    }
    Measured<List<FlowBucket>> m = reader.bucketCounts(new TimeRange(from, now), BUCKET, Bad.ERRORS, MAX_FLOWS);
    if (!m.available()) {
      return null;
    }
    if (fresh) {
      flows.clear();
    }
    long replaced = index(from);
    for (ArrayDeque<Cell> cells : flows.values()) {
      while (!cells.isEmpty() && cells.peekLast().bucket() >= replaced) {
        cells.pollLast();
      }
    }
    for (FlowBucket b : m.value()) {
      ArrayDeque<Cell> cells = flows.get(b.flow());
      if (cells == null) {
        if (flows.size() >= MAX_FLOWS) {
          continue;
        }
        cells = new ArrayDeque<>();
        flows.put(b.flow(), cells);
      }
      cells.addLast(new Cell(index(b.start()), b.requests(), b.bad(), b.entry(), b.firstRequest()));
    }
    long keep = index(oldest);
    for (Iterator<ArrayDeque<Cell>> it = flows.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Cell> cells = it.next();
      while (!cells.isEmpty() && cells.peekFirst().bucket() < keep) {
        cells.pollFirst();
      }
      if (cells.isEmpty()) {
        it.remove();
      }
    }
    watermark = now;
    held = longest;
    return sums(windows, now, m.query());
  }

  /** How many flows and buckets are held. */
  long buckets() {
    return flows.values().stream().mapToLong(ArrayDeque::size).sum();
  }

  private SloCounts.Result sums(List<Duration> windows, Instant now, String query) {
    long[] starts = windows.stream().mapToLong(w -> index(now.minus(w))).toArray();
    List<SloCounts.Row> rows = new ArrayList<>();
    flows.forEach((flow, cells) -> {
      long[] req = new long[starts.length];
      long[] bad = new long[starts.length];
      boolean entry = false;
      for (Cell c : cells) {
        entry |= c.entry();
        for (int i = 0; i < starts.length; i++) {
          if (c.bucket() >= starts[i]) {
            req[i] += c.requests();
            bad[i] += c.bad();
          }
        }
      }
      Map<Duration, Counts> counts = new LinkedHashMap<>();
      for (int i = 0; i < starts.length; i++) {
        counts.put(windows.get(i), new Counts(req[i], bad[i]));
      }
      rows.add(new SloCounts.Row(flow, entry, cells.peekFirst().first(), counts));
    });
    return new SloCounts.Result(rows, query);
  }
}
