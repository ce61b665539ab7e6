package meridian.tests.sim;

/**
 * A failed run: the seed, how to replay it, its configuration, what broke and the last lines of its
 * trace.
 */
final class SimulationFailure extends AssertionError {
  final long seed;
  final SimConfig config;

  SimulationFailure(SimConfig config, Trace trace, Throwable cause) {
    super(message(config, trace, cause), cause);
    this.seed = config.seed();
    this.config = config;
  }

  static String replayCommand(SimConfig config) {
    return "./mvnw -q -B -o -pl tests test -Dtest=PaxosSimulationTest -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dmeridian.sim.seed=" + config.seed() + " " + config.shape().asProperties()
        + " -Dmeridian.sim.verbose=true";
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  private static String message(SimConfig config, Trace trace, Throwable cause) {
    String what = cause instanceof InvariantViolation ? cause.getMessage() : stackTrace(cause);
    return "simulation failed: seed=" + config.seed() + "\n  " + what + "\n  replay: " + replayCommand(config)
        + "\n  config: " + config + "\n  last " + "events:\n" + trace.tail();
  }
}
