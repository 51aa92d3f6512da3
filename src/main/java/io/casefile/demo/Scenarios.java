package io.casefile.demo;

import static io.casefile.demo.Shop.CATALOG;
import static io.casefile.demo.Shop.CHECKOUT;
import static io.casefile.demo.Shop.FRONTEND;
import static io.casefile.demo.Shop.INVENTORY;
import static io.casefile.demo.Shop.PAYMENTS;
import static io.casefile.demo.Shop.PSP_GATEWAY;

import io.casefile.demo.GroundTruth.Component;
import io.casefile.demo.GroundTruth.Mitigation;
import io.casefile.demo.GroundTruth.Signature;
import io.casefile.model.ChangeEvent;
import io.casefile.model.ChangeType;
import io.casefile.model.Flow;
import io.casefile.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lays each scenario out on the simulated clock: its changes, rollouts, injected behaviour and truth. */
final class Scenarios {
  private Scenarios() {}

  static final String RESERVE = "POST /inventory/reserve";
  static final String AUTHORIZE = "POST /payments/authorize";
  static final String CHARGES = "POST /charges";
  static final String CHECKOUT_OP = "POST /checkout";
  static final String PRODUCT_OP = "GET /products/{id}";
  static final String PRODUCTS_OP = "GET /products";

  static final List<Flow> CHECKOUT_PATH = List.of(new Flow(FRONTEND, CHECKOUT_OP), new Flow(CHECKOUT, CHECKOUT_OP));

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static final long SECOND = 1_000_000_000L;
  static final long MINUTE = 60 * SECOND;

  static Plan plan(Scenario scenario, SimulationOptions o) {
    var b = new Builder(scenario, o);
    return switch (scenario) {
      case BAD_DEPLOY -> badDeploy(b);
      case FLAG_ROLLOUT -> flagRollout(b);
      case CONFIG_CHANGE -> configChange(b);
      case THIRD_PARTY_OUTAGE -> thirdPartyOutage(b);
      case TRAFFIC_SURGE -> trafficSurge(b);
      case RED_HERRING -> redHerring(b);
      case TWO_CHANGES -> twoChanges(b);
    };
  }

  private static Plan badDeploy(Builder b) {
    b.benignChange();
    String id = b.deploy(PAYMENTS, "2.31.0", b.t, "payments 2.31.0: new PIX QR payload builder, dependency upgrades");
    b.rollout(PAYMENTS, "2.31.0", List.of("sa-east", "us-east", "eu-west"), b.t + 20 * SECOND, 15 * SECOND);
    Failure pix = Failure.of("com.shop.payments.pix.PixPayloadException", 500,
        "PIX authorization failed for order {order}: invalid QR payload ({n} bytes, merchant city missing)");
    Injection injection = new Injection() {
      @Override
      public Effect effect(Hop h) {
        boolean hit = h.is(PAYMENTS, AUTHORIZE) && "2.31.0".equals(h.version()) && "pix".equals(h.visit().paymentMethod());
        return hit ? Effect.fail(0.75, pix) : Effect.NONE;
      }
    };
    return b.plan(injection, "errors", b.t + 20 * SECOND, flows(CHECKOUT_PATH, new Flow(PAYMENTS, AUTHORIZE)),
        List.of(Map.of("payment_method", "pix")), id, pix,
        new Component(PAYMENTS, AUTHORIZE, null),
        new Mitigation("rollback", PAYMENTS, "roll back payments 2.31.0 -> 2.30.4"));
  }

  private static Plan flagRollout(Builder b) {
    b.benignChange();
    String id = b.change("recommendations-v2-50", ChangeType.FEATURE_FLAG, b.t, CATALOG,
        "Ramp recommendations-v2 (variant ml-ranker) from 5% to 50% of users", null, null, Shop.RECS_FLAG, Map.of());
    long live = b.t + 10 * SECOND;
    Injection injection = new Injection() {
      @Override
      public int flagPercent(String flagKey, long at) {
        return flagKey.equals(Shop.RECS_FLAG) && at >= live ? 50 : Shop.FLAG_PERCENT.get(flagKey);
      }

      @Override
      public Effect effect(Hop h) {
        return h.calls(CATALOG, Shop.RECS_MODEL) && h.atNanos() >= live ? Effect.slow(14) : Effect.NONE;
      }
    };
    return b.plan(injection, "latency:p99", live,
        List.of(new Flow(FRONTEND, PRODUCT_OP), new Flow(CATALOG, PRODUCT_OP)),
        List.of(Map.of("feature_flag.result.variant", "ml-ranker")), id, null,
        ShopTraces.SLOW_RANKING, new Component(CATALOG, PRODUCT_OP, Shop.RECS_MODEL),
        new Mitigation("flag_rollback", Shop.RECS_FLAG, "ramp recommendations-v2 back to 5%"));
  }

