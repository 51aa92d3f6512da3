package io.casefile.server;

import io.casefile.ingest.IngestLimits;
import io.casefile.ingest.LogTemplater;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How to run the server. {@code dataDir} null keeps the database in memory; a port of 0 binds an
 * ephemeral port; {@code retention} null keeps telemetry forever.
 */
public record ServerConfig(
    Path dataDir,
    String host,
    int otlpPort,
    int apiPort,
    Duration retention,
    Tokens tokens,
    long maxBodyBytes,
    long queueCapacityRows,
    long loadRows,
    IngestLimits limits,
    InstantSource clock,
    LogTemplater templater,
    long memoryBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** Rows per load transaction: one DuckDB row group, written compressed straight to the file. */
  public static final long DEFAULT_LOAD_ROWS = 122_880;
  /** The default memory budget: sized for a small machine (see {@link MemoryBudget}). */
  public static final long DEFAULT_MEMORY_BYTES = MemoryBudget.DEFAULT_BYTES;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 address as written in a URL
    }
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(templater, "templater");
    checkPort("OTLP port", otlpPort);
    checkPort("API port", apiPort);
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max body size must be at least 1024 bytes, got " + maxBodyBytes);
    }
    new MemoryBudget(memoryBytes); // validates
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
    }
  }

  /** Loopback, the standard ports, no auth, 7 days of retention. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, "127.0.0.1", 4318, 7070, Duration.ofDays(7), Tokens.NONE,
        DEFAULT_MAX_BODY_BYTES, 65_536, DEFAULT_LOAD_ROWS, IngestLimits.DEFAULT, InstantSource.system(), LogTemplater.NONE,
        DEFAULT_MEMORY_BYTES);
  }

  /** Like {@link #defaults} on ephemeral ports: for tests and embedding. */
  public static ServerConfig ephemeral(Path dataDir) {
    return defaults(dataDir).withPorts(0, 0);
  }

  public ServerConfig withPorts(int otlp, int api) {
    return new ServerConfig(dataDir, host, otlp, api, retention, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(dataDir, h, otlpPort, apiPort, retention, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withTokens(Tokens t) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, t, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withRetention(Duration r) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, r, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withQueue(long capacityRows, long rowsPerLoad) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, tokens, maxBodyBytes, capacityRows,
        rowsPerLoad, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, tokens, bytes, queueCapacityRows,
        loadRows, limits, clock, templater, memoryBytes);
  }

  public ServerConfig withClock(InstantSource c) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, c, templater, memoryBytes);
  }

  public ServerConfig withTemplater(LogTemplater t) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, t, memoryBytes);
  }

  public ServerConfig withMemoryBytes(long bytes) {
    return new ServerConfig(dataDir, host, otlpPort, apiPort, retention, tokens, maxBodyBytes, queueCapacityRows,
        loadRows, limits, clock, templater, bytes);
  }

  /** How the memory budget is split. */
  public MemoryBudget memory() {
    return new MemoryBudget(memoryBytes);
  }
}
