package meridian.server.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
