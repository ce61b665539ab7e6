package meridian.server.replication;

import static meridian.server.replication.GroupStorageTest.THREE;
import static meridian.server.replication.GroupStorageTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import meridian.client.NodeAddress;
import meridian.paxos.Ballot;
import meridian.paxos.LogEntry;
import meridian.proto.v1.PaxosServiceGrpc;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotFetch;
import meridian.server.node.PeerSpec;
import meridian.storage.Batch;
import meridian.storage.StorageEngine;
import meridian.storage.StorageOptions;
import meridian.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot transfer over real gRPC: a multi-chunk snapshot streamed under flow control, and an
 * install resumed after a restart that tries an unreachable member first and backs off.
 */
class SnapshotTransfersTest {
  static final long GROUP = 1;
  static final List<SnapshotSpan> SPANS = SnapshotSpan.ofGroup(RangeMap.initial(2, g -> java.util.List.of("n1")).range(GROUP));
  static final int KEYS = 3_000;

  @TempDir
  Path temp;
  StorageEngine source;
  StorageEngine target;
  Server server;
  SnapshotTransfers serving;
  SnapshotTransfers fetching;
  PaxosTransport transport;

  @BeforeEach
  void start() throws Exception {
    source = StorageEngine.open(temp.resolve("source"), StorageOptions.defaults());
    target = StorageEngine.open(temp.resolve("target"), StorageOptions.defaults());
    // About 3 MiB of values: several 1 MiB chunks.
    GroupStorage storage = new GroupStorage(source, GROUP);
    storage.load(THREE);
    Batch batch = source.newBatch();
    byte[] value = new byte[1_000];
    for (int i = 0; i < KEYS; i++) {
      batch.putVersion(bytes("k" + i), 10, value);
    }
    SnapshotPoint applied = SnapshotPoint.initial(THREE).next(new LogEntry(1, new Ballot(1, "n1"), 10, new meridian.paxos.Command.Noop()));
    storage.stageApplied(applied, batch);
    batch.commit(true);

    serving = new SnapshotTransfers("n1", source, new PaxosTransport("n1", "127.0.0.1", List.of()));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new PaxosServiceGrpc.PaxosServiceImplBase() {
          @Override
          public void fetchSnapshot(SnapshotFetch request, StreamObserver<SnapshotChunk> response) {
            serving.serve(request, new GroupStorage(source, request.getGroupId()), SPANS, response);
          }
        })
        .build()
        .start();
    transport = new PaxosTransport("n2", "127.0.0.1", List.of(
        new PeerSpec("n3", new NodeAddress("127.0.0.1", 1)), // nothing listens there
        new PeerSpec("n1", new NodeAddress("127.0.0.1", server.getPort()))));
    fetching = new SnapshotTransfers("n2", target, transport);
  }

  @AfterEach
  void stop() throws Exception {
    fetching.close();
    serving.close();
    transport.close();
    server.shutdownNow().awaitTermination();
    source.close();
    target.close();
  }

  @Test
  void anInstallInterruptedByARestartResumesFromAnotherMember() throws Exception {
    GroupStorage storage = new GroupStorage(target, GROUP);
    // What a crash in the middle of an install leaves: the marker, and a partial state.
    storage.beginInstall(new SnapshotPoint(1, new Ballot(1, "n1"), 10, THREE), SPANS);
    target.newBatch().putVersion(bytes("k1"), 10, bytes("partial")).commit(true);

    CompletableFuture<SnapshotTransfers.Outcome> outcome = new CompletableFuture<>();
    fetching.install(new SnapshotTransfers.Job(storage, SPANS, List.of("n3", "n1"), 1, true, outcome::complete));
    outcome.get(30, TimeUnit.SECONDS);

    assertThat(outcome.join()).isInstanceOfSatisfying(SnapshotTransfers.Outcome.Written.class, w -> {
      assertThat(w.source()).isEqualTo("n1");
      assertThat(w.snapshot().entries()).isEqualTo(KEYS);
      assertThat(w.snapshot().point().index()).isEqualTo(1);
    });
    storage.finishInstall(((SnapshotTransfers.Outcome.Written) outcome.join()).snapshot().point());
    assertThat(storage.installMarker()).isEmpty();
    assertThat(target.mvcc().get(bytes("k1"), 10).map(Version::value)).hasValueSatisfying(v -> assertThat(v).hasSize(1_000));
    assertThat(target.mvcc().get(bytes("k" + (KEYS - 1)), 10)).isPresent();
    assertThat(new GroupStorage(target, GROUP).load(THREE).state().snapshotIndex()).isEqualTo(1);
  }

  @Test
  void aFetchBelowWhatTheSenderAppliedFailsWithoutTouchingAnything() throws Exception {
    GroupStorage storage = new GroupStorage(target, GROUP);
    target.newBatch().putVersion(bytes("k1"), 5, bytes("mine")).commit(true);
    CompletableFuture<SnapshotTransfers.Outcome> outcome = new CompletableFuture<>();
    fetching.install(new SnapshotTransfers.Job(storage, SPANS, List.of("n1"), 7, false, outcome::complete));
    outcome.get(30, TimeUnit.SECONDS);
    assertThat(outcome.join()).isInstanceOfSatisfying(SnapshotTransfers.Outcome.Failed.class, f -> {
      assertThat(f.incomplete()).isFalse();
      assertThat(f.reason()).contains("below the 7 asked for");
    });
    assertThat(storage.installMarker()).isEmpty();
    assertThat(target.mvcc().get(bytes("k1"), 5).map(Version::value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("mine")));
  }
}
