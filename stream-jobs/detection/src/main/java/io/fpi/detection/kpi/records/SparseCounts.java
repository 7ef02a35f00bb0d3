package io.fpi.detection.kpi.records;

import java.util.Arrays;

/**
 * Sorted parallel arrays used as small count maps (histogram bucket -> count, system -> count):
 * Flink serializes primitive and String arrays natively, where a Map field would fall back to Kryo.
 * Keys stay sorted so that a row is a pure function of its contributions, whatever their order.
 */
final class SparseCounts {
    private SparseCounts() {}

    /** Adds delta at key; returns the (possibly new) key array, counts updated in {@code out}. */
    static int[] addKey(int[] keys, long[][] counts, int key, long delta) {
        int i = Arrays.binarySearch(keys, key);
        if (i >= 0) {
            counts[0][i] += delta;
            return keys;
        }
        int at = -i - 1;
        int[] k = new int[keys.length + 1];
        long[] c = new long[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(counts[0], 0, c, 0, at);
        k[at] = key;
        c[at] = delta;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(counts[0], at, c, at + 1, keys.length - at);
        counts[0] = c;
        return k;
    }

    static String[] addKey(String[] keys, long[][] counts, String key, long delta) {
        int i = Arrays.binarySearch(keys, key);
        if (i >= 0) {
            counts[0][i] += delta;
            return keys;
        }
        int at = -i - 1;
        String[] k = new String[keys.length + 1];
        long[] c = new long[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(counts[0], 0, c, 0, at);
        k[at] = key;
        c[at] = delta;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(counts[0], at, c, at + 1, keys.length - at);
        counts[0] = c;
        return k;
    }
}
