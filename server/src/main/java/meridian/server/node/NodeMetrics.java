package meridian.server.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import meridian.server.replication.SnapshotCounters;
import meridian.truetime.TrueTime;

/** The node's meters, registered once; names follow Prometheus conventions (units last). */
public final class NodeMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter syncAgreed;
  private final Counter syncFailed;
  private final Timer commitWait;

  @SuppressWarnings("resource") // JvmGcMetrics lives as long as the process
  public NodeMetrics(NodeConfig config, TrueTime trueTime) {
    registry.config().commonTags("node", config.id(), "zone", config.zone());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("meridian.truetime.epsilon", trueTime, t -> t.status().epsilonMicros().orElse(0) / 1e6)
        .baseUnit("seconds")
        .description("Current TrueTime uncertainty (half-width of now())")
        .register(registry);
    Gauge.builder("meridian.truetime.fenced", trueTime, t -> t.status().fenced() ? 1 : 0)
        .description("1 while this node refuses to hand out timestamps")
        .register(registry);
    syncAgreed = Counter.builder("meridian.truetime.syncs").tag("outcome", "agreed").register(registry);
    syncFailed = Counter.builder("meridian.truetime.syncs").tag("outcome", "no_agreement").register(registry);
    commitWait = Timer.builder("meridian.commit.wait").description("Time spent in commit wait").register(registry);
  }

  /** Log compaction and snapshot transfer counts of {@code counters}. */
  public void bindSnapshots(SnapshotCounters counters) {
    FunctionCounter.builder("meridian.paxos.log.compactions", counters, SnapshotCounters::compactions)
        .description("Log truncations of any group on this node").register(registry);
    FunctionCounter.builder("meridian.paxos.snapshots.sent", counters, SnapshotCounters::sent)
        .description("Group snapshots this node sent whole").register(registry);
    FunctionCounter.builder("meridian.paxos.snapshots.sent.bytes", counters, SnapshotCounters::sentBytes)
        .baseUnit("bytes").register(registry);
    FunctionCounter.builder("meridian.paxos.snapshots.installed", counters, SnapshotCounters::installed)
        .description("Group snapshots this node installed").register(registry);
    FunctionCounter.builder("meridian.paxos.snapshots.installed.bytes", counters, SnapshotCounters::installedBytes)
        .baseUnit("bytes").register(registry);
    FunctionCounter.builder("meridian.paxos.snapshots.install.failures", counters, SnapshotCounters::failedInstalls)
        .description("Snapshot installs given up").register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void recordSync(boolean agreed) {
    (agreed ? syncAgreed : syncFailed).increment();
  }

  public Timer commitWait() {
    return commitWait;
  }

  public Timer kvRequest(String operation) {
    return Timer.builder("meridian.kv.requests").tag("op", operation).register(registry);
  }
}
