package io.fpi.simulator.noise;

import io.fpi.simulator.MalformedReason;
import io.fpi.simulator.RecordKind;

/**
 * The records of one order in emission order (parallel arrays: one small object per order, not
 * per record). {@code aux} is the original emission time for a DUPLICATE (so its bytes, including
 * ingest_time, repeat exactly) and the seed of the bad bytes for a MALFORMED record.
 */
public final class OrderEmissions {
    private static final RecordKind[] KINDS = RecordKind.values();
    private static final MalformedReason[] REASONS = MalformedReason.values();

    private long[] emitAt;
    private int[] eventIndex;
    private byte[] kind;
    private byte[] reason;
    private long[] aux;
    int size;

    OrderEmissions(int capacity) {
        emitAt = new long[capacity];
        eventIndex = new int[capacity];
        kind = new byte[capacity];
        reason = new byte[capacity];
        aux = new long[capacity];
    }

    void add(long at, int event, RecordKind k, MalformedReason r, long auxValue) {
        if (size == emitAt.length) {
            grow();
        }
        int i = size++;
        // insertion sort, stable: equal times keep creation order (event before its duplicate)
        while (i > 0 && emitAt[i - 1] > at) {
            emitAt[i] = emitAt[i - 1];
            eventIndex[i] = eventIndex[i - 1];
            kind[i] = kind[i - 1];
            reason[i] = reason[i - 1];
            aux[i] = aux[i - 1];
            i--;
        }
        emitAt[i] = at;
        eventIndex[i] = event;
        kind[i] = (byte) k.ordinal();
        reason[i] = (byte) (r == null ? -1 : r.ordinal());
        aux[i] = auxValue;
    }

    private void grow() {
        int n = emitAt.length + emitAt.length / 2 + 2;
        emitAt = java.util.Arrays.copyOf(emitAt, n);
        eventIndex = java.util.Arrays.copyOf(eventIndex, n);
        kind = java.util.Arrays.copyOf(kind, n);
        reason = java.util.Arrays.copyOf(reason, n);
        aux = java.util.Arrays.copyOf(aux, n);
    }

    public int size() {
        return size;
    }

    public long emitAt(int i) {
        return emitAt[i];
    }

    public int eventIndex(int i) {
        return eventIndex[i];
    }

    public RecordKind kind(int i) {
        return KINDS[kind[i]];
    }

    public MalformedReason reason(int i) {
        return reason[i] < 0 ? null : REASONS[reason[i]];
    }

    public long aux(int i) {
        return aux[i];
    }
}
