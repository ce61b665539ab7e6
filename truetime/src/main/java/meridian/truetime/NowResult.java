package meridian.truetime;

import java.util.Objects;

/** The answer of {@link ClockModel#now} and {@link TrueTime#tryNow()}: an interval, or a fence. */
public sealed interface NowResult {

  /** True time is inside {@code interval}. */
  record Granted(TTInterval interval) implements NowResult {
    public Granted {
      Objects.requireNonNull(interval, "interval");
    }
  }

  /** The node refuses to tell the time, for {@code fence}'s reason. */
  record Fenced(Fence fence) implements NowResult {
    public Fenced {
      Objects.requireNonNull(fence, "fence");
    }
  }
}
