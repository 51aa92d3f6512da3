package io.casefile.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/** A tiny JDK HttpServer shop run under the OpenTelemetry Java agent by {@link RealAgentIngestTest}. */
public final class AgentDemoApp {
  private static final Logger LOG = Logger.getLogger("shop");
  private static final AtomicBoolean released = new AtomicBoolean();

  private AgentDemoApp() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hello", ex -> answer(ex, 200, "hello"));
    // orders carry the caller's tenant as a span attribute; after the release, tenant acme's fail
    server.createContext("/orders", ex -> {
      String tenant = ex.getRequestHeaders().getFirst("X-Tenant-Id");
      Span.current().setAttribute("tenant.id", tenant == null ? "none" : tenant);
      answer(ex, released.get() && "acme".equals(tenant) ? 500 : 200, "order");
    });
    server.createContext("/release", ex -> {
      released.set(true);
      answer(ex, 200, "released");
    });
    server.createContext("/checkout", ex -> {
      LOG.severe("payment gateway timeout for order " + System.nanoTime());
      answer(ex, 500, "payment failed");
    });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    System.out.flush();
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (var out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
