package io.fpi.simulator.pacing;

/** Wall time and sleeping, behind an interface so pacing is testable without real waiting. */
public interface WallClock {
    WallClock SYSTEM = new WallClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleepMillis(long ms) throws InterruptedException {
            Thread.sleep(ms);
        }
    };

    long millis();

    long nanos();

    void sleepMillis(long ms) throws InterruptedException;
}
