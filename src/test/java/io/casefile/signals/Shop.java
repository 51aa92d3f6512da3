package io.casefile.signals;

import io.casefile.analysis.traces.SpanKind;
import io.casefile.analysis.traces.TraceSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hand-built shop traffic: checkout {@code POST /checkout} calls inventory {@code GET /stock}
 * (which queries postgres) and payments {@code POST /pix/authorize} (which calls the external
 * pix-gateway). Each window sets how often and how slowly the gateway and the stock query fail.
 */
final class Shop {
  /** How one window behaves. */
  record Behaviour(double gatewayErrors, long gatewayMicros, double stockErrors) {}

  static final Behaviour NORMAL = new Behaviour(0.0, 120_000, 0.01);

  private final Random random;
  private int traces;

  Shop(long seed) {
    random = new Random(seed);
  }

  /** {@code n} requests spread evenly over [from, from + seconds). */
  List<TraceSpan> traffic(Instant from, long seconds, int n, Behaviour b) {
    List<TraceSpan> out = new ArrayList<>();
    long start = from.getEpochSecond() * 1_000_000L;
    for (int i = 0; i < n; i++) {
      out.addAll(request("t" + traces++, start + i * seconds * 1_000_000L / n, b));
    }
    return out;
  }

  private List<TraceSpan> request(String trace, long t0, Behaviour b) {
    boolean gatewayFails = random.nextDouble() < b.gatewayErrors();
    boolean stockFails = random.nextDouble() < b.stockErrors();
    long gateway = b.gatewayMicros() + random.nextInt(20_000);
    long db = 2_000 + random.nextInt(1_000);
    long stock = db + 1_000;
    long pay = gateway + 3_000;
    long root = stock + 500 + pay + 500 + 2_000;
    boolean fails = gatewayFails || stockFails;
    List<TraceSpan> s = new ArrayList<>();
    s.add(span(trace, "r", null, "checkout", "POST /checkout", SpanKind.SERVER, fails, t0, root, null));
    s.add(span(trace, "c1", "r", "checkout", "GET", SpanKind.CLIENT, stockFails, t0 + 100, stock + 200, "inventory"));
    s.add(span(trace, "i", "c1", "inventory", "GET /stock", SpanKind.SERVER, stockFails, t0 + 200, stock, null));
    s.add(span(trace, "i1", "i", "inventory", "SELECT stock", SpanKind.CLIENT, false, t0 + 300, db, "postgres"));
    long payStart = t0 + stock + 600;
    s.add(span(trace, "c2", "r", "checkout", "POST", SpanKind.CLIENT, gatewayFails, payStart, pay + 200, "payments"));
    s.add(span(trace, "p", "c2", "payments", "POST /pix/authorize", SpanKind.SERVER, gatewayFails,
        payStart + 100, pay, null));
    s.add(span(trace, "p1", "p", "payments", "authorize", SpanKind.INTERNAL, gatewayFails,
        payStart + 200, gateway + 1_000, null));
    s.add(span(trace, "p2", "p1", "payments", "POST", SpanKind.CLIENT, gatewayFails,
        payStart + 300, gateway, "pix-gateway"));
    return s;
  }

  private static TraceSpan span(String trace, String id, String parent, String service, String op,
      SpanKind kind, boolean error, long start, long duration, String peer) {
    return new TraceSpan(trace, id, parent, service, op, kind, error, start, duration, peer);
  }
}
