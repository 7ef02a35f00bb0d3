package io.fpi.api;

import static io.fpi.api.Fixtures.OTHER;
import static io.fpi.api.Fixtures.SHOP;
import static io.fpi.api.Fixtures.T0;
import static io.fpi.api.Fixtures.T0_PLUS_1H;
import static io.fpi.api.Fixtures.T0_PLUS_2H;
import static io.fpi.api.Fixtures.T0_PLUS_3H;
import static io.fpi.api.Fixtures.T0_PLUS_50M;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Findings for the findings tests, newest first:
 *
 * <pre>
 * id                type                 dataset order  detected
 * stall-b           STALL                shop    o2     T0+3h   (same time as resolved-a: id decides, descending)
 * resolved-a        RESOLVED             shop    o1     T0+3h   resolves sla-a
 * sla-a             SLA_BREACH           shop    o1     T0+2h   (written twice: a replay FINAL collapses)
 * recurring-c       RECURRING_EXCEPTION  shop    ""     T0+1h
 * risk-d            AT_RISK              other   o1     T0+50m
 * spike-e           EXCEPTION_SPIKE      shop    ""     T0-1d
 * </pre>
 */
final class FindingFixtures {
    static final String SLA_A = "sla_breach-00000000000000a1";

    private FindingFixtures() {}

    static FindingRowBuilder slaBreach() {
        return new FindingRowBuilder(SHOP, SLA_A, "SLA_BREACH", "o1", T0_PLUS_2H).text("severity", "critical")
                .text("policy_id", "ship-to-home").text("policy_version", "3").text("milestone", "DELIVERED")
                .number("deadline_ms", T0_PLUS_1H.toEpochMilli()).text("node_id", "DC-1").text("region", "EU")
                .text("channel", "web").text("fulfillment_type", "ship_to_home").text("last_activity", "PICKED")
                .text("trace_summary", "ORDER_PLACED > PICKED").evidence("late_ms", "3600000").evidence("promised", "T0+1h");
    }

    static void insert(ClickHouseClient ch) {
        insert(ch, List.of(slaBreach()));
        insert(ch, List.of(slaBreach(), // the replayed twin
                new FindingRowBuilder(SHOP, "stall-b", "STALL", "o2", T0_PLUS_3H).text("stage", "PICKED")
                        .number("idle_ms", 7_200_000),
                new FindingRowBuilder(SHOP, "resolved-a", "RESOLVED", "o1", T0_PLUS_3H).text("resolves", SLA_A)
                        .text("severity", "info"),
                new FindingRowBuilder(SHOP, "recurring-c", "RECURRING_EXCEPTION", "", T0_PLUS_1H)
                        .text("error_code", "CARRIER_API_5XX").text("source_system", "CARRIER"),
                new FindingRowBuilder(OTHER, "risk-d", "AT_RISK", "o1", T0_PLUS_50M),
                new FindingRowBuilder(SHOP, "spike-e", "EXCEPTION_SPIKE", "", T0.minus(Duration.ofDays(1)))));
    }

    private static void insert(ClickHouseClient ch, List<FindingRowBuilder> rows) {
        String lines = String.join("\n", rows.stream().map(FindingRowBuilder::json).toList()) + "\n";
        ch.insertJsonEachRow("findings", lines.getBytes(StandardCharsets.UTF_8));
    }
}
