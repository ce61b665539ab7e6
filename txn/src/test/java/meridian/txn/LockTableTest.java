package meridian.txn;

import static meridian.txn.Keys.point;
import static meridian.txn.Keys.range;
import static meridian.txn.Keys.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LockTableTest {
  private final LockTable table = new LockTable(100);
  private final TxnId a = txn(1);
  private final TxnId b = txn(2);

  @Test
  void sharedLocksShareAndExclusiveExcludes() {
    assertThat(table.tryAcquire(a, point("k"), LockMode.SHARED)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(b, point("k"), LockMode.SHARED)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(b, point("k"), LockMode.EXCLUSIVE)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(a)));
    table.releaseAll(a);
    assertThat(table.tryAcquire(b, point("k"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(a, point("k"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(b)));
    assertThat(table.lockCount()).isEqualTo(1);
    table.checkInvariants();
  }

  @Test
  void rangeLocksBlockWritesInsideOnly() {
    table.tryAcquire(a, range("b", "d"), LockMode.SHARED);
    assertThat(table.tryAcquire(b, point("c"), LockMode.EXCLUSIVE)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(a)));
    assertThat(table.tryAcquire(b, point("d"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(b, point("a"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(a, range("a", "e"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(b)));
    assertThat(table.tryAcquire(a, new KeySpan(Keys.key("e"), null), LockMode.SHARED)).isInstanceOf(LockTable.Attempt.Granted.class);
    table.checkInvariants();
  }

  @Test
  void ownLocksUpgradeInPlace() {
    table.tryAcquire(a, point("k"), LockMode.SHARED);
    table.tryAcquire(a, range("a", "z"), LockMode.SHARED);
    assertThat(table.tryAcquire(a, point("k"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(a, point("k"), LockMode.SHARED)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.heldBy(a)).containsExactly(new HeldLock(point("k"), LockMode.EXCLUSIVE), new HeldLock(range("a", "z"), LockMode.SHARED));
    table.releaseAll(a);
    assertThat(table.lockCount()).isZero();
    assertThat(table.holdsAny(a)).isFalse();
    table.checkInvariants();
  }

  @Test
  void fullTableRefusesNewLocks() {
    LockTable small = new LockTable(2);
    small.tryAcquire(a, point("x"), LockMode.SHARED);
    small.tryAcquire(a, point("y"), LockMode.SHARED);
    assertThat(small.tryAcquire(b, point("z"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Full(2));
    assertThat(small.tryAcquire(b, range("p", "q"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Full(2));
    assertThat(small.tryAcquire(b, point("x"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Full(2));
    small.checkInvariants();
  }

  @Test
  void anExclusiveRangeKeepsEveryOtherLockOutOfItAndWaitsForThoseInside() {
    table.tryAcquire(b, point("c"), LockMode.SHARED);
    assertThat(table.tryAcquire(a, range("b", "d"), LockMode.EXCLUSIVE)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(b)));
    table.releaseAll(b);
    assertThat(table.tryAcquire(a, range("b", "d"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(b, point("c"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(a)));
    assertThat(table.tryAcquire(b, range("a", "bb"), LockMode.SHARED)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(a)));
    assertThat(table.tryAcquire(b, new KeySpan(Keys.key("c"), null), LockMode.EXCLUSIVE)).isEqualTo(new LockTable.Attempt.Conflict(Set.of(a)));
    assertThat(table.tryAcquire(b, point("d"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class);
    assertThat(table.tryAcquire(a, point("c"), LockMode.EXCLUSIVE)).isInstanceOf(LockTable.Attempt.Granted.class); // its own range
    assertThat(table.heldBy(a)).contains(new HeldLock(range("b", "d"), LockMode.EXCLUSIVE));
    table.checkInvariants();
    table.releaseAll(a);
    assertThat(table.tryAcquire(b, point("c"), LockMode.SHARED)).isInstanceOf(LockTable.Attempt.Granted.class);
    table.checkInvariants();
  }
}
