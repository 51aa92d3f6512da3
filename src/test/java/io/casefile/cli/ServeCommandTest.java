package io.casefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void retentionAcceptsMinutesHoursDaysAndForever() {
    assertThat(ServeCommand.parseRetention("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ServeCommand.parseRetention("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(ServeCommand.parseRetention("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(ServeCommand.parseRetention("forever")).isNull();
  }

  @Test
  void badRetentionNamesTheValue() {
    assertThatThrownBy(() -> ServeCommand.parseRetention("7 weeks"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'7 weeks'");
  }

  @Test
  void openBindWithoutTokensExitsWithAMessage() {
    int code = Main.run("serve", "--host", "0.0.0.0", "--otlp-port", "0", "--port", "0");
    assertThat(code).isEqualTo(2);
  }
}
