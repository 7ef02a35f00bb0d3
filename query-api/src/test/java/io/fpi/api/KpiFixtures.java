package io.fpi.api;

import static io.fpi.api.Fixtures.OTHER;
import static io.fpi.api.Fixtures.SHOP;
import static io.fpi.api.Fixtures.T0;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * kpi_minute rows for the KPI tests, worked out by hand:
 *
 * <pre>
 * shop  T0        WEB/SHIP_TO_HOME/EU/DC-1  v2: placed 2, completed 1, units 3/2, cycle 1 h, SLA 1/2,
 *                                            raised 3, resolved 10 min, syncs 4 + 1 mismatch, WMS 2, cost 1000/1
 *                                            (v1 of the same row, all different, must lose under FINAL)
 * shop  T0+1m     same dims                  completed 1, cancelled 1, units 1/1, cycle 2 h, SLA 1/1,
 *                                            resolved 20 min, refund 1 day, CARRIER 1, WMS 1, cost 3000/1
 * shop  T0+1h05m  APP/BOPIS/US/ST-7          placed 1, completed 1, cycle 5 min, SLA 0/1, syncs 1
 * shop  T0-1d     outside every window used  placed 9, SLA 9/9
 * other T0        WEB/SHIP_TO_HOME/EU/DC-1   placed 5, SLA 10/10
 * </pre>
 */
final class KpiFixtures {
    static final Instant T0_PLUS_1M = T0.plus(Duration.ofMinutes(1));
    static final Instant T0_PLUS_1H05M = T0.plus(Duration.ofMinutes(65));
    static final long HOUR_MS = 3_600_000;

    private KpiFixtures() {}

    private static KpiMinuteRowBuilder web(String dataset, Instant minute) {
        return new KpiMinuteRowBuilder(dataset, minute, "WEB", "SHIP_TO_HOME", "EU", "DC-1");
    }

    static void insert(ClickHouseClient ch) {
        insert(ch, List.of(web(SHOP, T0).version(1).orders(7, 7, 7, 7).sla(0, 7).set("exceptions_raised", 9)));
        insert(ch, List.of(
                web(SHOP, T0).version(2).orders(2, 1, 0, 0).units(3, 2).cycleTimes(HOUR_MS).sla(1, 2)
                        .set("exceptions_raised", 3).resolutions(600_000).syncs(4, 1).integrationFailure("WMS", 2).cost(1, 1000),
                web(SHOP, T0_PLUS_1M).version(9).orders(0, 1, 1, 0).units(1, 1).cycleTimes(2 * HOUR_MS).sla(1, 1)
                        .resolutions(1_200_000).refunds(24 * HOUR_MS).integrationFailure("CARRIER", 1)
                        .integrationFailure("WMS", 1).cost(1, 3000),
                new KpiMinuteRowBuilder(SHOP, T0_PLUS_1H05M, "APP", "BOPIS", "US", "ST-7").orders(1, 1, 0, 0)
                        .cycleTimes(300_000).sla(0, 1).syncs(1, 0),
                web(SHOP, T0.minus(Duration.ofDays(1))).orders(9, 0, 0, 0).sla(9, 9),
                web(OTHER, T0).orders(5, 0, 0, 0).sla(10, 10)));
    }

    private static void insert(ClickHouseClient ch, List<KpiMinuteRowBuilder> rows) {
        String lines = String.join("\n", rows.stream().map(KpiMinuteRowBuilder::json).toList()) + "\n";
        ch.insertJsonEachRow("kpi_minute", lines.getBytes(StandardCharsets.UTF_8));
    }
}
