package io.fpi.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The delivery SQL, all of it: the outbox (webhook_outbox: one state per delivery, newest version
 * wins, read with FINAL) and the append-only log (webhook_deliveries), migration 005. Values reach
 * SQL only through {@link SqlLiterals}.
 */
public final class DeliveryRepository {
    public static final String OUTBOX = "webhook_outbox";
    public static final String LOG = "webhook_deliveries";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String PENDING = """
            SELECT subscription_id, delivery_id, kind, idempotency_key, attempts, created_at_ms, next_attempt_at_ms
            FROM webhook_outbox FINAL
            WHERE state = 'pending' AND subscription_id = %s%s
            ORDER BY next_attempt_at_ms, created_at_ms, delivery_id
            LIMIT %s""";
    private static final String BODIES = """
            SELECT delivery_id, finding_ids, body, redelivery_of
            FROM webhook_deliveries
            WHERE event = 'queued' AND subscription_id = %s AND delivery_id IN (%s)""";
    private static final String PENDING_SUBSCRIPTIONS = """
            SELECT DISTINCT subscription_id FROM webhook_outbox FINAL WHERE state = 'pending'""";
    private static final String QUEUED_PAIRS = """
            SELECT DISTINCT subscription_id, f
            FROM webhook_deliveries ARRAY JOIN finding_ids AS f
            WHERE event = 'queued' AND f IN (%s)""";
    private static final String ATTEMPTS = """
            SELECT delivery_id, event, attempt, event_at_ms, kind, idempotency_key, finding_count, outcome, http_status,
                   latency_ms, error, next_attempt_at_ms, redelivery_of
            FROM webhook_deliveries
            WHERE subscription_id = %s AND event != 'queued'%s
            ORDER BY event_at_ms DESC, delivery_id, attempt DESC
            LIMIT %s""";
    private static final String QUEUED_ONE = """
            SELECT delivery_id, kind, idempotency_key, finding_ids, body, event_at_ms
            FROM webhook_deliveries
            WHERE subscription_id = %s AND delivery_id = %s AND event = 'queued'
            LIMIT 1""";
    private static final String STATE = """
            SELECT state, attempts FROM webhook_outbox FINAL WHERE subscription_id = %s AND delivery_id = %s""";

    private final ClickHouseClient clickHouse;

    public DeliveryRepository(ClickHouseClient clickHouse) {
        this.clickHouse = clickHouse;
    }

    // ---- rows -------------------------------------------------------------------------------

    /** The outbox row of a delivery in {@code state} (pending, delivered, dead). */
    static ObjectNode outboxRow(Delivery d, String state, int lastStatus, String lastError, long nowMs) {
        return JSON.createObjectNode()
                .put("subscription_id", d.subscriptionId)
                .put("delivery_id", d.deliveryId)
                .put("version", Versions.next())
                .put("state", state)
                .put("kind", d.kind)
                .put("idempotency_key", d.idempotencyKey)
                .put("finding_count", d.findingIds.size())
                .put("attempts", d.attempts)
                .put("created_at_ms", d.createdAtMs)
                .put("created_date", date(d.createdAtMs))
                .put("next_attempt_at_ms", state.equals("pending") ? d.nextAttemptAtMs : 0)
                .put("updated_at_ms", nowMs)
                .put("last_http_status", lastStatus)
                .put("last_error", lastError == null ? "" : lastError);
    }

    /** A log row: {@code event} queued (with the body and ids), attempt or dead_lettered. */
    static ObjectNode logRow(Delivery d, String event, String outcome, AttemptResult r, long atMs, long nextAttemptAtMs,
                             String error) {
        ObjectNode row = JSON.createObjectNode()
                .put("subscription_id", d.subscriptionId)
                .put("delivery_id", d.deliveryId)
                .put("event", event)
                .put("attempt", event.equals("queued") ? 0 : d.attempts)
                .put("event_at_ms", atMs)
                .put("event_date", date(atMs))
                .put("kind", d.kind)
                .put("idempotency_key", d.idempotencyKey)
                .put("finding_count", d.findingIds.size())
                .put("outcome", outcome)
                .put("http_status", r == null ? 0 : r.httpStatus())
                .put("latency_ms", r == null ? 0 : r.latencyMs())
                .put("error", error == null ? "" : error)
                .put("next_attempt_at_ms", nextAttemptAtMs)
                .put("redelivery_of", d.redeliveryOf)
                .put("body", event.equals("queued") ? new String(d.body, StandardCharsets.UTF_8) : "");
        ArrayNode ids = row.putArray("finding_ids");
        if (event.equals("queued")) {
            d.findingIds.forEach(ids::add);
        }
        return row;
    }

