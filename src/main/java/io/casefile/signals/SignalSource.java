package io.casefile.signals;

import io.casefile.model.SignalRequest;
import io.casefile.store.TelemetryReader;
import java.util.List;

/**
 * A signal computed over a {@link TelemetryReader}. Implementations are stateless and thread-safe;
 * a query failure is an unchecked {@link io.casefile.store.StoreException} naming the query. A
 * source that cannot answer the signal's part gives no findings.
 */
public interface SignalSource {
  /** {@code error_origin}, {@code latency}, {@code dependency} or {@code metric}. */
  String kind();

  /** The findings for the request, most important first; empty when nothing stands out. */
  List<Finding> find(TelemetryReader source, SignalRequest request);
}
