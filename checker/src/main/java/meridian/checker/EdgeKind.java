package meridian.checker;

/**
 * Why one transaction must precede another in any serial order consistent with the history, weakest
 * first: an edge that is several kinds at once is reported as the first of them.
 */
enum EdgeKind {
  /** Write-write: the second appended the version after the first's. */
  WW("ww"),
  /** Write-read: the second read the first's append as the key's last value. */
  WR("wr"),
  /** Read-write (anti-dependency): the first read a version the second's append followed. */
  RW("rw"),
  /** Real time: the first completed before the second was invoked. */
  REALTIME("realtime");

  /** Every kind but real time: the edges that serializability alone must respect. */
  static final int DATA = WW.bit() | WR.bit() | RW.bit();

  /** Every kind. */
  static final int ALL = DATA | REALTIME.bit();

  private final String jsonName;

  EdgeKind(String jsonName) {
    this.jsonName = jsonName;
  }

  String jsonName() {
    return jsonName;
  }

  int bit() {
    return 1 << ordinal();
  }
}
