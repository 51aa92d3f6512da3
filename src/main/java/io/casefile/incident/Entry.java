package io.casefile.incident;

import java.time.Instant;
import java.util.Objects;

/** One appended casefile entry: its position in the log, when, by whom, and what. */
public record Entry(long seq, Instant at, String author, EntryBody body) {
  public Entry {
    if (seq < 1) {
      throw new IllegalArgumentException("entry seq must be >= 1, got: " + seq);
    }
    Objects.requireNonNull(at, "entry time");
    Texts.require(author, "entry author");
    Objects.requireNonNull(body, "entry body");
  }

  public String type() {
    return body.typeName();
  }
}
