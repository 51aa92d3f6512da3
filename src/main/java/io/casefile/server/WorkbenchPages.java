package io.casefile.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * The workbench's shareable addresses — {@code /investigations}, {@code /incidents/{id}},
 * {@code /traces/{traceId}}, {@code /flows}, {@code /changes} — all answer the same page, which
 * reads its view from the path; and the headers every response of the server carries: a
 * Content-Security-Policy that allows scripts, styles and requests only from this origin (so no
 * inline script ever runs) and {@code X-Content-Type-Options: nosniff}.
 */
final class WorkbenchPages {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  static final String[] PATHS = {"/investigations", "/incidents/{id}", "/traces/{traceId}", "/flows", "/changes"};

  private final byte[] index;

  WorkbenchPages() {
    try (InputStream in = WorkbenchPages.class.getResourceAsStream("/workbench/index.html")) {
      if (in == null) {
        throw new IllegalStateException("the workbench page is missing from the classpath (/workbench/index.html)");
      }
      index = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the workbench page: " + e.getMessage(), e);
    }
  }

  /** The security headers, on every response of a server (API, OTLP, pages, files, errors). */
  static void secureHeaders(JavalinConfig cfg) {
    cfg.routes.before(ctx -> {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
    });
  }

  void register(JavalinConfig cfg) {
    cfg.staticFiles.enableWebjars();
    for (String p : PATHS) {
      cfg.routes.get(p, this::page);
    }
  }

  private void page(Context ctx) {
    ctx.status(200).contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(index);
  }
}
