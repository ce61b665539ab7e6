package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A one-node cluster (no links, no peers: its own time master) as a Testcontainers {@code
 * @Container} field, the way a user's test would hold one. Docker must work: the extension fails
 * the class without it (never {@code disabledWithoutDocker}).
 */
@Testcontainers
class SingleNodeClusterTest {
  @Container
  static final MeridianCluster CLUSTER = withImage(
      MeridianCluster.builder().nodes(1).env("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1"));

  /** The image must be there before the extension starts the field. */
  private static MeridianCluster withImage(MeridianCluster.Builder builder) {
    try {
      NodeImage.ensurePresent();
    } catch (Exception e) {
      throw new IllegalStateException("the node image is not available: " + e.getMessage(), e);
    }
    return builder.build();
  }

  @Test
  void servesSqlAndKeepsItsDataAcrossAStopAndRestart() throws Exception {
    assertThat(CLUSTER.jdbcUrl()).isEqualTo(CLUSTER.jdbcUrl(1)).startsWith("jdbc:meridian://");
    try (Connection c = DriverManager.getConnection(CLUSTER.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id INT64 PRIMARY KEY, body STRING)");
      s.executeUpdate("INSERT INTO notes (id, body) VALUES (1, 'kept')");
    }
    assertThat(CLUSTER.logs(1)).contains("serving gRPC on 0.0.0.0:" + MeridianCluster.NODE_PORT);

    CLUSTER.stop(1);
    assertThat(CLUSTER.isRunning(1)).isFalse();
    CLUSTER.restart(1);

    String body = Eventually.get("reading the note after the restart", Duration.ofSeconds(60), () -> {
      try (Connection c = DriverManager.getConnection(CLUSTER.jdbcUrl());
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT body FROM notes WHERE id = 1")) {
        return r.next() ? r.getString(1) : null;
      }
    });
    assertThat(body).isEqualTo("kept");
  }
}
