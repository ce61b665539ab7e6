package meridian.server.sql;

import java.util.List;
import meridian.server.txn.TxnDriver;
import meridian.storage.Version;
import meridian.txn.Write;

/** {@link Access} through a read-write transaction: reads take shared locks, writes are buffered. */
final class TxnAccess implements Access {
  private final TxnDriver driver;
  private final Await.Deadline deadline;

  TxnAccess(TxnDriver driver, Await.Deadline deadline) {
    this.driver = driver;
    this.deadline = deadline;
  }

  @Override
  public List<Version> get(List<byte[]> keys) {
    return keys.isEmpty() ? List.of() : Await.get(driver.read(keys), deadline, "reading rows");
  }

  @Override
  public Page scan(byte[] start, byte[] end, int limit) {
    TxnDriver.RangeRows rows = Await.get(driver.readRange(start, end, limit), deadline, "scanning rows");
    return new Page(rows.rows(), rows.more(), rows.resumeKey());
  }

  @Override
  public void put(byte[] key, byte[] value) {
    driver.buffer(List.of(Write.put(meridian.txn.Key.of(key), value)));
  }

  @Override
  public void delete(byte[] key) {
    driver.buffer(List.of(Write.delete(meridian.txn.Key.of(key))));
  }

  @Override
  public boolean readOnly() {
    return false;
  }
}
