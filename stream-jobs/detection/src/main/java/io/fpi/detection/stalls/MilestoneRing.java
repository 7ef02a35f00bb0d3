package io.fpi.detection.stalls;

import io.fpi.schemas.CanonicalActivity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * The last few milestones of an order, for the trace summary of its findings and the stage it was
 * in at a given instant. Each entry is one long: the canonical activity's ordinal in the top byte
 * (255 for a name outside the vocabulary, shown as "OTHER") and the event time in ms below it, kept
 * sorted by time. 8 bytes per milestone instead of a String reference plus a long in two arrays;
 * non-canonical names are the price (imported logs are not monitored live).
 *
 * <p>Back-to-back repeats merge into the first occurrence, as stages do in the trace job.
 */
public final class MilestoneRing {
    public static final int CAPACITY = 4;
    private static final int OTHER = 255;
    private static final long TIME_MASK = 0x00ff_ffff_ffff_ffffL;
    private static final CanonicalActivity[] ACTIVITIES = CanonicalActivity.values();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MilestoneRing() {}

    /** Adds a milestone; returns the (possibly new) array. Older than a full ring: dropped. */
    public static long[] insert(long[] ring, String activity, long timeMs) {
        int code = code(activity);
        long entry = ((long) code << 56) | (timeMs & TIME_MASK);
        int n = ring == null ? 0 : ring.length;
        int pos = n;
        while (pos > 0 && time(ring[pos - 1]) > timeMs) {
            pos--;
        }
        if (pos > 0 && code(ring[pos - 1]) == code && code != OTHER) {
            return ring; // a repeat of the milestone before it: merged into the first occurrence
        }
        if (pos < n && code(ring[pos]) == code && code != OTHER) {
            ring[pos] = entry; // the same milestone, reached earlier than we knew
            return ring;
        }
        if (n < CAPACITY) {
            long[] out = new long[n + 1];
            if (n > 0) {
                System.arraycopy(ring, 0, out, 0, pos);
                System.arraycopy(ring, pos, out, pos + 1, n - pos);
            }
            out[pos] = entry;
            return out;
        }
        if (pos == 0) {
            return ring; // older than everything we keep
        }
        System.arraycopy(ring, 1, ring, 0, pos - 1); // evict the oldest
        ring[pos - 1] = entry;
        return ring;
    }

    /** The activity of the latest milestone at or before {@code instant}, or null if the ring holds none. */
    public static String stageAt(long[] ring, long instant) {
        if (ring == null) {
            return null;
        }
        for (int i = ring.length - 1; i >= 0; i--) {
            if (time(ring[i]) <= instant) {
                return name(ring[i]);
            }
        }
        return null;
    }

    /**
     * Short form of the trace up to {@code until}: {@code ORDER_PLACED 03-02 10:02 > … > LABEL_CREATED 03-02 12:40 (UTC)};
     * the placement is shown first when it has dropped out of the ring.
     */
    public static String summary(long[] ring, long placedAtMs, long until) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        boolean placedShown = false;
        if (ring != null) {
            for (long e : ring) {
                if (time(e) > until) {
                    break;
                }
                placedShown |= code(e) == CanonicalActivity.ORDER_PLACED.ordinal();
                if (shown++ > 0) {
                    sb.append(" > ");
                }
                sb.append(name(e)).append(' ').append(CLOCK.format(Instant.ofEpochMilli(time(e))));
            }
        }
        if (!placedShown && placedAtMs != StallState.NONE && placedAtMs <= until) {
            String head = "ORDER_PLACED " + CLOCK.format(Instant.ofEpochMilli(placedAtMs)) + (shown > 0 ? " > … > " : "");
            sb.insert(0, head);
        }
        return sb.length() == 0 ? "" : sb.append(" (UTC)").toString();
    }

    static String describe(long[] ring) {
        if (ring == null) {
            return "[]";
        }
        String[] parts = new String[ring.length];
        for (int i = 0; i < ring.length; i++) {
            parts[i] = name(ring[i]) + "@" + time(ring[i]);
        }
        return Arrays.toString(parts);
    }

    static long time(long entry) {
        return entry & TIME_MASK;
    }

    static String name(long entry) {
        int c = code(entry);
        return c == OTHER ? "OTHER" : ACTIVITIES[c].name();
    }

    private static int code(long entry) {
        return (int) (entry >>> 56) & 0xff;
    }

    private static int code(String activity) {
        return CanonicalActivity.of(activity).map(Enum::ordinal).orElse(OTHER);
    }
}
