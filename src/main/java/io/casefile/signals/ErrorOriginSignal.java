package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.ErrorOriginAnalyser;
import java.sql.Connection;
import java.util.List;

/** Where the flow's failed requests originate: {@link SelectErrorOrigins} + {@link ErrorOriginAnalyser}. */
public final class ErrorOriginSignal implements SignalSource {
  private final ErrorOriginAnalyser analyser;

  public ErrorOriginSignal(ErrorOriginAnalyser analyser) {
    this.analyser = analyser;
  }

  public ErrorOriginSignal() {
    this(new ErrorOriginAnalyser());
  }

  @Override
  public String kind() {
    return "error_origin";
  }

  public ErrorOriginResult analyse(Connection db, SignalRequest request) {
    SpanSql.Fragment failed = new SpanSql.Fragment("is_error", List.of());
    RecentSample sample = RecentSample.find(db, request, failed, failed);
    SelectErrorOrigins q = new SelectErrorOrigins(request, SpanSql.peer(db), sample);
    SelectErrorOrigins.Tallies t = q.run(db);
    String examined = t.incident().sampled() ? sample.describeIncident() : "all";
    return new ErrorOriginResult(request.flowLabel(), t.incident(), t.baseline(),
        analyser.analyse(t.incident(), t.baseline()), examined, q + ";\n-- the examined slices:\n" + sample);
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).findings();
  }
}
