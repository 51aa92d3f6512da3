package io.casefile.analysis.localize;

import java.util.List;
import java.util.stream.Collectors;

/** The explicit registry of localization methods; no classpath scanning. */
public final class Localizers {
  private Localizers() {}

  private static final List<Localizer> ALL = List.of(
      new ScanLocalizer("scan", ScanLocalizer.Parameters.DEFAULTS),
      new RiskLocLocalizer("riskloc", RiskLocLocalizer.Parameters.DEFAULTS));

  /** Every registered method, the standard one first. */
  public static List<Localizer> all() {
    return ALL;
  }

  /** The method the investigation uses. */
  public static Localizer standard() {
    return ALL.get(0);
  }

  public static Localizer byName(String name) {
    return ALL.stream()
        .filter(l -> l.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown localizer '" + name + "'; known: "
            + ALL.stream().map(Localizer::name).collect(Collectors.joining(", "))));
  }
}
