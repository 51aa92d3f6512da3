package io.casefile.ingest;

/** The partial-success message: what was rejected and why, and what was dropped. */
final class Messages {
  private Messages() {}

  static String combine(long rejected, String items, String firstProblem, long droppedAttributes,
      IngestLimits limits) {
    String message = null;
    if (rejected > 0) {
      message = rejected + " " + items + " rejected; first: " + firstProblem;
    }
    if (droppedAttributes > 0) {
      String d = droppedAttributes + " attributes dropped beyond the limit of "
          + limits.maxAttributesPerItem() + " per item";
      message = message == null ? d : message + "; " + d;
    }
    return message;
  }
}
