package io.fpi.importer;

import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a parsed event into a {@link FulfillmentEvent} the same way for every format.
 *
 * <ul>
 *   <li>{@code order_id} = the case id; {@code sequence} = the event's position in the file, so the
 *       trace job's (event_time, sequence) order keeps the file's order among equal timestamps;
 *   <li>{@code event_id} = {@link #eventId(String, String, long)}: deterministic, so importing the
 *       same file into the same dataset again yields the same ids and the pipeline deduplicates;
 *   <li>{@code source_system} = the first non-blank value among
 *       {@link ImportOptions#sourceSystemKeys()}, else {@value #DEFAULT_SOURCE_SYSTEM};
 *   <li>everything else stays in {@code attributes}.
 * </ul>
 *
 * <p>Not thread-safe (it reuses a digest); one per parse.
 */
public final class EventFactory {
    public static final String DEFAULT_SOURCE_SYSTEM = "IMPORT";

    private final String dataset;
    private final long ingestTime;
    private final List<String> sourceSystemKeys;
    private final MessageDigest md5 = md5();

    public EventFactory(ImportOptions options) {
        this.dataset = options.dataset();
        this.ingestTime = options.ingestTimeMillis();
        this.sourceSystemKeys = options.sourceSystemKeys();
    }

    /**
     * @param position   the event's index in the file (0-based, counting every event read,
     *                   rejected ones included, so positions do not shift when rejections change)
     * @param attributes kept as the event's map (not copied)
     */
    public FulfillmentEvent create(String caseId, String activity, long eventTimeMillis, long position,
                                   Map<String, String> attributes) {
        return FulfillmentEvent.newBuilder()
                .setEventId(eventId(md5, dataset, caseId, position))
                .setDataset(dataset)
                .setOrderId(caseId)
                .setActivity(activity)
                .setEventTime(eventTimeMillis)
                .setIngestTime(ingestTime)
                .setSourceSystem(sourceSystem(attributes))
                .setAttributes(attributes)
                .setSequence(position)
                .build();
    }

    private String sourceSystem(Map<String, String> attributes) {
        for (String key : sourceSystemKeys) {
            String v = attributes.get(key);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return DEFAULT_SOURCE_SYSTEM;
    }

    /**
     * A name-based (version 3) UUID of {@code <len>:<dataset><len>:<caseId><position>} in UTF-8,
     * lengths in chars: unambiguous for any dataset and case names, stable across JVMs.
     */
    public static String eventId(String dataset, String caseId, long position) {
        return eventId(md5(), dataset, caseId, position);
    }

    private static String eventId(MessageDigest digest, String dataset, String caseId, long position) {
        String name = dataset.length() + ":" + dataset + caseId.length() + ":" + caseId + position;
        digest.reset();
        byte[] h = digest.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x30);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
