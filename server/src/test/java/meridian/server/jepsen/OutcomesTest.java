package meridian.server.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void onlyProofThatAWriteTookNoEffectMakesItAFailure() {
    assertThat(Outcomes.ofWriteFailure(new SQLException("aborted", "40001"))).isEqualTo("fail");
    assertThat(Outcomes.ofWriteFailure(new SQLException("bad", "42601"))).isEqualTo("fail");
    assertThat(Outcomes.ofWriteFailure(new SQLException("dup", "23505"))).isEqualTo("fail");
    assertThat(Outcomes.ofWriteFailure(new Outcomes.NotCommitted(new SQLException("lost", "08006")))).isEqualTo("fail");

    assertThat(Outcomes.ofWriteFailure(new SQLException("in doubt", "40003"))).isEqualTo("info");
    assertThat(Outcomes.ofWriteFailure(new SQLTimeoutException("slow", "57014"))).isEqualTo("info");
    assertThat(Outcomes.ofWriteFailure(new SQLException("broke", "08006"))).isEqualTo("info");
    assertThat(Outcomes.ofWriteFailure(new SQLException("no state"))).isEqualTo("info");
    assertThat(Outcomes.ofWriteFailure(new IllegalStateException("bug"))).isEqualTo("info");
  }

  @Test
  void aReadThatFailedIsAFailureUnlessItTimedOut() {
    assertThat(Outcomes.of(new SQLException("broke", "08006"), true)).isEqualTo("fail");
    assertThat(Outcomes.of(new SQLTimeoutException("slow", "57014"), true)).isEqualTo("info");
    assertThat(Outcomes.of(new SQLException("aborted", "40001"), false)).isEqualTo("fail");
  }
}
