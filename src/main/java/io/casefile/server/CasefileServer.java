package io.casefile.server;

import io.casefile.alerts.AlertIncidents;
import io.casefile.alerts.AlertSettings;
import io.casefile.alerts.SloMonitor;
import io.casefile.ingest.ChangeEventDecoder;
import io.casefile.ingest.IngestLog;
import io.casefile.ingest.IngestQueue;
import io.casefile.ingest.OtlpDecoder;
import io.casefile.ingest.Quarantine;
import io.casefile.model.Flow;
import io.casefile.store.DuckDbStore;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.config.JavalinConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server, startable in-process: store, ingest queue, OTLP receiver and API. {@code start}
 * returns once both ports are bound; {@code close} stops intake, commits what is queued and closes
 * the database.
 */
public final class CasefileServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CasefileServer.class);

  private final ServerConfig config;
  private final DuckDbStore store;
  private final IngestQueue queue;
  private final Javalin otlp;
  private final Javalin api;
  private final ScheduledExecutorService housekeeping;
  private IncidentRoutes incidentRoutes;
  private AlertIncidents alerts;
  private SloMonitor slos;
  private io.casefile.drill.Drills drills;

  private CasefileServer(ServerConfig config, DuckDbStore store, IngestQueue queue, Javalin otlp, Javalin api,
      ScheduledExecutorService housekeeping) {
    this.config = config;
    this.store = store;
    this.queue = queue;
    this.otlp = otlp;
    this.api = api;
    this.housekeeping = housekeeping;
  }

  /** The source name of the spans this server ingested itself. */
  public static final String EMBEDDED = "embedded";

  public static CasefileServer start(ServerConfig config) {
    return start(config, AlertSettings.DEFAULTS);
  }

  /** Starts the server with these alert settings (label mapping, announcing, SLOs, evaluation interval). */
  public static CasefileServer start(ServerConfig config, AlertSettings alertSettings) {
    return start(config, alertSettings, java.util.List.of());
  }

  /**
   * A server whose investigations read request metrics from {@code sources} (the first by default,
   * another by a question's {@code source}), change events and incidents from its own store.
   */
  public static CasefileServer start(ServerConfig config, AlertSettings alertSettings,
      java.util.List<io.casefile.store.prometheus.PrometheusSource> sources) {
    refuseOpenBindWithoutTokens(config);
    DuckDbStore store = config.dataDir() == null ? DuckDbStore.open(null, FeatureSchemas.all())
        : DuckDbStore.openDirectory(config.dataDir(), FeatureSchemas.all());
    MemoryBudget memory = config.memory();
    store.limitMemory(memory.duckDbBytes());
    long heap = Runtime.getRuntime().maxMemory();
    LOG.info("memory budget {} MiB: JVM heap {} MiB (max {} MiB), DuckDB memory_limit {} MiB", memory.bytes() >> 20,
        memory.heapBytes() >> 20, heap >> 20, memory.duckDbBytes() >> 20);
    IngestQueue queue = null;
    Javalin otlp = null;
    Javalin api = null;
    IncidentRoutes incidentRoutes = null;
    AlertIncidents alerts = null;
    io.casefile.drill.Drills drills = null;
    try {
      OtlpDecoder decoder = new OtlpDecoder(config.limits(), config.clock());
      IngestLog log = config.dataDir() == null ? IngestLog.none() : IngestLog.open(config.dataDir().resolve("ingest-log"));
      Quarantine quarantine = config.dataDir() == null ? Quarantine.none()
          : Quarantine.open(config.dataDir().resolve("quarantine"));
      queue = new IngestQueue(store, log, quarantine, decoder, config.clock(),
          config.templater() == io.casefile.ingest.LogTemplater.NONE
              ? io.casefile.logs.StoreLogTemplater.open(store) : config.templater(),
          derived -> derived.forEach(c -> LOG.info("derived change: {}", c.summary())),
          config.queueCapacityRows(), config.memory().queueBytes(Runtime.getRuntime().maxMemory()), config.loadRows());
      queue.whenIdle(IdleMemoryRelease.AFTER, config.loadRows(), new IdleMemoryRelease(store));
      Auth auth = new Auth(config.tokens());
      var sourced = investigationsBySource(store, sources);
      var investigations = sourced.values().iterator().next();
      var otlpRoutes = new OtlpRoutes(decoder, queue, auth,
          config.maxBodyBytes());
      var apiRoutes = new ApiRoutes(store, store, queue,
          new ChangeEventDecoder(config.clock(), config.limits().maxFutureSkew()), auth, config.clock());
      var incidents = incidentRoutes = IncidentRoutes.create(openIncidents(store, config),
          new io.casefile.comms.WebhookStore(store.featureTables()), auth, investigations::investigate);
      alerts = new AlertIncidents(store.featureTables(), incidents.incidents(), incidents.updates(),
          investigations::investigate,
          range -> store.flows(range).rows().stream().map(f -> new Flow(f.service(), f.operation())).toList(),
          alertSettings);
      var slos = new SloMonitor(store, alerts, alertSettings);
      var alertRoutes = new AlertRoutes(alerts, slos, auth, config.clock());
      var practice = drills = new io.casefile.drill.Drills(store.featureTables(), incidents.incidents(), store,
          config.clock());
      otlp = listen(Javalin.create(cfg -> {
        common(cfg, config);
        otlpRoutes.register(cfg);
      }), config.host(), config.otlpPort(), "--otlp-port");
      api = listen(Javalin.create(cfg -> {
        common(cfg, config);
        cfg.staticFiles.add(files -> {
          files.hostedPath = "/";
          files.directory = "/workbench";
          files.location = Location.CLASSPATH;
        });
        apiRoutes.register(cfg);
        new WorkbenchPages().register(cfg);
        new ReadRoutes(store, config.clock()).register(cfg, apiRoutes::guarded);
        new InvestigationRoutes(sourced, auth, config.clock(),
            practice::observe).register(cfg);
        incidents.register(cfg);
        alertRoutes.register(cfg);
        new DrillRoutes(practice, auth).register(cfg);
      }), config.host(), config.apiPort(), "--port");
      ScheduledExecutorService hk = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("casefile-retention").daemon().factory());
      if (config.retention() != null) {
        hk.scheduleWithFixedDelay(() -> retain(store, config), 1, 60, TimeUnit.MINUTES);
      }
      if (alertSettings.evaluationInterval() != null) {
        long every = alertSettings.evaluationInterval().toMillis();
        hk.scheduleWithFixedDelay(() -> evaluateSlos(slos, config), every, every, TimeUnit.MILLISECONDS);
      }
      LOG.info("Casefile serving OTLP on http://{}:{} and the API on http://{}:{} with {}", config.host(),
          otlp.port(), config.host(), api.port(), store);
      var server = new CasefileServer(config, store, queue, otlp, api, hk);
      server.incidentRoutes = incidentRoutes;
      server.alerts = alerts;
      server.slos = slos;
      server.drills = drills;
      drills.attach(server.otlpUri(), server.apiUri());
      return server;
    } catch (RuntimeException e) {
      stopQuietly(otlp);
      stopQuietly(api);
      if (alerts != null) {
        alerts.close();
      }
      if (drills != null) {
        drills.close();
      }
      if (incidentRoutes != null) {
        incidentRoutes.close();
      }
      if (queue != null) {
        queue.close();
      }
      store.close();
      throw e;
    }
  }

  /** Starts listening; a port another process holds is a user error naming the port, not a stack trace. */
  private static Javalin listen(Javalin app, String host, int port, String option) {
    try {
      return app.start(host, port);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.BindException) {
          stopQuietly(app);
          throw new IllegalArgumentException("cannot listen on " + host + ":" + port + " (" + option + "): "
              + "the port is already in use or not available (" + t.getMessage() + ")");
        }
      }
      throw e;
    }
  }

  private static void common(JavalinConfig cfg, ServerConfig config) {
    cfg.startup.showJavalinBanner = false;
    cfg.http.maxRequestSize = config.maxBodyBytes();
    cfg.concurrency.useVirtualThreads = true;
    WorkbenchPages.secureHeaders(cfg);
  }

  private static void evaluateSlos(SloMonitor slos, ServerConfig config) {
    try {
      java.time.Instant now = config.clock().instant();
      for (var t : slos.evaluateStored(java.time.Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), 10)))) {
        LOG.info("SLO {} {}: {}", t.slo().id(), t.fired() ? "fires" : "stopped firing", t.verdict().describe());
      }
    } catch (RuntimeException e) {
      LOG.error("SLO evaluation failed", e);
    }
  }

  private static void retain(DuckDbStore store, ServerConfig config) {
    try {
      long n = store.deleteOlderThan(config.clock().instant().minus(config.retention()));
      if (n > 0) {
        LOG.info("retention: deleted {} rows older than {}", n, config.retention());
      }
    } catch (RuntimeException e) {
      LOG.error("retention delete failed", e);
    }
  }

  /**
   * The casefile over the store's database: snapshots under {@code DATA/snapshots} (a temporary
   * folder for an in-memory store).
   */
  private static io.casefile.incident.Incidents openIncidents(DuckDbStore store, ServerConfig config) {
    java.nio.file.Path dir = config.dataDir();
    try {
      if (dir == null) {
        dir = java.nio.file.Files.createTempDirectory("casefile-snapshots");
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create a folder for evidence snapshots: " + e.getMessage(), e);
    }
    return new io.casefile.incident.Incidents(new io.casefile.incident.IncidentRepository(store.featureTables()),
        config.clock(), new io.casefile.incident.SpanSymptomSignals(store),
        new io.casefile.incident.EvidenceSnapshots(store.featureTables(), store.snapshotFiles(), dir));
  }

  /**
   * Investigations by source name: each metrics source (request metrics there, change events here),
   * then {@code embedded}, the spans this server ingested; the first is the default.
   */
  private static java.util.Map<String, io.casefile.investigation.Investigations> investigationsBySource(
      DuckDbStore store, java.util.List<io.casefile.store.prometheus.PrometheusSource> sources) {
    var out = new java.util.LinkedHashMap<String, io.casefile.investigation.Investigations>();
    var d = io.casefile.investigation.InvestigationEngine.Settings.DEFAULTS;
    for (var s : sources) {
      // buckets of the metrics' own step: an increase over whole steps is exact
      out.put(s.name(), new io.casefile.investigation.Investigations(s.readers(store),
          new io.casefile.investigation.InvestigationEngine.Settings(s.mapping().step(), d.lookback(), d.objective(),
              d.policy(), d.localizer(), d.maxCohorts())));
    }
    out.put(EMBEDDED, new io.casefile.investigation.Investigations(store));
    return out;
  }

  static void refuseOpenBindWithoutTokens(ServerConfig config) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(config.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve --host " + config.host() + ": " + e.getMessage(), e);
    }
    if (!loopback && !config.tokens().enabled()) {
      throw new IllegalArgumentException("refusing to listen on " + config.host()
          + " without authentication: anyone who can reach it could write and read telemetry. "
          + "Pass --token-file FILE (lines 'TOKEN ROLE[,ROLE]', roles ingest, read, admin, alerts), "
          + "or bind to 127.0.0.1.");
    }
  }

  private static void stopQuietly(Javalin app) {
    if (app != null) {
      try {
        app.stop();
      } catch (RuntimeException e) {
        LOG.warn("stopping a listener failed", e);
      }
    }
  }

  public int otlpPort() {
    return otlp.port();
  }

  public int apiPort() {
    return api.port();
  }

  public URI otlpUri() {
    return URI.create("http://" + hostForUri() + ":" + otlpPort());
  }

  public URI apiUri() {
    return URI.create("http://" + hostForUri() + ":" + apiPort());
  }

  private String hostForUri() {
    String h = config.host();
    if (h.equals("0.0.0.0") || h.equals("::")) {
      return "127.0.0.1";
    }
    return h.contains(":") ? "[" + h + "]" : h;
  }

  /** The ingest pipeline (its idle hook, for tests). */
  IngestQueue ingestQueue() {
    return queue;
  }

  /** The store, for in-process readers (investigations, tests, the demo). */
  public DuckDbStore store() {
    return store;
  }

  /** The casefile service, for in-process use (tests, the demo). */
  public io.casefile.incident.Incidents incidents() {
    return incidentRoutes.incidents();
  }

  /** The alert receivers' service, for in-process use (tests, the demo). */
  public AlertIncidents alerts() {
    return alerts;
  }

  /** Casefile's own SLO alerts, for in-process evaluation with another clock (tests, the demo). */
  public SloMonitor slos() {
    return slos;
  }

  /** The drills of this server, for in-process use (the drill command, tests). */
  public io.casefile.drill.Drills drills() {
    return drills;
  }

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    incidentRoutes.closeStreams();
    stopQuietly(otlp);
    stopQuietly(api);
    housekeeping.shutdownNow();
    try {
      housekeeping.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    alerts.close();
    drills.close();
    incidentRoutes.close();
    queue.close();
    store.close();
  }
}
