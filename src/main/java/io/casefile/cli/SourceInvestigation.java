package io.casefile.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.investigation.Investigation;
import io.casefile.investigation.InvestigationEngine;
import io.casefile.model.JsonCodec;
import io.casefile.investigation.Question;
import io.casefile.model.Durations;
import io.casefile.store.DuckDbStore;
import io.casefile.store.prometheus.ChangeSource;
import io.casefile.store.prometheus.MetricsMapping;
import io.casefile.store.prometheus.PrometheusSource;
import io.casefile.store.prometheus.PrometheusTelemetryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code casefile investigate --source prometheus=URL}: the question answered in-process from a
 * Prometheus-compatible backend, with change events from a Casefile data directory when given.
 */
final class SourceInvestigation {
  private SourceInvestigation() {}

  static Investigation run(String spec, Path mappingFile, Path data, ObjectNode q) throws Exception {
    MetricsMapping mapping = mappingFile == null ? MetricsMapping.SPANMETRICS : MetricsMapping.load(mappingFile);
    PrometheusSource source = PrometheusSource.parse(spec, 1, mapping);
    Question question = question(q);
    var d = InvestigationEngine.Settings.DEFAULTS;
    // buckets of the metrics' own step: an increase over whole steps is exact
    var settings = new InvestigationEngine.Settings(mapping.step(), d.lookback(), d.objective(), d.policy(), d.localizer(),
        d.maxCohorts());
    if (data == null) {
      var reader = new PrometheusTelemetryReader(source.client(), mapping, ChangeSource.NONE);
      return new InvestigationEngine(reader, settings).investigate(question);
    }
    if (!Files.isRegularFile(data.resolve("casefile.duckdb"))) {
      throw new IllegalArgumentException("--data " + data + " holds no Casefile store (casefile.duckdb)");
    }
    // Casefile's own store: its change events
    try (DuckDbStore own = DuckDbStore.openDirectory(data)) {
      return source.readers(own).withReader(reader -> new InvestigationEngine(reader, settings).investigate(question));
    }
  }

  private static Question question(ObjectNode q) throws JsonProcessingException {
    if (q.has("last")) {
      Instant to = q.has("to") ? Instant.parse(q.get("to").asText())
          : Instant.now().truncatedTo(ChronoUnit.MILLIS);
      q.put("from", to.minus(Durations.parse(q.remove("last").asText())).toString());
      q.put("to", to.toString());
    }
    try {
      return JsonCodec.mapper().treeToValue(q, Question.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw e;
    }
  }
}
