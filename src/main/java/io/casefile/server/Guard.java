package io.casefile.server;

import io.javalin.http.Handler;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a route answers a failure: its role checked first, then its own exceptions mapped to
 * statuses by the route ({@code domain} answers null for the others), a bad argument as 400, and
 * anything else as a logged 500 that names the exception.
 */
final class Guard {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private Guard() {}

  static Handler guarded(Auth auth, Role role, Function<Exception, ApiError> domain, Handler h) {
    return ctx -> {
      try {
        auth.require(ctx, role);
        h.handle(ctx);
      } catch (ApiError e) {
        ApiRoutes.send(ctx, e);
      } catch (Exception e) {
        ApiError mapped = domain.apply(e);
        if (mapped != null) {
          ApiRoutes.send(ctx, mapped);
        } else if (e instanceof IllegalArgumentException) {
          ApiRoutes.send(ctx, ApiError.badRequest(e.getMessage()));
        } else {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          ApiRoutes.send(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
      }
    };
  }
}
