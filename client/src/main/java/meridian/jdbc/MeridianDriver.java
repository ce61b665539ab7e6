package meridian.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:meridian://host1:port1[,host2:port2...][/database][?property=value&...]}.
 * It is found through {@code META-INF/services/java.sql.Driver} and also registers itself when its
 * class is loaded (for code that still calls {@code Class.forName}). See {@link ConnectionProperty}
 * for the properties.
 */
public final class MeridianDriver implements Driver {
  static final String NAME = "Meridian JDBC";
  static final String VERSION = versionOfJar();
  static final int MAJOR_VERSION = versionPart(VERSION, 0);
  static final int MINOR_VERSION = versionPart(VERSION, 1);

  static {
    try {
      DriverManager.registerDriver(new MeridianDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Opens a connection, or returns null for a URL of another driver (as JDBC asks). */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return MeridianConnection.open(url, ConnectionConfig.parse(url, info));
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionConfig.accepts(url);
  }

  /** Every property with the value in the URL or {@code info} (the URL winning), else its default. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Map<ConnectionProperty, String> inUrl = acceptsURL(url) ? ConnectionConfig.urlProperties(url) : Map.of();
    List<DriverPropertyInfo> infos = new ArrayList<>();
    for (ConnectionProperty property : ConnectionProperty.values()) {
      String value = inUrl.get(property);
      if (value == null && info != null) {
        value = info.getProperty(property.key);
      }
      infos.add(property.info(value));
    }
    return infos.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  /** Not fully compliant: Meridian's SQL is not SQL-92 entry level (JDBC's test for true). */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("meridian.jdbc");
  }

  /** The jar's Implementation-Version, or the project's version when run from classes. */
  private static String versionOfJar() {
    String version = MeridianDriver.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0";
  }

  /** The {@code index}th number of a dotted version ("0.1.0-SNAPSHOT": 0, 1), 0 when absent. */
  static int versionPart(String version, int index) {
    String[] parts = version == null ? new String[0] : version.split("[.-]");
    if (index >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
