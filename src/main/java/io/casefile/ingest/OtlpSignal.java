package io.casefile.ingest;

/** The three OTLP signals and their HTTP paths. */
public enum OtlpSignal {
  TRACES("/v1/traces"), LOGS("/v1/logs"), METRICS("/v1/metrics");

  private final String path;

  OtlpSignal(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
