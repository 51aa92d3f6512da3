package io.casefile.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import io.casefile.model.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scenario written to files by {@code casefile simulate}: {@code payloads/NNNNNN-SIGNAL.pb}
 * (OTLP protobuf request bodies, numbered in send order), {@code changes.json} (the change
 * events in the API's wire form), {@code index.json} (the send order of payloads and changes, with
 * simulated send times) and {@code truth.json} (the {@link GroundTruth}).
 */
public final class ScenarioFolder {
  /** One step of the send order: a change (by id) or a payload file. */
  public record Entry(String changeId, String signal, Instant time, String file) {
    public boolean isChange() {
      return changeId != null;
    }
  }

  private final Path dir;
  private final GroundTruth truth;
  private final List<ChangeEvent> changes;
  private final List<Entry> entries;

  private ScenarioFolder(Path dir, GroundTruth truth, List<ChangeEvent> changes, List<Entry> entries) {
    this.dir = dir;
    this.truth = truth;
    this.changes = List.copyOf(changes);
    this.entries = List.copyOf(entries);
  }

  /** Simulates the scenario into {@code dir} (created, must be empty or absent) and returns its truth. */
  public static GroundTruth write(Scenario scenario, SimulationOptions options, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        if (list.findAny().isPresent()) {
          throw new IllegalArgumentException("output folder " + dir + " is not empty");
        }
      }
    }
    Files.createDirectories(dir.resolve("payloads"));
    var changes = new ArrayList<Map<String, Object>>();
    var index = new ArrayList<Map<String, Object>>();
    GroundTruth truth = ShopSimulation.run(scenario, options, new ScenarioSink() {
      int n;

      @Override
      public void change(ChangeEvent change) {
        changes.add(DemoJson.wire(change));
        index.add(entry("change", change.id(), null, change.timestamp()));
      }

      @Override
      public void payload(Payload p) throws IOException {
        String file = "payloads/%06d-%s.pb".formatted(++n, p.signal());
        Files.write(dir.resolve(file), p.body());
        index.add(entry("file", file, p.signal(), p.time()));
      }
    });
    Files.write(dir.resolve("changes.json"), DemoJson.FILES.writeValueAsBytes(changes));
    Files.write(dir.resolve("index.json"), DemoJson.FILES.writeValueAsBytes(index));
    Files.write(dir.resolve("truth.json"), DemoJson.FILES.writeValueAsBytes(truth));
    return truth;
  }

  private static Map<String, Object> entry(String key, String value, String signal, Instant time) {
    var m = new LinkedHashMap<String, Object>();
    m.put(key, value);
    if (signal != null) {
      m.put("signal", signal);
    }
    m.put("time", time.toString());
    return m;
  }

  /** Reads a folder written by {@link #write}; names what is missing or malformed. */
  public static ScenarioFolder read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("scenario folder " + dir + " does not exist");
    }
    try {
      GroundTruth truth = DemoJson.MAPPER.readValue(Files.readAllBytes(dir.resolve("truth.json")), GroundTruth.class);
      List<ChangeEvent> changes = DemoJson.changes(Files.readAllBytes(dir.resolve("changes.json")));
      List<Map<String, String>> index =
          DemoJson.MAPPER.readValue(Files.readAllBytes(dir.resolve("index.json")), new TypeReference<>() {});
      var entries = new ArrayList<Entry>();
      for (Map<String, String> e : index) {
        Instant time = Instant.parse(Objects.requireNonNull(e.get("time"), "index entry without time"));
        entries.add(new Entry(e.get("change"), e.get("signal"), time, e.get("file")));
      }
      return new ScenarioFolder(dir, truth, changes, entries);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(dir + " is not a scenario folder: missing " + e.getFile());
    } catch (com.fasterxml.jackson.core.JacksonException | NullPointerException e) {
      throw new IllegalArgumentException(dir + " holds a malformed scenario file: " + e.getMessage());
    }
  }

  public Path dir() {
    return dir;
  }

  public GroundTruth truth() {
    return truth;
  }

  public List<ChangeEvent> changes() {
    return changes;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Feeds the folder to the sink in the original send order. */
  public void replay(ScenarioSink sink) throws IOException {
    Map<String, ChangeEvent> byId = new LinkedHashMap<>();
    changes.forEach(c -> byId.put(c.id(), c));
    for (Entry e : entries) {
      if (e.isChange()) {
        ChangeEvent c = byId.get(e.changeId());
        if (c == null) {
          throw new IllegalArgumentException("index.json names change " + e.changeId() + " missing from changes.json");
        }
        sink.change(c);
      } else {
        sink.payload(new Payload(e.signal(), e.time(), Files.readAllBytes(dir.resolve(e.file()))));
      }
    }
  }
}
