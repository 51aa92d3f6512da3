package io.casefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final SimulateCommand.DurationConverter converter = new SimulateCommand.DurationConverter();

  @Property
  void hoursMinutesAndSecondsAddUp(@ForAll @IntRange(max = 48) int h, @ForAll @IntRange(max = 59) int m,
      @ForAll @IntRange(max = 59) int s) {
    if (h + m + s == 0) {
      return;
    }
    String text = (h > 0 ? h + "h" : "") + (m > 0 ? m + "m" : "") + (s > 0 ? s + "s" : "");
    assertThat(converter.convert(text)).isEqualTo(Duration.ofSeconds(h * 3600L + m * 60L + s));
  }

  @Property
  void anythingElseIsRefusedNamingTheValue(@ForAll String text) {
    if (text.trim().toLowerCase().matches("(\\d{1,9}[smhd])+") && !text.trim().matches("(0+[smhdSMHD])+")) {
      return;
    }
    assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("a duration must be positive");
  }
}
