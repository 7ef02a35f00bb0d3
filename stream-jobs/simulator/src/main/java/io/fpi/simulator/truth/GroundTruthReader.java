package io.fpi.simulator.truth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.simulator.scenarios.ActiveScenario;
import io.fpi.simulator.scenarios.ScenarioName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a ground-truth JSONL file back (for scoring detection against it). */
public final class GroundTruthReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroundTruthReader() {}

    public static GroundTruth read(Path file) {
        RunInfo run = null;
        TruthSummary summary = null;
        List<OrderTruth> orders = new ArrayList<>();
        List<MalformedTruth> malformed = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                switch (n.path("type").asText()) {
                    case "run" -> run = run(n);
                    case "order" -> orders.add(order(n));
                    case "malformed" -> malformed.add(new MalformedTruth(n.get("record_index").asLong(),
                            n.get("key").asText(), n.get("order_id").asText(), n.get("reason").asText(),
                            n.get("emit_at_ms").asLong()));
                    case "summary" -> summary = summary(n);
                    default -> throw new IllegalArgumentException("unknown ground-truth line type in " + file + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file, e);
        }
        return new GroundTruth(run, orders, malformed, summary);
    }

    private static RunInfo run(JsonNode n) {
        List<ActiveScenario> scenarios = new ArrayList<>();
        for (JsonNode s : n.get("scenarios")) {
            scenarios.add(new ActiveScenario(ScenarioName.parse(s.get("name").asText()), str(s, "target"),
                    s.get("start_ms").asLong(), s.get("end_ms").asLong(), s.get("multiplier").asDouble()));
        }
        return new RunInfo(n.get("dataset").asText(), n.get("seed").asLong(), n.get("sim_start_ms").asLong(),
                n.get("events_per_second").asDouble(), n.get("speedup").asDouble(), n.get("paced").asBoolean(),
                n.get("out_of_order_rate").asDouble(), n.get("duplicate_rate").asDouble(),
                n.get("malformed_rate").asDouble(), n.get("max_disorder_ms").asLong(), n.get("max_orders").asLong(),
                scenarios);
    }

    private static OrderTruth order(JsonNode n) {
        List<TruthEvent> events = new ArrayList<>();
        for (JsonNode e : n.get("events")) {
            events.add(new TruthEvent(e.get("event_id").asText(), e.get("activity").asText(),
                    e.get("event_time_ms").asLong(), e.get("source_system").asText()));
        }
        List<EffectRecord> effects = new ArrayList<>();
        for (JsonNode e : n.get("effects")) {
            effects.add(new EffectRecord(e.get("cause").asText(), e.get("effect").asText(), e.get("delay_ms").asLong()));
        }
        JsonNode l = n.get("late");
        LateLabel late = l.isNull() ? null : new LateLabel(l.get("milestone").asText(), l.get("deadline_ms").asLong(),
                lng(l, "reached_at_ms"), lng(l, "late_by_ms"), l.get("cause").asText());
        JsonNode s = n.get("stalled");
        StallLabel stalled = s.isNull() ? null : new StallLabel(s.get("stage").asText(), s.get("phase").asText(),
                s.get("since_ms").asLong(), lng(s, "idle_ms"), s.get("injected_ms").asLong(),
                s.get("moved_again").asBoolean(), str(s, "next_activity"), s.get("cause").asText());
        JsonNode f = n.get("failed");
        FailedLabel failed = f.isNull() ? null : new FailedLabel(f.get("kind").asText(), str(f, "reason"),
                f.get("at_ms").asLong(), f.get("recovered").asBoolean(), str(f, "cause"));
        return new OrderTruth(n.get("dataset").asText(), n.get("order_id").asText(), n.get("fulfillment_type").asText(),
                n.get("channel").asText(), n.get("storefront").asText(), n.get("service_level").asText(),
                str(n, "node_id"), str(n, "initial_node_id"), str(n, "region"), n.get("customer_region").asText(),
                str(n, "carrier"), n.get("placed_at_ms").asLong(), n.get("promised_by_ms").asLong(),
                n.get("final_status").asText(), lng(n, "completed_at_ms"), events, late, stalled, failed,
                str(n, "cause"), effects, n.get("truncated").asBoolean());
    }

    private static TruthSummary summary(JsonNode n) {
        Map<String, Long> byReason = new TreeMap<>();
        n.get("malformed_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
        return new TruthSummary(n.get("orders").asLong(), n.get("orders_truncated").asLong(), n.get("events").asLong(),
                n.get("records").asLong(), n.get("duplicates").asLong(), n.get("out_of_order").asLong(),
                n.get("malformed").asLong(), byReason, n.get("late").asLong(), n.get("stalled").asLong(),
                n.get("failed").asLong(), n.get("sim_start_ms").asLong(), n.get("sim_end_ms").asLong());
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
