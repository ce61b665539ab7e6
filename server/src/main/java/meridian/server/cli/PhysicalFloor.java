package meridian.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import org.HdrHistogram.Histogram;

/**
 * The physical floor of a replicated write on this machine, measured now: a 4 KiB write + fsync
 * (what every acceptor pays), a loopback TCP round trip (what the network costs at least), and a
 * gRPC round trip to a node (what our transport costs). A replicated write cannot be faster than
 * one fsync plus two round trips (leader to followers and back, client to leader and back), with
 * the followers' fsyncs overlapped.
 */
final class PhysicalFloor {
  static final int SAMPLES = 2000;
  static final int FSYNC_SAMPLES = 500;

  record Result(long fsyncP50Micros, long tcpRoundTripP50Micros, long grpcRoundTripP50Micros) {
    long replicatedWriteFloorMicros() {
      return fsyncP50Micros + 2 * grpcRoundTripP50Micros;
    }
  }

  private PhysicalFloor() {}

  static Result measure(Path dir, NodeAddress node, PrintWriter out) throws IOException, InterruptedException {
    long fsync = fsyncP50(dir);
    long tcp = tcpRoundTripP50();
    long grpc = grpcRoundTripP50(node);
    out.printf(
        "physical floor: 4 KiB write + fdatasync p50 %d us; loopback TCP round trip p50 %d us; gRPC round trip p50 %d us%n",
        fsync, tcp, grpc);
    return new Result(fsync, tcp, grpc);
  }

  private static long fsyncP50(Path dir) throws IOException {
    Path file = Files.createTempFile(dir.toAbsolutePath(), "meridian-floor", ".tmp");
    Histogram h = new Histogram(3);
    ByteBuffer block = ByteBuffer.allocateDirect(4096);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = 0; i < FSYNC_SAMPLES; i++) {
        block.clear();
        long start = System.nanoTime();
        channel.write(block, (long) (i % 256) * 4096);
        channel.force(false);
        h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return h.getValueAtPercentile(50);
  }

  private static long tcpRoundTripP50() throws IOException, InterruptedException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo =
          new Thread(
              () -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                  s.setTcpNoDelay(true);
                  int b;
                  while ((b = in.read()) >= 0) {
                    o.write(b);
                    o.flush();
                  }
                } catch (IOException e) {
                  // the client closed: done
                }
              },
              "floor-echo");
      echo.setDaemon(true);
      echo.start();
      Histogram h = new Histogram(3);
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        client.setTcpNoDelay(true);
        InputStream in = client.getInputStream();
        OutputStream o = client.getOutputStream();
        for (int i = 0; i < SAMPLES; i++) {
          long start = System.nanoTime();
          o.write(1);
          o.flush();
          if (in.read() < 0) {
            break;
          }
          h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
      }
      echo.join(5_000);
      return h.getValueAtPercentile(50);
    }
  }

  private static long grpcRoundTripP50(NodeAddress node) {
    Histogram h = new Histogram(3);
    try (NodeClient client = new NodeClient(node, Duration.ofSeconds(5))) {
      for (int i = 0; i < SAMPLES; i++) {
        long start = System.nanoTime();
        client.isServing();
        h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      }
    }
    return h.getValueAtPercentile(50);
  }
}
