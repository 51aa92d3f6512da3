package io.casefile.signals;

import io.casefile.model.SignalRequest;
import java.sql.Connection;
import java.util.List;

/**
 * A signal computed over the store. Implementations are stateless and thread-safe; a query failure
 * is an unchecked {@link io.casefile.store.StoreException} naming the query.
 */
public interface SignalSource {
  /** {@code error_origin}, {@code latency}, {@code dependency} or {@code metric}. */
  String kind();

  /** The findings for the request, most important first; empty when nothing stands out. */
  List<Finding> find(Connection db, SignalRequest request);
}
