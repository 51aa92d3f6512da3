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
