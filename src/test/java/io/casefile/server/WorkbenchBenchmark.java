package io.casefile.server;

import io.casefile.bench.InvestigationBenchmark;
import java.io.File;
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
import java.util.Arrays;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opening the investigation page against the API call behind it, whole-process, on a file-backed
 * store of N request events (the data of {@link InvestigationBenchmark}): the median time of
 * {@code POST /api/v1/investigations}, and the median times from navigating headless Chromium to
 * the page's address until the answer is on the page (symptom, suspects, signals, containment) and
 * until the page is complete (the symptom chart drawn and the cohort bars shown as well).
 *
 * <pre>WorkbenchBenchmark DIR N [REPEATS]</pre> generates DIR/casefile.duckdb when it is absent.
 */
public final class WorkbenchBenchmark {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private WorkbenchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (!Files.exists(dir.resolve("casefile.duckdb"))) {
      Files.createDirectories(dir);
      var r = InvestigationBenchmark.run(dir, n, 1, System.out);
      System.out.printf(Locale.ROOT, "engine alone: investigation %.3f s, raw scan %.3f s, %s%n",
          r.investigateSeconds(), r.scanSeconds(), r.headline());
    }
    Instant end = START.plus(Duration.ofHours(1));
    var config = ServerConfig.defaults(dir).withClock(InstantSource.fixed(end)).withRetention(null);
    try (CasefileServer server = CasefileServer.start(config.withPorts(0, 0))) {
      String question = "{\"flow\":\"checkout:POST /checkout\",\"signal\":\"errors\",\"from\":\"" + START + "\",\"to\":\"" + end + "\"}";
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest req = HttpRequest.newBuilder(server.apiUri().resolve("/api/v1/investigations"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(question)).build();
      http.send(req, HttpResponse.BodyHandlers.ofString()); // warm-up
      double[] api = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        long t = System.nanoTime();
        var res = http.send(req, HttpResponse.BodyHandlers.ofString());
        api[i] = (System.nanoTime() - t) / 1e9;
        if (res.statusCode() != 200) {
          throw new IllegalStateException("investigation answered " + res.statusCode() + ": " + res.body());
        }
      }
      String page = server.apiUri() + "/investigations?flow=" + URLEncoder.encode("checkout:POST /checkout", StandardCharsets.UTF_8)
          + "&signal=errors&from=" + START + "&to=" + end;
      double[] pageSeconds = new double[repeats];
      double[] completeSeconds = new double[repeats];
      WebDriver browser = chrome(Files.createTempDirectory("casefile-bench-chrome"));
      try {
        open(browser, page); // warm-up: caches the page's files
        for (int i = 0; i < repeats; i++) {
          browser.get("about:blank");
          long t = System.nanoTime();
          browser.get(page);
          until(browser, ANSWER);
          pageSeconds[i] = (System.nanoTime() - t) / 1e9;
          until(browser, COMPLETE);
          completeSeconds[i] = (System.nanoTime() - t) / 1e9;
        }
      } finally {
        browser.quit();
      }
      double a = median(api);
      double p = median(pageSeconds);
      double c = median(completeSeconds);
      System.out.printf(Locale.ROOT, "requests %,d: API %.3f s (runs %s)%n  answer on the page %.3f s (runs %s), page - API %+.3f s: %s%n"
          + "  page complete %.3f s (runs %s), complete - API %+.3f s%n",
          n, a, Arrays.toString(api), p, Arrays.toString(pageSeconds), p - a, p <= a + 1 ? "within 1 s" : "MORE than 1 s",
          c, Arrays.toString(completeSeconds), c - a);
    }
  }

  static final String[] ANSWER = {"#symptom .headline", "#suspects li.suspect", "#signals li", "#containment .answers"};
  static final String[] COMPLETE = {"#symptom-chart .uplot canvas", "#cohort-bars .bar-row"};

  /** Navigates and waits until the page is complete. */
  static void open(WebDriver browser, String url) {
    browser.get(url);
    until(browser, ANSWER);
    until(browser, COMPLETE);
  }

  static void until(WebDriver browser, String[] selectors) {
    new WebDriverWait(browser, Duration.ofMinutes(5), Duration.ofMillis(20)).until(d ->
        Arrays.stream(selectors).allMatch(css -> !d.findElements(By.cssSelector(css)).isEmpty()));
  }

  static WebDriver chrome(Path profile) {
    var chrome = new ChromeOptions();
    chrome.setBinary(new File("/usr/bin/chromium"));
    chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,800", "--user-data-dir=" + profile);
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), chrome);
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
