package io.casefile.analysis.flows;

import io.casefile.model.Flow;
import java.util.Objects;

/** One flow's requests and errors in the baseline window and in the incident window. */
public record FlowCounts(Flow flow, long baselineRequests, long baselineErrors, long requests, long errors) {
  public FlowCounts {
    Objects.requireNonNull(flow, "flow");
    if (baselineErrors < 0 || baselineErrors > baselineRequests || errors < 0 || errors > requests) {
      throw new IllegalArgumentException("flow " + flow + " must have 0 <= errors <= requests, got baseline "
          + baselineErrors + "/" + baselineRequests + ", incident " + errors + "/" + requests);
    }
  }
}