  private static Plan configChange(Builder b) {
    b.benignChange();
    String id = b.change("inventory-db-pool", ChangeType.CONFIG, b.t, INVENTORY,
        "inventory: reduce DB connection pool maximumPoolSize 50 -> 10 (cost reduction)", null, null, null,
        Map.of());
    long ramp = 90 * SECOND;
    long earlyPeak = b.start + (b.t - b.start) / 2;
    long plateau = Math.min(8 * MINUTE, (b.t - b.start) / 5);
    long peak = b.t + (b.end - b.t) / 4;
    double threshold = 1.3;
    Injection injection = new Injection() {
      @Override
      public double traffic(String region, long at) {
        double early = at < earlyPeak ? 1 : 1 + 0.8 * Math.min(1, (at - earlyPeak) / (double) ramp)
            - 0.8 * Math.clamp((at - earlyPeak - ramp - plateau) / (double) ramp, 0, 1);
        double late = at < peak ? 1 : 1 + 0.8 * Math.min(1, (at - peak) / (double) ramp);
        return Math.max(early, late);
      }

      @Override
      public Effect effect(Hop h) {
        if (!h.is(INVENTORY, RESERVE) || h.atNanos() < b.t || h.load() <= threshold) {
          return Effect.NONE;
        }
        double p = Math.min(0.55, (h.load() - threshold) * 1.2);
        return new Effect(p, POOL_TIMEOUT, 1 + (h.load() - 1) * 4);
      }
    };
    long onset = peak + (long) (ramp * ((threshold - 1) / 0.8));
    return b.plan(injection, "errors", onset, flows(CHECKOUT_PATH, new Flow(INVENTORY, RESERVE)), List.of(), id,
        POOL_TIMEOUT, new Component(INVENTORY, RESERVE, null),
        new Mitigation("revert_config", INVENTORY, "restore the inventory DB pool maximumPoolSize to 50"));
  }

  static final Failure POOL_TIMEOUT = Failure.timeout("java.sql.SQLTransientConnectionException", 500,
      "InventoryPool - Connection is not available, request timed out after {ms} ms (total {n}, active {n}, idle {n}, waiting {n})",
      3000);

  private static Plan thirdPartyOutage(Builder b) {
    Failure timeout = Failure.timeout("java.net.SocketTimeoutException", 504,
        "Provider paynova did not respond within {ms} ms (charge {charge}, attempt {n})", 8000);
    Injection injection = new Injection() {
      @Override
      public Effect effect(Hop h) {
        return h.calls(PSP_GATEWAY, Shop.PAYNOVA) && h.atNanos() >= b.t ? new Effect(0.5, timeout, 4) : Effect.NONE;
      }
    };
    return b.plan(injection, "errors", b.t, paymentPath(), List.of(Map.of("payment_method", "card"),
            Map.of("payment_method", "apple_pay")), null, timeout,
        new Component(PSP_GATEWAY, CHARGES, Shop.PAYNOVA),
        new Mitigation("failover", Shop.PAYNOVA, "route card and Apple Pay charges to the secondary acquirer"));
  }

