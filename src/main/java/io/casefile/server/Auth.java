package io.casefile.server;

import io.javalin.http.Context;
import java.util.Set;

/** Bearer-token checks; with no tokens configured every request is allowed (loopback only). */
final class Auth {
  private final Tokens tokens;

  Auth(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Requires a token with {@code role}, one of {@code alternatives}, or admin. */
  void require(Context ctx, Role role, Role... alternatives) {
    if (!tokens.enabled()) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "unauthenticated", "missing 'Authorization: Bearer <token>' header");
    }
    Set<Role> roles = tokens.rolesOf(header.substring(7).trim());
    if (roles.isEmpty()) {
      throw new ApiError(401, "unauthenticated", "unknown bearer token");
    }
    for (Role alternative : alternatives) {
      if (roles.contains(alternative)) {
        return;
      }
    }
    if (!roles.contains(role) && !roles.contains(Role.ADMIN)) {
      throw new ApiError(403, "forbidden", "this token lacks the '" + role.wireName() + "' role");
    }
  }
}
