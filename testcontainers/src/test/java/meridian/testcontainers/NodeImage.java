package meridian.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The node image the Docker tests run: built with the repository's {@code docker/build-image.sh}
 * when the Docker host does not have it, or has one older than the distribution the reactor just
 * built (which the script copies in; an unchanged one costs a cached build). Fails loudly (never skips) when Docker is unusable or the
 * build fails, so that CI cannot turn a broken Docker into a green build.
 */
final class NodeImage {
  static final String NAME = MeridianCluster.DEFAULT_IMAGE;
  private static final long BUILD_MINUTES_MAX = 5;
  private static final int LOG_TAIL_LINES = 30;

  private static boolean present;

  private NodeImage() {}

  static synchronized void ensurePresent() throws IOException, InterruptedException {
    if (present) {
      return;
    }
    // Throws IllegalStateException ("Could not find a valid Docker environment") when Docker is unusable.
    DockerClient docker = DockerClientFactory.instance().client();
    if (!exists(docker) || olderThanDistribution(docker)) {
      build();
      if (!exists(docker)) {
        throw new AssertionError("docker/build-image.sh succeeded but " + NAME + " is not on the Docker host");
      }
    }
    present = true;
  }

  private static boolean exists(DockerClient docker) {
    try {
      docker.inspectImageCmd(NAME).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static boolean olderThanDistribution(DockerClient docker) throws IOException {
    Path jar = repo().resolve("server/target/dist/lib/meridian-server.jar");
    if (!Files.isRegularFile(jar)) {
      return false; // nothing newer to put in: the script would build the distribution first
    }
    Instant created = Instant.parse(docker.inspectImageCmd(NAME).exec().getCreated());
    return created.isBefore(Files.getLastModifiedTime(jar).toInstant());
  }

  private static Path repo() {
    return Path.of(System.getProperty("meridian.repo", "..")).toAbsolutePath().normalize();
  }

  private static void build() throws IOException, InterruptedException {
    Path repo = repo();
    Path script = repo.resolve("docker/build-image.sh");
    if (!Files.isRegularFile(script)) {
      throw new AssertionError(NAME + " is missing and " + script + " does not exist to build it");
    }
    Path log = Path.of("target", "build-image.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Process build = new ProcessBuilder("bash", script.toString())
        .directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    if (!build.waitFor(BUILD_MINUTES_MAX, TimeUnit.MINUTES)) {
      build.descendants().forEach(ProcessHandle::destroyForcibly);
      build.destroyForcibly();
      throw new AssertionError("docker/build-image.sh did not finish within " + BUILD_MINUTES_MAX + " min; its log: " + log);
    }
    if (build.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new AssertionError(
          "docker/build-image.sh failed with status " + build.exitValue() + " (log: " + log + "); it ends:\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
    }
  }
}
