package io.casefile.demo;

import java.util.Objects;

/**
 * One user request entering the shop at the frontend, with the per-request attributes that every
 * server span on its path carries. {@code paymentMethod}, {@code flagKey} and {@code variant} are
 * null where the page does not use them.
 */
record Visit(
    long startNanos,
    Page page,
    String region,
    String userId,
    String tier,
    String device,
    String paymentMethod,
    String flagKey,
    String variant,
    String sku,
    int items,
    String orderId,
    String cartId,
    double amount) {

  Visit {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(region, "region");
    if (items < 1) {
      throw new IllegalArgumentException("a visit needs at least one item, got " + items);
    }
  }

  /** The pages of the shop, each a frontend route. */
  enum Page {
    HOME("GET", "/"),
    PRODUCT("GET", "/products/{id}"),
    ADD_TO_CART("POST", "/cart/items"),
    CHECKOUT("POST", "/checkout");

    final String method;
    final String route;

    Page(String method, String route) {
      this.method = method;
      this.route = route;
    }
  }
}
