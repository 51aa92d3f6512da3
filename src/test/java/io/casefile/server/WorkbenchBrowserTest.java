package io.casefile.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import io.casefile.demo.Payload;
import io.casefile.demo.Scenario;
import io.casefile.demo.ScenarioReplayer;
import io.casefile.demo.ScenarioSink;
import io.casefile.demo.ShopSimulation;
import io.casefile.demo.SimulationOptions;
import io.casefile.model.ChangeEvent;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench in a real headless Chromium over the demo's bad-deploy data, one server and one
 * data load for the class: overview, the investigation opened by its address, the exemplar trace,
 * an incident worked from opening to postmortem with live updates, and hostile text from
 * telemetry, changes and users shown as text with no request to any other host. Screenshots go
 * to target/workbench-screenshots (and to -Dcasefile.screenshots.dir, e.g. docs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");
  static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
  static final String TRACE_ID = "5ca1ab1e00000000000000000000bad1";
  static final String SPAN_ID = "00000000000000a1";

  @TempDir static Path tmp;
  static MovableClock clock;
  static CasefileServer server;
  static WebDriver browser;
  static SimulationOptions options;
  /** Another host: any request the page makes to it is counted. */
  static HttpServer elsewhere;
  static final AtomicInteger elsewhereHits = new AtomicInteger();
  static String hostile;
  static String incidentPath;

  /** A clock the test moves by hand. */
  static final class MovableClock implements InstantSource {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void set(Instant t) {
      now = t;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver): browser test skipped");
    elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    elsewhere.createContext("/", ex -> {
      elsewhereHits.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    elsewhere.start();
    String other = "http://127.0.0.2:" + elsewhere.getAddress().getPort();
    hostile = "<img src=\"" + other + "/img\" onerror=\"document.title='owned'\"><script src=\"" + other
        + "/s.js\"></script><b>bold</b>";

    options = new SimulationOptions(7, START, Duration.ofMinutes(15), Duration.ofMinutes(8), 6);
    clock = new MovableClock(options.end());
    server = CasefileServer.start(ServerConfig.ephemeral(tmp.resolve("data")).withClock(clock).withRetention(null));
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null)) {
      ShopSimulation.run(Scenario.BAD_DEPLOY, options, replayer);
    }

    var chrome = new ChromeOptions();
    chrome.setBinary(CHROMIUM);
    chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,800", "--force-prefers-reduced-motion", "--lang=en-US",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome")));
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
    if (elsewhere != null) {
      elsewhere.stop(0);
    }
  }

  static void postHostileTelemetry() throws Exception {
    var json = JsonMapper.builder().build();
    String text = json.writeValueAsString(hostile);
    long t0 = START.plus(Duration.ofMinutes(3)).toEpochMilli() * 1_000_000L;
    String attrs = "[{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/gift\"}},"
        + "{\"key\":\"gift.message\",\"value\":{\"stringValue\":" + text + "}}]";
    String traces = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"giftcards\"}}]},"
        + "\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\",\"name\":" + text + ","
        + "\"kind\":2,\"startTimeUnixNano\":\"" + t0 + "\",\"endTimeUnixNano\":\"" + (t0 + 40_000_000L) + "\","
        + "\"status\":{\"code\":2,\"message\":" + text + "},\"attributes\":" + attrs + "}]}]}]}";
    String logs = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"giftcards\"}}]},"
        + "\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"" + (t0 + 1_000_000L) + "\",\"severityNumber\":17,\"severityText\":\"ERROR\","
        + "\"body\":{\"stringValue\":" + text + "},\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\"}]}]}]}";
    assertThat(post(server.otlpUri().resolve("/v1/traces"), traces).statusCode()).isEqualTo(200);
    assertThat(post(server.otlpUri().resolve("/v1/logs"), logs).statusCode()).isEqualTo(200);
    String change = "{\"type\":\"config\",\"timestamp\":\"" + START.plus(Duration.ofMinutes(2)) + "\",\"service\":\"giftcards\","
        + "\"summary\":" + text + "}";
    var res = post(server.apiUri().resolve("/api/v1/changes"), change);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
  }

  static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  static void open(String path) {
    browser.get(server.apiUri() + path);
  }

  static WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  static String text(String css) {
    return find(css).getText();
  }

  static void visible(String css, int seconds) {
    waitUpTo(seconds).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  static void click(WebElement e) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  static void type(String css, String value) {
    WebElement e = find(css);
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.clear();
    e.sendKeys(value);
  }

  /** A full-page screenshot at 1280 px wide, to target/ and to -Dcasefile.screenshots.dir. */
  static void screenshot(String name) throws IOException {
    var js = (JavascriptExecutor) browser;
    long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
    browser.manage().window().setSize(new Dimension(1280, (int) Math.min(2600, Math.max(800, height + 20))));
    js.executeScript("window.scrollTo(0, 0)");
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    browser.manage().window().setSize(new Dimension(1280, 800));
    Path dir = Files.createDirectories(Path.of("target", "workbench-screenshots"));
    Files.write(dir.resolve(name), png);
    String extra = System.getProperty("casefile.screenshots.dir");
    if (extra != null && !extra.isBlank()) {
      Files.write(Files.createDirectories(Path.of(extra)).resolve(name), png);
    }
  }

  static String window() {
    return "from=" + enc(START.toString()) + "&to=" + enc(options.end().toString());
  }

  @Test
  @Order(1)
  void overviewShowsFlowsWithSparklinesChangesAndWhatIsWrongNow() throws IOException {
    open("/?" + window());
    visible("#flows table.flows", 30);
    visible("#wrong-now .headline", 60);
    assertThat(text("#wrong-now")).contains("checkout", "POST /checkout");
    assertThat(browser.findElements(By.cssSelector("#flows svg.spark"))).hasSizeGreaterThan(6);
    assertThat(text("#changes")).contains("payments", "2.31.0");
    screenshot("workbench-overview.png");
  }

  @Test
  @Order(2)
  void investigationOpensByItsAddressWithChartOnsetDeployCohortAndSuspects() throws IOException {
    open("/investigations?flow=" + enc("checkout:POST /checkout") + "&signal=errors&" + window());
    visible("#suspects li.suspect", 60);
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#symptom-chart .uplot canvas")));

    String notes = text("#symptom-chart ul.annotations");
    assertThat(notes).contains("Onset interval", "Change: deploy payments 2.31.0", "Baseline");
    assertThat(text("#symptom")).contains("For whom", "payment_method=pix", "SEV");
    assertThat(text("#symptom")).doesNotContain("ratio");

    WebElement first = browser.findElements(By.cssSelector("#suspects li.suspect")).getFirst();
    assertThat(first.getText()).contains("deploy", "payments 2.31.0", "strong");
    click(first.findElement(By.cssSelector("details.numbers summary")));
    assertThat(first.findElement(By.cssSelector("details.numbers pre")).getText()).contains("SELECT");

    visible("#cohort-bars .bar-row[data-attr='payment_method=pix']", 30);
    String pix = text("#cohort-bars .bar-row[data-attr='payment_method=pix']");
    assertThat(pix).contains("pix", "%", "vs");
    assertThat(text("#containment")).contains("Is the damage active?", "roll back payments");
    screenshot("workbench-investigation.png");
    click(find("#theme"));
    visible("#suspects li.suspect", 60);
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#symptom-chart .uplot canvas")));
    assertThat(((JavascriptExecutor) browser).executeScript("return document.documentElement.dataset.theme")).isEqualTo("dark");
    screenshot("workbench-investigation-dark.png");
    click(find("#theme"));
    visible("#suspects li.suspect", 60);

    visible("#signals .exemplar a", 30);
    click(find("#signals .exemplar a"));
    visible("#waterfall .span-row.highlight", 30);
    WebElement origin = find("#waterfall .span-row.highlight");
    assertThat(origin.getAttribute("class")).contains("error");
    assertThat(origin.getText()).contains("payments", "failure origin");
    assertThat(browser.getCurrentUrl()).contains("/traces/");
    assertThat(text("#span-detail")).containsIgnoringCase("attributes").contains("service.version");
    screenshot("workbench-trace.png");
  }

  @Test
  @Order(3)
  void anIncidentIsWorkedFromOpeningToPostmortemWithLiveEffects() throws Exception {
    open("/investigations?flow=" + enc("checkout:POST /checkout") + "&signal=errors&" + window());
    visible("#open-incident", 60);
    type("#incident-commander", "ana");
    click(find("#open-incident"));
    visible("#incident-header h1", 60);
    incidentPath = URI.create(browser.getCurrentUrl()).getPath();
    assertThat(incidentPath).startsWith("/incidents/INC-");
    assertThat(text("#incident-header")).contains("SEV2", "investigating", "ana", "next update");
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");

    // a hypothesis
    click(find("#tab-hypothesis"));
    type("#hypothesis-form textarea[name=statement]", "the PIX payload builder in payments 2.31.0 drops a field");
    type("#hypothesis-form textarea[name=evidence_for]", "new template: invalid QR payload");
    click(find("#hypothesis-form button[type=submit]"));
    waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("hypotheses"), "drops a field"));

    // the rollback, started from the containment card
    visible("#containment .start-mitigation", 30);
    click(find("#containment .start-mitigation"));
    assertThat(find("#action-form input[name=summary]").getAttribute("value")).contains("roll back payments");
    Instant rollbackAt = clock.instant();
    click(find("#action-form button[type=submit]"));
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#actions li.action")));
    assertThat(text("#actions")).contains("roll back payments", "evidence snapshot");
    assertThat(text("#snapshots")).contains("SHA-256");

    // a second change inside the first one's window is refused, then forced with a reason
    clock.set(rollbackAt.plusSeconds(40));
    new Select(find("#action-form select[name=kind]")).selectByValue("mitigation");
    type("#action-form input[name=summary]", "disable the new-pix-flow flag");
    click(find("#action-form button[type=submit]"));
    visible("#action-refusal", 20);
    assertThat(text("#action-refusal")).contains("Refused", "one change at a time");
    type("#force-reason", "pix checkouts still failing after two minutes");
    click(find("#force-action"));
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#actions li.action")).size() == 2);
    assertThat(text("#actions")).contains("pix checkouts still failing after two minutes", "overlapped");

    // the shop recovers; the verdicts arrive without a reload
    healthyShop(rollbackAt, Duration.ofMinutes(7));
    waitUpTo(60).until(d -> d.findElements(By.cssSelector("#actions li.action .effect")).size() == 2);
    assertThat(text("#actions")).contains("confounded");
    assertThat(text("#timeline")).contains("effect");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded")).isEqualTo(true);
    assertThat(text("#incident-chart ul.annotations")).contains("Action #", "confounded");

    // a status update from the draft
    waitUpTo(20).until(d -> !d.findElement(By.id("update-text")).getAttribute("value").isBlank());
    click(find("#publish"));
    waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), "Published"));
    screenshot("workbench-incident.png");

    // mitigated is not resolved: resolving without a root cause is refused
    new Select(find("#status-select")).selectByValue("mitigated");
    click(find("#status-form button[type=submit]"));
    waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-header"), "mitigated"));
    new Select(find("#status-select")).selectByValue("resolved");
    click(find("#status-form button[type=submit]"));
    visible("#status-refusal", 20);
    assertThat(text("#status-refusal")).contains("Refused", "root cause");

    click(find("#tab-root_cause"));
    type("#root-cause-form textarea[name=statement]", "the PIX QR payload builder in 2.31.0 omits the merchant city");
    type("#root-cause-form input[name=trigger]", "deploy payments 2.31.0");
    click(find("#root-cause-form button[type=submit]"));
    waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "merchant city"));
    click(find("#status-form button[type=submit]"));
    waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-header"), "resolved"));

    click(find("#render-postmortem"));
    visible("#postmortem .markdown h2", 20);
    assertThat(text("#postmortem")).contains("Root cause", "merchant city", "Download markdown");
  }

  @Test
  @Order(4)
  void hostileTextFromTelemetryChangesAndUsersIsShownAsTextWithNoRequestElsewhere() throws Exception {
    // posted only now, so the screenshots above show the demo's data alone
    postHostileTelemetry();
    open("/traces/" + TRACE_ID);
    visible("#waterfall .span-row", 30);
    assertThat(text("#waterfall")).contains(hostile);
    assertThat(text("#span-detail")).contains(hostile);
    assertThat(text("#view")).contains("gift.message");
    waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.logs"), "<script"));

    open("/changes?" + window());
    visible("#changes ul.changes", 30);
    assertThat(text("#changes")).contains(hostile);

    open("/investigations?flow=" + enc("checkout:POST /checkout") + "&signal=errors&" + window());
    visible("#symptom-chart ul.annotations", 60);
    assertThat(text("#symptom-chart ul.annotations")).contains(hostile);
    visible("#suspects li.suspect", 60);
    assertThat(text("#suspects")).contains(hostile);

    // an incident opened from these suspects carries the hostile change into its hypotheses
    visible("#open-incident", 60);
    click(find("#open-incident"));
    waitUpTo(60).until(d -> !URI.create(d.getCurrentUrl()).getPath().equals(incidentPath)
        && URI.create(d.getCurrentUrl()).getPath().startsWith("/incidents/INC-"));
    String path = URI.create(browser.getCurrentUrl()).getPath();
    visible("#incident-header h1", 60);
    waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("hypotheses"), "<script"));
    var note = post(server.apiUri().resolve("/api/v1" + path + "/entries"),
        "{\"type\":\"note\",\"text\":" + JsonMapper.builder().build().writeValueAsString(hostile) + "}");
    assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
    open(path);
    waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "<b>bold</b>"));

    assertThat(browser.findElements(By.cssSelector("#view img, #view script"))).isEmpty();
    assertThat(browser.findElements(By.xpath("//b[text()='bold']"))).isEmpty();
    assertThat(browser.getTitle()).doesNotContain("owned");
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(loaded).allSatisfy(u -> assertThat(u).startsWith(server.apiUri().toString()));
    assertThat(elsewhereHits.get()).as("requests the pages made to another host").isZero();
  }

  @Test
  @Order(5)
  void theTokenIsAskedForOnlyWhenTheServerAnswers401() {
    var tokens = Tokens.parse(List.of("0123456789abcdef0123 read"), "test tokens");
    try (CasefileServer guarded = CasefileServer.start(ServerConfig.ephemeral(null).withTokens(tokens))) {
      browser.get(guarded.apiUri() + "/flows");
      visible("#token-dialog", 20);
      assertThat(text("#token-why")).contains("Authorization");
      find("#token-input").sendKeys("0123456789abcdef0123");
      click(find("#token-form button[value=ok]"));
      waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "No requests in this window"));
      assertThat(find("#token-dialog").isDisplayed()).isFalse();
    }
  }

  /**
   * After the rollback the shop behaves as before the bad deploy: the healthy baseline of a fresh
   * run from {@code from} on, without its changes; then the clock moves to the window's end.
   */
  static void healthyShop(Instant from, Duration length) throws IOException {
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null)) {
      replayHealthy(replayer, from, length);
    }
    clock.set(from.plus(length));
  }

  static void replayHealthy(ScenarioReplayer replayer, Instant from, Duration length) throws IOException {
    var healthy = new SimulationOptions(8, from.minus(Duration.ofMinutes(5)), Duration.ofMinutes(12), Duration.ofMinutes(6), 6);
    ShopSimulation.run(Scenario.BAD_DEPLOY, healthy, new ScenarioSink() {
      @Override
      public void change(ChangeEvent change) {
        // the healthy shop's own changes are not part of this story
      }

      @Override
      public void payload(Payload p) throws IOException {
        if (p.time().isAfter(from) && !p.time().isAfter(from.plus(length))) {
          replayer.payload(p);
        }
      }
    });
  }
}
