package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The essentials of {@code deploy/kubernetes/}: what a cluster needs to form and to survive a zone,
 * checked on the parsed manifests (no Kubernetes here). Each manifest file holds one object.
 */
class KubernetesManifestsTest {
  private static final int NODE_PORT = 7701;

  private static Path dir;
  private static Map<String, YamlNode> byKindAndName;
  private static YamlNode statefulSet;
  private static YamlNode container;

  @BeforeAll
  static void parse() throws IOException {
    dir = Path.of(System.getProperty("meridian.k8s.dir", "../deploy/kubernetes"));
    byKindAndName = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        YamlNode object = read(file);
        byKindAndName.put(object.at("/kind").asText() + "/" + object.at("/metadata/name").asText(), object);
      }
    }
    statefulSet = object("StatefulSet/meridian");
    container = statefulSet.at("/spec/template/spec/containers/0");
  }

  @Test
  void theStatefulSetRunsThreeStableNodesTogether() {
    assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(statefulSet.at("/spec/podManagementPolicy").asText()).isEqualTo("Parallel");
    assertThat(statefulSet.at("/spec/serviceName").asText()).isEqualTo("meridian");
    assertThat(labels(statefulSet.at("/spec/template/metadata/labels")))
        .containsAllEntriesOf(labels(statefulSet.at("/spec/selector/matchLabels")));
    assertThat(container.at("/image").asText()).startsWith("meridian/node");
  }

  @Test
  void eachPodKeepsItsDataInItsOwnClaim() {
    YamlNode claim = statefulSet.at("/spec/volumeClaimTemplates/0");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("data");
    assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    assertThat(claim.at("/spec/resources/requests/storage").asText()).isNotBlank();
    assertThat(mountPath("data")).isEqualTo("/data");
    assertThat(args()).contains("--data=/data");
  }

  @Test
  void podsArePlacedInDifferentZones() {
    YamlNode rule = statefulSet.at("/spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");
    assertThat(rule.at("/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(labels(rule.at("/labelSelector/matchLabels"))).isEqualTo(labels(statefulSet.at("/spec/selector/matchLabels")));
  }

  @Test
  void theNodePortIsServedAndProbed() {
    Map<String, Integer> ports = new HashMap<>();
    container.at("/ports").forEach(p -> ports.put(p.at("/name").asText(), p.at("/containerPort").asInt()));
    assertThat(ports).containsEntry("grpc", NODE_PORT).containsEntry("metrics", NODE_PORT + 100);
    assertThat(container.at("/readinessProbe/grpc/port").asInt()).isEqualTo(NODE_PORT);
    // Liveness must not ask the health service: a fenced node answers NOT_SERVING and recovers alone.
    assertThat(container.at("/livenessProbe/tcpSocket/port").asInt()).isEqualTo(NODE_PORT);
    assertThat(container.at("/livenessProbe/grpc").isMissingNode()).isTrue();
    assertThat(container.at("/startupProbe/tcpSocket/port").asInt()).isEqualTo(NODE_PORT);
  }

  @Test
  void theNodeCommandTakesItsIdentityFromThePodName() {
    assertThat(args()).startsWith("node").contains(
        "--id=$(POD_NAME)", "--listen=0.0.0.0:" + NODE_PORT, "--time-master", "@/etc/meridian/peers/$(POD_NAME).args");
    YamlNode podName = null;
    for (YamlNode env : container.at("/env")) {
      if (env.at("/name").asText().equals("POD_NAME")) {
        podName = env;
      }
    }
    assertThat(podName).as("env POD_NAME").isNotNull();
    assertThat(podName.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
    assertThat(mountPath("peers")).isEqualTo("/etc/meridian/peers");
  }

  @Test
  void everyPodNamesEveryOtherPodAsAPeerByItsStableName() {
    YamlNode peers = object("ConfigMap/meridian-peers").at("/data");
    int replicas = statefulSet.at("/spec/replicas").asInt();
    assertThat(peers.size()).isEqualTo(replicas);
    String service = statefulSet.at("/spec/serviceName").asText();
    for (int i = 0; i < replicas; i++) {
      String pod = "meridian-" + i;
      String line = peers.at("/" + pod + ".args").asText().strip();
      List<String> expected = new ArrayList<>();
      for (int j = 0; j < replicas; j++) {
        if (j != i) {
          expected.add("meridian-" + j + "@meridian-" + j + "." + service + ":" + NODE_PORT);
        }
      }
      assertThat(line).as("peers of %s", pod).isEqualTo("--peers=" + String.join(",", expected));
    }
  }

  @Test
  void theHeadlessServiceNamesPodsBeforeTheyAreReady() {
    YamlNode headless = object("Service/meridian");
    assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(labels(headless.at("/spec/selector"))).isEqualTo(labels(statefulSet.at("/spec/selector/matchLabels")));
    assertThat(headless.at("/spec/ports/0/port").asInt()).isEqualTo(NODE_PORT);
  }

  @Test
  void clientsHaveAServiceAndDisruptionsTakeOnePodAtATime() {
    YamlNode client = object("Service/meridian-client");
    assertThat(client.at("/spec/clusterIP").isMissingNode() || !client.at("/spec/clusterIP").asText().equals("None")).isTrue();
    assertThat(client.at("/spec/ports/0/port").asInt()).isEqualTo(NODE_PORT);
    assertThat(labels(client.at("/spec/selector"))).isEqualTo(labels(statefulSet.at("/spec/selector/matchLabels")));
    assertThat(object("PodDisruptionBudget/meridian").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
  }

  @Test
  void theKustomizationListsEveryManifest() throws IOException {
    YamlNode kustomization = read(dir.resolve("kustomization.yaml"));
    List<String> listed = new ArrayList<>();
    kustomization.at("/resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(dir)) {
      List<String> manifests = files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
          .toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
    }
  }

  private static YamlNode object(String kindAndName) {
    YamlNode object = byKindAndName.get(kindAndName);
    assertThat(object).as(kindAndName + " in " + dir + " (found " + byKindAndName.keySet() + ")").isNotNull();
    return object;
  }

  private static List<String> args() {
    List<String> args = new ArrayList<>();
    container.at("/args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static String mountPath(String volume) {
    for (YamlNode mount : container.at("/volumeMounts")) {
      if (mount.at("/name").asText().equals(volume)) {
        return mount.at("/mountPath").asText();
      }
    }
    return null;
  }

  private static Map<String, String> labels(YamlNode node) {
    Map<String, String> labels = new HashMap<>();
    node.fields().forEach((key, value) -> labels.put(key, value.asText()));
    return labels;
  }

  /** Safe loading: plain maps, lists and scalars, no arbitrary types. */
  private static YamlNode read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new YamlNode(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
    }
  }

  /**
   * A parsed YAML value with JSON-pointer-like access ({@code /spec/ports/0/port}); a missing
   * path gives a missing node rather than an exception, so assertions say what was absent.
   */
  private record YamlNode(Object value) implements Iterable<YamlNode> {
    YamlNode at(String pointer) {
      Object current = value;
      for (String step : pointer.substring(1).split("/")) {
        if (current instanceof Map<?, ?> map) {
          current = map.get(step);
        } else if (current instanceof List<?> list && step.matches("\\d+") && Integer.parseInt(step) < list.size()) {
          current = list.get(Integer.parseInt(step));
        } else {
          current = null;
        }
      }
      return new YamlNode(current);
    }

    boolean isMissingNode() {
      return value == null;
    }

    String asText() {
      return value == null ? "" : value.toString();
    }

    int asInt() {
      return value instanceof Number n ? n.intValue() : -1;
    }

    boolean asBoolean() {
      return Boolean.TRUE.equals(value);
    }

    int size() {
      return value instanceof Map<?, ?> map ? map.size() : value instanceof List<?> list ? list.size() : 0;
    }

    Map<String, YamlNode> fields() {
      Map<String, YamlNode> fields = new HashMap<>();
      if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> fields.put(String.valueOf(k), new YamlNode(v)));
      }
      return fields;
    }

    @Override
    public java.util.Iterator<YamlNode> iterator() {
      List<YamlNode> items = new ArrayList<>();
      if (value instanceof List<?> list) {
        list.forEach(item -> items.add(new YamlNode(item)));
      }
      return items.iterator();
    }
  }
}
