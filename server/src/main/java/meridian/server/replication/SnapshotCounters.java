package meridian.server.replication;

import java.util.concurrent.atomic.AtomicLong;

/** Node-wide counts of log compactions and snapshot transfers, for the metrics endpoint. Thread-safe. */
public final class SnapshotCounters {
  final AtomicLong compactions = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong sentBytes = new AtomicLong();
  final AtomicLong installed = new AtomicLong();
  final AtomicLong installedBytes = new AtomicLong();
  final AtomicLong failedInstalls = new AtomicLong();

  public long compactions() {
    return compactions.get();
  }

  public long sent() {
    return sent.get();
  }

  public long sentBytes() {
    return sentBytes.get();
  }

  public long installed() {
    return installed.get();
  }

  public long installedBytes() {
    return installedBytes.get();
  }

  /** Installs given up on: fetch failures before anything was touched, and groups left stopped. */
  public long failedInstalls() {
    return failedInstalls.get();
  }
}
