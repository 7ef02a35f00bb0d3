package io.fpi.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft combined mode: broker and controller in one node) over a directory of
 * ours, on free loopback ports. Used by the local demo and the tests when no FPI_KAFKA_BOOTSTRAP is
 * given.
 *
 * <p>The broker runs in a <em>child JVM</em> ({@link KafkaChildMain} on this JVM's classpath): its
 * Scala and Jetty dependencies never meet Flink's in our JVM, and stopping it is a plain process
 * kill. The child exits on its own when this JVM dies, even by {@code kill -9} (it watches the pipe
 * on its stdin), and a shutdown hook stops it on a normal exit.
 *
 * <p>Layout of the directory: {@code cluster.id} (chosen once; the storage is formatted only the
 * first time, so topics and records survive a restart), {@code data/} (the log dirs),
 * {@code server.properties} and {@code log4j2.properties} (rewritten at every start),
 * {@code logs/kafka.log} (the broker's log) and {@code logs/stdout.log} (the JVM's own output), and
 * while it runs {@code bootstrap.servers} and {@code kafka.pid} for {@link #findRunning(Path)}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dir;
    private final Process process;
    private final String bootstrapServers;
    private Admin admin; // created once the port is open, so that it never logs connection warnings
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(Path dir, Process process, String bootstrapServers) {
        this.dir = dir;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.shutdownHook = new Thread(this::stop, "fpi-embedded-kafka-shutdown");
    }

    /**
     * Starts a broker over {@code dir} (created if missing) and waits until an admin client sees it.
     *
     * @throws IllegalStateException if the broker exits or does not answer within 60 s; the message
     *     names the log file and quotes its last lines
     */
    public static EmbeddedKafka start(Path dir) {
        Path abs = dir.toAbsolutePath();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(abs);
            } catch (PortTakenException e) {
                last = e; // another process took a port between pick and bind: try other ports
                LOG.warn("embedded Kafka lost a port race (attempt {}); retrying on other ports", attempt);
            }
        }
        throw last;
    }

    /** The bootstrap servers of a broker another FPI process runs over {@code dir}, if it is still alive. */
    public static Optional<String> findRunning(Path dir) {
        try {
            Path pidFile = dir.resolve("kafka.pid");
            Path bootstrapFile = dir.resolve("bootstrap.servers");
            if (!Files.isRegularFile(pidFile) || !Files.isRegularFile(bootstrapFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(Files.readString(bootstrapFile).strip()) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static EmbeddedKafka startOnce(Path dir) {
        int brokerPort = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        while (controllerPort == brokerPort) {
            controllerPort = FreePorts.pick();
        }
        Process process = EmbeddedKafkaChild.launch(dir, brokerPort, controllerPort);
        String bootstrap = "127.0.0.1:" + brokerPort;
        EmbeddedKafka kafka = new EmbeddedKafka(dir, process, bootstrap);
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        try {
            kafka.awaitReady();
            Files.writeString(dir.resolve("bootstrap.servers"), bootstrap);
            Files.writeString(dir.resolve("kafka.pid"), Long.toString(process.pid()));
        } catch (RuntimeException | IOException e) {
            kafka.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not record the embedded Kafka broker in " + dir, io);
            }
            throw (RuntimeException) e;
        }
        LOG.info("embedded Kafka on {} (pid {}, data in {})", bootstrap, process.pid(), dir);
        return kafka;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = EmbeddedKafkaChild.logTail(dir);
                String message = "embedded Kafka broker exited with " + process.exitValue() + " during start; see "
                        + dir.resolve("logs") + " (stdout.log, kafka.log). Last lines:\n" + tail;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            if (!acceptsConnections()) {
                sleep(200); // not listening yet; probing with a socket keeps the admin client from logging warnings
                continue;
            }
            try {
                if (!admin().describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                sleep(200); // listening but not serving yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
            }
        }
        throw new IllegalStateException("embedded Kafka broker did not answer within " + START_TIMEOUT.toSeconds()
                + " s; see " + dir.resolve("logs") + " (stdout.log, kafka.log). Last lines:\n" + EmbeddedKafkaChild.logTail(dir));
    }

    private boolean acceptsConnections() {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Pid of the broker's JVM. */
    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return dir;
    }

    /** Creates a topic with one replica; a topic that already exists is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopics(Map.of(name, partitions));
    }

    /**
     * Creates topics (name to partition count) with one replica; existing ones are left as they are.
     * Returns once every topic is in the broker's metadata, so that a producer or consumer started
     * right after never sees UNKNOWN_TOPIC_OR_PARTITION.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .toList();
        CreateTopicsResult result = admin().createTopics(topics);
        for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
            try {
                e.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                }
            } catch (TimeoutException ex) {
                throw new IllegalStateException("creating topic " + e.getKey() + " timed out", ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + e.getKey(), ex);
            }
        }
        awaitInMetadata(partitionsByTopic.keySet());
    }

    // The controller acknowledges a creation before the broker's metadata cache has applied it, and
    // a partition may still be without a leader then: a producer that writes to it at once gets
    // NOT_LEADER_OR_FOLLOWER, and its idempotent retries can then loop on OUT_OF_ORDER_SEQUENCE_NUMBER.
    private void awaitInMetadata(Set<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                var described = admin().describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean led = described.values().stream().flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " were created but some partitions have no leader");
                }
                sleep(50);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " were created but are not in the metadata", e);
                }
                sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
        }
    }

    /** Stops the broker: SIGTERM, up to 20 s for a clean shutdown, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already shutting down (the hook is running) or never registered
        }
        stop();
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
        try {
            Files.deleteIfExists(dir.resolve("bootstrap.servers"));
            Files.deleteIfExists(dir.resolve("kafka.pid"));
        } catch (IOException e) {
            LOG.debug("could not remove the embedded Kafka's run files", e);
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: Kafka's shutdown hook closes its logs cleanly
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("embedded Kafka ignored SIGTERM for {} s; killing it", STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Admin admin() {
        if (closed.get()) {
            throw new IllegalStateException("embedded Kafka in " + dir + " is closed");
        }
        if (admin == null) {
            admin = Admin.create(adminProperties(bootstrapServers));
        }
        return admin;
    }

    private static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "fpi-embedded-kafka-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    /** The child could not bind a port picked a moment earlier: worth another try on other ports. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
