package io.casefile.store;

/**
 * A batch with what loading it needs worked out beforehand, on the thread that decoded it: the
 * service-version counts of its spans.
 */
public final class PreparedBatch {
  final TelemetryBatch batch;
  final ServiceVersions.Delta versions = new ServiceVersions.Delta();

  PreparedBatch(TelemetryBatch batch) {
    this.batch = batch;
    versions.add(batch.spans());
  }

  public TelemetryBatch batch() {
    return batch;
  }

  /** The same preparation for a batch whose log records now carry template ids. */
  public PreparedBatch with(TelemetryBatch replaced) {
    return replaced == batch ? this : new PreparedBatch(replaced);
  }
}
