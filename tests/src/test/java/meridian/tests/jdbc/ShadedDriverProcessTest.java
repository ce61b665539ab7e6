package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver jar (module jdbc) used the way applications use it: in a separate JVM with
 * nothing else on the class path, by a small program and by sqlline, a command-line JDBC tool
 * from Maven Central.
 */
class ShadedDriverProcessTest {
  static final long PROCESS_SECONDS_MAX = 180;
  /** A fresh JVM on a loaded 2-core machine can take more than the default 10 s to open its session. */
  static final String SLOW_MACHINE = "?connectTimeout=60";

  @TempDir
  Path dir;

  static Path shadedJar() {
    Path jar = Path.of(System.getProperty("meridian.jdbc.jar", "../jdbc/target/meridian-jdbc-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the shaded driver (built by the jdbc module's package phase)").exists();
    return jar;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Path probeSource() throws IOException {
    Path source = dir.resolve("ShadedProbe.java");
    try (InputStream in = ShadedDriverProcessTest.class.getResourceAsStream("/jdbc/ShadedProbe.java")) {
      assertThat(in).as("ShadedProbe.java on the test class path").isNotNull();
      Files.copy(in, source);
    }
    return source;
  }

  /** Runs a command to its end (bounded) and returns its output, stdout and stderr merged. */
  private String run(List<String> command) throws Exception {
    Path output = dir.resolve("output-" + System.nanoTime() + ".txt");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(emptyInput())).start();
    boolean exited = process.waitFor(PROCESS_SECONDS_MAX, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(output);
    assertThat(exited).as("process ended within %d s; output:%n%s", PROCESS_SECONDS_MAX, text).isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", text).isZero();
    return text;
  }

  private java.io.File emptyInput() throws IOException {
    Path empty = dir.resolve("empty-input");
    if (!Files.exists(empty)) {
      Files.createFile(empty);
    }
    return empty.toFile();
  }

  @Test
  void theJarIsSelfContainedAndKeepsNettysNativeTransport() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      closed = socket.getLocalPort();
    }
    String out = run(List.of(java(), "-cp", shadedJar().toString(), probeSource().toString(),
        "jdbc:meridian://127.0.0.1:" + closed + "?connectTimeout=2", "refused"));
    assertThat(out).contains("epoll=true", "driver=meridian.jdbc.MeridianDriver", "unshadedGrpc=false",
        "unshadedProtobuf=false", "state=08001");
  }

  @Test
  void aProgramWithOnlyTheJarRunsSql() throws Exception {
    JdbcServer server = JdbcServer.start(dir.resolve("node"));
    try (server) {
      String out = run(List.of(java(), "-cp", shadedJar().toString(), probeSource().toString(), server.url() + SLOW_MACHINE, "query",
          JdbcServer.freshTable("probe")));
      assertThat(out).contains("epoll=true", "product=Meridian", "inserted=2", "row=1,row 1", "row=2,row 2");
    }
  }

  @Test
  void sqllineRunsAScriptThroughTheShadedDriver() throws Exception {
    Path sqllineDir = Path.of(System.getProperty("meridian.sqlline.dir", "target/sqlline"));
    List<String> classpath = new ArrayList<>(List.of(shadedJar().toString()));
    try (Stream<Path> jars = Files.list(sqllineDir)) {
      jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
    }
    assertThat(classpath).anyMatch(p -> p.contains("sqlline-"));
    JdbcServer server = JdbcServer.start(dir.resolve("node"));
    try (server) {
      String table = JdbcServer.freshTable("sqlline");
      Path script = dir.resolve("script.sql");
      Files.writeString(script, String.join("\n",
          "CREATE TABLE " + table + " (id INT64 NOT NULL, name STRING, PRIMARY KEY (id));",
          "INSERT INTO " + table + " (id, name) VALUES (1, 'alpha');",
          "INSERT INTO " + table + " (id, name) VALUES (2, 'beta');",
          "SELECT id, name FROM " + table + " ORDER BY id;",
          ""));
      String out = run(List.of(java(), "-cp", String.join(java.io.File.pathSeparator, classpath), "sqlline.SqlLine",
          "-u", server.url() + SLOW_MACHINE, "-n", "user", "-p", "none", "--outputformat=csv", "--run=" + script));
      assertThat(out).contains("'1','alpha'", "'2','beta'");
      assertThat(out).doesNotContain("Error:");
    }
  }
}
