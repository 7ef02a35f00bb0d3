package io.fpi.simulator.truth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fpi.simulator.scenarios.ActiveScenario;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the ground truth as JSON Lines (format in README.md): field order is fixed, so the same
 * run gives the same file byte for byte. Not thread-safe.
 */
public final class GroundTruthFileWriter implements GroundTruthSink {
    private final JsonGenerator g;

    private GroundTruthFileWriter(BufferedWriter out) throws IOException {
        this.g = new JsonFactory().createGenerator(out);
        this.g.setRootValueSeparator(null);
    }

    public static GroundTruthFileWriter open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new GroundTruthFileWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + file, e);
        }
    }

    @Override
    public void run(RunInfo r) {
        line(() -> {
            g.writeStringField("type", "run");
            g.writeStringField("dataset", r.dataset());
            g.writeNumberField("seed", r.seed());
            g.writeNumberField("sim_start_ms", r.simStartMs());
            g.writeNumberField("events_per_second", r.eventsPerSecond());
            g.writeNumberField("speedup", r.speedup());
            g.writeBooleanField("paced", r.paced());
            g.writeNumberField("out_of_order_rate", r.outOfOrderRate());
            g.writeNumberField("duplicate_rate", r.duplicateRate());
            g.writeNumberField("malformed_rate", r.malformedRate());
            g.writeNumberField("max_disorder_ms", r.maxDisorderMs());
            g.writeNumberField("max_orders", r.maxOrders());
            g.writeArrayFieldStart("scenarios");
            for (ActiveScenario s : r.scenarios()) {
                g.writeStartObject();
                g.writeStringField("name", s.name().cliName());
                nullableString("target", s.target());
                g.writeNumberField("start_ms", s.startMs());
                g.writeNumberField("end_ms", s.endMs());
                g.writeNumberField("multiplier", s.multiplier());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    @Override
    public void order(OrderTruth o) {
        line(() -> {
            g.writeStringField("type", "order");
            g.writeStringField("dataset", o.dataset());
            g.writeStringField("order_id", o.orderId());
            g.writeStringField("fulfillment_type", o.fulfillmentType());
            g.writeStringField("channel", o.channel());
            g.writeStringField("storefront", o.storefront());
            g.writeStringField("service_level", o.serviceLevel());
            nullableString("node_id", o.nodeId());
            nullableString("initial_node_id", o.initialNodeId());
            nullableString("region", o.region());
            g.writeStringField("customer_region", o.customerRegion());
            nullableString("carrier", o.carrier());
            g.writeNumberField("placed_at_ms", o.placedAtMs());
            g.writeNumberField("promised_by_ms", o.promisedByMs());
            g.writeStringField("final_status", o.finalStatus());
            nullableLong("completed_at_ms", o.completedAtMs());
            g.writeBooleanField("truncated", o.truncated());
            g.writeArrayFieldStart("events");
            for (TruthEvent e : o.events()) {
                g.writeStartObject();
                g.writeStringField("event_id", e.eventId());
                g.writeStringField("activity", e.activity());
                g.writeNumberField("event_time_ms", e.eventTimeMs());
                g.writeStringField("source_system", e.sourceSystem());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeLabels(o);
        });
    }

    private void writeLabels(OrderTruth o) throws IOException {
        LateLabel l = o.late();
        if (l == null) {
            g.writeNullField("late");
        } else {
            g.writeObjectFieldStart("late");
            g.writeStringField("milestone", l.milestone());
            g.writeNumberField("deadline_ms", l.deadlineMs());
            nullableLong("reached_at_ms", l.reachedAtMs());
            nullableLong("late_by_ms", l.lateByMs());
            g.writeStringField("cause", l.cause());
            g.writeEndObject();
        }
        StallLabel s = o.stalled();
        if (s == null) {
            g.writeNullField("stalled");
        } else {
            g.writeObjectFieldStart("stalled");
            g.writeStringField("stage", s.stage());
            g.writeStringField("phase", s.phase());
            g.writeNumberField("since_ms", s.sinceMs());
            nullableLong("idle_ms", s.idleMs());
            g.writeNumberField("injected_ms", s.injectedMs());
            g.writeBooleanField("moved_again", s.movedAgain());
            nullableString("next_activity", s.nextActivity());
            g.writeStringField("cause", s.cause());
            g.writeEndObject();
        }
        FailedLabel f = o.failed();
        if (f == null) {
            g.writeNullField("failed");
        } else {
            g.writeObjectFieldStart("failed");
            g.writeStringField("kind", f.kind());
            nullableString("reason", f.reason());
            g.writeNumberField("at_ms", f.atMs());
            g.writeBooleanField("recovered", f.recovered());
            nullableString("cause", f.cause());
            g.writeEndObject();
        }
        nullableString("cause", o.cause());
        g.writeArrayFieldStart("effects");
        for (EffectRecord e : o.effects()) {
            g.writeStartObject();
            g.writeStringField("cause", e.cause());
            g.writeStringField("effect", e.effect());
            g.writeNumberField("delay_ms", e.delayMs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    public void malformed(MalformedTruth m) {
        line(() -> {
            g.writeStringField("type", "malformed");
            g.writeNumberField("record_index", m.recordIndex());
            g.writeStringField("key", m.key());
            g.writeStringField("order_id", m.orderId());
            g.writeStringField("reason", m.reason());
            g.writeNumberField("emit_at_ms", m.emitAtMs());
        });
    }

    @Override
    public void summary(TruthSummary s) {
        line(() -> {
            g.writeStringField("type", "summary");
            g.writeNumberField("orders", s.orders());
            g.writeNumberField("orders_truncated", s.ordersTruncated());
            g.writeNumberField("events", s.events());
            g.writeNumberField("records", s.records());
            g.writeNumberField("duplicates", s.duplicates());
            g.writeNumberField("out_of_order", s.outOfOrder());
            g.writeNumberField("malformed", s.malformed());
            g.writeObjectFieldStart("malformed_by_reason");
            for (Map.Entry<String, Long> e : s.malformedByReason().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("late", s.late());
            g.writeNumberField("stalled", s.stalled());
            g.writeNumberField("failed", s.failed());
            g.writeNumberField("sim_start_ms", s.simStartMs());
            g.writeNumberField("sim_end_ms", s.simEndMs());
        });
        flush();
    }

    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Body {
        void write() throws IOException;
    }

    private void line(Body body) {
        try {
            g.writeStartObject();
            body.write();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth", e);
        }
    }

    private void nullableString(String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    private void nullableLong(String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
