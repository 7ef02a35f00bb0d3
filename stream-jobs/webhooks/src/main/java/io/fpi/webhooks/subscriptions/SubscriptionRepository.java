package io.fpi.webhooks.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.webhooks.safety.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscriptions' SQL, all of it (table webhook_subscriptions, migration 005). Every change is a
 * new row with a higher version, a delete included ({@code deleted = 1}); reads use FINAL and keep
 * the non-key filter in WHERE, which runs after FINAL has picked the newest version. The secret is
 * stored encrypted ({@link SecretCipher}) and decrypted on read.
 */
public final class SubscriptionRepository {
    public static final String TABLE = "webhook_subscriptions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong LAST_VERSION = new AtomicLong();

    private static final String COLUMNS = """
            subscription_id, version, deleted, enabled, url, secret_enc, format, filters_json, group_window_ms,
            group_by, rate_limit_per_minute, description, created_at_ms, updated_at_ms""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM webhook_subscriptions FINAL WHERE subscription_id = %s";
    private static final String LIST = "SELECT " + COLUMNS
            + " FROM webhook_subscriptions FINAL WHERE deleted = 0 ORDER BY created_at_ms, subscription_id";

    private final ClickHouseClient clickHouse;
    private final SecretCipher cipher;

    public SubscriptionRepository(ClickHouseClient clickHouse, SecretCipher cipher) {
        this.clickHouse = clickHouse;
        this.cipher = cipher;
    }

    /** A version number above every earlier one of this process and, by the clock, of earlier processes. */
    public static long nextVersion() {
        long now = System.currentTimeMillis() * 1000;
        return LAST_VERSION.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    public void save(Subscription s) {
        ObjectNode row = JSON.createObjectNode()
                .put("subscription_id", s.id())
                .put("version", s.version())
                .put("deleted", s.deleted() ? 1 : 0)
                .put("enabled", s.enabled() ? 1 : 0)
                .put("url", s.url())
                .put("secret_enc", s.secret().usable() ? cipher.encrypt(new String(s.secret().bytes(), StandardCharsets.UTF_8)) : "")
                .put("format", s.format().wireName())
                .put("filters_json", filtersJson(s.filters()))
                .put("group_window_ms", s.grouping().windowMs())
                .put("rate_limit_per_minute", s.rateLimitPerMinute())
                .put("description", s.description() == null ? "" : s.description())
                .put("created_at_ms", s.createdAtMs())
                .put("updated_at_ms", s.updatedAtMs());
        ArrayNode groupBy = row.putArray("group_by");
        s.grouping().groupBy().forEach(groupBy::add);
        try {
            clickHouse.insertJsonEachRow(TABLE, JSON.writeValueAsBytes(row));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest version, or empty when there is none or it is deleted. */
    public Optional<Subscription> find(String id) {
        JsonNode row = clickHouse.queryOne(FIND.formatted(SqlLiterals.string(id)));
        if (row == null || row.get("deleted").asInt() == 1) {
            return Optional.empty();
        }
        return Optional.of(subscription(row));
    }

    /** Every subscription not deleted, oldest first. */
    public List<Subscription> list() {
        List<Subscription> out = new ArrayList<>();
        for (JsonNode row : clickHouse.query(LIST)) {
            out.add(subscription(row));
        }
        return out;
    }

    private Subscription subscription(JsonNode r) {
        List<String> groupBy = new ArrayList<>();
        r.get("group_by").forEach(n -> groupBy.add(n.asText()));
        return new Subscription(r.get("subscription_id").asText(), r.get("version").asLong(), r.get("url").asText(),
                cipher.decrypt(r.get("secret_enc").asText()),
                Format.fromWire(r.get("format").asText()).orElse(Format.FPI), filters(r.get("filters_json").asText()),
                new Grouping(r.get("group_window_ms").asLong(), groupBy), r.get("rate_limit_per_minute").asInt(),
                r.get("enabled").asInt() == 1, r.get("deleted").asInt() == 1, r.get("description").asText(),
                r.get("created_at_ms").asLong(), r.get("updated_at_ms").asLong());
    }

    static String filtersJson(Filters f) {
        ObjectNode o = JSON.createObjectNode();
        array(o, "types", f.types());
        array(o, "severities", f.severities());
        if (f.minSeverity() != null) {
            o.put("min_severity", f.minSeverity());
        }
        array(o, "datasets", f.datasets());
        array(o, "fulfillment_types", f.fulfillmentTypes());
        array(o, "regions", f.regions());
        array(o, "nodes", f.nodes());
        return o.toString();
    }

    private static void array(ObjectNode o, String name, List<String> values) {
        ArrayNode a = o.putArray(name);
        values.forEach(a::add);
    }

    static Filters filters(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new Filters(strings(n, "types"), strings(n, "severities"),
                    n.hasNonNull("min_severity") ? n.get("min_severity").asText() : null, strings(n, "datasets"),
                    strings(n, "fulfillment_types"), strings(n, "regions"), strings(n, "nodes"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored filters are not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n.has(field)) {
            n.get(field).forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
