package meridian.server.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at {@code ;}, and backslash commands at the end of their line.
 *
 * <p>A semicolon ends a statement only outside {@code '...'} strings (with {@code ''} for a quote
 * inside), {@code "..."} identifiers (with {@code ""}), {@code --} line comments and {@code /* *}{@code /}
 * block comments (not nested: JSqlParser, the server's parser, does not nest them either). A
 * backslash at the start of a statement (nothing but blanks and comments before it) begins a shell
 * command that ends at the end of its line.
 *
 * <p>Text is fed in chunks of any size (a chunk may end in the middle of a {@code --} or a quote);
 * {@link #finish()} ends the input. A statement's text starts at its first character that is not
 * a blank or a comment, so its line is where the statement really starts, and it does not include
 * the {@code ;}. A statement of nothing but blanks and comments is dropped.
 *
 * <p>Limit: the text held for the statement in progress (comments before it included) is at most
 * {@code charsMax}; past that {@link #feed} throws, so memory stays bounded whatever the input.
 */
public final class StatementSplitter {
  /** The longest statement the shell sends: 1 MiB of text. */
  public static final int STATEMENT_CHARS_MAX = 1 << 20;

  /** What a piece of input is. */
  public enum Kind {
    SQL,
    COMMAND
  }

  /** A statement (without its {@code ;}) or a backslash command, and the 1-based line it starts on. */
  public record Piece(Kind kind, String text, int line) {}

  private enum State {
    NORMAL,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LINE_COMMENT,
    BLOCK_COMMENT,
    COMMAND
  }

  private final int charsMax;
  /** The input after the last finished piece. */
  private final StringBuilder pending = new StringBuilder();
  // Invariant: done <= scanned <= pending.length(); [0, done) belongs to finished pieces, [done,
  // scanned) has been classified and state is the state at scanned.
  private int done;
  private int scanned;
  private State state = State.NORMAL;
  /** 1-based line of pending[scanned]. */
  private int line = 1;
  /** Index in pending of the current piece's first significant character; -1: none yet. */
  private int start = -1;
  private int startLine;
  /** Line where the open quote or comment began, for errors. */
  private int openedLine;

  public StatementSplitter() {
    this(STATEMENT_CHARS_MAX);
  }

  public StatementSplitter(int charsMax) {
    if (charsMax < 1) {
      throw new IllegalArgumentException("charsMax must be positive: " + charsMax);
    }
    this.charsMax = charsMax;
  }

  /** Splits a whole text: {@link #feed} then {@link #finish}. */
  public static List<Piece> split(CharSequence text) throws SplitException {
    StatementSplitter splitter = new StatementSplitter();
    List<Piece> pieces = new ArrayList<>(splitter.feed(text));
    pieces.addAll(splitter.finish());
    return pieces;
  }

  /**
   * Whether {@code text} needs no more input: it ends outside any quote or block comment and
   * after its last statement's {@code ;} (a backslash command needs none). An interactive shell
   * reads continuation lines until this holds. Text too long to split counts as complete, so that
   * running it reports the error.
   */
  public static boolean isComplete(CharSequence text) {
    StatementSplitter splitter = new StatementSplitter();
    try {
      splitter.feed(text);
    } catch (SplitException e) {
      return true;
    }
    return switch (splitter.state) {
      case SINGLE_QUOTED, DOUBLE_QUOTED, BLOCK_COMMENT -> false;
      case COMMAND -> true;
      case NORMAL, LINE_COMMENT -> splitter.start < 0;
    };
  }

  /** Adds input; returns the pieces it finished. */
  public List<Piece> feed(CharSequence chunk) throws SplitException {
    pending.append(chunk);
    List<Piece> pieces = scan(false);
    compact();
    if (pending.length() > charsMax) {
      throw new SplitException("statement longer than " + charsMax + " characters", start >= 0 ? startLine : line);
    }
    return pieces;
  }

  /**
   * Ends the input: returns the last statement when it has no {@code ;}, or the last command.
   * Fails when the input ends inside a quote or a block comment.
   */
  public List<Piece> finish() throws SplitException {
    List<Piece> pieces = scan(true);
    switch (state) {
      case SINGLE_QUOTED -> throw new SplitException("unterminated quoted string", openedLine);
      case DOUBLE_QUOTED -> throw new SplitException("unterminated quoted identifier", openedLine);
      case BLOCK_COMMENT -> throw new SplitException("unterminated /* comment", openedLine);
      case COMMAND -> pieces.add(piece(Kind.COMMAND, pending.length()));
      case NORMAL, LINE_COMMENT -> {
        if (start >= 0) {
          pieces.add(piece(Kind.SQL, pending.length()));
        }
      }
    }
    finishPiece(pending.length());
    state = State.NORMAL;
    compact();
    return pieces;
  }

  private List<Piece> scan(boolean atEnd) {
    List<Piece> pieces = new ArrayList<>();
    while (scanned < pending.length()) {
      char c = pending.charAt(scanned);
      boolean hasNext = scanned + 1 < pending.length();
      char next = hasNext ? pending.charAt(scanned + 1) : 0;
      // '-', '/' and '*' may start a two-character token: wait for the next chunk to tell.
      boolean undecided = !hasNext && !atEnd;
      switch (state) {
        case NORMAL -> {
          if ((c == '-' || c == '/') && undecided) {
            return pieces;
          }
          if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            scanned += 2;
            continue;
          }
          if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            openedLine = line;
            scanned += 2;
            continue;
          }
          if (c == ';') {
            if (start >= 0) {
              pieces.add(piece(Kind.SQL, scanned));
            }
            finishPiece(scanned + 1);
            continue;
          }
          if (start < 0 && !Character.isWhitespace(c)) {
            start = scanned;
            startLine = line;
            if (c == '\\') {
              state = State.COMMAND;
            }
          }
          if (c == '\'') {
            state = State.SINGLE_QUOTED;
            openedLine = line;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTED;
            openedLine = line;
          }
        }
        // A doubled quote leaves the state and enters it again at once: same result as an escape.
        case SINGLE_QUOTED -> {
          if (c == '\'') {
            state = State.NORMAL;
          }
        }
        case DOUBLE_QUOTED -> {
          if (c == '"') {
            state = State.NORMAL;
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.NORMAL;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && undecided) {
            return pieces;
          }
          if (c == '*' && next == '/') {
            state = State.NORMAL;
            scanned += 2;
            continue;
          }
        }
        case COMMAND -> {
          if (c == '\n') {
            pieces.add(piece(Kind.COMMAND, scanned));
            state = State.NORMAL;
            line++;
            finishPiece(scanned + 1);
            continue;
          }
        }
      }
      if (c == '\n') {
        line++;
      }
      scanned++;
    }
    return pieces;
  }

  private Piece piece(Kind kind, int end) {
    return new Piece(kind, pending.substring(start, end).strip(), startLine);
  }

  private void finishPiece(int end) {
    done = end;
    scanned = end;
    start = -1;
  }

  private void compact() {
    pending.delete(0, done);
    scanned -= done;
    if (start >= 0) {
      start -= done;
    }
    done = 0;
  }
}
