package io.casefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frequent-keys summary: bounded under a flood of distinct keys, and the used keys still come out first. */
class KeyUsageTest {
  @Test
  void aFloodOfDistinctKeysCostsBoundedCountersAndFrequentKeysStillComeOut() {
    KeyUsage u = new KeyUsage(256, 20_000, 0.01);
    for (int span = 0; span < 20_000; span++) {
      u.spans(1);
      for (int j = 0; j < 5; j++) {
        u.observe("junk." + span + "." + j, "x");
      }
      if (span % 10 == 0) {
        u.observe("payment_method", span % 30 == 0 ? "pix" : "card");
      }
      if (span % 20 == 0) {
        u.observe("region", "eu");
      }
      assertThat(u.trackedKeys()).isLessThanOrEqualTo(256);
    }
    assertThat(u.due()).isTrue();
    List<KeyUsage.Use> uses = u.closeWindow();
    assertThat(uses).extracting(KeyUsage.Use::key).containsExactly("payment_method", "region");
    assertThat(uses.get(0).distinct()).isEqualTo(2);
    assertThat(u.trackedKeys()).isZero();
    assertThat(u.due()).isFalse();
  }

  @Test
  void keysBelowTheShareAreNotCandidatesAndTiesPreferFewerValues() {
    KeyUsage u = new KeyUsage(64, 1_000, 0.05);
    u.spans(1_000);
    for (int i = 0; i < 100; i++) {
      u.observe("many", "v" + i);
      u.observe("few", "v" + (i % 3));
    }
    for (int i = 0; i < 40; i++) {
      u.observe("rare", "v");
    }
    assertThat(u.closeWindow()).extracting(KeyUsage.Use::key).containsExactly("few", "many");
  }
}
