package meridian.server.node;

import meridian.truetime.PhysicalClock;
import meridian.truetime.Sleeper;
import meridian.truetime.TrueTime;
import meridian.truetime.TrueTimeConfig;

/** Builds a node's TrueTime from its flags. */
final class TrueTimeFactory {
  private TrueTimeFactory() {}

  static TrueTime create(NodeConfig config, PhysicalClock clock) {
    TrueTimeConfig timeConfig = TrueTimeConfig.defaults().withMasterEpsilonMicros(config.masterEpsilonMicros());
    return config.timeMaster()
        ? TrueTime.asMaster(config.id(), clock, timeConfig, Sleeper.system())
        : new TrueTime(clock, timeConfig, Sleeper.system());
  }
}
