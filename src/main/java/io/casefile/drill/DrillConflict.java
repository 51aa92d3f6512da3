package io.casefile.drill;

/** A drill request that conflicts with the server's or the drill's state; {@code code} is stable. */
public final class DrillConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public DrillConflict(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
