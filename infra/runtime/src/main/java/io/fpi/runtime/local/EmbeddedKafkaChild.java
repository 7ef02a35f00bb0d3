package io.fpi.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/** Launches the {@link EmbeddedKafka} child JVM over its directory and reads its logs back. */
final class EmbeddedKafkaChild {
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    private EmbeddedKafkaChild() {}

    /** Writes the configs and starts {@link KafkaChildMain}; its stdin stays a pipe from this JVM. */
    static Process launch(Path dir, int brokerPort, int controllerPort) {
        Path logs = dir.resolve("logs");
        Path stdoutLog = logs.resolve("stdout.log");
        try {
            Files.createDirectories(logs);
            Files.createDirectories(dir.resolve("data"));
            String clusterId = clusterId(dir);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, EmbeddedKafkaConfig.serverProperties(dir.resolve("data"), brokerPort, controllerPort),
                    StandardCharsets.UTF_8);
            Path log4j = dir.resolve("log4j2.properties");
            Files.writeString(log4j, EmbeddedKafkaConfig.log4j2Properties(logs.resolve("kafka.log")), StandardCharsets.UTF_8);
            Files.writeString(stdoutLog, "", StandardCharsets.UTF_8); // the log then holds only this start's output
            return new ProcessBuilder(command(dir, log4j, clusterId, config))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog.toFile()))
                    .start(); // stdin stays a pipe: the child's lifeline (see KafkaChildMain)
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Kafka broker in " + dir, e);
        }
    }

    /**
     * The cluster id is chosen once per directory and kept, so every later start reuses the storage.
     * A directory whose {@code cluster.id} was lost but whose storage survives keeps the id the
     * storage was formatted with (the format step refuses any other).
     */
    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        String id = Uuid.randomUuid().toString();
        Path meta = dir.resolve("data").resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            id = p.getProperty("cluster.id", id);
        }
        Files.writeString(file, id + "\n");
        return id;
    }

    private static List<String> command(Path dir, Path log4j, String clusterId, Path config) throws IOException {
        // The classpath goes through an @argfile: a long one (a launcher with Flink on it) could
        // exceed the kernel's limit on a single command-line argument.
        Path argFile = dir.resolve("java.args");
        String classpath = System.getProperty("java.class.path");
        Files.writeString(argFile, "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CHILD_JVM_OPTIONS);
        cmd.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        cmd.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        cmd.add("-D" + KafkaChildMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.add("@" + argFile);
        cmd.add(KafkaChildMain.class.getName());
        cmd.add("--format");
        cmd.add(clusterId);
        cmd.add(config.toString());
        return cmd;
    }

    static String logTail(Path dir) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stdout.log", "kafka.log")) {
            Path file = dir.resolve("logs").resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
                    out.append("--- ").append(file).append('\n');
                    tail.forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException | UncheckedIOException e) {
                out.append("(could not read ").append(file).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

}
