package meridian.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meridian.checker.CheckHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code meridian check-history --model register|bank|set|list-append|monotonic FILE}: checks a
 * Jepsen-style history (JSON lines) against the model and prints its verdict as JSON ({@code
 * "valid": true|false|"unknown"}, with the anomalies). Exit 0 valid, 1 invalid, 2 unknown (the
 * register's search ran out of its budget, or the history observed nothing), 64 bad input. The
 * checker itself is {@link CheckHistory}; this only gives it a place in the {@code meridian}
 * command.
 */
@Command(
    name = "check-history",
    description = "Check a history file (JSON lines) against a model: register (linearizability),"
        + " bank, set, list-append (strict serializability) or monotonic; print the verdict as"
        + " JSON. Options: --model register|bank|set|list-append|monotonic"
        + " [--search-states-max N] [--time-limit-seconds N] FILE.")
public final class CheckHistoryCommand implements Callable<Integer> {
  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    return CheckHistory.run(arguments.toArray(String[]::new), System.out, System.err);
  }
}
