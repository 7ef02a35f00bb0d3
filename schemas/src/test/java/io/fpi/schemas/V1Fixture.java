package io.fpi.schemas;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed fixture {@code src/test/resources/fixtures/fulfillment_event.v1.bin}: events written
 * by a producer that only knows schema version 1, in single-object encoding, as a sequence of
 * {@code [4-byte big-endian length][message]}.
 *
 * <p>The file is the evidence that messages already on a topic stay readable, so it is written once
 * and committed; tests never regenerate it. To rewrite it on purpose (only if v1 events below gain a
 * case; v1 itself never changes):
 * <pre>mvn -o -q -B -pl schemas test -Dtest=V1Fixture -Dfpi.regenerate.fixtures=true</pre>
 */
class V1Fixture {
    static final String RESOURCE = "/fixtures/fulfillment_event.v1.bin";
    static final Path SOURCE_FILE = Path.of("src/test/resources/fixtures/fulfillment_event.v1.bin");

    static final long T0 = 1_717_232_400_000L; // 2024-06-01T09:00:00Z
    static final long HOUR = 3_600_000L;

    /** The events in the fixture, in file order, as a v1 producer built them. */
    static List<GenericRecord> events() {
        Schema v1 = SchemaHistory.fulfillmentEvent(1);
        List<GenericRecord> out = new ArrayList<>();
        // A web order: every optional field but the error ones.
        out.add(event(v1, "evt-0001", "acme-retail", "ORD-1001", "ORDER_PLACED", T0, T0 + 850, "OMS")
                .with("channel", "WEB").with("fulfillment_type", "SHIP_TO_HOME")
                .with("node_id", "DC-ATL-01").with("region", "US-SE")
                .with("promised_by", T0 + 72 * HOUR).with("units_ordered", 3).with("units_fulfilled", 0)
                .with("amount_minor", 12_999L).with("currency", "USD")
                .attr("sku", "SKU-88231,SKU-11902").attr("customer_tier", "gold").build());
        // Warehouse steps: only some optional fields.
        out.add(event(v1, "evt-0002", "acme-retail", "ORD-1001", "PICKED", T0 + 5 * HOUR, T0 + 5 * HOUR + 120, "WMS")
                .with("node_id", "DC-ATL-01").with("region", "US-SE").with("units_fulfilled", 3)
                .attr("picker", "P-17").attr("wave", "W-2024-06-01-03").build());
        // An exception, with every optional field set.
        out.add(event(v1, "evt-0003", "acme-retail", "ORD-1002", "EXCEPTION_RAISED", T0 + 2 * HOUR, T0 + 2 * HOUR + 40, "INVENTORY")
                .with("channel", "WEB").with("fulfillment_type", "SHIP_FROM_STORE")
                .with("node_id", "ST-0412").with("region", "US-NE")
                .with("promised_by", T0 + 48 * HOUR).with("units_ordered", 2).with("units_fulfilled", 1)
                .with("amount_minor", 5_400L).with("currency", "USD")
                .with("error_code", "BACKORDER").with("error_reason", "SKU-11902 out of stock at ST-0412; ETA 5 days")
                .attr("sku", "SKU-11902").build());
        // A failed integration call.
        out.add(event(v1, "evt-0004", "acme-retail", "ORD-1001", "INTEGRATION_CALL_FAILED", T0 + 7 * HOUR, T0 + 7 * HOUR + 5, "TMS")
                .with("error_code", "CARRIER_API_5XX").with("error_reason", "POST /labels returned 503")
                .attr("carrier", "UPS").attr("attempt", "1").build());
        // Store pickup, non-ASCII text, another currency.
        out.add(event(v1, "evt-0005", "acme-eu", "ORD-2001", "CUSTOMER_COLLECTED", T0 + 26 * HOUR, T0 + 26 * HOUR + 300, "POS")
                .with("channel", "APP").with("fulfillment_type", "BOPIS").with("node_id", "ST-0077")
                .with("region", "DE-BY").with("units_ordered", 2).with("units_fulfilled", 2)
                .with("amount_minor", 4_590L).with("currency", "EUR")
                .attr("store_name", "München Marienplatz").attr("note", "Kunde zufrieden ✓").build());
        // A refund (negative money flows are positive amounts on REFUND_ISSUED).
        out.add(event(v1, "evt-0006", "acme-eu", "ORD-2001", "REFUND_ISSUED", T0 + 240 * HOUR, T0 + 240 * HOUR + 1, "FINANCE")
                .with("amount_minor", 1_995L).with("currency", "EUR").attr("reason", "damaged").build());
        // An imported event log: own activity names, only the required fields, no attributes.
        out.add(event(v1, "bpi-17-000001", "bpi2012", "173688", "A_SUBMITTED", 1_317_020_400_000L, 1_700_000_000_000L, "IMPORT")
                .build());
        out.add(event(v1, "bpi-17-000002", "bpi2012", "173688", "W_Completeren aanvraag", 1_317_020_460_000L, 1_700_000_000_000L, "IMPORT")
                .attr("lifecycle:transition", "complete").attr("org:resource", "112").build());
        return out;
    }

    /** Reads every message of the committed fixture. */
    static List<byte[]> messages() {
        try (InputStream in = V1Fixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            DataInputStream data = new DataInputStream(in);
            List<byte[]> out = new ArrayList<>();
            while (true) {
                int length;
                try {
                    length = data.readInt();
                } catch (EOFException end) {
                    return out;
                }
                byte[] message = new byte[length];
                data.readFully(message);
                out.add(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #events()} encode to with the v1 schema, framed as in the fixture file. */
    static byte[] encodeEvents() throws IOException {
        BinaryMessageEncoder<GenericRecord> encoder =
                new BinaryMessageEncoder<>(GenericData.get(), SchemaHistory.fulfillmentEvent(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (GenericRecord event : events()) {
            ByteBuffer message = encoder.encode(event);
            out.writeInt(message.remaining());
            out.write(message.array(), message.arrayOffset() + message.position(), message.remaining());
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    @EnabledIfSystemProperty(named = "fpi.regenerate.fixtures", matches = "true")
    void regenerate() throws IOException {
        Files.createDirectories(SOURCE_FILE.getParent());
        Files.write(SOURCE_FILE, encodeEvents());
        System.out.println("wrote " + events().size() + " v1 events to " + SOURCE_FILE.toAbsolutePath());
    }

    private static Builder event(Schema v1, String eventId, String dataset, String orderId, String activity,
            long eventTime, long ingestTime, String sourceSystem) {
        return new Builder(v1).with("event_id", eventId).with("dataset", dataset).with("order_id", orderId)
                .with("activity", activity).with("event_time", eventTime).with("ingest_time", ingestTime)
                .with("source_system", sourceSystem);
    }

    private static final class Builder {
        private final GenericRecord record;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        Builder(Schema schema) {
            record = new GenericData.Record(schema);
        }

        Builder with(String field, Object value) {
            record.put(field, value);
            return this;
        }

        Builder attr(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        GenericRecord build() {
            record.put("attributes", attributes);
            return record;
        }
    }
}
