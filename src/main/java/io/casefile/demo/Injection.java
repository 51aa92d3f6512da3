package io.casefile.demo;

/**
 * What a scenario changes in the shop's behaviour. The defaults are the healthy shop; a scenario
 * overrides only what it injects. Implementations are pure functions of their arguments, so the
 * simulation stays deterministic.
 */
interface Injection {
  Injection NONE = new Injection() {};

  /** Multiplier of the region's request rate at the time (1 = normal). */
  default double traffic(String region, long atNanos) {
    return 1;
  }

  /** Percent of users in the flag's treatment at the time. */
  default int flagPercent(String flagKey, long atNanos) {
    return Shop.FLAG_PERCENT.get(flagKey);
  }

  /** The effect on one hop of a request. */
  default Effect effect(Hop hop) {
    return Effect.NONE;
  }
}
