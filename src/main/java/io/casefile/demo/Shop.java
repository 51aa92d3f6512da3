package io.casefile.demo;

import java.util.List;
import java.util.Map;

/**
 * The shop's fixed shape: its services and their versions, the regions it serves, the databases
 * and external providers it calls, and the background failures every healthy system has.
 */
final class Shop {
  private Shop() {}

  static final String ENVIRONMENT = "production";

  static final String FRONTEND = "frontend";
  static final String CATALOG = "catalog";
  static final String CHECKOUT = "checkout";
  static final String INVENTORY = "inventory";
  static final String PAYMENTS = "payments";
  static final String PSP_GATEWAY = "psp-gateway";

  /** Service name to the version running before any scenario deploys. */
  static final Map<String, String> VERSIONS = Map.of(
      FRONTEND, "3.13.2",
      CATALOG, "1.42.0",
      CHECKOUT, "5.8.1",
      INVENTORY, "4.1.3",
      PAYMENTS, "2.30.4",
      PSP_GATEWAY, "0.19.2");

  /** Serving regions: one instance of every service runs in each. */
  static final List<String> REGIONS = List.of("us-east", "eu-west", "sa-east");

  static final Map<String, Double> REGION_WEIGHTS = Map.of("us-east", 0.40, "eu-west", 0.35, "sa-east", 0.25);

  static final String CATALOG_DB = "catalog-db";
  static final String INVENTORY_DB = "inventory-db";
  static final String ORDERS_DB = "orders-db";
  static final String CART_CACHE = "cart-cache";
  static final String RECS_MODEL = "recs-model";

  static final String PAYNOVA = "paynova";
  static final String PIXHUB = "pixhub";
  static final String PAYPAL = "paypal";

  /** External payment provider by payment method. */
  static String provider(String paymentMethod) {
    return switch (paymentMethod) {
      case "pix" -> PIXHUB;
      case "paypal" -> PAYPAL;
      default -> PAYNOVA;
    };
  }

  static String providerAddress(String provider) {
    return switch (provider) {
      case PIXHUB -> "api.pixhub.com.br";
      case PAYPAL -> "api-m.paypal.com";
      default -> "api.paynova.com";
    };
  }

  static final String RECS_FLAG = "recommendations-v2";
  static final String ONE_CLICK_FLAG = "one-click-checkout";
  /** Percent of users in each flag's treatment before any scenario ramps it. */
  static final Map<String, Integer> FLAG_PERCENT = Map.of(RECS_FLAG, 5, ONE_CLICK_FLAG, 10);

  static String treatment(String flagKey) {
    return flagKey.equals(RECS_FLAG) ? "ml-ranker" : "on";
  }

  static String control(String flagKey) {
    return flagKey.equals(RECS_FLAG) ? "legacy" : "off";
  }

  /** Background failure probability of each service's own work (independent of the request). */
  static final Map<String, Double> BACKGROUND_FAILURE = Map.of(
      FRONTEND, 0.0006,
      CATALOG, 0.0012,
      CHECKOUT, 0.0010,
      INVENTORY, 0.0012,
      PAYMENTS, 0.0010,
      PSP_GATEWAY, 0.0015);

  static final Map<String, Failure> BACKGROUND = Map.of(
      FRONTEND, Failure.of("org.thymeleaf.exceptions.TemplateProcessingException", 500,
          "Template rendering failed for {path}: exception evaluating expression at line {n}"),
      CATALOG, Failure.of("org.postgresql.util.PSQLException", 500,
          "Query canceled after {ms} ms: statement timeout on catalog.products for sku {sku}"),
      CHECKOUT, Failure.of("org.springframework.orm.ObjectOptimisticLockingFailureException", 500,
          "Optimistic lock failure on cart {cart} at version {n}; giving up"),
      INVENTORY, Failure.of("org.postgresql.util.PSQLException", 500,
          "Deadlock detected while reserving sku {sku} for order {order} (attempt {n})"),
      PAYMENTS, Failure.of("com.shop.payments.FraudCheckUnavailableException", 500,
          "Fraud check unavailable for payment {payment} after {ms} ms"),
      PSP_GATEWAY, Failure.of("com.shop.psp.ProviderErrorException", 502,
          "Provider returned HTTP {status} for charge {charge}: upstream error"));

  /** The failure a caller reports when a service it calls answers with an error. */
  static final String UPSTREAM_EXCEPTION = "org.springframework.web.client.HttpServerErrorException";
}
