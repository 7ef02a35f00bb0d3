package io.fpi.jobs.common;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stable 64-bit hashes. Stable means: the same input gives the same value in every JVM, version
 * and restart, because they end up in state and in ClickHouse (never String.hashCode()).
 */
public final class Hashes {
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashes() {}

    /**
     * The de-duplication identity of an event id: FNV-1a 64 over its UTF-8 bytes, then the
     * MurmurHash3 finalizer so that every output bit depends on every input bit (the value is
     * also the last tie-breaker of the trace order). For non-adversarial ids two distinct ids
     * of one order collide with probability about 2^-64.
     */
    public static long eventId(String eventId) {
        return fmix64(fnv1a(FNV_OFFSET_BASIS, eventId.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The variant hash: FNV-1a 64 over each activity as a 4-byte big-endian length followed by its
     * UTF-8 bytes (the length prefix keeps ["AB","C"] and ["A","BC"] apart). Read as unsigned.
     */
    public static long variant(List<String> activities) {
        long h = FNV_OFFSET_BASIS;
        for (String activity : activities) {
            byte[] bytes = activity.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            h = fnv1aByte(h, n >>> 24);
            h = fnv1aByte(h, n >>> 16);
            h = fnv1aByte(h, n >>> 8);
            h = fnv1aByte(h, n);
            h = fnv1a(h, bytes);
        }
        return h;
    }

    private static long fnv1a(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = fnv1aByte(h, b);
        }
        return h;
    }

    private static long fnv1aByte(long h, int b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