  private static Plan trafficSurge(Builder b) {
    b.benignChange();
    String id = b.change("shift-eu-west-to-us-east", ChangeType.TRAFFIC, b.t, FRONTEND,
        "Drain the eu-west edge for network maintenance: shift eu-west frontend traffic to us-east", null, null,
        null, Map.of("region", "us-east"));
    long ramp = 60 * SECOND;
    double surge = (Shop.REGION_WEIGHTS.get("us-east") + Shop.REGION_WEIGHTS.get("eu-west"))
        / Shop.REGION_WEIGHTS.get("us-east");
    double threshold = 1.25;
    Failure rejected = Failure.of("java.util.concurrent.RejectedExecutionException", 503,
        "Request queue full ({n} waiting); rejecting request for {path}");
    Injection injection = new Injection() {
      @Override
      public double traffic(String region, long at) {
        double shifted = Math.clamp((at - b.t) / (double) ramp, 0, 1);
        return switch (region) {
          case "eu-west" -> 1 - shifted;
          case "us-east" -> 1 + (surge - 1) * shifted;
          default -> 1;
        };
      }

      @Override
      public Effect effect(Hop h) {
        if (!h.service().equals(CATALOG) || h.peer() != null || !h.visit().region().equals("us-east")
            || h.load() <= threshold) {
          return Effect.NONE;
        }
        return new Effect(Math.min(0.6, (h.load() - threshold) * 0.8), rejected, 1 + (h.load() - 1) * 2.5);
      }
    };
    long onset = b.t + (long) (ramp * ((threshold - 1) / (surge - 1)));
    return b.plan(injection, "errors", onset,
        List.of(new Flow(FRONTEND, "GET /"), new Flow(FRONTEND, PRODUCT_OP), new Flow(CATALOG, PRODUCTS_OP),
            new Flow(CATALOG, PRODUCT_OP)),
        List.of(Map.of("region", "us-east")), id, rejected, new Component(CATALOG, PRODUCT_OP, null),
        new Mitigation("scale_out", CATALOG, "scale out catalog in us-east, or shift eu-west traffic back"));
  }

  private static Plan redHerring(Builder b) {
    long deployAt = b.t - 2 * MINUTE;
    b.deploy(FRONTEND, "3.14.0", deployAt, "frontend 3.14.0: redesigned product page, image CDN prefetching");
    var rollout = b.rollout(FRONTEND, "3.14.0", List.of("us-east", "eu-west", "sa-east"), deployAt + 10 * SECOND,
        10 * SECOND);
    Failure unavailable = Failure.of("com.shop.psp.ProviderUnavailableException", 502,
        "Provider paypal unavailable: HTTP {status} for charge {charge} after {ms} ms");
    Injection injection = new Injection() {
      @Override
      public Effect effect(Hop h) {
        if (h.calls(PSP_GATEWAY, Shop.PAYPAL) && h.atNanos() >= b.t) {
          return Effect.fail(0.7, unavailable);
        }
        if (h.service().equals(FRONTEND) && h.peer() == null) {
          long since = h.atNanos() - rollout.switchNanos(h.visit().region());
          return since >= 0 && since < MINUTE ? Effect.slow(2.5) : Effect.NONE;  // JIT warm-up
        }
        return Effect.NONE;
      }
    };
    return b.plan(injection, "errors", b.t, paymentPath(), List.of(Map.of("payment_method", "paypal")), null,
        unavailable, new Component(PSP_GATEWAY, CHARGES, Shop.PAYPAL),
        new Mitigation("disable_payment_method", Shop.PAYPAL, "hide PayPal at checkout until the provider recovers"));
  }

  private static Plan twoChanges(Builder b) {
    b.benignChange();
    String id = b.deploy(INVENTORY, "4.2.0", b.t, "inventory 4.2.0: cart schema v3 for reservations");
    long flagAt = b.t + 15 * SECOND;
    b.change("one-click-checkout-50", ChangeType.FEATURE_FLAG, flagAt, CHECKOUT,
        "Ramp one-click-checkout from 10% to 50% of users", null, null, Shop.ONE_CLICK_FLAG, Map.of());
    b.rollout(INVENTORY, "4.2.0", List.of("us-east", "eu-west", "sa-east"), b.t + 30 * SECOND, 15 * SECOND);
    Failure schema = Failure.of("com.shop.inventory.UnsupportedCartVersionException", 500,
        "Rejecting reservation for cart {cart}: unsupported cart schema version {n}");
    Injection injection = new Injection() {
      @Override
      public int flagPercent(String flagKey, long at) {
        return flagKey.equals(Shop.ONE_CLICK_FLAG) && at >= flagAt + 5 * SECOND ? 50 : Shop.FLAG_PERCENT.get(flagKey);
      }

      @Override
      public Effect effect(Hop h) {
        boolean hit = h.is(INVENTORY, RESERVE) && "4.2.0".equals(h.version()) && "android".equals(h.visit().device());
        return hit ? Effect.fail(0.85, schema) : Effect.NONE;
      }
    };
    return b.plan(injection, "errors", b.t + 30 * SECOND, flows(CHECKOUT_PATH, new Flow(INVENTORY, RESERVE)),
        List.of(Map.of("device", "android")), id, schema, new Component(INVENTORY, RESERVE, null),
        new Mitigation("rollback", INVENTORY, "roll back inventory 4.2.0 -> 4.1.3"));
  }

