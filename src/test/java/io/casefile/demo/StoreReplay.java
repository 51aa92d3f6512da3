package io.casefile.demo;

import io.casefile.demo.DecodedRequests.Req;
import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** A scenario replayed over HTTP into an in-process server with an in-memory store, then read back. */
final class StoreReplay implements AutoCloseable {
  static final List<String> COHORT_COLUMNS =
      List.of("region", "payment_method", "device", "customer_tier", "feature_flag.result.variant");

  final CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(null).withRetention(null));

  GroundTruth replay(Scenario scenario, SimulationOptions options) throws IOException {
    try (var replayer = new ScenarioReplayer(server.otlpUri(), server.apiUri(), null, ScenarioReplayer.DEFAULT_PARALLELISM)) {
      return ShopSimulation.run(scenario, options, replayer);
    }
  }

  /** Every request (server span) in the store, with the attributes cohorts are made of. */
  List<Req> requests() {
    var keys = server.store().read(io.casefile.store.SpanAttributes::read); // a key has a column or is in the map
    var cols = new StringBuilder();
    for (String c : COHORT_COLUMNS) {
      cols.append(", ").append(keys.expression(c));
    }
    String sql = "SELECT epoch_us(start_time), service, operation, is_error, duration_us" + cols
        + " FROM spans WHERE is_request";
    return server.store().read(conn -> {
      try (var st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        var out = new ArrayList<Req>();
        while (rs.next()) {
          var attrs = new HashMap<String, String>();
          for (int i = 0; i < COHORT_COLUMNS.size(); i++) {
            String v = rs.getString(6 + i);
            if (v != null) {
              attrs.put(COHORT_COLUMNS.get(i), v);
            }
          }
          long us = rs.getLong(1);
          out.add(new Req(Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000), rs.getString(2),
              rs.getString(3), rs.getBoolean(4), rs.getLong(5), attrs));
        }
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    });
  }

  /** Changes sent through the API (derived ones left out), oldest first. */
  List<ChangeEvent> changes(GroundTruth truth) {
    var range = new TimeRange(truth.dataStart().minusSeconds(3600), truth.dataEnd().plusSeconds(3600));
    return server.store().changes(range, null).rows().stream().filter(c -> !c.derived()).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
