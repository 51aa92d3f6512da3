package io.casefile.store.prometheus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the benchmark's data set as OpenMetrics: one flow ({@code shop}, {@code POST /checkout})
 * with 10 dimensions, a week of spanmetrics calls counters at 15 s, deterministic (seed 42). In the
 * last two hours payments 2.31.0 fails a third of pix checkouts. Run it by naming the output folder:
 * {@code ./mvnw -o test -Dtest=WeekOfSpanMetrics -Dcasefile.bench.dir=/tmp/week}.
 */
class WeekOfSpanMetrics {
  static final Instant END = Instant.parse("2026-03-08T12:00:00Z");
  static final Instant START = END.minus(Duration.ofDays(7));
  static final Instant ONSET = END.minus(Duration.ofHours(2)).plusSeconds(7 * 15);
  static final Duration STEP = Duration.ofSeconds(15);
  static final String[][] DIMENSIONS = {
      {"region", "eu-west", "us-east", "sa-east", "ap-south"},
      {"service_version", "2.30.4", "2.31.0"},
      {"payment_method", "card", "pix", "paypal"},
      {"device", "web-desktop", "web-mobile", "android"},
      {"customer_tier", "standard", "premium", "business"},
      {"feature_flag_result_variant", "on", "off"},
      {"k8s_cluster", "blue", "green"},
      {"currency", "BRL", "USD", "EUR"},
      {"app_build", "1041", "1042"},
      {"network", "wifi", "cellular"},
  };
  static final int LEAVES = 48;

  @Test
  @EnabledIfSystemProperty(named = "casefile.bench.dir", matches = ".+")
  void write() throws IOException {
    Path dir = Files.createDirectories(Path.of(System.getProperty("casefile.bench.dir")));
    SplittableRandom r = new SplittableRandom(42);
    List<String[]> leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      String[] leaf = new String[DIMENSIONS.length];
      for (int d = 0; d < DIMENSIONS.length; d++) {
        leaf[d] = DIMENSIONS[d][1 + r.nextInt(DIMENSIONS[d].length - 1)];
      }
      leaves.add(leaf);
    }
    int steps = (int) (Duration.between(START, END).toMillis() / STEP.toMillis());
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("week.om"))) {
      w.write("# TYPE " + SpanMetricsSeries.CALLS + " counter\n");
      for (int i = 0; i < leaves.size(); i++) {
        String[] leaf = leaves.get(i);
        boolean faulty = leaf[1].equals("2.31.0") && leaf[2].equals("pix");
        StringBuilder labels = new StringBuilder("service_name=\"shop\",span_kind=\"SPAN_KIND_SERVER\",span_name=\"POST /checkout\"");
        for (int d = 0; d < DIMENSIONS.length; d++) {
          labels.append(',').append(DIMENSIONS[d][0]).append("=\"").append(leaf[d]).append('"');
        }
        for (String status : new String[] {"STATUS_CODE_UNSET", "STATUS_CODE_ERROR"}) {
          SplittableRandom counts = new SplittableRandom(1000L * i);
          long total = 0;
          String prefix = SpanMetricsSeries.CALLS + "_total{" + labels + ",status_code=\"" + status + "\"} ";
          StringBuilder b = new StringBuilder(1 << 16);
          for (int k = 0; k <= steps; k++) {
            Instant t = START.plus(STEP.multipliedBy(k));
            b.append(prefix).append(total).append(' ').append(t.getEpochSecond()).append('\n');
            long calls = 2 + counts.nextInt(5);
            double errorRate = faulty && !t.isBefore(ONSET) ? 0.33 : 0.004;
            long errors = 0;
            for (int c = 0; c < calls; c++) {
              errors += counts.nextDouble() < errorRate ? 1 : 0;
            }
            total += status.equals("STATUS_CODE_ERROR") ? errors : calls - errors;
            if (b.length() > 60_000) {
              w.write(b.toString());
              b.setLength(0);
            }
          }
          w.write(b.toString());
        }
      }
      w.write("# EOF\n");
    }
  }
}
