package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.analysis.traces.ErrorOriginAnalyser;
import io.casefile.store.Measured;
import io.casefile.store.TelemetryReader;
import java.util.List;

/** Where the flow's failed requests originate: {@link TelemetryReader#errorOrigins} + {@link ErrorOriginAnalyser}. */
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

  /** The origins, or the reason the source cannot tell them. */
  public Measured<ErrorOriginResult> analyse(TelemetryReader source, SignalRequest request) {
    Measured<TelemetryReader.ErrorOrigins> m = source.errorOrigins(request);
    return m.map(t -> new ErrorOriginResult(request.flowLabel(), t.incident(), t.baseline(),
        analyser.analyse(t.incident(), t.baseline()), t.examined(), m.query()));
  }

  @Override
  public List<Finding> find(TelemetryReader source, SignalRequest request) {
    return analyse(source, request).orElse(ErrorOriginResult::findings, List.of());
  }
}
