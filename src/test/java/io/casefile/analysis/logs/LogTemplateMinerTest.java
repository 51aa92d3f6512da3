package io.casefile.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {

  @Test
  void groupsMessagesThatDifferOnlyInVariables() {
    LogTemplateMiner miner = new LogTemplateMiner();
    long a = miner.add("PacketResponder 1 for block blk_38865049064139660 terminating").template().id();
    long b = miner.add("PacketResponder 2 for block blk_-6952295868487656571 terminating").template().id();
    long c = miner.add("Received block blk_3587508140051953248 of size 67108864 from /10.251.42.84").template().id();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(miner.template(a).template()).isEqualTo("PacketResponder <*> for block <*> terminating");
    assertThat(miner.template(a).count()).isEqualTo(2);
  }

  @Test
  void masksCommonVariableShapesWithoutConfiguration() {
    assertThat(mined("request 7f3c9a2e-1b4d-4c8e-9f00-aa11bb22cc33 took 12ms from 10.0.0.12:8080"))
        .isEqualTo("request <*> took <*> from <*>:<*>");
    assertThat(mined("connection from 24.54.76.216 at Fri Jun 17 07:07:00 2005"))
        .isEqualTo("connection from <*> at <*> <*> <*> <*> <*>");
    assertThat(mined("wrote /var/lib/data/part-00503 in 3.5s, 0x7f00ab bytes"))
        .isEqualTo("wrote <*> in <*>, <*> bytes");
    assertThat(mined("session opened for user root by (uid=0)")).isEqualTo("session opened for user root by (uid=<*>)");
    assertThat(mined("generating core.2275")).isEqualTo("generating core.<*>");
    assertThat(mined("jk2_init() Found child 6725 in scoreboard slot 10"))
        .isEqualTo("jk2_init() Found child <*> in scoreboard slot <*>");
    assertThat(mined("open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS")).isEqualTo("open through proxy <*>:<*> HTTPS");
  }

  @Test
  void keepsTheSharedPunctuationWhenWordsDiffer() {
    LogTemplateMiner miner = new LogTemplateMiner();
    miner.add("data_thread() got not answer from any [Thunderbird_A8] datasource");
    LogTemplate t = miner.add("data_thread() got not answer from any [Thunderbird_B1] datasource").template();
    assertThat(t.template()).isEqualTo("data_thread() got not answer from any [<*>] datasource");
  }

  @Test
  void separatesMessagesWhoseWordsDifferInARow() {
    LogTemplateMiner miner = new LogTemplateMiner();
    long reset = miner.add("Error reading message prefix on socket to 10.0.0.1:7000, Connection reset by peer")
        .template().id();
    long severed = miner.add("Error reading message prefix on socket to 10.0.0.2:7001, Link has been severed")
        .template().id();
    assertThat(reset).isNotEqualTo(severed);
  }

  @Test
  void holdsOneDifferingWordApartUntilItTakesSeveralValues() {
    LogTemplateMiner miner = new LogTemplateMiner();
    long https = miner.add("10.0.0.1:443 open through proxy 10.0.0.9:5070 HTTPS").template().id();
    long socks = miner.add("10.0.0.2:443 open through proxy 10.0.0.9:5070 SOCKS5").template().id();
    assertThat(https).isNotEqualTo(socks);

    long alice = miner.add("session opened for user alice").template().id();
    long bob = miner.add("session opened for user bob").template().id();
    long carol = miner.add("session opened for user carol").template().id();
    assertThat(List.of(alice, bob, carol)).doesNotHaveDuplicates();
    LogTemplateMiner.Match dave = miner.add("session opened for user dave");
    assertThat(dave.template().id()).isEqualTo(alice);
    assertThat(dave.template().template()).isEqualTo("session opened for user <*>");
    assertThat(dave.template().count()).isEqualTo(4);
    assertThat(dave.merged()).containsExactly(bob, carol);
    assertThat(miner.resolve(carol)).isEqualTo(alice);
    assertThat(miner.add("session opened for user erin").template().id()).isEqualTo(alice);
  }

  @Test
  void restoredMinerKeepsIdsAndContinuesNumbering() {
    LogTemplateMiner first = new LogTemplateMiner();
    first.add("request 17 from 10.0.0.1 served");
    first.add("request 18 from 10.0.0.2 served");
    first.add("cache flushed");
    LogTemplateMiner second = LogTemplateMiner.restore(first.templates());
    LogTemplateMiner.Match again = second.add("request 19 from 10.0.0.3 served");
    assertThat(again.created()).isFalse();
    assertThat(again.template().id()).isEqualTo(1);
    assertThat(second.add("disk full on /dev/sda1").template().id()).isEqualTo(3);
    assertThat(second.template(1).count()).isEqualTo(3);
  }

  @Test
  void givesAnEmptyMessageATemplateAndRejectsNull() {
    LogTemplateMiner miner = new LogTemplateMiner();
    assertThat(miner.add("   ").template().template()).isEqualTo("<empty>");
    assertThatThrownBy(() -> miner.add(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogTemplateMiner(2, 1.5, 4, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
  }

  @Test
  void minesTheShopErrorLinesIntoTheirTemplates() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    java.util.function.IntFunction<String> hex = n -> {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < n) {
        sb.append(java.util.HexFormat.of().toHexDigits(rnd.nextLong()));
      }
      return sb.substring(0, n);
    };
    List<java.util.function.Supplier<String>> lines = List.of(
        () -> "Template rendering failed for " + (rnd.nextBoolean() ? "/products" : "/products/SKU-" + (10_000
            + rnd.nextInt(90_000))) + ": exception evaluating expression at line " + (1 + rnd.nextInt(64)),
        () -> "Query canceled after " + (2 + rnd.nextInt(400)) + " ms: statement timeout on catalog.products for sku SKU-"
            + (10_000 + rnd.nextInt(90_000)),
        () -> "Optimistic lock failure on cart cart-" + hex.apply(6) + " at version " + (1 + rnd.nextInt(64))
            + "; giving up",
        () -> "Deadlock detected while reserving sku SKU-" + (10_000 + rnd.nextInt(90_000)) + " for order ord-"
            + (1_000_000 + rnd.nextInt(9_000_000)) + " (attempt " + (1 + rnd.nextInt(64)) + ")",
        () -> "Fraud check unavailable for payment pay_" + hex.apply(12) + " after " + (2 + rnd.nextInt(400)) + " ms",
        () -> "Provider returned HTTP 500 for charge ch_" + hex.apply(14) + ": upstream error");
    List<String> expected = List.of(
        "Template rendering failed for <*>: exception evaluating expression at line <*>",
        "Query canceled after <*> ms: statement timeout on catalog.products for sku <*>",
        "Optimistic lock failure on cart <*> at version <*>; giving up",
        "Deadlock detected while reserving sku <*> for order <*> (attempt <*>)",
        "Fraud check unavailable for payment <*> after <*> ms",
        "Provider returned HTTP <*> for charge <*>: upstream error");
    LogTemplateMiner miner = new LogTemplateMiner();
    long[] ids = new long[lines.size()];
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < lines.size(); i++) {
        ids[i] = miner.add(lines.get(i).get()).template().id();
      }
    }
    for (int i = 0; i < ids.length; i++) {
      assertThat(miner.template(miner.resolve(ids[i])).template()).isEqualTo(expected.get(i));
    }
    assertThat(miner.size()).isEqualTo(lines.size());
  }

  @Property(tries = 100, seed = "3")
  void everyMessageGetsATemplateThatCoversItAndTheSameMessageTheSameId(@ForAll("messages") List<String> messages) {
    LogTemplateMiner miner = new LogTemplateMiner();
    for (String m : messages) {
      LogTemplate t = miner.add(m).template();
      String[] tokens = Tokens.maskedTokens(m);
      String[] template = Tokens.split(t.template());
      if (tokens.length > 0) {
        assertThat(template).hasSameSizeAs(tokens);
        for (int i = 0; i < tokens.length; i++) {
          String x = template[i];
          assertThat(x.equals(tokens[i]) || x.equals("<*>") || Tokens.partialMatch(x, tokens[i]))
              .as("template token %s covers %s", x, tokens[i]).isTrue();
        }
      }
      assertThat(miner.add(m).template().id()).isEqualTo(t.id());
    }
    assertThat(miner.templates()).extracting(LogTemplate::id).doesNotHaveDuplicates();
  }

  @Provide
  Arbitrary<List<String>> messages() {
    Arbitrary<String> word = Arbitraries.oneOf(
        Arbitraries.of("user", "login", "failed", "ok", "GET", "(uid=0)", "[x]", "a.b.c", "x=y", "<*>", "::", "...",
            "/tmp/a", "10.0.0.1:80", "0x1f", "Jun", "12:00:01,", "é", "\"q\""),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(8).withCharRange('!', '~'),
        Arbitraries.integers().between(-5000, 5000).map(String::valueOf));
    Arbitrary<String> message = word.list().ofMinSize(0).ofMaxSize(8).map(ws -> String.join(" ", ws));
    return message.list().ofMinSize(1).ofMaxSize(30);
  }

  private static String mined(String message) {
    return new LogTemplateMiner().add(message).template().template();
  }
}
