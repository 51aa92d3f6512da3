package io.casefile.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void groupsServerThreadsByTheirNames() {
    assertThat(ThreadCpu.group("casefile-loader")).isEqualTo("loader");
    assertThat(ThreadCpu.group("casefile-commit")).isEqualTo("commit");
    assertThat(ThreadCpu.group("casefile-ingest")).isEqualTo("ingest log"); // comm keeps 15 characters
    assertThat(ThreadCpu.group("ForkJoinPool-1-")).isEqualTo("requests");
    assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC");
    assertThat(ThreadCpu.group("G1 Refine#0")).isEqualTo("GC");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT");
    assertThat(ThreadCpu.group("java")).isEqualTo("DuckDB and native");
    assertThat(ThreadCpu.group("casefile-retent")).isEqualTo("other");
  }

  @Test
  void countsEachThreadsCpuSinceTheFirstSnapshotPerSpan() {
    Map<String, Double> before = Map.of("10 loader", 1.0, "11 requests", 2.0);
    Map<String, Double> after = Map.of("10 loader", 3.0, "11 requests", 2.5, "12 requests", 0.5);

    Map<String, Double> groups = ThreadCpu.between(before, after);

    assertThat(groups.keySet()).containsExactlyElementsOf(ThreadCpu.GROUPS);
    assertThat(groups.get("loader")).isEqualTo(2.0);
    assertThat(groups.get("requests")).isEqualTo(1.0); // a thread started meanwhile counts from zero
    assertThat(ThreadCpu.perSpan(groups, 1_000_000)).startsWith("loader 2.00, commit 0.00, requests 1.00,");
  }
}
