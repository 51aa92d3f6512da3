package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.DependencyHealthAnalyser;
import io.casefile.analysis.traces.DependencyTurn;
import io.casefile.analysis.traces.PeerBucket;
import io.casefile.model.ChangeEvent;
import io.casefile.model.SignalRequest;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import java.util.ArrayList;
import java.util.List;

/**
 * External dependencies turning bad: {@link TelemetryReader#peerHealth} + {@link DependencyHealthAnalyser},
 * dated with {@link TelemetryReader#peerBuckets}. Its turns are derived suspects:
 * {@link #derivedChanges(TelemetryReader, SignalRequest)}.
 */
public final class DependencySignal implements SignalSource {
  public static final long DEFAULT_BUCKET_SECONDS = 10;

  private final DependencyHealthAnalyser analyser;
  private final long bucketSeconds;

  public DependencySignal(DependencyHealthAnalyser analyser, long bucketSeconds) {
    if (bucketSeconds < 1) {
      throw new IllegalArgumentException("bucket seconds must be >= 1, got " + bucketSeconds);
    }
    this.analyser = analyser;
    this.bucketSeconds = bucketSeconds;
  }

  public DependencySignal() {
    this(new DependencyHealthAnalyser(), DEFAULT_BUCKET_SECONDS);
  }

  @Override
  public String kind() {
    return "dependency";
  }

  /** The turns, or the reason the source cannot tell them. */
  public Measured<DependencyResult> analyse(TelemetryReader source, SignalRequest request) {
    Measured<TelemetryReader.PeerHealth> stats = source.peerHealth(request);
    return stats.map(s -> {
      List<DependencyResult.Turn> turns = new ArrayList<>();
      for (DependencyTurn t : analyser.analyse(s.baseline(), s.incident())) {
        Measured<List<PeerBucket>> b = source.peerBuckets(t.peer(), request.incident(), bucketSeconds);
        var since = (b.available() ? DependencyHealthAnalyser.since(t, b.value()) : java.util.Optional.<java.time.Instant>empty())
            .orElse(request.incident().from());
        turns.add(new DependencyResult.Turn(t, since, b.query()));
      }
      return new DependencyResult(turns, stats.query());
    });
  }

  /** The peers that turned bad, as derived change events of type dependency. */
  public List<ChangeEvent> derivedChanges(TelemetryReader source, SignalRequest request) {
    return analyse(source, request).orElse(DependencyResult::derivedChanges, List.of());
  }

  @Override
  public List<Finding> find(TelemetryReader source, SignalRequest request) {
    return analyse(source, request).orElse(DependencyResult::findings, List.of());
  }
}
