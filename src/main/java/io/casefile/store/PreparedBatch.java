package io.casefile.store;

/**
 * A batch with what loading it needs worked out beforehand, on the thread that decoded it: the
 * service-version counts of its spans, and whether every attribute key already has a column.
 */
public final class PreparedBatch {
  final TelemetryBatch batch;
  final ServiceVersions.Delta versions = new ServiceVersions.Delta();
  final boolean columnsKnown;

  PreparedBatch(TelemetryBatch batch, boolean columnsKnown) {
    this.batch = batch;
    this.columnsKnown = columnsKnown;
    versions.add(batch.spans());
  }

  public TelemetryBatch batch() {
    return batch;
  }

  /** The same preparation for a batch whose log records now carry template ids. */
  public PreparedBatch with(TelemetryBatch replaced) {
    return replaced == batch ? this : new PreparedBatch(replaced, columnsKnown);
  }
}
