package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import meridian.client.NodeAddress;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest {
  @Test
  void parsesHostsDatabaseAndProperties() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse(
        "jdbc:meridian://a:7000,[::1]:7001,b.example:7002/default?readOnlyStaleness=EXACT_STALENESS+10s"
            + "&retryAbortsInternally=false&connectTimeout=3&queryTimeout=20&maxRetries=4", null);
    assertThat(config.hosts()).containsExactly(
        new NodeAddress("a", 7000), new NodeAddress("::1", 7001), new NodeAddress("b.example", 7002));
    assertThat(config.database()).isEqualTo("default");
    assertThat(config.readOnlyStaleness()).isEqualTo("EXACT_STALENESS 10s");
    assertThat(config.retryAbortsInternally()).isFalse();
    assertThat(config.connectTimeoutSeconds()).isEqualTo(3);
    assertThat(config.queryTimeoutSeconds()).isEqualTo(20);
    assertThat(config.maxRetries()).isEqualTo(4);
  }

  @Test
  void defaults() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse("jdbc:meridian://localhost:7000", new Properties());
    assertThat(config.database()).isEmpty();
    assertThat(config.readOnlyStaleness()).isNull();
    assertThat(config.retryAbortsInternally()).isTrue();
    assertThat(config.connectTimeoutSeconds()).isEqualTo(10);
    assertThat(config.queryTimeoutSeconds()).isZero();
    assertThat(config.maxRetries()).isEqualTo(10);
  }

  @Test
  void propertiesComeFromInfoAndTheUrlWins() throws SQLException {
    Properties info = new Properties();
    info.setProperty("maxRetries", "2");
    info.setProperty("queryTimeout", "5");
    info.setProperty("user", "ignored");
    info.setProperty("password", "ignored");
    ConnectionConfig config = ConnectionConfig.parse("jdbc:meridian://h:1?maxretries=3", info);
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.queryTimeoutSeconds()).isEqualTo(5);
  }

  @Test
  void malformedUrlsAre08001WithTheReason() {
    assertRefused("jdbc:meridian://", "names no host");
    assertRefused("jdbc:meridian://localhost", "host 'localhost' has no port");
    assertRefused("jdbc:meridian://a:1,localhost/db", "host 'localhost' has no port");
    assertRefused("jdbc:meridian://h:port", "has no numeric port");
    assertRefused("jdbc:meridian://h:70000", "outside 1..65535");
    assertRefused("jdbc:meridian://h:1/a/b", "contains '/'");
    assertRefused("jdbc:meridian://h:1?novalue", "is not property=value");
    assertRefused("jdbc:postgresql://h:1", "does not start with jdbc:meridian://");
  }

  @Test
  void unknownPropertiesAndBadValuesAre08001() {
    assertRefused("jdbc:meridian://h:1?retryAborts=true", "unknown connection property 'retryAborts'");
    assertRefused("jdbc:meridian://h:1?maxRetries=-1", "maxRetries");
    assertRefused("jdbc:meridian://h:1?connectTimeout=0", "connectTimeout");
    assertRefused("jdbc:meridian://h:1?queryTimeout=ten", "whole number");
    assertRefused("jdbc:meridian://h:1?retryAbortsInternally=yes", "true or false");
    assertRefused("jdbc:meridian://h:1?readOnlyStaleness=STALE", "starts with one of");
    Properties info = new Properties();
    info.setProperty("sslmode", "require");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:meridian://h:1", info))
        .hasMessageContaining("unknown connection property 'sslmode'");
  }

  private static void assertRefused(String url, String reason) {
    assertThatThrownBy(() -> ConnectionConfig.parse(url, null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(reason)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
  }

  @Test
  void theDriverIsRegisteredAndDescribesItsProperties() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:meridian://h:1");
    assertThat(driver).isInstanceOf(MeridianDriver.class);
    assertThat(driver.acceptsURL("jdbc:meridian://h:1")).isTrue();
    assertThat(driver.acceptsURL("jdbc:mysql://h:1")).isFalse();
    assertThat(driver.connect("jdbc:mysql://h:1", null)).isNull();
    assertThat(driver.getMajorVersion()).isZero();
    assertThat(driver.getMinorVersion()).isEqualTo(1);
    assertThat(driver.jdbcCompliant()).isFalse();
    DriverPropertyInfo[] infos = driver.getPropertyInfo("jdbc:meridian://h:1?maxRetries=3", new Properties());
    assertThat(Arrays.stream(infos).map(i -> i.name)).contains("readOnlyStaleness", "retryAbortsInternally",
        "connectTimeout", "queryTimeout", "maxRetries");
    assertThat(Arrays.stream(infos).filter(i -> i.name.equals("maxRetries")).findFirst().orElseThrow().value).isEqualTo("3");
    assertThat(Arrays.stream(infos).filter(i -> i.name.equals("retryAbortsInternally")).findFirst().orElseThrow().choices)
        .containsExactly("true", "false");
  }
}
