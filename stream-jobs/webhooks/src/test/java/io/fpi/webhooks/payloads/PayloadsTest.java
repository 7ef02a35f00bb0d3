package io.fpi.webhooks.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.schemas.Finding;
import io.fpi.webhooks.TestFindings;
import io.fpi.webhooks.subscriptions.Grouping;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Grouping BY_REGION = new Grouping(10_000, List.of("region"));
    private static MiniJsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = PayloadsTest.class.getResourceAsStream(FpiPayload.SCHEMA_RESOURCE)) {
            schema = new MiniJsonSchema(JSON.readTree(in));
        }
    }

    private static JsonNode render(PayloadRenderer r, Alert a) throws Exception {
        return JSON.readTree(r.render(a));
    }

    private static Alert flood(int n) {
        List<Finding> head = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Finding f = TestFindings.stall("stall-" + i, "demo", "NORTHEAST", "ST-" + i);
            ids.add(f.getFindingId());
            if (head.size() < 100) {
                head.add(f);
            }
        }
        return Alerts.group("wh-1", BY_REGION.labels(head.get(0)), head, ids, 1_000, 11_000, 11_000);
    }

    @Test
    void fpi_payloads_of_every_event_conform_to_the_published_schema() throws Exception {
        Finding stall = TestFindings.stall("stall-00000000000000aa", "demo", "NORTHEAST", "ST-0001");
        List<Alert> alerts = List.of(Alerts.single("wh-1", BY_REGION, stall, 1_000),
                Alerts.single("wh-1", BY_REGION, TestFindings.resolved("resolved-1", stall), 2_000),
                flood(500), Alerts.test("wh-1", BY_REGION, 3_000));
        for (Alert a : alerts) {
            JsonNode body = render(new FpiPayload(), a);
            assertThat(schema.errors(body)).as(a.kind().wire()).isEmpty();
        }
        JsonNode single = render(new FpiPayload(), alerts.get(0));
        assertThat(single.get("event").asText()).isEqualTo("finding");
        assertThat(single.get("idempotency_key").asText()).isEqualTo("stall-00000000000000aa");
        assertThat(single.at("/group/count").asInt()).isEqualTo(1);
        assertThat(single.at("/findings/0/detected_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        JsonNode resolve = render(new FpiPayload(), alerts.get(1));
        assertThat(resolve.get("status").asText()).isEqualTo("resolved");
        assertThat(resolve.at("/findings/0/resolves_type").asText()).isEqualTo("STALL");
    }

    @Test
    void the_schema_check_itself_catches_a_missing_field_and_a_wrong_type() throws Exception {
        JsonNode body = render(new FpiPayload(), flood(3));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("status");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("group")).put("count", "three");
        assertThat(schema.errors(body)).hasSize(2);
    }

    @Test
    void a_flood_becomes_one_grouped_fpi_payload_with_the_count_all_ids_and_the_first_findings() throws Exception {
        JsonNode body = render(new FpiPayload(), flood(500));
        assertThat(body.get("event").asText()).isEqualTo("group");
        assertThat(body.at("/group/count").asInt()).isEqualTo(500);
        assertThat(body.at("/group/finding_ids").size()).isEqualTo(500);
        assertThat(body.get("findings").size()).isEqualTo(100);
        assertThat(body.get("findings_truncated").asInt()).isEqualTo(400);
        assertThat(body.at("/group/labels/region").asText()).isEqualTo("NORTHEAST");
        assertThat(body.get("summary").asText()).isEqualTo("500 × STALL in demo (region=NORTHEAST)");
        assertThat(body.get("idempotency_key").asText()).startsWith("grp-")
                .isEqualTo(render(new FpiPayload(), flood(500)).get("idempotency_key").asText());
    }

    @Test
    void alertmanager_payloads_have_every_version_4_field() throws Exception {
        JsonNode body = render(new AlertmanagerPayload("http://fpi.local:8080"), flood(150));
        for (String field : List.of("version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels",
                "commonLabels", "commonAnnotations", "externalURL", "alerts")) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("truncatedAlerts").asInt()).isEqualTo(50);
        assertThat(body.get("alerts").size()).isEqualTo(100);
        assertThat(body.at("/commonAnnotations/count").asText()).isEqualTo("150");
        assertThat(body.at("/groupLabels/alertname").asText()).isEqualTo("STALL");
        assertThat(body.at("/commonLabels/region").asText()).isEqualTo("NORTHEAST");
        assertThat(body.at("/commonLabels").has("node_id")).as("differs between alerts").isFalse();
        assertThat(body.get("externalURL").asText()).isEqualTo("http://fpi.local:8080/");
        JsonNode alert = body.get("alerts").get(0);
        for (String field : List.of("status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint")) {
            assertThat(alert.has(field)).as(field).isTrue();
        }
        assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(alert.get("generatorURL").asText()).startsWith("http://fpi.local:8080/api/orders/ORD-stall-0/trace");
    }

    @Test
    void an_alertmanager_resolve_carries_the_fingerprint_and_name_of_the_alert_it_resolves() throws Exception {
        Finding stall = TestFindings.stall("stall-00000000000000aa", "demo", "NORTHEAST", "ST-0001");
        JsonNode firing = render(new AlertmanagerPayload("http://x/"), Alerts.single("wh-1", BY_REGION, stall, 1));
        JsonNode resolved = render(new AlertmanagerPayload("http://x/"),
                Alerts.single("wh-1", BY_REGION, TestFindings.resolved("resolved-9", stall), 2));

        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/alerts/0/status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/alerts/0/endsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(resolved.at("/alerts/0/fingerprint")).isEqualTo(firing.at("/alerts/0/fingerprint"));
        assertThat(resolved.at("/alerts/0/labels/alertname").asText()).isEqualTo("STALL");
        assertThat(resolved.at("/alerts/0/labels/finding_id").asText()).isEqualTo("stall-00000000000000aa");
        assertThat(resolved.at("/groupLabels/alertname").asText()).isEqualTo("STALL");
    }

    @Test
    void slack_messages_are_plain_text_with_slack_escaping_and_counts_for_groups() throws Exception {
        Finding nasty = Finding.newBuilder(TestFindings.breach("b1", "demo", "critical"))
                .setMessage("<!channel> & <script>").setEvidence(Map.of()).build();
        String single = render(new SlackPayload(), Alerts.single("wh-1", BY_REGION, nasty, 1)).get("text").asText();
        assertThat(single).contains("&lt;!channel&gt; &amp; &lt;script&gt;").doesNotContain("<!channel>")
                .startsWith(":rotating_light:");
        String group = render(new SlackPayload(), flood(500)).get("text").asText();
        assertThat(group).contains("500 × STALL in demo (region=NORTHEAST)").contains("(+490 more)").contains("within 10 s");
    }
}
