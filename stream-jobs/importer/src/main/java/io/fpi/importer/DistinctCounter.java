package io.fpi.importer;

import java.util.Arrays;

/**
 * Counts distinct strings (case ids) by keeping a 64-bit hash of each instead of the string
 * (16 to 32 bytes per value with the table's slack): a log with millions of cases must not keep millions of ids alive
 * just to report how many there were. Two ids hashing alike would be counted once; with 64 bits
 * the chance for 10 million cases is below 3 in a million.
 */
public final class DistinctCounter {
    private long[] table = new long[1 << 10];
    private int size;
    private boolean zeroSeen;

    /** @return true when {@code value} was not seen before */
    public boolean add(String value) {
        long h = hash(value);
        if (h == 0) {
            boolean fresh = !zeroSeen;
            zeroSeen = true;
            return fresh;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        return insert(table, h);
    }

    public long count() {
        return size + (zeroSeen ? 1 : 0);
    }

    private boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        int i = (int) mix(h) & mask;
        while (t[i] != 0) {
            if (t[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(h -> h != 0).forEach(h -> insert(table, h));
    }

    /** FNV-1a over the UTF-16 chars. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's finalizer: spreads FNV's low bits before masking to a table index. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
