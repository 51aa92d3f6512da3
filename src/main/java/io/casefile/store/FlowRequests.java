package io.casefile.store;

import io.casefile.model.Flow;
import java.util.List;

/**
 * The one definition of which request spans a question is about: a flow's request spans, or, for
 * the whole environment (no flow), every request span of every service. Every query over requests
 * (the investigation's series and counts, the signals' error origins and slow requests, an
 * incident's cohort series) filters with this, so their figures describe the same requests.
 */
public final class FlowRequests {
  private FlowRequests() {}

  /** The filter, with a {@code ?} for each of {@link #params(Flow)}. */
  public static String where(Flow flow) {
    return flow == null ? "is_request" : "is_request AND service = ? AND operation = ?";
  }

  /** The values the filter binds, in order. */
  public static List<Object> params(Flow flow) {
    return flow == null ? List.of() : List.of(flow.service(), flow.operation());
  }
}
