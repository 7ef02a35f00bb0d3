package io.fpi.detection.findings;


import java.nio.charset.StandardCharsets;

/** Finding types and severities as written on the wire, and the deterministic id scheme. */
public final class FindingTypes {
    public static final String SLA_BREACH = "SLA_BREACH";
    public static final String AT_RISK = "AT_RISK";
    public static final String STALL = "STALL";
    public static final String RESOLVED = "RESOLVED";
    public static final String RECURRING_EXCEPTION = "RECURRING_EXCEPTION";
    public static final String EXCEPTION_SPIKE = "EXCEPTION_SPIKE";

    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    private FindingTypes() {}

    /**
     * A finding id from the parts that identify the detection (never from wall-clock time), so a
     * replay after a restore produces the same id: "type-" + 16 hex digits of a 64-bit FNV-1a hash
     * over the length-prefixed parts.
     */
    public static String id(String type, String... parts) {
        long h = 0xcbf29ce484222325L;
        for (String p : parts) {
            byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
            h = mix(h, b.length);
            for (byte x : b) {
                h ^= (x & 0xff);
                h *= 0x100000001b3L;
            }
        }
        return type.toLowerCase(java.util.Locale.ROOT) + "-" + String.format("%016x", h);
    }

    private static long mix(long h, int len) {
        for (int i = 0; i < 4; i++) {
            h ^= (len >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

}
