package meridian.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./meridian} launcher of this checkout, as a user would. */
final class Launcher {
  /** What a command printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  static Path repo() {
    String repo = System.getProperty("meridian.repo");
    Path path = repo == null ? Path.of("..") : Path.of(repo);
    return path.toAbsolutePath().normalize();
  }

  static Result run(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(repo().resolve("meridian").toString());
    command.addAll(List.of(args));
    return exec(command, timeoutSeconds);
  }

  static Result exec(List<String> command, long timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).directory(repo().toFile()).start();
      process.getOutputStream().close();
      var stdout = drain(process.getInputStream());
      var stderr = drain(process.getErrorStream());
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n" + stdout.text() + stderr.text());
      }
      stdout.thread().join(10_000);
      stderr.thread().join(10_000);
      return new Result(process.exitValue(), stdout.text(), stderr.text());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private record Drain(Thread thread, StringBuffer buffer) {
    String text() {
      return buffer.toString();
    }
  }

  private static Drain drain(InputStream in) {
    StringBuffer buffer = new StringBuffer();
    Thread thread =
        new Thread(
            () -> {
              try (in) {
                buffer.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                buffer.append("(stream failed: ").append(e.getMessage()).append(')');
              }
            });
    thread.setDaemon(true);
    thread.start();
    return new Drain(thread, buffer);
  }

  /** A base port such that base..base+count-1 and base+100.. are free on loopback right now. */
  static int freeBasePort(int count) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
      if (allFree(base, count) && allFree(base + 100, count)) {
        return base;
      }
    }
    throw new AssertionError("no free port range found");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private Launcher() {}
}
