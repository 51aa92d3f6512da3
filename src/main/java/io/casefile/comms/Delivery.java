package io.casefile.comms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The outcome of publishing one update to one webhook: {@code delivered}, {@code failed} (after
 * the last retry, or at once on a 4xx) or {@code duplicate} (already delivered under this
 * idempotency key, so not sent again).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Delivery(String webhookId, String idempotencyKey, String status, int attempts, Integer httpStatus,
    String error) {
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
  public static final String DUPLICATE = "duplicate";
}
