package meridian.server.replication;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import meridian.paxos.Message;
import meridian.proto.v1.PaxosBatch;
import meridian.proto.v1.PaxosBatchAck;
import meridian.proto.v1.PaxosServiceGrpc;
import meridian.server.node.PeerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Paxos messages to other nodes over gRPC: one queue and one channel per peer, messages of
 * all groups batched into one {@code Deliver} call, at most {@link #IN_FLIGHT_MAX} calls in flight
 * per peer. Fire and forget: a full queue drops the message (the protocol retransmits), a failed
 * call drops its batch. Never blocks the caller.
 */
final class PaxosTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PaxosTransport.class);
  static final int QUEUE_MAX = 50_000;
  static final int IN_FLIGHT_MAX = 4;
  static final int BATCH_MESSAGES_MAX = 512;
  static final long BATCH_BYTES_MAX = 4L * 1024 * 1024;
  static final long CALL_DEADLINE_MILLIS = 5_000;

  private final String self;
  private final String listenHost;
  private final Map<String, Peer> peers = new HashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  private final class Peer {
    final String id;
    final ManagedChannel channel;
    final PaxosServiceGrpc.PaxosServiceStub stub;
    final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger queued = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicBoolean unreachableLogged = new AtomicBoolean();

    Peer(PeerSpec spec) {
      this.id = spec.id();
      this.channel =
          meridian.server.node.PeerChannels.to(spec.address(), listenHost)
              .maxInboundMessageSize(16 * 1024 * 1024)
              .build();
      this.stub = PaxosServiceGrpc.newStub(channel);
    }

    void enqueue(Message message) {
      if (queued.incrementAndGet() > QUEUE_MAX) {
        queued.decrementAndGet();
        dropped.incrementAndGet();
        return;
      }
      queue.add(message);
      pump();
    }

    void pump() {
      while (!queue.isEmpty()) {
        int calls = inFlight.get();
        if (calls >= IN_FLIGHT_MAX) {
          return; // the completion of a call in flight pumps again
        }
        if (!inFlight.compareAndSet(calls, calls + 1)) {
          continue;
        }
        PaxosBatch batch = drain();
        if (batch.getMessagesCount() == 0) {
          inFlight.decrementAndGet();
          return;
        }
        stub.withDeadlineAfter(CALL_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
            .deliver(batch, new StreamObserver<PaxosBatchAck>() {
              @Override
              public void onNext(PaxosBatchAck ack) {
                unreachableLogged.set(false);
              }

              @Override
              public void onError(Throwable t) {
                dropped.addAndGet(batch.getMessagesCount());
                if (unreachableLogged.compareAndSet(false, true)) {
                  log.warn("peer {} unreachable for Paxos messages: {}", id, t.getMessage());
                }
                done();
              }

              @Override
              public void onCompleted() {
                done();
              }
            });
      }
    }

    private void done() {
      inFlight.decrementAndGet();
      pump();
    }

    private PaxosBatch drain() {
      PaxosBatch.Builder batch = PaxosBatch.newBuilder().setFromNode(self);
      long bytes = 0;
      while (batch.getMessagesCount() < BATCH_MESSAGES_MAX && bytes < BATCH_BYTES_MAX) {
        Message message = queue.poll();
        if (message == null) {
          break;
        }
        queued.decrementAndGet();
        var encoded = PaxosCodec.encode(message);
        bytes += encoded.getSerializedSize();
        batch.addMessages(encoded);
      }
      return batch.build();
    }
  }

  PaxosTransport(String self, String listenHost, List<PeerSpec> peerSpecs) {
    this.listenHost = listenHost;
    this.self = self;
    for (PeerSpec spec : peerSpecs) {
      peers.put(spec.id(), new Peer(spec));
    }
  }

  void send(List<Message> messages) {
    for (Message message : messages) {
      Peer peer = peers.get(message.to());
      if (peer == null) {
        dropped.incrementAndGet();
        continue;
      }
      peer.enqueue(message);
    }
  }

  /** A blocking stub on the channel to {@code peer}, for snapshot fetches. */
  PaxosServiceGrpc.PaxosServiceBlockingStub snapshotStub(String peer) {
    Peer p = peers.get(peer);
    if (p == null) {
      throw new IllegalArgumentException("no peer '" + peer + "' is configured on this node");
    }
    return PaxosServiceGrpc.newBlockingStub(p.channel);
  }

  long droppedMessages() {
    return dropped.get();
  }

  @Override
  public void close() {
    List<ManagedChannel> channels = new ArrayList<>();
    for (Peer peer : peers.values()) {
      peer.channel.shutdownNow();
      channels.add(peer.channel);
    }
    for (ManagedChannel channel : channels) {
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
