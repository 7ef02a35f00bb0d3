package io.fpi.launcher.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timed window of one Flink stage run: from the first record any source subtask deserializes
 * to the moment the last sink subtask has flushed at end of input. Both ends are marked from inside
 * the job's tasks (a MiniCluster runs them in this JVM), so MiniCluster start-up, job deployment and
 * Kafka connection set-up before the first record, and the final checkpoint and teardown after
 * the last flush, stay outside the window.
 *
 * <p>Static because Flink instantiates the hooks from their serialized form; one stage runs at a time.
 */
final class StageClock {
    private static final AtomicReference<CpuClock.Snapshot> FIRST = new AtomicReference<>();
    private static final AtomicReference<CpuClock.Snapshot> LAST = new AtomicReference<>();
    private static volatile CpuClock cpu = new CpuClock(java.util.Map.of());
    private static volatile CountDownLatch ends = new CountDownLatch(0);

    private StageClock() {}

    /** Arms the clock for a run whose sinks report end of input {@code expectedEnds} times in total. */
    static void reset(CpuClock clock, int expectedEnds) {
        cpu = clock;
        FIRST.set(null);
        LAST.set(null);
        ends = new CountDownLatch(expectedEnds);
    }

    /** Called by every source subtask once, at its first record; the earliest call wins. */
    static void firstRecord() {
        if (FIRST.get() == null) {
            FIRST.compareAndSet(null, cpu.now());
        }
    }

    /** Called by every timed sink subtask after its end-of-input flush; the latest call wins. */
    static void endOfInput() {
        CpuClock.Snapshot s = cpu.now();
        LAST.accumulateAndGet(s, (a, b) -> a == null || b.wallNanos() > a.wallNanos() ? b : a);
        ends.countDown();
    }

    static boolean awaitEnds(long millis) throws InterruptedException {
        return ends.await(millis, TimeUnit.MILLISECONDS);
    }

    static CpuClock.Snapshot first() {
        return FIRST.get();
    }

    static CpuClock.Snapshot last() {
        return LAST.get();
    }
}
