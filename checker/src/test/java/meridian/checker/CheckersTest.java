package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckersTest {

  private static final History REGISTER = parse("""
      {"process": 0, "type": "invoke", "f": "write", "value": 1}
      {"process": 0, "type": "ok", "f": "write", "value": 1}
      {"process": 1, "type": "invoke", "f": "read", "value": null}
      {"process": 1, "type": "ok", "f": "read", "value": 2}
      """);

  private static History parse(String text) {
    try {
      return HistoryParser.parse(text);
    } catch (MalformedHistoryException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyModelIsCheckedByName() throws Exception {
    assertThat(Checkers.MODELS)
        .containsExactly("register", "bank", "set", "list-append", "monotonic");
    CheckResult register = Checkers.check("register", REGISTER, CheckerConfig.defaults());
    assertThat(register.model()).isEqualTo("register");
    assertThat(register.anomalies()).extracting(Finding::type).containsExactly("not-linearizable");
    History empty = parse("");
    for (String model : Checkers.MODELS.subList(2, Checkers.MODELS.size())) {
      CheckResult result = Checkers.check(model, empty, CheckerConfig.defaults());
      assertThat(result.model()).isEqualTo(model);
      assertThat(result.valid()).as(model).isEqualTo(Validity.UNKNOWN);
    }
    assertThat(Checkers.check("register", empty, CheckerConfig.defaults()).valid())
        .isEqualTo(Validity.VALID);
  }

  @Test
  void anUnknownModelIsAProgrammerError() {
    assertThatThrownBy(() -> Checkers.check("queue", REGISTER, CheckerConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown model \"queue\" (known: register, bank, set, list-append,"
            + " monotonic)");
  }
}
