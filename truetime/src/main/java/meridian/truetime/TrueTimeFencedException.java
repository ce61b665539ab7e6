package meridian.truetime;

import java.util.Objects;

/**
 * Thrown by {@link TrueTime#now()} and the methods built on it when the node is fenced: refusing to
 * hand out time is the fence. Unchecked, because a caller that needs time cannot do anything useful
 * but give up the operation (and report the node unhealthy); {@link TrueTime#tryNow()} returns the
 * same information as a value.
 */
public final class TrueTimeFencedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Fence fence;

  public TrueTimeFencedException(Fence fence) {
    super("TrueTime fenced (" + fence.kind() + "): " + fence.reason());
    this.fence = Objects.requireNonNull(fence, "fence");
  }

  public Fence fence() {
    return fence;
  }
}
