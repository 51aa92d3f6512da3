package io.casefile.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesSingleAndCompoundDurations() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 1H30m ")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void rejectsWhatIsNotAPositiveDurationNamingTheInput() {
    for (String bad : new String[] {"", "7", "7 weeks", "0m", "1h-5m", "m", "99999999999h"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Property(seed = "42")
  void minutesAndSecondsAddUp(@ForAll @IntRange(min = 1, max = 10_000) int m, @ForAll @IntRange(min = 1, max = 59) int s) {
    assertThat(Durations.parse(m + "m" + s + "s")).isEqualTo(Duration.ofMinutes(m).plusSeconds(s));
  }
}
