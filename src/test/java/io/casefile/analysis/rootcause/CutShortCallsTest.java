package io.casefile.analysis.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutShortCallsTest {
  private static final CallStep CATALOG = new CallStep("catalog", "GetProduct");
  private static final CallStep CURRENCY = new CallStep("currency", "GetSupportedCurrencies");
  private static final CallStep CART = new CallStep("cart", "GetCart");
  private static final CallStep ADS = new CallStep("ads", "GetAds");
  private static final CallStep RENDER = new CallStep(null, "render");

  private static final List<CallStep> PRODUCT_PAGE = List.of(CATALOG, CURRENCY, CART, ADS, RENDER);
  private static final List<CallStep> HOME_PAGE = List.of(CURRENCY, CART, ADS, RENDER);

  /** The frontend's two pages, with a few rare sequences seen once in the baseline. */
  private static List<CallPattern> steady(long product, long home) {
    List<CallPattern> out = new ArrayList<>();
    out.add(new CallPattern("frontend", "GET /", PRODUCT_PAGE, 400, product));
    out.add(new CallPattern("frontend", "GET /", HOME_PAGE, 400, home));
    out.add(new CallPattern("frontend", "GET /", List.of(CURRENCY, CART, CART, ADS, RENDER), 1, 0));
    out.add(new CallPattern("frontend", "GET /", List.of(CATALOG, RENDER), 1, 0));
    return out;
  }

  private static RootCauseInput input(List<CallPattern> patterns, List<CallGap> calls) {
    return new RootCauseInput(60, 60, List.of(), calls, List.of(), List.of(), patterns, List.of());
  }

  private static WindowStats calls(long n) {
    return new WindowStats(n, Math.log1p(1), 0.04);
  }

  @Test
  void requestsThatStopRightAfterACallBlameTheLastCalleeReachedBeforeTheCaller() {
    List<CallPattern> patterns = new ArrayList<>(steady(0, 400));
    // every product page now ends right after the catalog answers: a beginning of a baseline sequence
    patterns.add(new CallPattern("frontend", "GET /", List.of(CATALOG), 0, 380));
    patterns.add(new CallPattern("frontend", "GET /", PRODUCT_PAGE, 0, 20));
    // the calls the frontend stopped making, as the aggregates see them
    List<CallGap> gaps = List.of(new CallGap("frontend", "catalog", calls(400), calls(400)),
        new CallGap("frontend", "currency", calls(800), calls(420)),
        new CallGap("frontend", "cart", calls(800), calls(420)),
        new CallGap("frontend", "ads", calls(800), calls(420)));

    RootCauseRanking r = new RootCauseRanker().rank(input(patterns, gaps));

    assertThat(r.causes()).isNotEmpty();
    RankedCause first = r.causes().get(0);
    assertThat(first.service()).isEqualTo("catalog");
    assertThat(first.strongest().kind()).isEqualTo(CauseKind.ERRORS);
    assertThat(first.strongest().operation()).isEqualTo("GetProduct");
    assertThat(first.strongest().text()).contains("stop after calling it", "the last call of 380");
    assertThat(first.strongest().numbers()).containsEntry("cut_spans", 380.0);
    // the frontend did stop early, but a callee's failure explains it
    assertThat(r.causes()).extracting(RankedCause::service).contains("frontend");
    assertThat(r.causes().stream().filter(c -> c.service().equals("frontend")).findFirst().orElseThrow().score())
        .isLessThan(first.score());
  }

  @Test
  void sequencesSeenInTheBaselineOrLongerThanAnyAreNotCutShort() {
    List<CallPattern> patterns = new ArrayList<>(steady(380, 400));
    // a bigger cart than the baseline ever had: new, but no beginning of a baseline sequence
    patterns.add(new CallPattern("frontend", "GET /", List.of(CURRENCY, CART, CART, CART, ADS, RENDER, ADS), 0, 30));

    assertThat(new CutShortCalls(input(patterns, List.of())).evidence()).isEmpty();
    assertThat(new RootCauseRanker().rank(input(patterns, List.of())).causes()).isEmpty();
  }

  @Test
  void aFewNewBeginningsAreWithinWhatTheBaselineItselfShows() {
    List<CallPattern> patterns = new ArrayList<>(steady(380, 400));
    // the baseline made two sequences once each in 802 spans: a handful of new ones is expected
    patterns.add(new CallPattern("frontend", "GET /", List.of(CATALOG, CURRENCY), 0, 2));

    assertThat(new CutShortCalls(input(patterns, List.of())).evidence()).isEmpty();
  }

  @Test
  void bucketsCountRepeatsOfAStepInARowOnce() {
    Buckets b = new Buckets(4);
    b.callSequence("frontend", "GET /", List.of(CATALOG, CATALOG, CURRENCY), 0, 3);
    b.callSequence("frontend", "GET /", List.of(CATALOG, CURRENCY), 1, 2);
    b.callSequence("frontend", "GET /", List.of(CATALOG), 3, 5);

    RootCauseInput in = b.window(0, 2, 4, 10);

    assertThat(in.patterns()).containsExactlyInAnyOrder(
        new CallPattern("frontend", "GET /", List.of(CATALOG, CURRENCY), 5, 0),
        new CallPattern("frontend", "GET /", List.of(CATALOG), 0, 5));
  }
}
