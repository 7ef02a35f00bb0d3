package io.fpi.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Entry point of the child JVM that {@link EmbeddedKafka} starts:
 * {@code KafkaChildMain [--format CLUSTER_ID] server.properties}.
 *
 * <p>It formats the log directory if it was never formatted, then runs {@code kafka.Kafka} in this
 * process, watched by two daemon threads that end the broker when its parent is gone:
 * <ul>
 *   <li>stdin is a pipe held only by the parent; the kernel closes it when the parent dies in any
 *       way, including {@code kill -9}, so EOF on stdin means "parent gone";</li>
 *   <li>as a second line, the parent pid (system property {@value #PARENT_PID_PROPERTY}) is polled,
 *       in case the pipe's write end ever leaks into another process.</li>
 * </ul>
 * Either exits through {@link System#exit} so Kafka's shutdown hook closes the logs cleanly, and
 * halts the JVM if that takes longer than {@value #EXIT_GRACE_MS} ms.
 */
public final class KafkaChildMain {
    static final String PARENT_PID_PROPERTY = "fpi.kafka.parent.pid";
    private static final long EXIT_GRACE_MS = 20_000;
    private static final long PARENT_POLL_MS = 1_000;

    private KafkaChildMain() {}

    public static void main(String[] args) {
        String clusterId = null;
        String config;
        if (args.length == 3 && args[0].equals("--format")) {
            clusterId = args[1];
            config = args[2];
        } else if (args.length == 1) {
            config = args[0];
        } else {
            System.err.println("usage: KafkaChildMain [--format CLUSTER_ID] server.properties");
            System.exit(2);
            return;
        }
        startWatchdogs();
        if (clusterId != null) {
            // --ignore-formatted: a directory formatted by an earlier run is left as it is, so its
            // topics and records survive; only a fresh directory gets its meta.properties written.
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", config, "--ignore-formatted"}, System.out);
            if (rc != 0) {
                System.err.println("kafka-storage format failed with " + rc);
                System.exit(rc);
            }
        }
        kafka.Kafka.main(new String[] {config});
    }

    private static void startWatchdogs() {
        daemon("fpi-kafka-stdin-watchdog", () -> {
            try {
                InputStream in = System.in;
                byte[] buf = new byte[64];
                while (in.read(buf) >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as EOF
            }
            exitBecause("stdin closed: parent process is gone");
        });
        Optional<ProcessHandle> parent = Optional.ofNullable(System.getProperty(PARENT_PID_PROPERTY))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)));
        parent.ifPresent(p -> daemon("fpi-kafka-parent-watchdog", () -> {
            while (p.isAlive()) {
                sleep(PARENT_POLL_MS);
            }
            exitBecause("parent process " + p.pid() + " exited");
        }));
    }

    private static synchronized void exitBecause(String reason) {
        System.err.println("[fpi] stopping the embedded Kafka broker: " + reason);
        daemon("fpi-kafka-halt", () -> {
            sleep(EXIT_GRACE_MS);
            System.err.println("[fpi] broker did not shut down within " + EXIT_GRACE_MS + " ms; halting");
            Runtime.getRuntime().halt(1);
        });
        System.exit(0);
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
