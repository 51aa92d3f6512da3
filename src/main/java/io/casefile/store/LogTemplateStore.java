package io.casefile.store;

import io.casefile.analysis.logs.LogTemplate;
import java.util.List;

/**
 * Where the templates mined from log bodies at ingest are kept ({@code log_templates}, whose ids
 * {@code logs.template_id} references). One writer at a time: the ingest loader.
 */
public interface LogTemplateStore {
  /** What a batch of mined records adds to one template: its text, time span and count. */
  record TemplateUse(long id, String template, long firstMicros, long lastMicros, long count) {
    public TemplateUse {
      if (id < 1 || count < 1 || template == null || firstMicros > lastMicros) {
        throw new IllegalArgumentException("template use needs a positive id and count, a text and first <= last"
            + " (template id " + id + ")");
      }
    }
  }

  /** A template the miner folded into another: its counts and its stored records move to {@code into}. */
  record Merge(long from, long into) {}

  /**
   * The stored templates by id, after making each one's count and first/last seen times exact
   * against the stored records (updates may lag, or run ahead of a failed record write).
   */
  List<LogTemplate> loadLogTemplates();

  /**
   * In one transaction: adds each use to its template (creating the new ones), then applies the
   * merges in order. When it throws, nothing was written.
   */
  void saveLogTemplates(List<TemplateUse> uses, List<Merge> merges);
}
