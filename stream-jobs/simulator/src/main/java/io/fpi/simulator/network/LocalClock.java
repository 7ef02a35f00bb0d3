package io.fpi.simulator.network;

/**
 * Local-time arithmetic on epoch milliseconds for a region: store hours, carrier delivery hours,
 * "end of the customer's day". Pure long arithmetic (no java.time objects per event).
 */
public final class LocalClock {
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    /** Stores are open 09:00-21:00 local. */
    public static final long STORE_OPEN = 9 * HOUR;
    public static final long STORE_CLOSE = 21 * HOUR;

    private LocalClock() {}

    /** Milliseconds since local midnight. */
    public static long timeOfDay(long t, Region r) {
        return Math.floorMod(t + r.utcOffsetMs(), DAY);
    }

    /** Epoch ms of local midnight of the day containing t. */
    public static long midnight(long t, Region r) {
        return t - timeOfDay(t, r);
    }

    /** The local time {@code timeOfDay} on the day {@code days} after the day of t. */
    public static long at(long t, Region r, int days, long timeOfDay) {
        return midnight(t, r) + days * DAY + timeOfDay;
    }

    /** t if the store is open then, else the next opening time. */
    public static long nextStoreOpen(long t, Region r) {
        long tod = timeOfDay(t, r);
        if (tod < STORE_OPEN) {
            return midnight(t, r) + STORE_OPEN;
        }
        if (tod >= STORE_CLOSE) {
            return midnight(t, r) + DAY + STORE_OPEN;
        }
        return t;
    }

    /** Store work of the given length starting at t, paused overnight. */
    public static long storeWork(long t, Region r, long durationMs) {
        long start = nextStoreOpen(t, r);
        long end = start + durationMs;
        long close = midnight(start, r) + STORE_CLOSE;
        return end <= close ? end : nextStoreOpen(close + 1, r) + (end - close);
    }
}
