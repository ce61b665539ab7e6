package meridian.storage;

/** The column families of a node's RocksDB instance. RocksDB's own {@code default} stays empty. */
public enum ColumnFamily {
    /** MVCC versions, written only through {@link Batch#putVersion} and read through {@link MvccStore}. */
    DATA("data"),
    /** Paxos logs and acceptor state (promises, accepted values, lease votes). */
    PAXOS("paxos"),
    /** Node metadata. */
    META("meta");

    private final String rocksName;

    ColumnFamily(String rocksName) {
        this.rocksName = rocksName;
    }

    /** The column family's name inside RocksDB; persistent, never change it. */
    public String rocksName() {
        return rocksName;
    }
}
