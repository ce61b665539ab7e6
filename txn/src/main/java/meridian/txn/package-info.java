/**
 * Transactions: wound-wait locks, two-phase commit across Paxos groups, commit wait and lock-free
 * snapshot reads.
 *
 * <p>Not built yet: the transactions issue fills this package. Like {@code meridian.paxos} it is a
 * pure protocol core, and the build refuses any dependency of this module on gRPC, protobuf, Netty
 * or RocksDB.
 */
package meridian.txn;
