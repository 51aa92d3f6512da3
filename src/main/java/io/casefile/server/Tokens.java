package io.casefile.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens and their roles, from a token file: one token per line, {@code TOKEN ROLE[,ROLE…]},
 * {@code #} starts a comment. {@link #NONE} means no authentication (loopback only).
 */
public final class Tokens {
  public static final Tokens NONE = new Tokens(Map.of());

  private final Map<String, Set<Role>> roles;

  private Tokens(Map<String, Set<Role>> roles) {
    this.roles = roles;
  }

  public static Tokens load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read token file " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, file.toString());
  }

  public static Tokens parse(List<String> lines, String origin) {
    Map<String, Set<Role>> roles = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(origin + " line " + (i + 1)
            + ": expected 'TOKEN ROLE[,ROLE...]' (roles: ingest, read, admin, alerts)");
      }
      if (parts[0].length() < 16) {
        throw new IllegalArgumentException(origin + " line " + (i + 1) + ": tokens must be at least 16 characters");
      }
      Set<Role> set = EnumSet.noneOf(Role.class);
      try {
        for (String r : parts[1].split(",")) {
          set.add(Role.parse(r));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(origin + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      roles.put(parts[0], set);
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(origin + " holds no tokens");
    }
    return new Tokens(Map.copyOf(roles));
  }

  public boolean enabled() {
    return !roles.isEmpty();
  }

  /** The roles of a presented token; empty when unknown. Compares in constant time per token. */
  Set<Role> rolesOf(String token) {
    if (token == null) {
      return Set.of();
    }
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    Set<Role> found = Set.of();
    for (var e : roles.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return found;
  }
}
