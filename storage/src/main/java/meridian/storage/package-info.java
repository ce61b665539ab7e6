/**
 * A node's durable storage: one RocksDB instance holding MVCC data, Paxos state and node metadata.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link meridian.storage.StorageEngine}: opens a data directory, owns RocksDB and its column
 *       families ({@link meridian.storage.ColumnFamily}), raw get and bounded scan on
 *       {@code paxos} and {@code meta}, checkpoints, close.
 *   <li>{@link meridian.storage.Batch}: atomic writes across column families, synced or not.
 *   <li>{@link meridian.storage.MvccStore}: reads at a timestamp, scans, version GC on {@code data}.
 *   <li>{@link meridian.storage.keys}: the order-preserving encoding that SQL keys are built with.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Atomic batches.</b> A {@link meridian.storage.Batch} is applied whole or not at all, across
 *       column families, also across crashes (one WAL record per batch). A Paxos log entry and the
 *       mutations it applies, with the applied index, therefore go in one batch.
 *   <li><b>Acknowledged means fsynced.</b> {@link meridian.storage.Batch#commit(boolean)} with
 *       {@code sync=true} returns only after the WAL is fsynced; a crash of the process or the
 *       machine afterwards cannot lose the batch. Batches are durable in commit order: if a batch
 *       survives a crash, so does every batch committed before it.
 *   <li><b>Group commit.</b> Concurrent synced commits share fsyncs. We rely on RocksDB for this: its
 *       writers queue up, the head of the queue writes the WAL records of every queued writer with
 *       compatible options and fsyncs once for all of them (RocksDB wiki, "WAL Performance", section
 *       "Group Commit"; groups are capped at about 1 MB, and a synced write does not join a group led
 *       by an unsynced one). {@code GroupCommitTest} measures it with RocksDB's WAL sync counter.
 *   <li><b>Newest-first MVCC.</b> A read at timestamp {@code t} returns, per key, the newest version
 *       with timestamp {@code <= t}; a tombstone there means absent. Scans return keys in unsigned
 *       byte order of the user keys.
 *   <li><b>What GC keeps.</b> {@link meridian.storage.MvccStore#gcBelow(long, byte[], int)} with
 *       horizon {@code h} keeps every version above {@code h} and, per key, the newest version at or
 *       below {@code h} unless it is a tombstone. So every read at a timestamp {@code >= h} returns
 *       the same before and after GC. Reads below {@code h} may see versions vanish.
 *   <li><b>Refusal, never repair.</b> {@link meridian.storage.StorageEngine#open} writes only into
 *       a missing or empty directory (creating the {@value
 *       meridian.storage.DataDirectoryIdentity#FILE_NAME} identity file, then RocksDB under
 *       {@code rocksdb/}); a foreign, corrupted, newer-format or locked directory is refused with a
 *       {@link meridian.storage.StorageException} of the matching kind, and left as it was.
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Key layout of {@code data}: {@code escaped(userKey) 0x00 0x01} followed by 8 bytes
 *       big-endian {@code Long.MAX_VALUE - commitTimestampMicros}; value: tag {@code 0x01} (value)
 *       or {@code 0x02} (tombstone) then the value bytes. The escaping ({@link
 *       meridian.storage.keys.EscapedBytes}) keeps user-key order and makes each key's prefix
 *       prefix-free, so a key that is a prefix of another ({@code "a"} vs {@code "a\0"}) never
 *       interleaves with its versions.
 *   <li>Versions of one key are contiguous, newest first. Timestamps are non-negative TrueTime
 *       microseconds, passed in by callers; this package never reads a clock.
 *   <li>{@code data} is written only through {@code putVersion}/{@code deleteVersion}; raw
 *       {@code put}, {@code get} and {@code scan} refuse it.
 *   <li>Everything is bounded: batch operations and bytes ({@link meridian.storage.StorageOptions}),
 *       scan rows ({@link meridian.storage.MvccStore#SCAN_LIMIT_MAX}), bytes and versions examined,
 *       GC work per call, key length.
 * </ul>
 *
 * <h2>Hazards</h2>
 * HAZARD (timestamps): snapshot reads are only repeatable if every version written at or below a
 * timestamp {@code t} is written before anyone reads at {@code t}. A caller that commits at a
 * timestamp not above everything it has already served reads at (a leader that assigns timestamps
 * outside its lease, or below safe time) makes an earlier read at {@code t} disagree with a later
 * one. This package cannot detect it; the Paxos leader's timestamp rules must prevent it.
 *
 * <p>HAZARD (GC horizon): a reader at a timestamp below the horizon may miss versions GC has
 * removed and return a wrong (not merely stale) answer. The caller must keep the horizon below the
 * oldest read timestamp still in use, or reject reads below it; a long-running read must hold the
 * horizon back. Writes at or below the horizon must not happen (GC may already have dropped the
 * versions they would shadow, or the tombstone that hid the older value).
 *
 * <p>HAZARD (unsynced batches): {@code commit(false)} returns before the WAL is fsynced. The
 * batch survives a process crash (it is in the kernel's page cache) but may be lost, together with
 * every later unsynced batch, when the machine crashes. Never acknowledge to anyone a state that
 * depends on it; a Paxos promise or accept is always committed with {@code sync=true}.
 *
 * <p>HAZARD (disk full, I/O errors): RocksDB turns a failed flush, compaction or WAL write into a
 * background error and stops accepting writes. Every later commit then fails with {@link
 * meridian.storage.StorageException.Kind#IO}; the engine does not retry or pretend. The node must
 * report itself unhealthy and be restarted once the cause is removed; data synced before the error
 * is intact.
 *
 * <p>HAZARD (deleting {@code rocksdb/}): a directory whose identity file survived but whose database
 * is gone is refused ({@link meridian.storage.StorageException.Kind#CORRUPTED}) rather than
 * re-created empty, because an acceptor that silently forgot its promises breaks Paxos safety. The
 * same refusal follows a crash in the few milliseconds between writing the identity file and
 * creating the database on first start; the operator removes the directory in both cases.
 *
 * <p>HAZARD (copying data directories): a copied directory keeps its identity. Use {@link
 * meridian.storage.StorageEngine#checkpoint} instead, which gives the copy an identity of its own.
 */
package meridian.storage;
