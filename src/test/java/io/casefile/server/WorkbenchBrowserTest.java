package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real headless Chromium: a bad deploy investigated from the page, an incident
 * opened from it, and hostile text from the API shown as text, never run as markup.
 */
class WorkbenchBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");
  private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\"> config push";

  @TempDir static Path tmp;
  static CasefileServer server;
  static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver): browser test skipped");
    server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null));
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    var options = SimulationOptions.endingAt(end, 11, Duration.ofMinutes(20), Duration.ofMinutes(8), 5);
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null)) {
      ShopSimulation.run(Scenario.BAD_DEPLOY, options, replayer);
    }
    String change = "{\"type\":\"config\",\"timestamp\":\"" + end.minusSeconds(60) + "\",\"service\":\"inventory\","
        + "\"summary\":" + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(HOSTILE) + "}";
    var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/changes"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(change)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);

    var chrome = new ChromeOptions();
    chrome.setBinary(CHROMIUM);
    chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1300,1000", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome")));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build(), chrome);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  @Test
  void investigatesTheBadDeployFromThePageAndOpensAnIncident() {
    browser.get(URI.create(server.apiUri() + "/").toString());
    waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("flows"), "checkout"));

    browser.findElement(By.id("investigate")).click();
    waitUpTo(120).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#suspects li.suspect")));

    String firstSuspect = browser.findElements(By.cssSelector("#suspects li.suspect")).getFirst().getText();
    assertThat(firstSuspect).contains("deploy", "payments", "2.31.0");
    assertThat(browser.findElement(By.id("symptom")).getText()).contains("for whom", "payment_method");
    assertThat(browser.findElement(By.id("evidence")).getAttribute("textContent")).contains("SELECT");

    browser.findElement(By.id("open-incident")).click();
    waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incident h3")));
    assertThat(browser.findElement(By.id("incidents")).getText()).contains("degraded");
  }

  @Test
  void showsHostileTextFromTheApiAsTextNotMarkup() {
    browser.get(URI.create(server.apiUri() + "/").toString());
    waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "config push"));

    assertThat(browser.findElement(By.id("changes")).getText()).contains(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("#changes img"))).isEmpty();
    assertThat(browser.getTitle()).isEqualTo("Casefile workbench");
  }
}
