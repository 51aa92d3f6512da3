package io.casefile.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The labelled incident scenarios the demo shop can play. */
public enum Scenario {
  BAD_DEPLOY("bad-deploy",
      "A new payments version fails PIX payments: checkout returns 500 for part of the traffic after a deploy."),
  FLAG_ROLLOUT("flag-rollout",
      "A feature-flag ramp sends half the users to the ml-ranker variant, whose model calls turn slow."),
  CONFIG_CHANGE("config-change",
      "A smaller inventory connection pool causes connection timeouts, but only once the lunch peak arrives."),
  THIRD_PARTY_OUTAGE("third-party-outage",
      "The card payment provider degrades and times out; nothing was changed on our side."),
  TRAFFIC_SURGE("traffic-surge",
      "eu-west traffic is shifted to us-east for maintenance and saturates the us-east catalog."),
  RED_HERRING("red-herring",
      "A loud frontend deploy lands two minutes before PayPal starts failing; the deploy is unrelated."),
  TWO_CHANGES("two-changes",
      "An inventory deploy and a feature-flag ramp land seconds apart; only the deploy breaks Android checkouts.");

  private final String id;
  private final String description;

  Scenario(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used on the command line and in files, e.g. {@code bad-deploy}. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Parses a scenario name; names the known ones when it is not one. */
  public static Scenario byName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Scenario s : values()) {
      if (s.id.equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
        + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
  }
}
