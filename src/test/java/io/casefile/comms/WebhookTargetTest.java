package io.casefile.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Webhooks may not point at link-local or cloud metadata addresses, where instance credentials live. */
class WebhookTargetTest {
  @Test
  void linkLocalAndMetadataTargetsAreRefused() {
    for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x",
        "http://metadata.google.internal/computeMetadata/v1/", "http://100.100.100.200/", "http://[fd00:ec2::254]/",
        "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:8080/", "http://169.254.1.1:80/hook"}) {
      assertThatThrownBy(() -> new Webhook("w", Webhook.parseUrl(url), Webhook.Format.JSON)).as(url)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused");
    }
  }

  @Test
  void ordinaryTargetsAreAccepted() {
    for (String url : new String[] {"https://hooks.slack.com/services/T/B/x", "http://127.0.0.1:9000/hook",
        "http://10.0.0.5/hook", "http://[::1]:8080/"}) {
      assertThat(new Webhook("w", Webhook.parseUrl(url), Webhook.Format.JSON).url().toString()).isEqualTo(url);
    }
  }

  @Test
  void resolvedAddressesAreCheckedToo() throws Exception {
    assertThat(Webhook.refusedAddress(InetAddress.getByName("169.254.169.254"))).contains("link-local");
    assertThat(Webhook.refusedAddress(InetAddress.getByName("127.0.0.1"))).isNull();
  }
}
