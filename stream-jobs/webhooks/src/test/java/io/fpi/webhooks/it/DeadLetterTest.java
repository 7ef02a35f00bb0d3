package io.fpi.webhooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.webhooks.DispatcherFixture;
import io.fpi.webhooks.SharedServices;
import io.fpi.webhooks.TestFindings;
import io.fpi.webhooks.TestReceiver;
import io.fpi.webhooks.TestReceiver.Answer;
import io.fpi.webhooks.delivery.DeliveryRepository;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deliveries that cannot succeed end as dead letters: past the maximum age (3 s here), at once on
 * 410 Gone, and when their subscription is deleted. A target the dispatcher refuses (loopback
 * ::1, not on its allowlist, although it was accepted at creation) is never connected to.
 */
@ExtendWith(SharedServices.class)
class DeadLetterTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static DispatcherFixture fx;
    static DeliveryRepository log;
    static TestReceiver failing;
    static TestReceiver gone;
    static TestReceiver down;
    static String failingId;
    static String refusedId;
    static String goneId;
    static String deletedId;

    @BeforeAll
    static void deliverToReceiversThatNeverSucceed() {
        fx = new DispatcherFixture("deadletters", 1,
                c -> c.withRetry(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(3)).withAllowedHosts("127.0.0.1"));
        log = new DeliveryRepository(fx.clickHouse);
        failing = new TestReceiver(n -> Answer.status(500));
        gone = new TestReceiver(n -> Answer.status(410));
        down = TestReceiver.ok();
        down.stop();
        failingId = fx.subscribe(failing.url(), "failing-secret", "").id();
        refusedId = fx.subscribe(failing.url().replace("127.0.0.1", "[::1]"), "refused-secret", "").id();
        goneId = fx.subscribe(gone.url(), "gone-secret", "").id();
        deletedId = fx.subscribe(down.url(), "deleted-secret", "").id();
        fx.start();
        fx.publisher.publish(List.of(TestFindings.breach("sla_breach-dead-1", "demo", "critical")));

        await(deletedId, a -> a.get("error").asText().contains("connection refused"));
        fx.admin.delete(deletedId);
        await(deletedId, a -> a.get("outcome").asText().equals("dead_lettered"));
        await(goneId, a -> a.get("outcome").asText().equals("dead_lettered"));
        await(failingId, a -> a.get("outcome").asText().equals("dead_lettered"));
        await(refusedId, a -> a.get("outcome").asText().equals("dead_lettered"));
    }

    private static void await(String subscriptionId, Predicate<com.fasterxml.jackson.databind.JsonNode> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (log.attempts(subscriptionId, null, 1000).stream().anyMatch(condition)) {
                return;
            }
            TestReceiver.sleep(100);
        }
        throw new AssertionError("no such log entry for " + subscriptionId + ": " + log.attempts(subscriptionId, null, 1000));
    }

    @AfterAll
    static void stop() {
        fx.close();
        failing.close();
        gone.close();
    }

    private static String stateOfOnlyDelivery(String subscriptionId) {
        String deliveryId = log.attempts(subscriptionId, null, 1).get(0).get("delivery_id").asText();
        return log.state(subscriptionId, deliveryId).orElseThrow();
    }

    @Test
    void a_delivery_still_failing_at_the_maximum_age_becomes_a_dead_letter_with_its_reason() {
        var entries = log.attempts(failingId, null, 1000);
        assertThat(entries.get(0).get("outcome").asText()).isEqualTo("dead_lettered");
        assertThat(entries.get(0).get("error").asText()).contains("HTTP 500").contains("maximum age");
        assertThat(entries.stream().filter(e -> e.get("outcome").asText().equals("retry_scheduled"))).isNotEmpty();
        assertThat(failing.requests().size()).isEqualTo(entries.size());
        assertThat(stateOfOnlyDelivery(failingId)).isEqualTo("dead");
    }

    @Test
    void gone_410_is_final_at_the_first_attempt() {
        var entries = log.attempts(goneId, null, 1000);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("error").asText()).contains("410");
        assertThat(gone.requests()).hasSize(1);
        assertThat(stateOfOnlyDelivery(goneId)).isEqualTo("dead");
    }

    @Test
    void a_target_refused_at_delivery_time_is_never_contacted_and_the_log_says_why() {
        var entries = log.attempts(refusedId, null, 1000);
        assertThat(entries).allSatisfy(e -> assertThat(e.get("http_status").asInt()).isZero());
        assertThat(entries).anySatisfy(e -> assertThat(e.get("error").asText())
                .contains("target refused").contains("loopback").contains("FPI_WEBHOOK_ALLOWED_HOSTS"));
        assertThat(failing.requests()).allSatisfy(r -> assertThat(r.header("X-FPI-Delivery-Id"))
                .isNotIn(entries.stream().map(e -> e.get("delivery_id").asText()).toList()));
    }

    @Test
    void deleting_a_subscription_dead_letters_its_pending_deliveries() {
        var entries = log.attempts(deletedId, null, 1000);
        assertThat(entries.get(0).get("error").asText()).isEqualTo("the subscription was deleted");
        assertThat(stateOfOnlyDelivery(deletedId)).isEqualTo("dead");
        assertThat(down.requests()).isEmpty();
    }
}
