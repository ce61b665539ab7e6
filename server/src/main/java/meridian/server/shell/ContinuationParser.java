package meridian.server.shell;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells jline's line reader to keep reading (with the continuation prompt) until the input is a
 * whole number of statements ({@link StatementSplitter#isComplete}), so a multi-line statement is
 * edited, accepted and kept in history as one entry.
 */
final class ContinuationParser implements Parser {
  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !StatementSplitter.isComplete(line)) {
      throw new EOFError(-1, -1, "the statement goes on until ';'");
    }
    return new WholeLine(line, cursor);
  }

  /** Backslashes are SQL text and shell commands here, never escapes for the line reader. */
  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }

  /**
   * The input as one word: the shell completes nothing, so it never needs words. (A plain {@link
   * ParsedLine} would make jline warn on every line read.)
   */
  private record WholeLine(String line, int cursor) implements CompletingParsedLine {
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return cursor;
    }

    @Override
    public int rawWordLength() {
      return line.length();
    }

    @Override
    public String word() {
      return line;
    }

    @Override
    public int wordCursor() {
      return cursor;
    }

    @Override
    public int wordIndex() {
      return 0;
    }

    @Override
    public List<String> words() {
      return List.of(line);
    }
  }
}
