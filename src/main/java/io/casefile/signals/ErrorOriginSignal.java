package io.casefile.signals;

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
    SelectErrorOrigins q = new SelectErrorOrigins(request, SpanSql.peer(SpanSql.spanColumns(db)));
    SelectErrorOrigins.Tallies t = q.run(db);
    return new ErrorOriginResult(request.flowLabel(), t.incident(), t.baseline(),
        analyser.analyse(t.incident(), t.baseline()), q.toString());
  }

  @Override
  public List<Finding> find(Connection db, SignalRequest request) {
    return analyse(db, request).findings();
  }
}
