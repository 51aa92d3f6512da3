package io.casefile.comms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.casefile.incident.Casefile;
import io.casefile.incident.Entry;
import io.casefile.incident.IncidentStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When the next status update is due: the severity's cadence after the last published update (or
 * after opening), and whether it is overdue now. A resolved incident owes no more updates.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateCadence(Duration cadence, Instant lastUpdateAt, Instant nextDueAt, boolean overdue,
    String reminder) {

  public static UpdateCadence of(Casefile c, Instant now) {
    Duration cadence = c.incident().severity().updateCadence();
    Instant last = c.lastStatusUpdate().map(Entry::at).orElse(null);
    if (c.status() == IncidentStatus.RESOLVED) {
      return new UpdateCadence(cadence, last, null, false, null);
    }
    Instant due = (last == null ? c.incident().openedAt() : last).plus(cadence);
    boolean overdue = now.isAfter(due);
    String reminder = overdue ? "status update for " + c.incident().id() + " is overdue by "
        + Duration.between(due, now).toMinutes() + " min (" + c.incident().severity() + " cadence: every "
        + cadence.toMinutes() + " min)" : null;
    return new UpdateCadence(cadence, last, due, overdue, reminder);
  }
}
