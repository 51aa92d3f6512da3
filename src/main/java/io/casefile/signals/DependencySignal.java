package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.DependencyHealthAnalyser;
import io.casefile.analysis.traces.DependencyTurn;
import io.casefile.model.ChangeEvent;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * External dependencies turning bad: {@link SelectPeerHealth} + {@link DependencyHealthAnalyser},
 * dated with {@link SelectPeerBuckets}. Its turns are derived suspects:
 * {@link #derivedChanges(Connection, SignalRequest)}.
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

  public DependencyResult analyse(Connection db, SignalRequest request) {
    String peer = SpanSql.peer(db);
    SelectPeerHealth q = new SelectPeerHealth(request, peer);
    SelectPeerHealth.Stats stats = q.run(db);
    List<DependencyResult.Turn> turns = new ArrayList<>();
    for (DependencyTurn t : analyser.analyse(stats.baseline(), stats.incident())) {
      SelectPeerBuckets b = new SelectPeerBuckets(t.peer(), request.incident(), bucketSeconds, peer);
      var since = DependencyHealthAnalyser.since(t, b.run(db)).orElse(request.incident().from());
      turns.add(new DependencyResult.Turn(t, since, b.toString()));
    }
    return new DependencyResult(turns, q.toString());
  }

  /** The peers that turned bad, as derived change events of type dependency. */
  public List<ChangeEvent> derivedChanges(Connection db, SignalRequest request) {
    return analyse(db, request).derivedChanges();
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).findings();
  }
}
