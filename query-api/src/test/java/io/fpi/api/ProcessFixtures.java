package io.fpi.api;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Six cases of dataset "proc" in June 2023 (far from every KPI window), worked out by hand:
 *
 * <pre>
 * case placed   node  activities (time after placement)        stages (from -> to: duration)
 * c1   10:00    N1    A(0) B(10 s) C(30 s)                     A -> B 10 s, B -> C 20 s
 * c2   10:01    N1    A(0) C(5 s)
 * c3   10:02    N2    A(0) B(20 s) C(40 s) B(45 s)             A -> B 20 s, B -> C 20 s, C -> B 5 s
 * c4   10:03    N2    A(0) C(7 s)          (v1 with only A must lose under FINAL)
 * c5   11:00    N1    A(0) B(10 s) C(30 s)
 * c6   11:01    N2    A C, no times (a row from before migration 003), last event 9 s after placement
 *
 * figures: 6 cases, 16 events, 3 activities, 3 variants ([A,C] x3, [A,B,C] x2, [A,B,C,B] x1), 4 edges
 * edges:   A>B 3 (timed 3: 10, 20, 10 s), B>C 3 (20, 20, 20 s), A>C 3 (timed 2: 5, 7 s), C>B 1 (5 s)
 * start A 6; end C 5, B 1
 * </pre>
 */
final class ProcessFixtures {
    static final String PROC = "proc";
    static final Instant C1_PLACED = Instant.parse("2023-06-01T10:00:00Z");
    static final Instant ELEVEN = Instant.parse("2023-06-01T11:00:00Z");

    private ProcessFixtures() {}

    private static TraceRowBuilder trace(String id, Instant placed, String node) {
        return new TraceRowBuilder(PROC, id, placed).node(node);
    }

    static void insert(ClickHouseClient ch) {
        insertRows(ch, List.of(trace("c4", C1_PLACED.plusSeconds(180), "N2").path("A", 0)));
        insertRows(ch, List.of(
                trace("c1", C1_PLACED, "N1").version(3).path("A B C", 0, 10_000, 30_000)
                        .stage("A", "B", C1_PLACED, Duration.ofSeconds(10))
                        .stage("B", "C", C1_PLACED.plusSeconds(10), Duration.ofSeconds(20)),
                trace("c2", C1_PLACED.plusSeconds(60), "N1").version(2).path("A C", 0, 5_000),
                trace("c3", C1_PLACED.plusSeconds(120), "N2").version(4).path("A B C B", 0, 20_000, 40_000, 45_000)
                        .stage("A", "B", C1_PLACED.plusSeconds(120), Duration.ofSeconds(20))
                        .stage("B", "C", C1_PLACED.plusSeconds(140), Duration.ofSeconds(20))
                        .stage("C", "B", C1_PLACED.plusSeconds(160), Duration.ofSeconds(5)),
                trace("c4", C1_PLACED.plusSeconds(180), "N2").version(2).path("A C", 0, 7_000),
                trace("c5", ELEVEN, "N1").version(3).path("A B C", 0, 10_000, 30_000),
                trace("c6", ELEVEN.plusSeconds(60), "N2").version(2).path("A C")
                        .lastEventAt(ELEVEN.plusSeconds(69).toEpochMilli())));
    }

    private static void insertRows(ClickHouseClient ch, List<TraceRowBuilder> rows) {
        String lines = String.join("\n", rows.stream().map(TraceRowBuilder::json).toList()) + "\n";
        ch.insertJsonEachRow("traces", lines.getBytes(StandardCharsets.UTF_8));
    }
}
