package io.casefile.investigation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Instant;
import java.util.Objects;

/**
 * What the user asks: a flow (null = the whole environment), a signal and a time range
 * [from, to). JSON: {@code {"flow": "checkout:POST /checkout", "signal": "errors", "from": …, "to": …}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Question(
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.fasterxml.jackson.databind.ser.std.ToStringSerializer.class)
    Flow flow,
    SignalSpec signal,
    Instant from,
    Instant to) {

  public Question {
    Objects.requireNonNull(signal, "question signal");
    if (from == null || to == null) {
      throw new IllegalArgumentException("question needs a time range: from and to");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("question time range must have from before to, got " + from + " .. " + to);
    }
    TimeRange.checkBounds(from, to);
  }

  public Question(Flow flow, SignalSpec signal, TimeRange range) {
    this(flow, signal, range.from(), range.to());
  }

  @JsonCreator
  static Question fromJson(
      @JsonProperty("flow") String flow,
      @JsonProperty("signal") String signal,
      @JsonProperty("from") Instant from,
      @JsonProperty("to") Instant to) {
    return new Question(
        flow == null || flow.isBlank() ? null : Flow.parse(flow),
        signal == null ? SignalSpec.ERRORS : SignalSpec.parse(signal),
        from,
        to);
  }

  public TimeRange range() {
    return new TimeRange(from, to);
  }

  /** True when the question names no flow: the whole environment. */
  public boolean wholeEnvironment() {
    return flow == null;
  }
}
