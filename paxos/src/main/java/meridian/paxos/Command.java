package meridian.paxos;

/**
 * What a log slot holds. The state machine above Paxos interprets {@link Write} payloads; the
 * others are Paxos's own.
 */
public sealed interface Command {
  /** Fills a slot a new leader found open with no accepted value (gap filling). */
  record Noop() implements Command {}

  /** An opaque payload for the state machine (for the key/value store: a batch of mutations). */
  record Write(byte[] payload) implements Command {}

  /** Adds or removes one replica; takes effect for the slots after this one once chosen. */
  record ChangeMembership(Membership next) implements Command {}
}
