package meridian.tests.sim;

import java.io.PrintStream;
import java.util.ArrayDeque;

/**
 * What the simulation did, line by line: a running 64-bit FNV-1a hash of every line (two runs of a
 * seed must give the same hash), the last {@code tailLines} lines for a failure report, and, when
 * verbose, every line printed as it happens.
 */
final class Trace {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long startMicros;
  private final int tailLinesMax;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final PrintStream verbose; // null when quiet
  private long hash = FNV_OFFSET;
  private long lines;

  Trace(long startMicros, int tailLinesMax, PrintStream verbose) {
    this.startMicros = startMicros;
    this.tailLinesMax = tailLinesMax;
    this.verbose = verbose;
  }

  /** Records one line, stamped with true time relative to the start of the run. */
  void add(long trueMicros, String line) {
    String stamped = stamp(trueMicros) + " " + line;
    for (int i = 0; i < stamped.length(); i++) {
      hash = (hash ^ stamped.charAt(i)) * FNV_PRIME;
    }
    hash = (hash ^ '\n') * FNV_PRIME;
    lines++;
    if (tail.size() == tailLinesMax) {
      tail.removeFirst();
    }
    tail.addLast(stamped);
    if (verbose != null) {
      verbose.println(stamped);
    }
  }

  long hash() {
    return hash;
  }

  long lines() {
    return lines;
  }

  String tail() {
    return String.join("\n", tail);
  }

  private String stamp(long trueMicros) {
    long rel = trueMicros - startMicros;
    String frac = Long.toString(1_000_000 + rel % 1_000_000).substring(1); // zero-padded, 6 digits
    return (rel / 1_000_000) + "." + frac;
  }
}
