package io.fpi.webhooks.it;

import static io.fpi.webhooks.DispatcherFixture.acceptedIds;
import static io.fpi.webhooks.DispatcherFixture.findingIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.DispatcherFixture;
import io.fpi.webhooks.IndependentHmac;
import io.fpi.webhooks.LogCapture;
import io.fpi.webhooks.SharedServices;
import io.fpi.webhooks.TestFindings;
import io.fpi.webhooks.TestReceiver;
import io.fpi.webhooks.TestReceiver.Answer;
import io.fpi.webhooks.subscriptions.AttemptView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Five real receivers on loopback, one dispatcher, the same findings for all: a healthy receiver,
 * one that fails its first 3 requests, one that answers 429 with Retry-After, one that hangs past
 * the read timeout, and one that is down and comes back. Everyone gets everything, signed, and the
 * faulty ones never hold up the healthy one. Run once, asserted by several tests.
 */
@ExtendWith(SharedServices.class)
class DeliveryFaultsTest {
    static final int FINDINGS = 6;
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final Map<String, String> SECRETS = new HashMap<>();
    static final Map<String, String> SUBSCRIPTIONS = new HashMap<>();
    static DispatcherFixture fx;
    static TestReceiver healthy;
    static TestReceiver flaky;
    static TestReceiver throttled;
    static TestReceiver hanging;
    static TestReceiver down;
    static List<String> ids;
    static LogCapture logs;

    @BeforeAll
    static void deliverTheSameFindingsToFiveReceivers() {
        logs = new LogCapture();
        // A queue of 3 in memory: the down receiver's deliveries spill to ClickHouse and are read back.
        fx = new DispatcherFixture("faults", 2, c -> c.withCapacity(4, 3, 50_000));
        healthy = TestReceiver.ok();
        flaky = new TestReceiver(n -> n <= 3 ? Answer.status(500) : Answer.ok());
        throttled = new TestReceiver(n -> n == 1 ? new Answer(429, Map.of("Retry-After", "1"), Duration.ZERO) : Answer.ok());
        hanging = new TestReceiver(n -> n <= 2 ? new Answer(200, Map.of(), Duration.ofSeconds(3)) : Answer.ok());
        down = TestReceiver.ok();
        down.stop();
        for (var e : Map.of("healthy", healthy, "flaky", flaky, "throttled", throttled, "hanging", hanging, "down", down).entrySet()) {
            String secret = "secret-of-" + e.getKey() + "-0123456789abcdef";
            SECRETS.put(e.getKey(), secret);
            SUBSCRIPTIONS.put(e.getKey(), fx.subscribe(e.getValue().url(), secret, "\"format\": \"fpi\"").id());
        }
        fx.start();
        fx.publisher.publishRaw(new byte[] {1, 2, 3}); // not a finding: skipped
        List<Finding> findings = IntStream.range(0, FINDINGS)
                .mapToObj(i -> TestFindings.stall("stall-faults-" + i, "demo", "NORTHEAST", "ST-000" + i)).toList();
        ids = findings.stream().map(Finding::getFindingId).toList();
        fx.publisher.publish(findings);

        healthy.await(r -> acceptedIds(healthy).containsAll(ids), PATIENCE, "every finding");
        TestReceiver.sleep(2_000);
        down.restart();
        for (TestReceiver r : List.of(flaky, throttled, hanging, down)) {
            r.await(x -> acceptedIds(r).containsAll(ids), PATIENCE, "every finding");
        }
        // an attempt is logged after its receiver answered: wait until the log has caught up with what they got
        receivers().forEach((name, r) -> r.await(x -> fx.admin.deliveries(SUBSCRIPTIONS.get(name), 1000, null).deliveries().stream()
                .filter(a -> a.outcome().equals("delivered")).count() >= ids.size(), PATIENCE, "every delivery logged"));
    }

    @AfterAll
    static void stop() {
        fx.close();
        for (TestReceiver r : List.of(healthy, flaky, throttled, hanging, down)) {
            r.close();
        }
        logs.close();
    }

    private static Map<String, TestReceiver> receivers() {
        return Map.of("healthy", healthy, "flaky", flaky, "throttled", throttled, "hanging", hanging, "down", down);
    }

    @Test
    void every_receiver_gets_every_finding_signed_with_its_own_secret() {
        receivers().forEach((name, r) -> {
            assertThat(acceptedIds(r)).as(name).containsExactlyInAnyOrderElementsOf(ids);
            for (TestReceiver.Request req : r.requests()) {
                assertThat(IndependentHmac.verify(SECRETS.get(name), req)).as(name + " request " + req.number()).isTrue();
                String other = SECRETS.get(name.equals("healthy") ? "flaky" : "healthy");
                assertThat(IndependentHmac.verify(other, req)).as("another subscription's secret").isFalse();
            }
        });
    }

