/**
 * Multi-Paxos with leader leases: the replication core of every Meridian shard.
 *
 * <p>Not built yet: the replication issue fills this package. What is fixed already is its shape.
 * It is a pure state machine (messages, ticks and TrueTime readings in; what to persist, what to
 * send and what to apply out, persist before send), and the build refuses any dependency of this
 * module on gRPC, protobuf, Netty or RocksDB so that the deterministic simulator can drive it.
 */
package meridian.paxos;
