package io.fpi.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every FulfillmentEvent schema version ever published, oldest first. A reader must be able to
 * resolve any of them by fingerprint, so a version is only ever added here, never removed.
 */
public final class SchemaHistory {
    public static final int LATEST_VERSION = 2;

    private SchemaHistory() {}

    public static Schema fulfillmentEvent(int version) {
        String path = "/schemas/history/fulfillment_event.v" + version + ".avsc";
        try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no FulfillmentEvent schema version " + version);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Schema> allFulfillmentEventVersions() {
        List<Schema> all = new ArrayList<>();
        for (int v = 1; v <= LATEST_VERSION; v++) {
            all.add(fulfillmentEvent(v));
        }
        return all;
    }
}
