import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run by ShadedDriverProcessTest with only the shaded driver jar on the class path (java's
 * source launcher compiles it): prints what it finds, one key=value per line.
 *
 * <p>Arguments: url, then "refused" (expect no server) or "query TABLE" (create, insert, select).
 */
public class ShadedProbe {
  public static void main(String[] args) throws Exception {
    Class<?> epoll = Class.forName("meridian.jdbc.shaded.io.grpc.netty.shaded.io.netty.channel.epoll.Epoll");
    System.out.println("epoll=" + epoll.getMethod("isAvailable").invoke(null));
    System.out.println("driver=" + DriverManager.getDriver(args[0]).getClass().getName());
    System.out.println("unshadedGrpc=" + loadable("io.grpc.ManagedChannel"));
    System.out.println("unshadedProtobuf=" + loadable("com.google.protobuf.Message"));
    if (args[1].equals("refused")) {
      try (Connection c = DriverManager.getConnection(args[0])) {
        System.out.println("state=connected");
      } catch (SQLException e) {
        System.out.println("state=" + e.getSQLState());
      }
      return;
    }
    String table = args[2];
    try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
      System.out.println("product=" + c.getMetaData().getDatabaseProductName());
      s.execute("CREATE TABLE " + table + " (id INT64 NOT NULL, name STRING, PRIMARY KEY (id))");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
        for (int i = 1; i <= 2; i++) {
          p.setLong(1, i);
          p.setString(2, "row " + i);
          p.addBatch();
        }
        System.out.println("inserted=" + p.executeBatch().length);
      }
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM " + table + " ORDER BY id")) {
        while (rs.next()) {
          System.out.println("row=" + rs.getLong(1) + "," + rs.getString(2));
        }
      }
    }
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
