package io.fpi.webhooks.it;

import static io.fpi.webhooks.DispatcherFixture.acceptedIds;
import static io.fpi.webhooks.DispatcherFixture.findingIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.DispatcherChild;
import io.fpi.webhooks.DispatcherFixture;
import io.fpi.webhooks.IndependentHmac;
import io.fpi.webhooks.SharedServices;
import io.fpi.webhooks.TestFindings;
import io.fpi.webhooks.TestReceiver;
import io.fpi.webhooks.TestReceiver.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once across a crash: the dispatcher runs in a JVM of its own, is killed with SIGKILL
 * while requests are in flight at two slow receivers (one subscription groups, one does not), and
 * a new dispatcher takes over. Every finding reaches both receivers; a finding seen twice is seen
 * under the same idempotency key; every request verifies with an independent HMAC.
 */
@ExtendWith(SharedServices.class)
class CrashRestartTest {
    static final int FINDINGS = 150;
    static final int LATER = 50;
    static final Duration PATIENCE = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static DispatcherFixture fx;
    static TestReceiver single;
    static TestReceiver grouped;
    static List<String> ids = new ArrayList<>();
    static int acceptedBeforeKill;

    @BeforeAll
    static void killTheDispatcherMidDeliveryAndStartAnother() throws Exception {
        fx = new DispatcherFixture("crash", 2);
        single = new TestReceiver(n -> new Answer(200, Map.of(), Duration.ofMillis(150)));
        grouped = new TestReceiver(n -> new Answer(200, Map.of(), Duration.ofMillis(150)));
        fx.subscribe(single.url(), "single-secret", "\"format\": \"fpi\"");
        fx.subscribe(grouped.url(), "grouped-secret", "\"format\": \"fpi\", \"grouping\": {\"window_ms\": 1000, "
                + "\"group_by\": [\"node_id\"]}");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < FINDINGS; i++) {
            findings.add(TestFindings.stall(String.format("stall-crash-%04d", i), "demo", "NORTHEAST", "ST-" + (i % 25)));
        }
        findings.forEach(f -> ids.add(f.getFindingId()));

        Process first = startChild("first");
        fx.publisher.publish(findings);
        single.await(r -> single.accepted().size() >= 20 && single.inProgress() >= 2, PATIENCE, "20 deliveries and more in flight");
        acceptedBeforeKill = single.accepted().size();
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, nothing flushed

        Process second = startChild("second");
        List<String> before = List.copyOf(ids);
        single.await(r -> acceptedIds(single).containsAll(before), PATIENCE, "every finding after the restart");
        // Findings replayed from before the crash went out one by one; findings published now are grouped again.
        List<Finding> later = new ArrayList<>();
        for (int i = FINDINGS; i < FINDINGS + LATER; i++) {
            later.add(TestFindings.stall(String.format("stall-crash-%04d", i), "demo", "NORTHEAST", "ST-" + (i % 5)));
        }
        later.forEach(f -> ids.add(f.getFindingId()));
        fx.publisher.publish(later);
        try {
            single.await(r -> acceptedIds(single).containsAll(ids), PATIENCE, "every finding after the restart");
            grouped.await(r -> acceptedIds(grouped).containsAll(ids), PATIENCE, "every finding after the restart");
        } catch (AssertionError e) {
            second.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\nfirst dispatcher:\n" + Files.readString(dir.resolve("first.log"))
                    + "\nsecond dispatcher:\n" + Files.readString(dir.resolve("second.log")), e);
        }
        second.getOutputStream().close(); // asks for a clean stop
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("second dispatcher stops cleanly").isTrue();
    }

    private static Process startChild(String name) throws IOException {
        Path argFile = dir.resolve(name + ".args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
                StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "@" + argFile, DispatcherChild.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("FPI_CLICKHOUSE_URL", fx.clickHouse.endpoint().url());
        env.put("FPI_CLICKHOUSE_DATABASE", fx.clickHouse.endpoint().database());
        env.put("FPI_KAFKA_BOOTSTRAP", SharedServices.kafkaBootstrap());
        env.put("FPI_FINDINGS_TOPIC", fx.topic);
        env.put("FPI_WEBHOOK_CONSUMER_GROUP", fx.config.consumerGroup());
        env.put("FPI_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("FPI_WEBHOOK_SECRET_KEY", DispatcherFixture.KEY);
        env.put("FPI_WEBHOOK_RETRY_BASE", "100ms");
        env.put("FPI_WEBHOOK_RETRY_MAX_BACKOFF", "1s");
        env.put("FPI_WEBHOOK_READ_TIMEOUT", "2s");
        env.put("FPI_WEBHOOK_FLUSH_INTERVAL", "50ms");
        env.put("FPI_WEBHOOK_COMMIT_INTERVAL", "200ms");
        env.put("FPI_WEBHOOK_REFRESH_INTERVAL", "200ms");
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(dir.resolve(name + ".log")).contains("dispatcher started")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("dispatcher " + name + " did not start:\n" + Files.readString(dir.resolve(name + ".log")));
            }
            TestReceiver.sleep(50);
        }
        return p;
    }

    @AfterAll
    static void stop() {
        fx.close();
        single.close();
        grouped.close();
    }

    @Test
    void the_kill_happened_mid_delivery_and_left_work_for_the_second_dispatcher() {
        assertThat(acceptedBeforeKill).isLessThan(FINDINGS);
        assertThat(acceptedIds(single)).hasSize(FINDINGS + LATER);
        Map<String, Integer> perDelivery = new HashMap<>();
        single.requests().forEach(r -> perDelivery.merge(r.header("X-FPI-Delivery-Id"), 1, Integer::sum));
        assertThat(perDelivery.values()).as("a request in flight at the kill was sent again").anyMatch(n -> n > 1);
    }

    @Test
    void every_finding_reaches_every_receiver_and_duplicates_share_the_idempotency_key() {
        for (TestReceiver r : List.of(single, grouped)) {
            assertThat(acceptedIds(r)).containsExactlyInAnyOrderElementsOf(ids);
            Map<String, Set<String>> keys = new HashMap<>();
            for (TestReceiver.Request req : r.requests()) {
                for (String id : findingIds(req)) {
                    keys.computeIfAbsent(id, k -> new HashSet<>()).add(req.header("Idempotency-Key"));
                }
            }
            keys.forEach((id, k) -> assertThat(k).as("keys under which %s arrived", id).hasSize(1));
        }
    }

    @Test
    void the_grouping_subscription_got_grouped_alerts_and_everything_is_signed() {
        assertThat(grouped.requests()).anySatisfy(r -> assertThat(r.json().get("event").asText()).isEqualTo("group"));
        assertThat(grouped.requests().size()).isLessThan(FINDINGS + LATER);
        assertThat(single.requests()).allSatisfy(r -> assertThat(IndependentHmac.verify("single-secret", r)).isTrue());
        assertThat(grouped.requests()).allSatisfy(r -> assertThat(IndependentHmac.verify("grouped-secret", r)).isTrue());
    }
}
