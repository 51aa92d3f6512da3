package io.casefile.incident;

import java.util.List;
import java.util.Locale;

/**
 * The machine-readable target of an action: what it changes, in the vocabulary of the containment
 * candidates. {@code target} is a service ({@code rollback}, {@code revert_config}, {@code restart},
 * {@code scale}), a flag key ({@code flag_off}), an {@code attribute=value} ({@code route_away}) or a
 * peer ({@code disable_dependency}, {@code shed_dependency}); {@code version} is the version a
 * rollback goes to (optional: the previous one).
 */
public record Lever(String kind, String target, String version) {
  public static final List<String> KINDS = List.of("rollback", "flag_off", "revert_config", "route_away", "restart",
      "scale", "disable_dependency", "shed_dependency");

  public Lever {
    if (kind == null || !KINDS.contains(kind.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("lever kind must be one of " + String.join("|", KINDS) + ", got: " + kind);
    }
    kind = kind.trim().toLowerCase(Locale.ROOT);
    Texts.require(target, "lever target");
    target = target.trim();
    if (kind.equals("route_away") && (target.indexOf('=') < 1 || target.endsWith("="))) {
      throw new IllegalArgumentException("a route_away lever's target is attribute=value (e.g. region=eu-west), got: "
          + target);
    }
    version = version == null || version.isBlank() ? null : version.trim();
    if (version != null && !kind.equals("rollback")) {
      throw new IllegalArgumentException("only a rollback lever has a version, got one for " + kind);
    }
  }

  /** Parses {@code KIND:TARGET[@VERSION]}, e.g. {@code rollback:payments@2.30.4} or {@code route_away:region=eu-west}. */
  public static Lever parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("a lever looks like KIND:TARGET[@VERSION] (e.g. rollback:payments@2.30.4, "
          + "flag_off:new-pix-flow, route_away:region=eu-west), got: " + text);
    }
    String kind = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    int at = rest.lastIndexOf('@');
    return at > 0 ? new Lever(kind, rest.substring(0, at), rest.substring(at + 1)) : new Lever(kind, rest, null);
  }

  /** Whether undoing it restores the state before: a restart cannot be undone and loses in-memory state. */
  public boolean reversible() {
    return !kind.equals("restart");
  }

  @Override
  public String toString() {
    return kind + ":" + target + (version == null ? "" : "@" + version);
  }
}
