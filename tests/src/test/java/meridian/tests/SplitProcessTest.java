package meridian.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.client.Transaction;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.RangeDescriptor;
import meridian.proto.v1.SplitRangeResponse;
import meridian.proto.v1.TimestampBound;
import meridian.server.cluster.ClusterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicated range map on real processes (3 nodes, 2 ranges at the start): splits of empty
 * parts of ranges through the admin RPC and the CLI, refusals (data, reserved keys), routing by
 * nodes whose map is stale, transactions across the new groups, and a node killed with kill -9
 * during a split that, restarted, hosts the new group and catches up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitProcessTest {
  @TempDir static Path dir;
  static String dirArg;

  @BeforeAll
  static void up() {
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up = Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(Launcher.freeBasePort(3)), "--ranges", "2",
        "--time-sync-interval", "250ms");
    assertThat(up.exitCode()).as(up.all()).isZero();
  }

  @AfterAll
  static void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  static List<ClusterFile.Entry> nodes() {
    return ClusterFile.read(Path.of(dirArg)).nodes();
  }

  static NodeClient client(int i) {
    return new NodeClient(nodes().get(i).address(), Duration.ofSeconds(30));
  }

  static byte[] key(String k) {
    return k.getBytes(UTF_8);
  }

  @Test
  @Order(1)
  void anEmptyPartSplitsOffIntoANewGroupAndStaleNodesRerouteToIt() {
    try (NodeClient n1 = client(0); NodeClient n2 = client(1); NodeClient n3 = client(2)) {
      await().atMost(Duration.ofSeconds(60)).ignoreException(MeridianException.class).until(() -> n1.put(key("a1"), key("v")) > 0);
      SplitRangeResponse split = n1.splitRange(key("m"));
      assertThat(split.getAlreadySplit()).isFalse();
      assertThat(split.getLeft().getGroupId()).isEqualTo(1);
      assertThat(split.getLeft().getEndKey().toStringUtf8()).isEqualTo("m");
      long newGroup = split.getRight().getGroupId();
      assertThat(newGroup).isEqualTo(3);
      assertThat(split.getRight().getStartKey().toStringUtf8()).isEqualTo("m");
      assertThat(split.getRight().getEndKey().toByteArray()).containsExactly(0x80);
      assertThat(split.getRight().getReplicasList()).hasSize(3);
      assertThat(split.getCommitTimestampMicros()).isPositive();

      assertThat(n1.splitRange(key("m")).getAlreadySplit()).isTrue();
      // n2 and n3 have not refreshed their maps: they route to group 1, hear WRONG_RANGE, and reroute.
      assertThat(n2.put(key("n1"), key("v-n1"))).isGreaterThan(split.getCommitTimestampMicros());
      assertThat(n3.get(key("n1"), 0).getValue().toStringUtf8()).isEqualTo("v-n1");
      assertThat(n2.get(key("a1"), 0).getFound()).isTrue();

      for (ClusterFile.Entry node : nodes()) {
        GroupStatus g = await().atMost(Duration.ofSeconds(30)).until(() -> groupAt(node, newGroup), s -> s != null && !s.getLeader().isEmpty());
        assertThat(g.getRangeStart().toStringUtf8()).as(node.id()).isEqualTo("m");
        assertThat(groupAt(node, 1).getRangeEnd().toStringUtf8()).as(node.id()).isEqualTo("m");
      }
      List<RangeDescriptor> ranges = n3.ranges(true);
      assertThat(ranges).extracting(RangeDescriptor::getGroupId).containsExactly(1L, 3L, 2L);
      assertThat(n3.scan(new byte[0], new byte[0], 100, 0).getRowsList()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("a1", "n1");
    }
  }

  @Test
  @Order(2)
  void partsThatHoldDataOrReservedKeysAreNotSplit() {
    try (NodeClient n2 = client(1)) {
      assertThatThrownBy(() -> n2.splitRange(key("a0")))
          .isInstanceOfSatisfying(MeridianException.class, e -> assertThat(e.kind()).isEqualTo(MeridianException.Kind.INVALID_ARGUMENT))
          .hasMessageContaining("holds data");
      assertThatThrownBy(() -> n2.splitRange(new byte[] {0, 0, 'm', 'e', 'r', 'i', 'd', 'i', 'a', 'n', '/', 'x'}))
          .isInstanceOf(MeridianException.class)
          .hasMessageContaining("reserved");
      assertThatThrownBy(() -> n2.put(new byte[] {0, 0, 'm', 'e', 'r', 'i', 'd', 'i', 'a', 'n', '/', 'r'}, key("x")))
          .isInstanceOf(MeridianException.class)
          .hasMessageContaining("reserved");
      // The failed split left no lock behind: the part it looked at takes writes at once.
      assertThat(n2.put(key("a2"), key("v"))).isPositive();
    }
  }

  @Test
  @Order(3)
  void transactionsSpanTheNewGroups() {
    Launcher.Result cli = Launcher.run(120, "split", "--dir", dirArg, "f", "t");
    assertThat(cli.exitCode()).as(cli.all()).isZero();
    assertThat(cli.all()).contains("split: group 1 [-inf, f)").contains("[t, 0x80)");
    try (NodeClient n3 = client(2)) {
      List<byte[]> keys = List.of(key("b"), key("g"), key("p"), key("u"), new byte[] {(byte) 0x90});
      var committed = n3.readWriteTransaction(10, txn -> {
        keys.forEach(k -> txn.put(k, key("100")));
        return null;
      });
      assertThat(committed.commit().getParticipantGroups()).isEqualTo(5);
      Transaction ro = n3.beginReadOnly(TimestampBound.newBuilder().setStrong(true).build());
      Map<com.google.protobuf.ByteString, byte[]> seen = ro.get(keys);
      ro.commit();
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  @Order(4)
  void aNodeKilledDuringASplitHostsTheNewGroupAfterItsRestart() throws Exception {
    ClusterFile.Entry victim = nodes().get(2);
    Launcher.exec(List.of("kill", "-9", Long.toString(victim.pid())), 10);
    long newGroup;
    try (NodeClient n1 = client(0)) {
      newGroup = await().atMost(Duration.ofSeconds(60)).ignoreException(MeridianException.class)
          .until(() -> n1.splitRange(key("x")).getRight().getGroupId(), g -> g > 0);
      await().atMost(Duration.ofSeconds(60)).ignoreException(MeridianException.class).until(() -> n1.put(key("y1"), key("v-y1")) > 0);
    }
    Launcher.Result restart = Launcher.run(180, "up", "--dir", dirArg);
    assertThat(restart.exitCode()).as(restart.all()).isZero();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
      GroupStatus g = groupAt(victim, newGroup);
      return g != null && g.getAppliedIndex() > 0 && g.getRangeStart().toStringUtf8().equals("x");
    });
    try (NodeClient n3 = new NodeClient(victim.address(), Duration.ofSeconds(30))) {
      assertThat(n3.get(key("y1"), 0).getValue().toStringUtf8()).isEqualTo("v-y1");
    }
  }

  static GroupStatus groupAt(ClusterFile.Entry node, long group) {
    try (NodeClient c = new NodeClient(node.address(), Duration.ofSeconds(5))) {
      return c.status().getGroupsList().stream().filter(g -> g.getGroupId() == group).findFirst().orElse(null);
    }
  }
}
