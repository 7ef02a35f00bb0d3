package io.fpi.launcher;

import io.fpi.runtime.config.Env;
import java.nio.file.Path;

/**
 * The local data directory shared by every bin/fpi command: the local ClickHouse's data, the
 * embedded Kafka's log, Flink checkpoints. FPI_DATA_DIR, else {@code .fpi} in the checkout
 * (bin/fpi passes the checkout as the system property fpi.home).
 */
public final class DataDir {
    private DataDir() {}

    public static Path resolve(Env env) {
        String explicit = env.getOrNull("FPI_DATA_DIR");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        String home = System.getProperty("fpi.home", ".");
        return Path.of(home, ".fpi").toAbsolutePath().normalize();
    }
}
