package meridian.server.sql;

import meridian.server.placement.Splitter;
import meridian.server.txn.SnapshotReads;
import meridian.server.txn.Transactions;
import meridian.truetime.TrueTime;

/** What SQL runs on: this node's transactions, snapshot reads, range splits and TrueTime. */
public record Engine(Transactions transactions, SnapshotReads snapshots, Splitter splitter, TrueTime trueTime) {}
