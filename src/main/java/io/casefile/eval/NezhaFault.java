package io.casefile.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One injected fault of the Nezha data: the day folder it belongs to, when ({@code inject_time},
 * read as UTC: the traces' clock), the pod and the fault type. The truth is the pod's service.
 */
record NezhaFault(Path day, Instant injectedAt, String pod, String type) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The service of a pod: its name without the last two dash-separated parts. */
  static String serviceOf(String pod) {
    String[] parts = pod.split("-");
    if (parts.length < 3) {
      return pod;
    }
    return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
  }

  String service() {
    return serviceOf(pod);
  }

  /** The system's short name: TT for Train Ticket, OB for Online Boutique. */
  String system() {
    return pod.startsWith("ts-") ? "TT" : "OB";
  }

  /** The faults listed in {@code <day>/<day>-fault_list.json}, in injection order. */
  static List<NezhaFault> read(Path day) throws IOException {
    Path list = day.resolve(day.getFileName() + "-fault_list.json");
    if (!Files.isRegularFile(list)) {
      throw new IllegalArgumentException("no fault list " + list);
    }
    JsonNode root = JsonCodec.mapper().readTree(list.toFile());
    List<NezhaFault> out = new ArrayList<>();
    for (JsonNode hour : root) {
      for (JsonNode f : hour) {
        String time = text(f, "inject_time", list);
        Instant at;
        try {
          at = LocalDateTime.parse(time, TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(list + ": inject_time is not 'yyyy-MM-dd HH:mm:ss': '" + time + "'");
        }
        out.add(new NezhaFault(day, at, text(f, "inject_pod", list), text(f, "inject_type", list)));
      }
    }
    out.sort(Comparator.comparing(NezhaFault::injectedAt));
    return out;
  }

  private static String text(JsonNode n, String field, Path file) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(file + ": a fault without " + field + ": " + n);
    }
    return v.asText();
  }
}
