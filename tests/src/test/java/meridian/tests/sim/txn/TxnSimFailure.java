package meridian.tests.sim.txn;

/** A failed run: the seed, how to replay it, its configuration, what broke and the trace tail. */
final class TxnSimFailure extends AssertionError {
  final long seed;
  final TxnSimConfig config;

  TxnSimFailure(TxnSimConfig config, TxnSim.Trace trace, Throwable cause) {
    super(message(config, trace, cause), cause);
    this.seed = config.seed();
    this.config = config;
  }

  static String replayCommand(TxnSimConfig config) {
    return "./mvnw -q -B -o test -pl tests -am -Dtest='TxnSimulationTest#manySeeds' -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dmeridian.txnsim.seed=" + config.seed() + " -Dmeridian.txnsim.verbose=true"
        + (config.breakage() == TxnSimConfig.Breakage.NONE ? "" : " -Dmeridian.txnsim.breakage=" + config.breakage())
        + (config.storm() ? " -Dmeridian.txnsim.storm=true" : "")
        + "   (trace in tests/target/surefire-reports/*TxnSimulationTest-output.txt)";
  }

  private static String message(TxnSimConfig config, TxnSim.Trace trace, Throwable cause) {
    String what;
    if (cause instanceof Violation) {
      what = cause.getMessage();
    } else {
      java.io.StringWriter w = new java.io.StringWriter();
      cause.printStackTrace(new java.io.PrintWriter(w));
      what = w.toString();
    }
    return "txn simulation failed: seed=" + config.seed() + "\n  " + what + "\n  replay: " + replayCommand(config)
        + "\n  config: " + config + "\n  last events:\n" + trace.tail();
  }

  /** A checked property does not hold. */
  static final class Violation extends RuntimeException {
    Violation(String message) {
      super(message);
    }
  }
}
