package io.casefile.demo;

import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Passes a scenario on to another sink, pacing it to {@code speed} simulated seconds per real
 * second (0: no pacing) and keeping a progress line on the terminal.
 */
final class ProgressSink implements ScenarioSink {
  private final ScenarioSink next;
  private final GroundTruth planned;
  private final double speed;
  private final PrintStream progress;
  private final long realStart = System.nanoTime();
  /** On a terminal the line is rewritten in place; elsewhere a line is printed every 10%. */
  private final boolean terminal = System.console() != null;
  private long lastShown;
  private int lastDecile = -1;
  private long payloads;
  private long bytes;
  private int changes;

  ProgressSink(ScenarioSink next, GroundTruth planned, double speed, PrintStream progress) {
    this.next = next;
    this.planned = planned;
    this.speed = speed;
    this.progress = progress;
  }

  @Override
  public void change(ChangeEvent change) throws IOException {
    next.change(change);
    changes++;
  }

  @Override
  public void payload(Payload p) throws IOException {
    pace(p.time());
    next.payload(p);
    payloads++;
    bytes += p.body().length;
    long now = System.nanoTime();
    if (now - lastShown > 250_000_000L) {
      lastShown = now;
      show(p.time());
    }
  }

  void done() {
    show(planned.dataEnd());
    if (terminal) {
      progress.println();
    }
    progress.flush();
  }

  private void show(Instant simulated) {
    double total = Duration.between(planned.dataStart(), planned.dataEnd()).toMillis();
    double done = Math.min(1, Duration.between(planned.dataStart(), simulated).toMillis() / total);
    int decile = (int) (done * 10);
    if (!terminal && decile == lastDecile) {
      return;
    }
    lastDecile = decile;
    progress.printf(Locale.ROOT, "%s   replaying %s: %3.0f%%  simulated %s  %,d OTLP requests (%.1f MB)  %d changes  %.0f s %s",
        terminal ? "\r" : "", planned.scenario(), 100 * done, simulated, payloads, bytes / 1e6, changes,
        (System.nanoTime() - realStart) / 1e9, terminal ? "" : System.lineSeparator());
    progress.flush();
  }

  private void pace(Instant simulated) throws IOException {
    if (speed <= 0) {
      return;
    }
    long dueNanos = (long) (Duration.between(planned.dataStart(), simulated).toNanos() / speed);
    long wait = dueNanos - (System.nanoTime() - realStart);
    if (wait > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
