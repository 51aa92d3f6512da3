package io.casefile.comms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Locale;

/** A place status updates are published to: a Slack incoming webhook or a generic JSON receiver. */
public record Webhook(String id, URI url, Format format) {

  public enum Format {
    SLACK, JSON;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Format parse(String value) {
      if (value != null) {
        for (Format f : values()) {
          if (f.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
            return f;
          }
        }
      }
      throw new IllegalArgumentException("webhook format must be slack or json, got: " + value);
    }
  }

  public Webhook {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("webhook id is required");
    }
    if (url == null || !url.isAbsolute() || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("webhook url must be an absolute http(s) URL, got: " + url);
    }
    if (format == null) {
      throw new IllegalArgumentException("webhook format must be slack or json");
    }
    String refused = refusedHost(url.getHost());
    if (refused != null) {
      throw new IllegalArgumentException("webhook url " + url + " is refused: " + refused);
    }
  }

  /** Cloud instance-metadata names: credentials live behind them. */
  private static final java.util.Set<String> METADATA_NAMES = java.util.Set.of("metadata.google.internal",
      "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

  /**
   * Why a host may not receive webhooks (null when it may): a cloud metadata name, or a literal
   * address that is link-local (169.254.0.0/16, fe80::/10: where metadata services listen), a
   * known metadata address, or the unspecified address. Names are checked again once resolved,
   * when a delivery is sent ({@link #refusedAddress}).
   */
  static String refusedHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (METADATA_NAMES.contains(h)) {
      return "it names a cloud metadata service";
    }
    if (h.startsWith("[") || h.matches("[0-9.]+") || h.matches("0x[0-9a-f.x]+")) {
      try {
        return refusedAddress(java.net.InetAddress.getByName(h)); // a literal: no lookup
      } catch (java.net.UnknownHostException e) {
        return "it is not a valid address";
      }
    }
    return null;
  }

  /** Why an address may not receive webhooks, or null. */
  static String refusedAddress(java.net.InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isLinkLocalAddress()) {
      return a.getHostAddress() + " is link-local (cloud metadata services listen there)";
    }
    if (a.isAnyLocalAddress()) {
      return a.getHostAddress() + " is the unspecified address";
    }
    if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
      return a.getHostAddress() + " is a cloud metadata address";
    }
    if (b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
        && (b[15] & 0xff) == 0x54 && (b[14] & 0xff) == 0x02) {
      return a.getHostAddress() + " is a cloud metadata address";
    }
    if (b.length == 16 && isMappedV4(b)) {
      try {
        return refusedAddress(java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
      } catch (java.net.UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  /** Resolves the host and names the first address a delivery may not go to, or null. */
  String refusedResolved() {
    try {
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(url.getHost())) {
        String r = refusedAddress(a);
        if (r != null) {
          return r;
        }
      }
      return null;
    } catch (java.net.UnknownHostException e) {
      return null; // the delivery reports the lookup failure itself
    }
  }

  /** Parses a URL given by a user, naming it when it is not one. */
  public static URI parseUrl(String text) {
    try {
      return URI.create(text == null ? "" : text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhook url is not a URL: " + text);
    }
  }
}
