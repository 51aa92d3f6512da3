package io.casefile.investigation;

import io.casefile.model.SignalSpec;
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
 * [from, to), and optionally a known-good {@code baseline} window to compare with (null = the time
 * before the onset). JSON: {@code {"flow": "checkout:POST /checkout", "signal": "errors", "from": …,
 * "to": …, "baseline": {"from": …, "to": …}}}; without a signal the symptom is measured on errors.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Question(
    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = com.fasterxml.jackson.databind.ser.std.ToStringSerializer.class)
    Flow flow,
    SignalSpec signal,
    Instant from,
    Instant to,
    @JsonInclude(JsonInclude.Include.NON_NULL) TimeRange baseline) {

  public Question {
    Objects.requireNonNull(signal, "question signal");
    if (from == null || to == null) {
      throw new IllegalArgumentException("question needs a time range: from and to");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("question time range must have from before to, got " + from + " .. " + to);
    }
    TimeRange.checkBounds(from, to);
    if (baseline != null && !baseline.from().isBefore(to)) {
      throw new IllegalArgumentException("the baseline must start before the question's window ends (" + to
          + "), got " + baseline.from() + " .. " + baseline.to());
    }
  }

  public Question(Flow flow, SignalSpec signal, Instant from, Instant to) {
    this(flow, signal, from, to, null);
  }

  public Question(Flow flow, SignalSpec signal, TimeRange range) {
    this(flow, signal, range.from(), range.to());
  }

  @JsonCreator
  static Question fromJson(
      @JsonProperty("flow") String flow,
      @JsonProperty("signal") String signal,
      @JsonProperty("from") Instant from,
      @JsonProperty("to") Instant to,
      @JsonProperty("baseline") Baseline baseline) {
    return new Question(
        flow == null || flow.isBlank() ? null : Flow.parse(flow),
        signal == null ? SignalSpec.ERRORS : SignalSpec.parse(signal),
        from,
        to,
        baseline == null ? null : baseline.range());
  }

  /** The JSON form of an explicit baseline: both ends required. */
  record Baseline(@JsonProperty("from") Instant from, @JsonProperty("to") Instant to) {
    TimeRange range() {
      if (from == null || to == null) {
        throw new IllegalArgumentException("baseline needs from and to (RFC 3339)");
      }
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("baseline must have from before to, got " + from + " .. " + to);
      }
      return new TimeRange(from, to);
    }
  }

  /** The same question with an explicit baseline window. */
  public Question withBaseline(TimeRange b) {
    return new Question(flow, signal, from, to, b);
  }

  public TimeRange range() {
    return new TimeRange(from, to);
  }

  /** True when the question names no flow: the whole environment. */
  public boolean wholeEnvironment() {
    return flow == null;
  }
}
