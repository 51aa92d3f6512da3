package io.casefile.analysis.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorPathsTest {

  @Test
  void findsTheDeepestErrorThroughSeveralLevelsAndNamesThePeer() {
    Spans t = new Spans("t1");
    TraceSpan checkout = t.server(null, "checkout", "POST /checkout", true, 5_000);
    t.client(checkout, "checkout", "GET /cart", "cart", false, 100);
    TraceSpan payCall = t.client(checkout, "checkout", "POST /pay", "payments", true, 4_000);
    TraceSpan pay = t.server(payCall, "payments", "POST /pix/authorize", true, 3_900);
    TraceSpan logic = t.internal(pay, "payments", "authorize", true, 3_800);
    TraceSpan gw = t.client(logic, "payments", "POST", "pix-gateway", true, 3_700);
    t.client(logic, "payments", "INSERT", "postgres", false, 50);

    ErrorPath path = ErrorPaths.follow(t.all(), checkout).orElseThrow();

    assertThat(path.origin()).isEqualTo(gw);
    assertThat(path.depth()).isEqualTo(4);
    assertThat(path.origin().component())
        .isEqualTo(new Component("payments", "POST", "pix-gateway"));
    assertThat(path.services()).containsExactlyInAnyOrder("checkout", "payments");
  }

  @Test
  void stopsWhereTheErrorIsRaisedWhenNoChildFailed() {
    Spans t = new Spans("t2");
    TraceSpan root = t.server(null, "checkout", "POST /checkout", true, 1_000);
    TraceSpan inv = t.server(root, "inventory", "GET /stock", true, 500);
    t.client(inv, "inventory", "SELECT", "postgres", false, 100);

    assertThat(ErrorPaths.follow(t.all(), root).orElseThrow().origin()).isEqualTo(inv);
  }

  @Test
  void aSuccessfulRequestHasNoErrorPath() {
    Spans t = new Spans("t3");
    TraceSpan root = t.server(null, "checkout", "POST /checkout", false, 1_000);
    t.client(root, "checkout", "POST /pay", "payments", true, 100);

    assertThat(ErrorPaths.follow(t.all(), root)).isEmpty();
  }

  @Test
  void survivesCyclicParentIds() {
    TraceSpan a = new TraceSpan("t", "a", "b", "svc", "op", SpanKind.SERVER, true, 0, 10, null);
    TraceSpan b = new TraceSpan("t", "b", "a", "svc", "op2", SpanKind.INTERNAL, true, 1, 5, null);

    ErrorPath p = ErrorPaths.follow(List.of(a, b), a).orElseThrow();

    assertThat(p.origin()).isEqualTo(b);
  }

  @Test
  void tiesBetweenEquallyDeepErrorsGoToTheEarliestSpan() {
    Spans t = new Spans("t4");
    TraceSpan root = t.server(null, "api", "GET /x", true, 1_000);
    TraceSpan first = t.add(root, "api", "call-a", SpanKind.CLIENT, true, 5, 100, "a");
    t.add(root, "api", "call-b", SpanKind.CLIENT, true, 7, 100, "b");

    assertThat(ErrorPaths.follow(t.all(), root).orElseThrow().origin()).isEqualTo(first);
  }
}
