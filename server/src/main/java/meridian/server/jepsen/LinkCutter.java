package meridian.server.jepsen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts links between nodes that each have their own IPv4 address on this host, with iptables DROP
 * rules in a chain of its own ({@value #CHAIN_PREFIX} and the cluster's port, so that runs on
 * different ports do not touch each other's rules) jumped to from INPUT. Only that chain is ever
 * changed: {@link #healAll} flushes it and {@link #close} removes it and its jump.
 */
final class LinkCutter implements AutoCloseable {
  static final String CHAIN_PREFIX = "MERIDIAN-JEPSEN-";
  private static final long COMMAND_TIMEOUT_SECONDS = 10;

  private final String iptables;
  private final String chain;
  private final int port;
  private boolean installed;

  private LinkCutter(String iptables, int port) {
    this.iptables = iptables;
    this.chain = CHAIN_PREFIX + port;
    this.port = port;
  }

  /** A cutter for the cluster on {@code port}, or an error saying how to get iptables. */
  static LinkCutter open(int port) {
    String binary = findIptables();
    if (binary == null) {
      throw new IllegalStateException(
          "partitions need iptables, which is not installed (Debian: apt-get install -y iptables)");
    }
    LinkCutter cutter = new LinkCutter(binary, port);
    cutter.install();
    return cutter;
  }

  private static String findIptables() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      java.io.File f = new java.io.File(dir, "iptables");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  private synchronized void install() {
    run(true, "-N", chain); // fails harmlessly when it exists
    run(false, "-F", chain);
    if (run(true, "-C", "INPUT", "-j", chain) != 0) {
      run(false, "-I", "INPUT", "1", "-j", chain);
    }
    installed = true;
  }

  /**
   * Drops this cluster's traffic (TCP to or from its port) between {@code a} and {@code b}, both
   * ways; other programs on those addresses keep talking.
   */
  synchronized void cut(String a, String b) {
    for (String[] link : new String[][] {{a, b}, {b, a}}) {
      for (String portMatch : new String[] {"--dport", "--sport"}) {
        run(false, "-A", chain, "-s", link[0], "-d", link[1], "-p", "tcp", portMatch, Integer.toString(port), "-j", "DROP");
      }
    }
  }

  /** Removes every cut. */
  synchronized void healAll() {
    if (installed) {
      run(false, "-F", chain);
    }
  }

  @Override
  public synchronized void close() {
    if (!installed) {
      return;
    }
    run(true, "-F", chain);
    while (run(true, "-D", "INPUT", "-j", chain) == 0) {
      // a jump left by an earlier, crashed run is removed as well
    }
    run(true, "-X", chain);
    installed = false;
  }

  /** Runs iptables; unless {@code mayFail}, a non-zero exit is an error with iptables' message. */
  private int run(boolean mayFail, String... args) {
    List<String> command = new ArrayList<>();
    command.add(iptables);
    command.add("-w"); // wait for the xtables lock instead of failing
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("iptables did not finish within " + COMMAND_TIMEOUT_SECONDS + " s: " + String.join(" ", args));
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 && !mayFail) {
        throw new IllegalStateException(
            "iptables " + String.join(" ", args) + " failed (" + output + ")"
                + (output.contains("Permission denied") ? ": partitions need root (or CAP_NET_ADMIN)" : ""));
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run iptables: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running iptables", e);
    }
  }
}
