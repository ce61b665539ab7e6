package meridian.server.admin;

/** The running Meridian version, from the jar manifest. */
public final class Versions {
  private Versions() {}

  public static String meridian() {
    String version = Versions.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
