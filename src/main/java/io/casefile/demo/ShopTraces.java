package io.casefile.demo;

import static io.casefile.demo.OtlpBatch.attr;
import static io.casefile.demo.OtlpBatch.bytes;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns one visit into the spans, log records and RED measurements of every service on its path:
 * frontend → catalog (database, recommendation model) for pages, frontend → checkout → inventory,
 * payments → psp-gateway → external provider for checkouts. Latencies are log-normal with a
 * Pareto tail; failures come from the background rate or the scenario's injected effects and
 * propagate to the callers.
 */
final class ShopTraces {
  static final String SLOW_RANKING_PATTERN =
      "Slow ranking call to recs-model took {ms} ms for product {sku} ({n} candidates)";
  static final String SLOW_RANKING = Failure.template(SLOW_RANKING_PATTERN);
  private static final long MS = 1_000_000L;

  private Plan plan;
  private final SplittableRandom rnd;
  private final OtlpBatch out;
  private final LogLines lines;

  ShopTraces(Plan plan, SplittableRandom rnd, OtlpBatch out) {
    this.plan = plan;
    this.rnd = rnd;
    this.out = out;
    this.lines = new LogLines(rnd);
  }

  /** Requests entered, failed at the frontend, and touched by an injected effect, since the start. */
  long requests;
  long failed;
  long harmed;
  private boolean harming;

  /** Continues with a changed plan (a live world's new rollouts). */
  void replan(Plan next) {
    this.plan = next;
  }

  void emit(Visit v) {
    harming = false;
    byte[] trace = randomBytes(16);
    var fe = new Server(Shop.FRONTEND, v.page().method, v.page().route, v, trace, null, v.startNanos());
    if (!fe.failsHere(10)) {
      switch (v.page()) {
        case HOME -> {
          fe.work(9);
          fe.call(Shop.CATALOG, "GET", "/products?limit=24", (parent, at) -> catalogList(v, trace, parent, at));
        }
        case PRODUCT -> {
          fe.work(12);
          fe.call(Shop.CATALOG, "GET", "/products/" + v.sku(), (parent, at) -> catalogProduct(v, trace, parent, at));
          if ("3.14.0".equals(fe.version)) {
            fe.log(SeverityNumber.SEVERITY_NUMBER_INFO, "Prefetched {n} images for product {sku} from cdn in {ms} ms",
                Map.of("ms", ms(latency(18, 0.5))));
          }
        }
        case ADD_TO_CART -> {
          fe.work(6);
          fe.peer(Shop.CART_CACHE, "HSET", redis("HSET"), 0.8, 0.4);
        }
        case CHECKOUT -> {
          fe.work(14);
          fe.call(Shop.CHECKOUT, "POST", "/checkout", (parent, at) -> checkout(v, trace, parent, at));
        }
      }
    }
    fe.finish(3);
    requests++;
    failed += fe.status >= 500 ? 1 : 0;
    harmed += harming ? 1 : 0;
  }

