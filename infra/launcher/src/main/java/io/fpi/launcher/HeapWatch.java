package io.fpi.launcher;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap use during a measured section: the JVM's own peak of the heap pools, reset at the start
 * (after a collection), summed over the pools. Each pool peaks at its own moment, so the sum is an
 * upper bound of the heap in use at any one time. It includes garbage not collected yet: with a
 * large maximum heap it shows how far the collector let the heap fill as much as what the work
 * needed; a run in a small heap (FPI_JAVA_OPTS=-Xmx...) bounds the latter.
 */
final class HeapWatch {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final long collectionsAtStart = collections();

    private HeapWatch() {}

    /** Collects once, then resets the pools' peaks. */
    static HeapWatch start() {
        System.gc();
        HeapWatch w = new HeapWatch();
        w.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return w;
    }

    long peakUsedBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Garbage collections since the start. */
    long collectionsSinceStart() {
        return collections() - collectionsAtStart;
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }
}
