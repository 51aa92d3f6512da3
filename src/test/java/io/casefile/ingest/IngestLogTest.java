package io.casefile.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestLogTest {
  /** Length and checksum, then signal and format bytes. */
  private static final int OVERHEAD = 10;

  @TempDir Path dir;

  private static IngestLog.Entry entry(OtlpSignal signal, boolean json, String body) {
    return new IngestLog.Entry(signal, json, body.getBytes(StandardCharsets.UTF_8), 0);
  }

  private static List<IngestLog.Entry> replay(IngestLog log, long from) {
    List<IngestLog.Entry> out = new ArrayList<>();
    log.replay(from, out::add);
    return out;
  }

  private static String body(IngestLog.Entry e) {
    return new String(e.body(), StandardCharsets.UTF_8);
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void appendedRecordsReplayInOrderWithTheirEndPositions() {
    try (IngestLog log = IngestLog.open(dir)) {
      long[] first = log.append(List.of(entry(OtlpSignal.TRACES, false, "spans"),
          entry(OtlpSignal.LOGS, true, "{\"resourceLogs\":[]}")));
      long[] second = log.append(List.of(entry(OtlpSignal.METRICS, false, "")));

      assertThat(first).containsExactly(OVERHEAD + 5, OVERHEAD + 5 + OVERHEAD + 19);
      assertThat(second).containsExactly(first[1] + OVERHEAD);
      assertThat(log.end()).isEqualTo(second[0]);

      List<IngestLog.Entry> all = replay(log, 0);
      assertThat(all).extracting(IngestLog.Entry::signal)
          .containsExactly(OtlpSignal.TRACES, OtlpSignal.LOGS, OtlpSignal.METRICS);
      assertThat(all).extracting(IngestLog.Entry::json).containsExactly(false, true, false);
      assertThat(all).extracting(IngestLogTest::body).containsExactly("spans", "{\"resourceLogs\":[]}", "");
      assertThat(all).extracting(IngestLog.Entry::end).containsExactly(first[0], first[1], second[0]);
    }
  }

  @Test
  void recordsSurviveReopening() {
    long end;
    try (IngestLog log = IngestLog.open(dir)) {
      end = log.append(List.of(entry(OtlpSignal.TRACES, false, "a"), entry(OtlpSignal.LOGS, false, "b")))[1];
    }
    try (IngestLog log = IngestLog.open(dir)) {
      assertThat(log.end()).isEqualTo(end);
      assertThat(replay(log, 0)).extracting(IngestLogTest::body).containsExactly("a", "b");
    }
  }

  @Test
  void replaySkipsRecordsEndingAtOrBeforeThePosition() {
    try (IngestLog log = IngestLog.open(dir)) {
      long[] ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "one"),
          entry(OtlpSignal.TRACES, false, "two"), entry(OtlpSignal.TRACES, false, "three")));

      assertThat(replay(log, ends[0])).extracting(IngestLogTest::body).containsExactly("two", "three");
      assertThat(replay(log, ends[0] - 1)).extracting(IngestLogTest::body).containsExactly("one", "two", "three");
      assertThat(replay(log, ends[1] + 1)).extracting(IngestLogTest::body).containsExactly("three");
      assertThat(replay(log, ends[2])).isEmpty();
    }
  }

  @Test
  void aTruncatedLastRecordIsCutOffAndAppendingContinuesAfterTheCut() throws IOException {
    long[] ends;
    try (IngestLog log = IngestLog.open(dir)) {
      ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "kept"),
          entry(OtlpSignal.TRACES, false, "torn in the middle of its body")));
    }
    Path segment = segmentFiles().get(0);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ends[1] - 7); // a write that stopped inside the second record's body
    }

    assertReopensWithOnly(ends[0], "kept");
  }

  @Test
  void aPartialHeaderIsCutOff() throws IOException {
    long[] ends;
    try (IngestLog log = IngestLog.open(dir)) {
      ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "kept"), entry(OtlpSignal.LOGS, false, "lost")));
    }
    try (FileChannel ch = FileChannel.open(segmentFiles().get(0), StandardOpenOption.WRITE)) {
      ch.truncate(ends[0] + 3); // three bytes of the second record's length field
    }

    assertReopensWithOnly(ends[0], "kept");
  }

  @Test
  void aCorruptLastRecordIsCutOff() throws IOException {
    long[] ends;
    try (IngestLog log = IngestLog.open(dir)) {
      ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "kept"),
          entry(OtlpSignal.TRACES, false, "one byte of this body flips")));
    }
    Path segment = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[(int) ends[1] - 3] ^= 0x20;
    Files.write(segment, bytes);

    assertReopensWithOnly(ends[0], "kept");
  }

  @Test
  void garbageAfterTheLastRecordIsCutOff() throws IOException {
    long[] ends;
    try (IngestLog log = IngestLog.open(dir)) {
      ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "kept")));
    }
    byte[] garbage = new byte[100];
    Arrays.fill(garbage, (byte) 0x5a);
    Files.write(segmentFiles().get(0), garbage, StandardOpenOption.APPEND);

    assertReopensWithOnly(ends[0], "kept");
  }

  @Test
  void zeroFilledTailIsCutOff() throws IOException {
    long[] ends;
    try (IngestLog log = IngestLog.open(dir)) {
      ends = log.append(List.of(entry(OtlpSignal.TRACES, false, "kept")));
    }
    // a file system may extend a file before the data reaches it: the tail reads as zeros
    Files.write(segmentFiles().get(0), new byte[4096], StandardOpenOption.APPEND);

    assertReopensWithOnly(ends[0], "kept");
  }

  /** Reopens: only {@code kept} is there, and a new record follows it directly and survives. */
  private void assertReopensWithOnly(long keptEnd, String kept) throws IOException {
    try (IngestLog log = IngestLog.open(dir)) {
      assertThat(log.end()).isEqualTo(keptEnd);
      assertThat(Files.size(segmentFiles().get(0))).isEqualTo(keptEnd);
      assertThat(replay(log, 0)).extracting(IngestLogTest::body).containsExactly(kept);

      long[] next = log.append(List.of(entry(OtlpSignal.METRICS, true, "after the cut")));
      assertThat(next).containsExactly(keptEnd + OVERHEAD + 13);
    }
    try (IngestLog log = IngestLog.open(dir)) {
      List<IngestLog.Entry> all = replay(log, 0);
      assertThat(all).extracting(IngestLogTest::body).containsExactly(kept, "after the cut");
      assertThat(all.get(1).signal()).isEqualTo(OtlpSignal.METRICS);
      assertThat(all.get(1).json()).isTrue();
      assertThat(all.get(1).end()).isEqualTo(log.end());
    }
  }

  @Test
  void segmentsRotateAndLoadedOnesAreReleased() throws IOException {
    int size = 16 << 20;
    List<Long> ends = new ArrayList<>();
    try (IngestLog log = IngestLog.open(dir)) {
      // five 16 MiB bodies: the first four fill the first segment past 64 MiB, the fifth starts a new one
      for (int i = 0; i < 5; i++) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) i);
        ends.add(log.append(List.of(new IngestLog.Entry(OtlpSignal.TRACES, false, body, 0)))[0]);
      }
      assertThat(ends.get(3)).isGreaterThanOrEqualTo(IngestLog.SEGMENT_BYTES);
      assertThat(log.segments()).isEqualTo(2);
      assertThat(segmentFiles()).extracting(p -> p.getFileName().toString())
          .containsExactly("%020d.log".formatted(0), "%020d.log".formatted(ends.get(3)));

      List<Long> replayed = new ArrayList<>();
      log.replay(ends.get(1), e -> {
        assertThat(e.body()).hasSize(size);
        replayed.add(e.end());
      });
      assertThat(replayed).containsExactly(ends.get(2), ends.get(3), ends.get(4));

      log.release(ends.get(2)); // the first segment still holds an unloaded record
      assertThat(log.segments()).isEqualTo(2);

      log.release(ends.get(3));
      assertThat(log.segments()).isEqualTo(1);
      assertThat(segmentFiles()).extracting(p -> p.getFileName().toString())
          .containsExactly("%020d.log".formatted(ends.get(3)));

      log.release(ends.get(4)); // the active segment stays, even when everything in it is loaded
      assertThat(log.segments()).isEqualTo(1);

      List<IngestLog.Entry> rest = replay(log, 0);
      assertThat(rest).extracting(IngestLog.Entry::end).containsExactly(ends.get(4));
      assertThat(rest.get(0).body()[size - 1]).isEqualTo((byte) 4);
    }
    try (IngestLog log = IngestLog.open(dir)) {
      assertThat(log.end()).isEqualTo(ends.get(4));
      long next = log.append(List.of(entry(OtlpSignal.LOGS, false, "x")))[0];
      assertThat(next).isEqualTo(ends.get(4) + OVERHEAD + 1);
      assertThat(replay(log, ends.get(4))).extracting(IngestLogTest::body).containsExactly("x");
    }
  }

  @Test
  void aTornTailInANewSegmentKeepsTheEarlierSegments() throws IOException {
    byte[] big = new byte[(int) IngestLog.SEGMENT_BYTES];
    long firstEnd;
    long[] tail;
    try (IngestLog log = IngestLog.open(dir)) {
      firstEnd = log.append(List.of(new IngestLog.Entry(OtlpSignal.TRACES, false, big, 0)))[0];
      tail = log.append(List.of(entry(OtlpSignal.TRACES, false, "second"), entry(OtlpSignal.TRACES, false, "torn")));
      assertThat(log.segments()).isEqualTo(2);
    }
    Path last = segmentFiles().get(1);
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
      ch.truncate(tail[1] - firstEnd - 2);
    }
    try (IngestLog log = IngestLog.open(dir)) {
      assertThat(log.end()).isEqualTo(tail[0]);
      List<Long> replayed = new ArrayList<>();
      log.replay(0, e -> replayed.add(e.end()));
      assertThat(replayed).containsExactly(firstEnd, tail[0]);
    }
  }

  @Test
  void anUnexpectedFileInTheFolderIsRefused() throws IOException {
    Files.writeString(dir.resolve("notes.log"), "not a segment");
    assertThatThrownBy(() -> IngestLog.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("notes.log");
  }

  @Test
  void noneAdvancesPositionsAndKeepsNothing() {
    try (IngestLog log = IngestLog.none()) {
      long[] a = log.append(List.of(entry(OtlpSignal.TRACES, false, "abc"), entry(OtlpSignal.LOGS, false, "")));
      long[] b = log.append(List.of(entry(OtlpSignal.METRICS, true, "d")));
      assertThat(a[0]).isPositive();
      assertThat(a[1]).isGreaterThan(a[0]);
      assertThat(b[0]).isGreaterThan(a[1]);
      assertThat(log.end()).isEqualTo(b[0]);
      assertThat(replay(log, 0)).isEmpty();
      log.release(b[0]);
      assertThat(log.segments()).isZero();
    }
  }

  @Test
  void binaryBodiesComeBackByteForByte() {
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    try (IngestLog log = IngestLog.open(dir)) {
      log.append(List.of(new IngestLog.Entry(OtlpSignal.TRACES, false, body, 0)));
      List<IngestLog.Entry> all = replay(log, 0);
      assertThat(all.get(0).body()).isEqualTo(body);
    }
  }
}
