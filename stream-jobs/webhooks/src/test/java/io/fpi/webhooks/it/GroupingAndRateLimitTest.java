package io.fpi.webhooks.it;

import static io.fpi.webhooks.DispatcherFixture.acceptedIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.schemas.Finding;
import io.fpi.webhooks.DispatcherFixture;
import io.fpi.webhooks.IndependentHmac;
import io.fpi.webhooks.SharedServices;
import io.fpi.webhooks.TestFindings;
import io.fpi.webhooks.TestReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A carrier outage in miniature: 300 stalls in one region and 20 in another within a second, then
 * all of them resolve. A grouping subscription (fpi), an Alertmanager one and a rate-limited one
 * without grouping receive the same findings.
 */
@ExtendWith(SharedServices.class)
class GroupingAndRateLimitTest {
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static DispatcherFixture fx;
    static TestReceiver grouped;
    static TestReceiver alertmanager;
    static TestReceiver limited;
    static List<Finding> stalls = new ArrayList<>();
    static List<Finding> resolves = new ArrayList<>();

    @BeforeAll
    static void floodThenResolve() {
        fx = new DispatcherFixture("grouping", 2);
        grouped = TestReceiver.ok();
        alertmanager = TestReceiver.ok();
        limited = TestReceiver.ok();
        String window = "\"grouping\": {\"window_ms\": 1500, \"group_by\": [\"region\"]}";
        fx.subscribe(grouped.url(), "grouped-secret", "\"format\": \"fpi\", \"filters\": {\"types\": [\"STALL\"]}, " + window);
        fx.subscribe(alertmanager.url(), "am-secret", "\"format\": \"alertmanager\", " + window);
        fx.subscribe(limited.url(), "limited-secret", "\"format\": \"fpi\", \"rate_limit_per_minute\": 120, "
                + "\"filters\": {\"regions\": [\"PACIFIC\"], \"types\": [\"STALL\"]}");
        fx.start();
        for (int i = 0; i < 320; i++) {
            String region = i < 300 ? "NORTHEAST" : "PACIFIC";
            stalls.add(TestFindings.stall(String.format("stall-%016x", i), "demo", region, "ST-" + (i % 60)));
        }
        fx.publisher.publish(stalls);
        grouped.await(r -> acceptedIds(grouped).size() == 320, PATIENCE, "all 320 stalls");
        stalls.forEach(s -> resolves.add(TestFindings.resolved("resolved-" + s.getFindingId(), s)));
        fx.publisher.publish(resolves);
        grouped.await(r -> acceptedIds(grouped).size() == 640, PATIENCE, "all 320 resolves too");
        alertmanager.await(r -> count(alertmanager) == 640, PATIENCE, "640 alerts");
        limited.await(r -> acceptedIds(limited).size() == 40, PATIENCE, "the 20 Pacific stalls and their resolves");
    }

    private static int count(TestReceiver r) {
        return r.accepted().stream().mapToInt(q -> q.json().at("/commonAnnotations/count").asInt()).sum();
    }

    @AfterAll
    static void stop() {
        fx.close();
        grouped.close();
        alertmanager.close();
        limited.close();
    }

    @Test
    void a_flood_is_folded_into_a_few_grouped_alerts_with_counts() {
        List<JsonNode> firing = grouped.accepted().stream().map(TestReceiver.Request::json)
                .filter(j -> j.get("status").asText().equals("firing")).toList();
        assertThat(firing.size()).as("320 stalls in far fewer requests").isLessThanOrEqualTo(10);
        assertThat(firing).filteredOn(j -> j.get("event").asText().equals("group")).isNotEmpty()
                .allSatisfy(j -> {
                    assertThat(j.at("/group/count").asInt()).isEqualTo(j.at("/group/finding_ids").size());
                    assertThat(j.at("/group/window_start").isTextual()).isTrue();
                    assertThat(j.get("findings").size()).isLessThanOrEqualTo(100);
                });
        JsonNode first = firing.stream().filter(j -> j.get("event").asText().equals("finding")).findFirst().orElseThrow();
        assertThat(first.at("/group/count").asInt()).as("the first stall of a region goes out alone, at once").isEqualTo(1);
        int northeast = firing.stream().filter(j -> j.at("/group/labels/region").asText().equals("NORTHEAST"))
                .mapToInt(j -> j.at("/group/count").asInt()).sum();
        assertThat(northeast).isEqualTo(300);
    }

    @Test
    void resolves_are_delivered_and_grouped_like_the_stalls_they_resolve() {
        List<JsonNode> resolved = grouped.accepted().stream().map(TestReceiver.Request::json)
                .filter(j -> j.get("status").asText().equals("resolved")).toList();
        assertThat(resolved.stream().mapToInt(j -> j.at("/group/count").asInt()).sum()).isEqualTo(320);
        assertThat(resolved).allSatisfy(j -> {
            assertThat(j.at("/group/labels/resolves_type").asText()).isEqualTo("STALL");
            assertThat(j.at("/findings/0/resolves").asText()).startsWith("stall-");
        });
        assertThat(resolved).anySatisfy(j -> assertThat(j.get("event").asText()).isEqualTo("group"));
    }

    @Test
    void alertmanager_receivers_get_version_4_groups_firing_then_resolved() {
        List<JsonNode> bodies = alertmanager.accepted().stream().map(TestReceiver.Request::json).toList();
        assertThat(bodies).allSatisfy(b -> {
            assertThat(b.get("version").asText()).isEqualTo("4");
            assertThat(b.get("alerts").size() + b.get("truncatedAlerts").asInt())
                    .isEqualTo(b.at("/commonAnnotations/count").asInt());
        });
        assertThat(bodies).anySatisfy(b -> assertThat(b.get("truncatedAlerts").asInt()).isPositive());
        assertThat(bodies.stream().filter(b -> b.get("status").asText().equals("resolved"))
                .mapToInt(b -> b.at("/commonAnnotations/count").asInt()).sum()).isEqualTo(320);
        assertThat(alertmanager.accepted()).allSatisfy(r -> assertThat(IndependentHmac.verify("am-secret", r)).isTrue());
    }

    @Test
    void the_rate_limit_spaces_attempts_once_the_burst_is_spent() {
        // 120 a minute: a burst of 20, then two a second. No grouping, so 40 single deliveries.
        List<TestReceiver.Request> reqs = limited.requests();
        assertThat(reqs).hasSize(40);
        long t0 = reqs.get(0).receivedAtMs();
        for (int n = 21; n <= 40; n++) {
            long earliest = t0 + (n - 20) * 500L - 150; // at most 20 + 2/s tokens by then
            assertThat(reqs.get(n - 1).receivedAtMs()).as("request %d", n).isGreaterThanOrEqualTo(earliest);
        }
        assertThat(IntStream.range(0, 40).mapToObj(i -> reqs.get(i).header("Idempotency-Key")).distinct().count()).isEqualTo(40);
    }
}
