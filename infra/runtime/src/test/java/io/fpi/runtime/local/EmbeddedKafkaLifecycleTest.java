package io.fpi.runtime.local;

import static io.fpi.runtime.local.EmbeddedKafkaTest.consumeAll;
import static io.fpi.runtime.local.EmbeddedKafkaTest.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop and restart of real brokers over one directory. */
class EmbeddedKafkaLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void a_restart_over_the_same_directory_keeps_topics_and_records_and_close_leaves_no_process() {
        Path kafkaDir = dir.resolve("kafka");
        long firstPid;
        String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.start(kafkaDir)) {
            firstPid = first.pid();
            first.createTopic("kept", 2);
            produce(first.bootstrapServers(), "kept", List.of("o-1=placed", "o-2=placed", "o-1=delivered"));
            clusterId = readClusterId(kafkaDir);
            first.close();
            assertThat(isAlive(firstPid)).as("broker JVM alive after close").isFalse();
            assertThat(EmbeddedKafka.findRunning(kafkaDir)).isEmpty();
            first.close(); // idempotent
        }

        try (EmbeddedKafka second = EmbeddedKafka.start(kafkaDir)) {
            assertThat(second.pid()).isNotEqualTo(firstPid);
            assertThat(readClusterId(kafkaDir)).isEqualTo(clusterId);
            assertThat(kafkaDir.resolve("logs/kafka.log")).isRegularFile();
            second.createTopic("kept", 5); // exists: left as it is
            List<ConsumerRecord<String, String>> got = consumeAll(second.bootstrapServers(), "kept", 3);
            assertThat(got).extracting(r -> r.key() + "=" + r.value())
                    .containsExactlyInAnyOrder("o-1=placed", "o-2=placed", "o-1=delivered");
            assertThat(got.stream().map(ConsumerRecord::partition).distinct()).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void a_broker_that_cannot_start_fails_with_a_message_naming_its_log() throws Exception {
        Path kafkaDir = dir.resolve("broken");
        // storage formatted for another cluster: the child refuses it and exits
        Files.createDirectories(kafkaDir.resolve("data"));
        Files.writeString(kafkaDir.resolve("cluster.id"), "lCZYI-69QQixaozXy-DysA\n");
        Files.writeString(kafkaDir.resolve("data/meta.properties"), "version=1\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\nnode.id=1\n");

        assertThatThrownBy(() -> EmbeddedKafka.start(kafkaDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with")
                .hasMessageContaining(kafkaDir.resolve("logs").toString())
                .hasMessageContaining("stdout.log")
                .hasMessageContaining("Invalid cluster.id"); // the log's last lines say why
    }

    private static String readClusterId(Path kafkaDir) {
        try {
            return Files.readString(kafkaDir.resolve("cluster.id")).strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
