package meridian.testcontainers;

/**
 * A cluster could not be started, changed or removed: Docker is unusable, the image is missing, a
 * node did not serve within its bound, or a Docker call failed or hung. The message names the
 * node and the operation, and for a node that did not come up, the end of its log.
 */
public final class MeridianClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MeridianClusterException(String message) {
    super(message);
  }

  public MeridianClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
