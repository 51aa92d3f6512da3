package io.casefile.drill;

/** No drill has this id. */
public final class UnknownDrill extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownDrill(String id) {
    super("no drill " + id);
  }
}
