package io.casefile.demo;

import io.casefile.model.ChangeEvent;
import java.io.IOException;

/**
 * Where a simulated scenario goes, in send order: change events as they happen and OTLP request
 * bodies as the shop's exporters would send them. A folder ({@link ScenarioFolder}) or a running
 * server ({@link ScenarioReplayer}).
 */
public interface ScenarioSink {
  void change(ChangeEvent change) throws IOException;

  void payload(Payload payload) throws IOException;
}
