package io.fpi.launcher;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap use during a measured section, from a collection at its start:
 * <ul>
 *   <li>{@link #peakSampledBytes()}: the largest heap in use seen by a sampler every
 *       {@value #SAMPLE_MS} ms (what {@code jstat} would show; it may miss a peak between samples);</li>
 *   <li>{@link #peakPoolsBytes()}: the JVM's own peaks of the heap pools, reset at the start and
 *       summed; each pool peaks at its own moment, so this is an upper bound.</li>
 * </ul>
 * Both include garbage not collected yet: with a large maximum heap they show how far the collector
 * let the heap fill as much as what the work needed. Running in a small heap
 * ({@code FPI_JAVA_OPTS=-Xmx256m}) bounds the latter.
 */
final class HeapWatch implements AutoCloseable {
    static final long SAMPLE_MS = 20;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong peakSampled = new AtomicLong();
    private final long collectionsAtStart = totalCollections();
    private final Thread sampler = new Thread(this::sample, "fpi-heap-sampler");

    private HeapWatch() {}

    /** Collects once, resets the pools' peaks and starts sampling. */
    static HeapWatch start() {
        System.gc();
        HeapWatch w = new HeapWatch();
        w.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        w.sampler.setDaemon(true);
        w.sampler.start();
        return w;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            peakSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakSampledBytes() {
        peakSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return peakSampled.get();
    }

    long peakPoolsBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Garbage collections since the start. */
    long collections() {
        return totalCollections() - collectionsAtStart;
    }

    private static long totalCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
