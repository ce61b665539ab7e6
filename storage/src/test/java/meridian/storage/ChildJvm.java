package meridian.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test main running in its own JVM (same java binary, same class path), with its stdout lines
 * delivered to a queue by a reader thread so that the test can wait for them with a bound.
 */
final class ChildJvm implements AutoCloseable {
    /** Queued after the last line once stdout is closed. */
    static final String END_OF_OUTPUT = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::readLines);
    }

    static ChildJvm start(Class<?> mainClass, Path stderrFile, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()))
                .start();
        return new ChildJvm(process);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process was killed mid-line; what was read is queued already.
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    /** The next stdout line, {@link #END_OF_OUTPUT} at the end, or null if none came in time. */
    String nextLine(long timeoutMillis) throws InterruptedException {
        String line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (END_OF_OUTPUT.equals(line)) {
            lines.add(END_OF_OUTPUT); // stays the last line for later calls
        }
        return line;
    }

    /** Waits for a line equal to {@code expected}, failing on end of output or timeout. */
    void awaitLine(String expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            String line = leftMillis > 0 ? nextLine(leftMillis) : null;
            if (line == null || line.equals(END_OF_OUTPUT)) {
                throw new AssertionError("child never printed " + expected + " (" + (line == null ? "timeout" : "exited") + ")");
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Every line the child printed until its stdout closed (call after it has exited). */
    List<String> drainRemainingLines(long timeoutMillis) throws InterruptedException {
        reader.join(timeoutMillis);
        if (reader.isAlive()) {
            throw new AssertionError("child's stdout did not close within " + timeoutMillis + " ms");
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.remove(END_OF_OUTPUT);
        return rest;
    }

    Process process() {
        return process;
    }

    /** SIGKILL on Linux; waits (bounded) for the process to be gone. */
    void kill(long timeoutMillis) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " survived SIGKILL for " + timeoutMillis + " ms");
        }
    }

    /** Kills the child if it still runs; does not wait for it when interrupted. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