    @Test
    void repeated_requests_carry_the_same_delivery_id_and_idempotency_key_the_finding_id() {
        receivers().forEach((name, r) -> {
            Map<String, Set<String>> keysByFinding = new HashMap<>();
            Map<String, Set<String>> deliveriesByFinding = new HashMap<>();
            for (TestReceiver.Request req : r.requests()) {
                assertThat(req.header("Idempotency-Key")).isEqualTo(req.json().get("idempotency_key").asText());
                assertThat(req.header("X-FPI-Event")).isEqualTo("finding");
                for (String id : findingIds(req)) {
                    keysByFinding.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(req.header("Idempotency-Key"));
                    deliveriesByFinding.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(req.header("X-FPI-Delivery-Id"));
                }
            }
            keysByFinding.forEach((id, keys) -> assertThat(keys).as(name + " " + id).containsExactly(id));
            deliveriesByFinding.forEach((id, d) -> assertThat(d).as(name + " " + id).hasSize(1));
        });
        assertThat(flaky.requests().size()).as("3 failures, then each finding once").isEqualTo(FINDINGS + 3);
    }

    @Test
    void attempts_are_numbered_and_a_retry_is_signed_afresh() {
        List<TestReceiver.Request> all = flaky.requests();
        Map<String, List<TestReceiver.Request>> byDelivery = all.stream()
                .collect(Collectors.groupingBy(r -> r.header("X-FPI-Delivery-Id")));
        List<TestReceiver.Request> retried = byDelivery.values().stream().filter(l -> l.size() > 1).findFirst().orElseThrow();
        assertThat(retried).extracting(r -> r.header("X-FPI-Attempt")).containsExactly("1", "2");
        assertThat(retried.get(0).body()).isEqualTo(retried.get(1).body());
    }

    @Test
    void a_429_with_retry_after_is_honoured_for_the_whole_subscription() {
        List<TestReceiver.Request> reqs = throttled.requests();
        TestReceiver.Request tooMany = reqs.get(0);
        assertThat(tooMany.answeredStatus()).isEqualTo(429);
        TestReceiver.Request retry = reqs.stream()
                .filter(r -> r.header("X-FPI-Delivery-Id").equals(tooMany.header("X-FPI-Delivery-Id")) && r.number() > 1)
                .findFirst().orElseThrow();
        assertThat(retry.receivedAtMs() - tooMany.receivedAtMs())
                .as("the retry waits for Retry-After: 1 (the backoff alone would be 50-100 ms)").isGreaterThanOrEqualTo(950);
        // Requests already in flight when the 429 came back may land right after it; nothing new is sent until 1 s later.
        assertThat(reqs).noneMatch(r -> r.receivedAtMs() > tooMany.receivedAtMs() + 150
                && r.receivedAtMs() < tooMany.receivedAtMs() + 950);
    }

    @Test
    void a_hanging_receiver_times_out_and_never_delays_the_healthy_one() {
        List<TestReceiver.Request> hung = hanging.requests();
        long healthyDone = healthy.accepted().stream().mapToLong(TestReceiver.Request::receivedAtMs).max().orElseThrow();
        assertThat(healthyDone).as("the healthy receiver had everything before the hanging one's first timeout")
                .isLessThan(hung.get(0).receivedAtMs() + 1_000);
        List<AttemptView> log = fx.admin.deliveries(SUBSCRIPTIONS.get("hanging"), 100, null).deliveries();
        assertThat(log).anySatisfy(a -> {
            assertThat(a.httpStatus()).isNull();
            assertThat(a.error()).contains("read timeout");
            assertThat(a.outcome()).isEqualTo("retry_scheduled");
        });
    }

    @Test
    void a_receiver_that_was_down_gets_everything_once_it_is_back() {
        List<AttemptView> log = fx.admin.deliveries(SUBSCRIPTIONS.get("down"), 1000, null).deliveries();
        assertThat(log).anySatisfy(a -> assertThat(a.error()).contains("connection refused"));
        assertThat(log.stream().filter(a -> a.outcome().equals("delivered")).map(AttemptView::idempotencyKey))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(down.requests()).allSatisfy(r -> assertThat(r.answeredStatus()).isEqualTo(200));
    }

    @Test
    void the_delivery_log_records_every_attempt_with_status_latency_and_error() {
        List<AttemptView> log = fx.admin.deliveries(SUBSCRIPTIONS.get("flaky"), 1000, null).deliveries();
        assertThat(log).hasSize(flaky.requests().size());
        assertThat(log.stream().filter(a -> a.outcome().equals("retry_scheduled")))
                .hasSize(3)
                .allSatisfy(a -> {
                    assertThat(a.httpStatus()).isEqualTo(500);
                    assertThat(a.error()).startsWith("HTTP 500");
                    assertThat(a.nextAttemptAt()).isAfter(a.attemptedAt());
                });
        assertThat(log.stream().filter(a -> a.outcome().equals("delivered"))).hasSize(FINDINGS)
                .allSatisfy(a -> {
                    assertThat(a.httpStatus()).isEqualTo(200);
                    assertThat(a.error()).isNull();
                    assertThat(a.latencyMs()).isNotNegative();
                });
        List<AttemptView> throttledLog = fx.admin.deliveries(SUBSCRIPTIONS.get("throttled"), 1000, null).deliveries();
        assertThat(throttledLog).anySatisfy(a -> assertThat(a.httpStatus()).isEqualTo(429));
    }

    @Test
    void no_secret_reaches_the_log() {
        List<String> lines = new ArrayList<>(logs.lines());
        assertThat(lines).as("something was logged at all").isNotEmpty();
        for (String secret : SECRETS.values()) {
            assertThat(lines).noneMatch(l -> l.contains(secret));
        }
    }
}
