package io.casefile.investigation;

import io.casefile.model.Flow;
import java.util.List;

/**
 * The question names a flow that has no request events at all: answering "nothing is wrong" would
 * be a false all-clear. Carries the closest existing flows so the caller can say what was meant.
 */
public final class UnknownFlowException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Flow flow;
  private final transient List<Flow> closest;

  UnknownFlowException(Flow flow, List<Flow> closest) {
    super("no flow '" + flow + "' has any requests"
        + (closest.isEmpty() ? " (no flows have been received yet)"
            : "; closest: " + String.join(", ", closest.stream().map(f -> "'" + f + "'").toList())));
    this.flow = flow;
    this.closest = List.copyOf(closest);
  }

  public Flow flow() {
    return flow;
  }

  public List<Flow> closest() {
    return closest;
  }
}
