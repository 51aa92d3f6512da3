package io.casefile.server;

import java.util.Locale;

/** What a bearer token may do. {@code admin} may do everything. */
public enum Role {
  INGEST, READ, ADMIN, ALERTS;

  static Role parse(String s) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(s.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + s + "'; roles are ingest, read, admin, alerts");
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
