package io.fpi.api;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The orders every functional test reads. Times are named after T0 so expectations can be worked
 * out by hand:
 *
 * <pre>
 * dataset shop                 placed      ended          status     cycle time
 *   o1 (v1 open, v3 final)     T0          T0+2h          completed  7 200 000 ms (2 h)
 *   o2                         T0+10m      -              open       -
 *   o3                         T0+20m      T0+30m         cancelled  600 000
 *   o4                         T0+30m      T0+1h30m       completed  3 600 000
 *   o5                         T0+40m      T0+3h          returned   8 400 000
 *   o6                         T0-24h      T0+1h          completed  90 000 000
 *   o7                         T0+1h       T0+1h05m       completed  300 000
 * dataset other
 *   o1                         T0+50m      -              open       -
 * </pre>
 *
 * shop/o1 is written twice (version 1 still open, version 3 completed) and one of its events twice,
 * so any read without FINAL shows up as a duplicate or a stale status.
 */
final class Fixtures {
    static final String SHOP = "shop";
    static final String OTHER = "other";

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant T0_PLUS_5M = T0.plus(Duration.ofMinutes(5));
    static final Instant T0_PLUS_10M = T0.plus(Duration.ofMinutes(10));
    static final Instant T0_PLUS_20M = T0.plus(Duration.ofMinutes(20));
    static final Instant T0_PLUS_30M = T0.plus(Duration.ofMinutes(30));
    static final Instant T0_PLUS_40M = T0.plus(Duration.ofMinutes(40));
    static final Instant T0_PLUS_50M = T0.plus(Duration.ofMinutes(50));
    static final Instant T0_PLUS_1H = T0.plus(Duration.ofHours(1));
    static final Instant T0_PLUS_1H05M = T0_PLUS_1H.plus(Duration.ofMinutes(5));
    static final Instant T0_PLUS_1H30M = T0_PLUS_1H.plus(Duration.ofMinutes(30));
    static final Instant T0_PLUS_2H = T0.plus(Duration.ofHours(2));
    static final Instant T0_PLUS_3H = T0.plus(Duration.ofHours(3));
    static final Instant T0_PLUS_4H = T0.plus(Duration.ofHours(4));
    static final Instant T0_MINUS_1D = T0.minus(Duration.ofDays(1));

    /** Larger than Long.MAX_VALUE: only survives as a string. */
    static final BigInteger O1_VARIANT_HASH = new BigInteger("18446744073709551615");
    static final String O1_VARIANT = "ORDER_PLACED > PAYMENT_AUTHORIZED > PICKED > DELIVERED";

    private Fixtures() {}

    static void insert(ClickHouseClient ch) {
        // an early version of shop/o1, in its own insert (its own part) so FINAL has work to do
        insertTraces(ch, List.of(new TraceRowBuilder(SHOP, "o1", T0).version(1)
                .lastEvent(T0_PLUS_5M, "PAYMENT_AUTHORIZED", 2).currentStage("PAYMENT_AUTHORIZED")));
        insertTraces(ch, List.of(
                new TraceRowBuilder(SHOP, "o1", T0).version(3).closed("completed", T0_PLUS_2H)
                        .lastEvent(T0_PLUS_2H, "DELIVERED", 6).currentStage("DELIVERED")
                        .variant(O1_VARIANT, O1_VARIANT_HASH).promisedBy(T0.plus(Duration.ofDays(2))).units(3, 3)
                        .stage("ORDER_PLACED", "PAYMENT_AUTHORIZED", T0, Duration.ofMinutes(5))
                        .stage("PAYMENT_AUTHORIZED", "PICKED", T0_PLUS_5M, Duration.ofMinutes(55))
                        .stage("PICKED", "DELIVERED", T0_PLUS_1H, Duration.ofHours(1))
                        .handoff("OMS", "WMS", Duration.ofMinutes(5))
                        .handoff("WMS", "CARRIER", Duration.ofMinutes(10)),
                new TraceRowBuilder(SHOP, "o2", T0_PLUS_10M),
                new TraceRowBuilder(SHOP, "o3", T0_PLUS_20M).closed("cancelled", T0_PLUS_30M),
                new TraceRowBuilder(SHOP, "o4", T0_PLUS_30M).closed("completed", T0_PLUS_1H30M),
                new TraceRowBuilder(SHOP, "o5", T0_PLUS_40M).closed("returned", T0_PLUS_3H),
                new TraceRowBuilder(SHOP, "o6", T0_MINUS_1D).closed("completed", T0_PLUS_1H),
                new TraceRowBuilder(SHOP, "o7", T0_PLUS_1H).closed("completed", T0_PLUS_1H05M),
                new TraceRowBuilder(OTHER, "o1", T0_PLUS_50M).lastEvent(T0_PLUS_50M, "ORDER_PLACED", 1)
                        .units(1, 0)));

        EventRowBuilder authorized = new EventRowBuilder(SHOP, "o1", "e2", "PAYMENT_AUTHORIZED", T0_PLUS_5M, 1, "PSP");
        insertEvents(ch, List.of(authorized));
        insertEvents(ch, List.of(
                new EventRowBuilder(SHOP, "o1", "e1", "ORDER_PLACED", T0, 0, "OMS").attribute("basket", "3 items"),
                authorized, // the replayed twin FINAL must collapse
                new EventRowBuilder(SHOP, "o1", "e3", "EXCEPTION_RAISED", T0_PLUS_30M, 2, "WMS")
                        .error("BACKORDER", "short pick").attribute("sku", "SKU-1"),
                // same time as z5 below: sequence, not event id, decides the order
                new EventRowBuilder(SHOP, "o1", "z4", "PICKED", T0_PLUS_1H, 3, "WMS"),
                new EventRowBuilder(SHOP, "o1", "a5", "INVENTORY_SYNCED", T0_PLUS_1H, 4, "ERP"),
                new EventRowBuilder(SHOP, "o1", "e6", "DELIVERED", T0_PLUS_2H, 5, "CARRIER"),
                new EventRowBuilder(OTHER, "o1", "x1", "ORDER_PLACED", T0_PLUS_50M, 0, "POS")));
    }

    private static void insertTraces(ClickHouseClient ch, List<TraceRowBuilder> rows) {
        ch.insertJsonEachRow("traces", lines(rows.stream().map(TraceRowBuilder::json).toList()));
    }

    private static void insertEvents(ClickHouseClient ch, List<EventRowBuilder> rows) {
        ch.insertJsonEachRow("events", lines(rows.stream().map(EventRowBuilder::json).toList()));
    }

    private static byte[] lines(List<String> json) {
        return (String.join("\n", json) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
