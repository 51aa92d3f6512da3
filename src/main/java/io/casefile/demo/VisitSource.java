package io.casefile.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * User requests arriving at the shop: a Poisson process whose rate follows a daily shape and the
 * scenario's traffic multipliers, each request with its region, user, tier, device, page, payment
 * method and feature-flag assignment. Tier, device and flag bucket are sticky per user.
 */
final class VisitSource {
  private static final List<String> TIERS = List.of("standard", "plus", "premium");
  private static final double[] TIER_WEIGHTS = {0.70, 0.22, 0.08};
  private static final List<String> DEVICES = List.of("web-desktop", "web-mobile", "ios", "android");
  private static final double[] DEVICE_WEIGHTS = {0.38, 0.27, 0.20, 0.15};
  private static final double[] PAGE_WEIGHTS = {0.25, 0.45, 0.12, 0.18};
  private static final List<String> METHODS = List.of("card", "pix", "paypal", "apple_pay");
  private static final Map<String, double[]> METHOD_WEIGHTS = Map.of(
      "us-east", new double[] {0.58, 0.04, 0.20, 0.18},
      "eu-west", new double[] {0.60, 0.03, 0.22, 0.15},
      "sa-east", new double[] {0.35, 0.45, 0.08, 0.12});
  private static final int USERS_PER_REGION = 20_000;

  private final SplittableRandom rnd;
  private final Injection injection;
  private final double rate;
  private long next;

  VisitSource(SplittableRandom rnd, Injection injection, double rate, long startNanos) {
    this.rnd = rnd;
    this.injection = injection;
    this.rate = rate;
    this.next = startNanos;
    advance();
  }

  /** The start time of the next visit; visits come in time order. */
  long peek() {
    return next;
  }

  Visit next() {
    long at = next;
    advance();
    return visit(at);
  }

  private void advance() {
    double lambda = rate * daily(next) * totalTraffic(next);
    // a rate that drops to zero would stall the process: keep a floor and step over it
    double gap = -Math.log(1 - rnd.nextDouble()) / Math.max(lambda, 1e-3);
    next += Math.max(1, (long) (gap * 1e9));
  }

  private double totalTraffic(long at) {
    double sum = 0;
    for (String r : Shop.REGIONS) {
      sum += Shop.REGION_WEIGHTS.get(r) * injection.traffic(r, at);
    }
    return sum;
  }

  /** Busier in the (UTC) day than at night; slow enough that an hour looks nearly flat. */
  static double daily(long atNanos) {
    var t = Instant.ofEpochSecond(atNanos / 1_000_000_000L).atZone(ZoneOffset.UTC);
    double hour = t.getHour() + t.getMinute() / 60.0;
    return 1 + 0.35 * Math.sin(2 * Math.PI * (hour - 9) / 24);
  }

  private Visit visit(long at) {
    String region = region(at);
    int user = userIndex();
    long h = mix(user * 31L + Shop.REGIONS.indexOf(region));
    String userId = "u-" + (100_000 + Shop.REGIONS.indexOf(region) * USERS_PER_REGION + user);
    String tier = TIERS.get(pickBy(TIER_WEIGHTS, unit(h)));
    String device = DEVICES.get(pickBy(DEVICE_WEIGHTS, unit(mix(h))));
    Visit.Page page = Visit.Page.values()[pickBy(PAGE_WEIGHTS, rnd.nextDouble())];
    String method = null;
    String flag = null;
    if (page == Visit.Page.CHECKOUT) {
      method = METHODS.get(pickBy(METHOD_WEIGHTS.get(region), rnd.nextDouble()));
      flag = Shop.ONE_CLICK_FLAG;
    } else if (page == Visit.Page.PRODUCT) {
      flag = Shop.RECS_FLAG;
    }
    String variant = null;
    if (flag != null) {
      long bucket = Math.floorMod(mix(h ^ flag.hashCode()), 100);
      variant = bucket < injection.flagPercent(flag, at) ? Shop.treatment(flag) : Shop.control(flag);
    }
    String sku = "SKU-" + (10_000 + (int) (90_000 * Math.pow(rnd.nextDouble(), 2)));
    int items = 1 + (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * 1.4);
    String order = "ord-" + (1_000_000 + rnd.nextInt(9_000_000));
    String cart = "cart-" + HexFormat.of().toHexDigits(rnd.nextInt()).substring(2);
    double amount = Math.round(items * (8 + 120 * Math.pow(rnd.nextDouble(), 2)) * 100) / 100.0;
    return new Visit(at, page, region, userId, tier, device, method, flag, variant, sku, Math.min(items, 12),
        order, cart, amount);
  }

  private String region(long at) {
    double[] w = new double[Shop.REGIONS.size()];
    for (int i = 0; i < w.length; i++) {
      String r = Shop.REGIONS.get(i);
      w[i] = Shop.REGION_WEIGHTS.get(r) * injection.traffic(r, at);
    }
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return Shop.REGIONS.get(pickBy(w, rnd.nextDouble()));
  }

  /** Some users visit far more often than others. */
  private int userIndex() {
    return (int) (USERS_PER_REGION * Math.pow(rnd.nextDouble(), 2.5));
  }

  static int pickBy(double[] weights, double u) {
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finalizer: a stable hash for sticky per-user assignments. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
