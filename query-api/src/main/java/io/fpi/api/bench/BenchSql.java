package io.fpi.api.bench;

import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.runtime.sketch.DurationSketch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark's generator statements (resources next to this class) with their {placeholders}
 * filled in. Every value is a number, a constant of this class or a literal from SqlLiterals, and a
 * placeholder left unfilled is an error rather than SQL.
 */
final class BenchSql {
    /** Activities of the generated orders: the first 19 form the path, the rest close it. */
    static final List<String> ACTIVITIES = List.of("ORDER_PLACED", "PAYMENT_AUTHORIZED", "ORDER_SOURCED",
            "INVENTORY_SYNCED", "INVENTORY_RESERVED", "RELEASED_TO_WAREHOUSE", "EXCEPTION_RAISED", "WAVE_RELEASED",
            "PICKED", "EXCEPTION_RESOLVED", "PACKED", "INTEGRATION_CALL_FAILED", "LABEL_CREATED", "INVOICED",
            "CARRIER_HANDOFF", "IN_TRANSIT", "PAYMENT_SETTLED", "OUT_FOR_DELIVERY", "INVENTORY_SYNC_MISMATCH",
            "DELIVERED", "CUSTOMER_COLLECTED", "ORDER_CANCELLED", "RETURN_INITIATED", "REFUND_ISSUED");
    static final List<String> SYSTEMS = List.of("ECOM", "PSP", "OMS", "ERP", "OMS", "OMS", "WMS", "WMS", "WMS", "WMS",
            "WMS", "CARRIER", "WMS", "ERP", "CARRIER", "CARRIER", "PSP", "CARRIER", "ERP", "CARRIER", "POS", "OMS", "OMS", "PSP");
    /** Milestones (stage boundaries), as io.fpi.schemas.CanonicalActivity marks them. */
    static final List<Integer> MILESTONES = List.of(1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private BenchSql() {}

    /** @param values placeholder -> SQL text; the constant arrays and the histogram bucket are added here */
    static String render(String resource, String dataset, Map<String, Object> values) {
        String template = load(resource).lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
        Map<String, String> all = new java.util.HashMap<>();
        values.forEach((k, v) -> all.put(k, v instanceof Number n ? SqlLiterals.number(n.longValue()) : v.toString()));
        all.put("dataset", SqlLiterals.string(dataset));
        all.put("names", array(ACTIVITIES));
        all.put("systems", array(SYSTEMS));
        all.put("milestones", "[" + MILESTONES.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]");
        all.put("middle", array(ACTIVITIES.subList(0, 19)));
        // io.fpi.detection.kpi.DurationSketch's bucket of v ms: 1 + floor(log(v) / log(1.02 / 0.98)), 0 for 0
        all.put("bucket_v", "if(v <= 0, 0, 1 + toInt64(floor(log(v) / log(1.02 / 0.98))))");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = all.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(resource + ": no value for {" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String orderId(long index) {
        return String.format(java.util.Locale.ROOT, "ORD-bench-%08d", index);
    }

    private static String array(List<String> names) {
        return "[" + names.stream().map(SqlLiterals::string).collect(Collectors.joining(",")) + "]";
    }

    private static String load(String resource) {
        try (InputStream in = BenchSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