  private Server catalogList(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.CATALOG, "GET", "/products", v, trace, parent, at);
    if (!s.failsHere(4)) {
      s.work(4);
      s.peer(Shop.CATALOG_DB, "SELECT catalog.products", db(Shop.CATALOG_DB, "catalog", "SELECT", "products"), 5, 0.5);
    }
    return s.finish(1);
  }

  private Server catalogProduct(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.CATALOG, "GET", "/products/{id}", v, trace, parent, at);
    if (!s.failsHere(3)) {
      s.work(3);
      long db = s.peer(Shop.CATALOG_DB, "SELECT catalog.products", db(Shop.CATALOG_DB, "catalog", "SELECT", "products"),
          3, 0.5);
      if (rnd.nextDouble() < 0.2) {
        s.log(SeverityNumber.SEVERITY_NUMBER_INFO, "Cache miss for product {sku}; loaded from catalog-db in {ms} ms",
            Map.of("ms", ms(db)));
      }
      if (Shop.treatment(Shop.RECS_FLAG).equals(v.variant())) {
        long rank = s.peer(Shop.RECS_MODEL, "POST", http("POST", "http://recs-model.ml.svc:8080/v1/rank",
            "recs-model.ml.svc", 8080, Shop.RECS_MODEL), 35, 0.4);
        if (rank > 400 * MS) {
          s.log(SeverityNumber.SEVERITY_NUMBER_WARN, SLOW_RANKING_PATTERN, Map.of("ms", ms(rank)));
        }
      } else {
        s.work(6);
      }
    }
    return s.finish(1);
  }

  private Server checkout(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.CHECKOUT, "POST", "/checkout", v, trace, parent, at);
    if (!s.failsHere(9)) {
      s.work(9);
      boolean ok = s.call(Shop.INVENTORY, "POST", "/inventory/reserve", (p, t) -> inventory(v, trace, p, t))
          && s.call(Shop.PAYMENTS, "POST", "/payments/authorize", (p, t) -> payments(v, trace, p, t))
          && s.peer(Shop.ORDERS_DB, "INSERT orders.orders", db(Shop.ORDERS_DB, "orders", "INSERT", "orders"), 6, 0.5)
              >= 0;
      if (ok) {
        s.log(SeverityNumber.SEVERITY_NUMBER_INFO,
            "Order {order} placed by user {user} with {items} items, total {amount} USD", Map.of());
      }
    }
    return s.finish(2);
  }

  private Server inventory(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.INVENTORY, "POST", "/inventory/reserve", v, trace, parent, at);
    if (!s.failsHere(3)) {
      s.work(3);
      if (s.peer(Shop.INVENTORY_DB, "UPDATE inventory.stock", db(Shop.INVENTORY_DB, "inventory", "UPDATE", "stock"),
          7, 0.5) >= 0) {
        s.log(SeverityNumber.SEVERITY_NUMBER_INFO,
            "Reserved {items} units of sku {sku} for order {order} in warehouse {warehouse}", Map.of());
      }
    }
    return s.finish(1);
  }

  private Server payments(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.PAYMENTS, "POST", "/payments/authorize", v, trace, parent, at);
    if (!s.failsHere(8)) {
      s.work(8);
      long t0 = s.cursor;
      if (s.call(Shop.PSP_GATEWAY, "POST", "/charges", (p, t) -> pspGateway(v, trace, p, t))) {
        s.log(SeverityNumber.SEVERITY_NUMBER_INFO, "Authorized payment {payment} for order {order} via {method} in {ms} ms",
            Map.of("ms", ms(s.cursor - t0)));
      }
    }
    return s.finish(2);
  }

  private Server pspGateway(Visit v, byte[] trace, byte[] parent, long at) {
    var s = new Server(Shop.PSP_GATEWAY, "POST", "/charges", v, trace, parent, at);
    if (!s.failsHere(3)) {
      s.work(3);
      String provider = Shop.provider(v.paymentMethod());
      String address = Shop.providerAddress(provider);
      double median = switch (provider) {
        case Shop.PIXHUB -> 240;
        case Shop.PAYPAL -> 300;
        default -> 180;
      };
      long took = s.peer(provider, "POST", http("POST", "https://" + address + "/v2/charges", address, 443, provider),
          median, 0.35);
      if (took >= 0) {
        s.log(SeverityNumber.SEVERITY_NUMBER_INFO, "Charge {charge} approved by {provider} in {ms} ms",
            Map.of("ms", ms(took), "provider", provider));
      }
    }
    return s.finish(1);
  }

  /** Log lines a freshly started instance writes; no trace context. */
  void startup(Rollout r, String region, long at) {
    var inst = new OtlpBatch.Instance(r.service(), region, r.toVersion());
    String app = Character.toUpperCase(r.service().charAt(0)) + r.service().substring(1).replace("-g", "G")
        + "Application";
    out.log(inst, logRecord(at, SeverityNumber.SEVERITY_NUMBER_INFO,
        "Starting " + app + " v" + r.toVersion() + " using Java 21.0.5 with PID " + (1000 + rnd.nextInt(60000)),
        null, null));
    out.log(inst, logRecord(at + 2_500 * MS, SeverityNumber.SEVERITY_NUMBER_INFO,
        lines.fill("Started " + app + " in {sec} seconds (process running for {sec})", null, Map.of()), null, null));
  }

  /** A server span under construction: the request's hop through one service. */
  private final class Server {
    final Visit v;
    final byte[] trace;
    final byte[] id = randomBytes(8);
    final byte[] parent;
    final String service;
    final String method;
    final String route;
    final String version;
    final String path;
    final OtlpBatch.Instance instance;
    final Effect effect;
    final double load;
    final long start;
    long cursor;
    long endNanos;
    Failure failure;
    Map<String, String> failureValues = Map.of();
    int status = 200;

    Server(String service, String method, String pathOrRoute, Visit v, byte[] trace, byte[] parent, long start) {
      this.v = v;
      this.trace = trace;
      this.parent = parent;
      this.service = service;
      this.method = method;
      this.route = pathOrRoute;
      this.path = pathOrRoute.replace("{id}", v.sku());
      this.start = start;
      this.cursor = start;
      this.version = plan.version(service, v.region(), start);
      this.instance = new OtlpBatch.Instance(service, v.region(), version);
      this.load = plan.injection().traffic(v.region(), start);
      this.effect = plan.injection().effect(new Hop(service, method + " " + route, null, v, version, start, load));
    }

    /** Decides whether this service fails on its own; if so it spends its time failing. */
    boolean failsHere(double selfMs) {
      if (effect.failProbability() > 0 && rnd.nextDouble() < effect.failProbability()) {
        harming = true;
        failure = effect.failure();
        cursor += failure.timeoutMs() > 0 ? failure.timeoutMs() * MS + latency(4, 0.3) : latency(2, 0.5);
        failureValues = Map.of("ms", ms(cursor - start));
        return true;
      }
      if (rnd.nextDouble() < Shop.BACKGROUND_FAILURE.get(service)) {
        failure = Shop.BACKGROUND.get(service);
        cursor += latency(selfMs, 0.6);
        failureValues = Map.of("ms", ms(cursor - start), "status", "500");
        return true;
      }
      return false;
    }

    void work(double medianMs) {
      harming |= effect.latencyFactor() != 1;
      cursor += (long) (latency(medianMs, 0.45) * effect.latencyFactor());
    }

    interface Callee {
      Server run(byte[] clientSpanId, long at);
    }

    /** Calls another shop service; false when it failed (this service then fails too). */
    boolean call(String callee, String m, String target, Callee fn) {
      if (failure != null) {
        return false;
      }
      byte[] client = randomBytes(8);
      long cStart = cursor + latency(0.2, 0.3);
      Server child = fn.run(client, cStart + latency(0.4, 0.5));
      long cEnd = child.endNanos + latency(0.4, 0.5);
      var attrs = new ArrayList<>(List.of(attr("http.request.method", m),
          attr("server.address", callee), attr("server.port", 8080),
          attr("url.full", "http://" + callee + ":8080" + target), attr("peer.service", callee),
          attr("http.response.status_code", child.status)));
      boolean failed = child.status >= 500;
      if (failed) {
        attrs.add(attr("error.type", Integer.toString(child.status)));
      }
      out.span(instance, span(trace, client, id, Span.SpanKind.SPAN_KIND_CLIENT, m, cStart, cEnd, attrs, failed, null));
      cursor = cEnd;
      if (failed) {
        failure = Failure.of(Shop.UPSTREAM_EXCEPTION, service.equals(Shop.PAYMENTS) ? 502 : 500,
            "Call to " + callee + " failed with HTTP {status} after {ms} ms");
        failureValues = Map.of("status", Integer.toString(child.status), "ms", ms(cEnd - cStart));
      }
      return !failed;
    }

    /**
     * Calls a database, cache, model or external provider; returns the call's duration, or -1 when
     * it failed (this service then fails with the injected failure).
     */
    long peer(String peer, String name, List<KeyValue> attributes, double medianMs, double sigma) {
      if (failure != null) {
        return -1;
      }
      Effect e = plan.injection().effect(new Hop(service, method + " " + route, peer, v, version, cursor, load));
      long cStart = cursor + latency(0.1, 0.3);
      boolean fails = e.failProbability() > 0 && rnd.nextDouble() < e.failProbability();
      harming |= fails || e.latencyFactor() != 1;
      boolean timeout = fails && e.failure().timeoutMs() > 0;
      long took = timeout ? e.failure().timeoutMs() * MS + latency(2, 0.3)
          : (long) (latency(medianMs, sigma) * e.latencyFactor());
      var attrs = new ArrayList<>(attributes);
      if (fails) {
        attrs.add(attr("error.type", timeout ? e.failure().exceptionType() : "503"));
        if (timeout) {
          attrs.add(attr("exception.type", e.failure().exceptionType()));
        } else {
          attrs.add(attr("http.response.status_code", 503));
        }
      } else if (attributes.stream().anyMatch(a -> a.getKey().equals("http.request.method"))) {
        attrs.add(attr("http.response.status_code", 200));
      }
      out.span(instance, span(trace, randomBytes(8), id, Span.SpanKind.SPAN_KIND_CLIENT, name, cStart, cStart + took, attrs,
          fails, timeout ? "Read timed out" : null));
      cursor = cStart + took;
      if (fails) {
        failure = e.failure();
        failureValues = Map.of("ms", ms(took), "status", "503");
        return -1;
      }
      return took;
    }

    Server finish(double tailMs) {
      if (failure == null) {
        work(tailMs);
      }
      endNanos = cursor + latency(0.05, 0.3);
      status = failure == null ? 200 : failure.status();
      var attrs = new ArrayList<>(List.of(attr("http.request.method", method), attr("http.route", route),
          attr("url.path", path), attr("url.scheme", "http"), attr("server.address", service),
          attr("http.response.status_code", status), attr("region", v.region()),
          attr("customer_tier", v.tier()), attr("device", v.device()), attr("user.id", v.userId()),
          attr("enduser.id", v.userId())));
      if (v.paymentMethod() != null) {
        attrs.add(attr("payment_method", v.paymentMethod()));
      }
      if (v.flagKey() != null && evaluates(service, v.flagKey())) {
        attrs.add(attr("feature_flag.key", v.flagKey()));
        attrs.add(attr("feature_flag.result.variant", v.variant()));
      }
      if (failure != null) {
        attrs.add(attr("error.type", failure.exceptionType()));
        attrs.add(attr("exception.type", failure.exceptionType()));
      }
      String message = failure == null ? null : lines.fill(failure.logPattern(), v, failureValues);
      out.span(instance, span(trace, id, parent, Span.SpanKind.SPAN_KIND_SERVER, method + " " + route, start, endNanos, attrs,
          failure != null, message));
      out.request(instance, method, route, status, endNanos - start);
      if (failure != null) {
        out.log(instance, logRecord(endNanos, SeverityNumber.SEVERITY_NUMBER_ERROR, message, trace, id));
      }
      return this;
    }

    void log(SeverityNumber severity, String pattern, Map<String, String> values) {
      out.log(instance, logRecord(cursor, severity, lines.fill(pattern, v, values), trace, id));
    }
  }

  private static boolean evaluates(String service, String flagKey) {
    return service.equals(Shop.FRONTEND)
        || (flagKey.equals(Shop.RECS_FLAG) ? service.equals(Shop.CATALOG) : service.equals(Shop.CHECKOUT));
  }

  private static Span span(byte[] trace, byte[] id, byte[] parent, Span.SpanKind kind, String name, long start, long end,
      List<KeyValue> attrs, boolean error, String message) {
    var b = Span.newBuilder().setTraceId(bytes(trace)).setSpanId(bytes(id)).setKind(kind).setName(name)
        .setStartTimeUnixNano(start).setEndTimeUnixNano(end).addAllAttributes(attrs);
    if (parent != null) {
      b.setParentSpanId(bytes(parent));
    }
    if (error) {
      var st = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR);
      if (message != null) {
        st.setMessage(message);
      }
      b.setStatus(st);
    }
    return b.build();
  }

  private LogRecord logRecord(long at, SeverityNumber severity, String body, byte[] trace, byte[] spanId) {
    var b = LogRecord.newBuilder().setTimeUnixNano(at).setObservedTimeUnixNano(at + latency(1, 0.5))
        .setSeverityNumber(severity).setSeverityText(severityText(severity))
        .setBody(AnyValue.newBuilder().setStringValue(body));
    if (trace != null) {
      b.setTraceId(bytes(trace)).setSpanId(bytes(spanId)).setFlags(1);
    }
    return b.build();
  }

  private static String severityText(SeverityNumber s) {
    return switch (s) {
      case SEVERITY_NUMBER_ERROR -> "ERROR";
      case SEVERITY_NUMBER_WARN -> "WARN";
      default -> "INFO";
    };
  }

  private static List<KeyValue> db(String peer, String namespace, String operation, String table) {
    return List.of(attr("db.system.name", "postgresql"), attr("db.namespace", namespace),
        attr("db.operation.name", operation), attr("db.collection.name", table),
        attr("server.address", peer + ".internal"), attr("server.port", 5432), attr("peer.service", peer));
  }

  private static List<KeyValue> redis(String operation) {
    return List.of(attr("db.system.name", "redis"), attr("db.operation.name", operation),
        attr("server.address", Shop.CART_CACHE + ".internal"), attr("server.port", 6379),
        attr("peer.service", Shop.CART_CACHE));
  }

  private static List<KeyValue> http(String method, String url, String address, int port, String peer) {
    return List.of(attr("http.request.method", method), attr("url.full", url), attr("server.address", address),
        attr("server.port", port), attr("peer.service", peer));
  }

  /** Log-normal around the median with a rare Pareto tail, in nanoseconds. */
  private long latency(double medianMs, double sigma) {
    double ms = medianMs * Math.exp(sigma * rnd.nextGaussian());
    if (rnd.nextDouble() < 0.008) {
      ms *= Math.min(40, Math.pow(1 - rnd.nextDouble(), -1 / 1.6));
    }
    return Math.max(1_000, (long) (ms * MS));
  }

  private static String ms(long nanos) {
    return Long.toString(Math.max(1, nanos / MS));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    b[0] |= 1;  // never all zero: an all-zero id is invalid in OTLP
    return b;
  }
}