    private static String date(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    // ---- writes -----------------------------------------------------------------------------

    public void insert(List<ObjectNode> outboxRows, List<ObjectNode> logRows) {
        insertLog(logRows);
        insertOutbox(outboxRows);
    }

    void insertLog(List<ObjectNode> logRows) {
        if (!logRows.isEmpty()) {
            clickHouse.insertJsonEachRow(LOG, lines(logRows));
        }
    }

    void insertOutbox(List<ObjectNode> outboxRows) {
        if (!outboxRows.isEmpty()) {
            clickHouse.insertJsonEachRow(OUTBOX, lines(outboxRows));
        }
    }

    private static byte[] lines(List<ObjectNode> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        try {
            for (ObjectNode r : rows) {
                JSON.writeValue(out, r);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- reads ------------------------------------------------------------------------------

    /** Up to {@code limit} pending deliveries of a subscription, due first, with their bodies; skips {@code exclude}. */
    public List<Delivery> pending(String subscriptionId, int limit, Set<String> exclude) {
        String notIn = exclude.isEmpty() ? "" : " AND delivery_id NOT IN (" + list(exclude) + ")";
        List<JsonNode> states = clickHouse.query(PENDING.formatted(SqlLiterals.string(subscriptionId), notIn,
                SqlLiterals.number(limit)));
        if (states.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> bodies = new HashMap<>();
        List<String> ids = states.stream().map(r -> r.get("delivery_id").asText()).toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            for (JsonNode r : clickHouse.query(BODIES.formatted(SqlLiterals.string(subscriptionId), list(chunk)))) {
                bodies.putIfAbsent(r.get("delivery_id").asText(), r);
            }
        }
        List<Delivery> out = new ArrayList<>();
        List<ObjectNode> orphans = new ArrayList<>();
        for (JsonNode s : states) {
            JsonNode b = bodies.get(s.get("delivery_id").asText());
            if (b == null) {
                orphans.add(orphan(subscriptionId, s));
                continue;
            }
            List<String> findingIds = new ArrayList<>();
            b.get("finding_ids").forEach(n -> findingIds.add(n.asText()));
            Delivery d = new Delivery(subscriptionId, s.get("delivery_id").asText(), s.get("kind").asText(),
                    s.get("idempotency_key").asText(), findingIds, b.get("body").asText().getBytes(StandardCharsets.UTF_8),
                    s.get("created_at_ms").asLong(), b.get("redelivery_of").asText());
            d.attempts = s.get("attempts").asInt();
            d.nextAttemptAtMs = s.get("next_attempt_at_ms").asLong();
            out.add(d);
        }
        if (!orphans.isEmpty()) {
            insertOutbox(orphans);
        }
        return out;
    }

    /**
     * A pending row whose queued row (the body) was never stored: the dispatcher died between the
     * two inserts of one flush. Its findings were not acknowledged, so they were replayed from Kafka
     * into a new delivery; this one is closed so that it does not stay pending for ever.
     */
    private static ObjectNode orphan(String subscriptionId, JsonNode s) {
        Delivery d = new Delivery(subscriptionId, s.get("delivery_id").asText(), s.get("kind").asText(),
                s.get("idempotency_key").asText(), List.of(), new byte[0], s.get("created_at_ms").asLong(), null);
        d.attempts = s.get("attempts").asInt();
        return outboxRow(d, "dead", 0, "the body of this delivery was never stored (the dispatcher stopped while "
                + "storing it); its findings were delivered again from Kafka", System.currentTimeMillis());
    }

    /** Subscriptions with pending deliveries (a restarted dispatcher dead-letters those of deleted ones). */
    public Set<String> subscriptionsWithPending() {
        return clickHouse.query(PENDING_SUBSCRIPTIONS).stream().map(r -> r.get("subscription_id").asText())
                .collect(Collectors.toSet());
    }

    /** Which (subscription, finding) pairs already have a delivery, as "subscription\u0000finding". */
    public Set<String> queuedPairs(Collection<String> findingIds) {
        Set<String> out = new HashSet<>();
        List<String> ids = List.copyOf(findingIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            String in = list(ids.subList(from, Math.min(ids.size(), from + 1000)));
            for (JsonNode r : clickHouse.query(QUEUED_PAIRS.formatted(in))) {
                out.add(pair(r.get("subscription_id").asText(), r.get("f").asText()));
            }
        }
        return out;
    }

    static String pair(String subscriptionId, String findingId) {
        return subscriptionId + '\u0000' + findingId;
    }

    /** The delivery log of a subscription, newest first; {@code deliveryId} narrows it to one delivery. */
    public List<JsonNode> attempts(String subscriptionId, String deliveryId, int limit) {
        String one = deliveryId == null ? "" : " AND delivery_id = " + SqlLiterals.string(deliveryId);
        return clickHouse.query(ATTEMPTS.formatted(SqlLiterals.string(subscriptionId), one, SqlLiterals.number(limit)));
    }

    /** A delivery as created (kind, key, ids, body), for a redelivery. */
    public Optional<JsonNode> queued(String subscriptionId, String deliveryId) {
        return Optional.ofNullable(clickHouse.queryOne(QUEUED_ONE.formatted(SqlLiterals.string(subscriptionId),
                SqlLiterals.string(deliveryId))));
    }

    /** The current state of a delivery (pending, delivered, dead), if it has one. */
    public Optional<String> state(String subscriptionId, String deliveryId) {
        JsonNode r = clickHouse.queryOne(STATE.formatted(SqlLiterals.string(subscriptionId), SqlLiterals.string(deliveryId)));
        return r == null ? Optional.empty() : Optional.of(r.get("state").asText());
    }

    private static String list(Collection<String> values) {
        return values.stream().map(SqlLiterals::string).collect(Collectors.joining(", "));
    }

    /** Row versions: microseconds of the wall clock, strictly increasing within the process. */
    static final class Versions {
        private static final java.util.concurrent.atomic.AtomicLong LAST = new java.util.concurrent.atomic.AtomicLong();

        private Versions() {}

        static long next() {
            long now = System.currentTimeMillis() * 1000;
            return LAST.updateAndGet(prev -> Math.max(prev + 1, now));
        }
    }

}