  private static List<Flow> paymentPath() {
    return flows(CHECKOUT_PATH, new Flow(PAYMENTS, AUTHORIZE), new Flow(PSP_GATEWAY, CHARGES));
  }

  private static List<Flow> flows(List<Flow> head, Flow... more) {
    var all = new ArrayList<>(head);
    all.addAll(List.of(more));
    return all;
  }

  /** Collects a scenario's changes and rollouts while it is laid out. */
  private static final class Builder {
    final Scenario scenario;
    final SimulationOptions options;
    final long start;
    final long t;
    final long end;
    final List<ChangeEvent> changes = new ArrayList<>();
    final List<Rollout> rollouts = new ArrayList<>();

    Builder(Scenario scenario, SimulationOptions options) {
      this.scenario = scenario;
      this.options = options;
      this.start = nanos(options.start());
      this.t = nanos(options.injectionTime());
      this.end = nanos(options.end());
    }

    /** A harmless config change early in the baseline, as every real system has. */
    void benignChange() {
      change("catalog-cache-ttl", ChangeType.CONFIG, start + (t - start) * 3 / 10, CATALOG,
          "catalog: raise product cache TTL from 300s to 600s", null, null, null, Map.of());
    }

    String deploy(String service, String version, long at, String summary) {
      return change(service + "-" + version, ChangeType.DEPLOY, at, service, summary, version,
          Shop.VERSIONS.get(service), null, Map.of());
    }

    Rollout rollout(String service, String version, List<String> order, long first, long step) {
      var r = new Rollout(service, Shop.VERSIONS.get(service), version, order, first, step);
      rollouts.add(r);
      return r;
    }

    String change(String slug, ChangeType type, long at, String service, String summary, String version,
        String previous, String flagKey, Map<String, String> targets) {
      String id = "chg-" + scenario.id() + "-" + slug;
      String author = type == ChangeType.DEPLOY ? "ci-bot" : "oncall@shop.example";
      String source = switch (type) {
        case DEPLOY -> "github-actions";
        case FEATURE_FLAG -> "flagd";
        default -> "ops-console";
      };
      String link = type == ChangeType.DEPLOY
          ? "https://git.shop.example/" + service + "/releases/tag/v" + version : null;
      changes.add(new ChangeEvent(id, type, instant(at), service, summary, version, previous, Shop.ENVIRONMENT,
          flagKey, targets, link, author, source));
      return id;
    }

    Plan plan(Injection injection, String signal, long onset, List<Flow> flows, List<Map<String, String>> cohort,
        String causal, Failure failure, Component component, Mitigation mitigation) {
      return plan(injection, signal, onset, flows, cohort, causal,
          new Signature("exception.type", failure.exceptionType()), failure.logTemplate(), component, mitigation);
    }

    Plan plan(Injection injection, String signal, long onset, List<Flow> flows, List<Map<String, String>> cohort,
        String causal, Signature signature, String logTemplate, Component component, Mitigation mitigation) {
      changes.sort((a, c) -> a.timestamp().compareTo(c.timestamp()));
      Instant onsetAt = instant(onset);
      Instant from = onsetAt.minus(Duration.ofMinutes(45));
      var range = new TimeRange(from.isBefore(options.start()) ? options.start() : from, options.end());
      var truth = new GroundTruth(scenario.id(), options.seed(), scenario.description(), options.start(),
          options.end(), signal, onsetAt, range, flows, cohort, causal,
          changes.stream().map(ChangeEvent::id).toList(), signature, logTemplate, component, mitigation);
      return new Plan(changes, rollouts, injection, truth);
    }
  }
}
