package meridian.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a bank history: every {@code ok} read is a snapshot of exactly the accounts the {@code
 * init} note declares, none negative, summing to its total (see the package documentation). One
 * pass; single-threaded.
 */
public final class BankChecker {

  public static final String MODEL = "bank";

  /** Most accounts an {@code init} note may declare (a read checks each of them). */
  public static final long ACCOUNTS_MAX = 1_000_000;

  /** Accounts named in one finding's message; the rest are counted. */
  static final int ACCOUNTS_NAMED_MAX = 10;

  private static final List<String> OPERATIONS = List.of("transfer", "read");

  /** What the {@code init} note declares. */
  record Bank(int accounts, long total) {}

  private BankChecker() {}

  /**
   * @throws MalformedHistoryException if there is no {@code init} note, or more than one, or an
   *     operation is not a transfer or a read of the documented shape
   */
  public static CheckResult check(History history) throws MalformedHistoryException {
    Bank bank = bank(history.notes());
    List<Finding> anomalies = new ArrayList<>();
    long reads = 0;
    long[] transfers = new long[Outcome.values().length];
    for (Operation op : history.operations()) {
      switch (op.f()) {
        case "transfer" -> {
          Value.Obj transfer = OperationValues.object(op, op.value(), "a transfer's value");
          for (String field : List.of("from", "to", "amount")) {
            OperationValues.field(op, transfer, field);
          }
          transfers[op.outcome().ordinal()]++;
        }
        case "read" -> {
          if (op.outcome() == Outcome.OK) {
            reads++;
            checkRead(bank, op, anomalies);
          }
        }
        default -> throw OperationValues.unknownF(op, MODEL, OPERATIONS);
      }
    }
    Map<String, Long> counts = CheckResult.historyCounts(history.counts());
    counts.put("accounts", (long) bank.accounts());
    counts.put("total", bank.total());
    counts.put("readsChecked", reads);
    counts.put("transfersOk", transfers[Outcome.OK.ordinal()]);
    counts.put("transfersFail", transfers[Outcome.FAIL.ordinal()]);
    counts.put("transfersInfo", transfers[Outcome.INDETERMINATE.ordinal()]);
    return CheckResult.of(MODEL, anomalies, counts, reads > 0 ? Optional.empty()
        : Optional.of("no read completed ok, so no balance was checked"));
  }

  static Bank bank(List<Event> notes) throws MalformedHistoryException {
    Event init = null;
    for (Event note : notes) {
      if (note.f().equals("init") && note.process().equals(Value.of("setup"))) {
        if (init != null) {
          throw new MalformedHistoryException(note.line(), "a second init note (the first is on"
              + " line " + init.line() + ")");
        }
        init = note;
      }
    }
    if (init == null) {
      throw new MalformedHistoryException(0, "a bank history needs a note {\"process\": \"setup\","
          + " \"type\": \"info\", \"f\": \"init\", \"value\": {\"accounts\": N, \"total\": T}}");
    }
    if (!(init.value() instanceof Value.Obj value)
        || !(value.fields().get("accounts") instanceof Value.Int accounts)
        || !(value.fields().get("total") instanceof Value.Int total)) {
      throw new MalformedHistoryException(init.line(), "the init note's value must be"
          + " {\"accounts\": N, \"total\": T} with integers, not "
          + OperationValues.quote(init.value()));
    }
    if (accounts.value() < 1 || accounts.value() > ACCOUNTS_MAX) {
      throw new MalformedHistoryException(init.line(), "accounts must be 1 to " + ACCOUNTS_MAX
          + ", not " + accounts.value());
    }
    return new Bank((int) accounts.value(), total.value());
  }

  private static void checkRead(Bank bank, Operation op, List<Finding> anomalies)
      throws MalformedHistoryException {
    Value.Obj balances = OperationValues.object(op, op.value(), "a read's value");
    boolean[] present = new boolean[bank.accounts()];
    List<String> unexpected = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    long sum = 0;
    for (Map.Entry<String, Value> entry : balances.fields().entrySet()) {
      String name = entry.getKey();
      long balance = OperationValues.integer(op, entry.getValue(), "account " + name + "'s balance");
      int account = account(name, bank.accounts());
      if (account < 0) {
        unexpected.add(name);
      } else {
        present[account] = true;
      }
      if (balance < 0) {
        negative.add(name + ": " + balance);
      }
      sum += balance;
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < present.length; i++) {
      if (!present[i]) {
        missing.add(Integer.toString(i));
      }
    }
    String read = "read " + op.label();
    if (!missing.isEmpty()) {
      anomalies.add(new Finding("missing-account", read + " lacks " + named(missing),
          List.of(op)));
    }
    if (!unexpected.isEmpty()) {
      anomalies.add(new Finding("unexpected-account", read + " has accounts outside 0.."
          + (bank.accounts() - 1) + ": " + named(unexpected), List.of(op)));
    }
    if (!negative.isEmpty()) {
      anomalies.add(new Finding("negative-balance", read + " has negative balances: "
          + named(negative), List.of(op)));
    }
    if (sum != bank.total()) {
      anomalies.add(new Finding("wrong-total", read + " sums to " + sum + ", not "
          + bank.total(), List.of(op)));
    }
  }

  /** The account a read's field names, or -1 if it names none (only canonical decimals do). */
  private static int account(String name, int accounts) {
    try {
      int n = Integer.parseInt(name);
      return n >= 0 && n < accounts && Integer.toString(n).equals(name) ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String named(List<String> items) {
    String shown = String.join(", ", items.subList(0, Math.min(items.size(), ACCOUNTS_NAMED_MAX)));
    return items.size() <= ACCOUNTS_NAMED_MAX ? "[" + shown + "]"
        : "[" + shown + ", ...] (" + items.size() + " in all)";
  }
}
