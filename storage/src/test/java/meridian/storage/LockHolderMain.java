package meridian.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Child process: opens a data directory, prints READY and its id, and holds it open until stdin closes. */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws IOException {
        try (StorageEngine engine = StorageEngine.open(Path.of(args[0]), StorageOptions.defaults())) {
            System.out.println("READY " + engine.identity().directoryId());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our stdin.
            }
        }
        System.out.println("CLOSED");
        System.out.flush();
    }
}
