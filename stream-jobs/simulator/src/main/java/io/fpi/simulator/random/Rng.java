package io.fpi.simulator.random;

/**
 * A small, fully specified pseudo-random generator (SplitMix64) so that a seed produces the same
 * stream on every JVM and platform. {@link java.util.Random} would also be stable, but its
 * Gaussian and our lognormal need {@link StrictMath}: {@code Math.exp/log/cos} may differ in the
 * last bit between JIT intrinsics and the interpreter, which would break byte-identical replays.
 *
 * <p>Not thread-safe; the simulator gives each order (and each noise stream) its own instance.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream derived from a seed and any number of labels (order index, purpose). */
    public static Rng of(long seed, long... labels) {
        return new Rng(Seeds.mix(seed, labels));
    }

    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) (nextDouble() * bound);
    }

    /** Uniform in [lo, hi); lo when the range is empty. */
    public long between(long lo, long hi) {
        return hi <= lo ? lo : lo + (long) (nextDouble() * (hi - lo));
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal by Box-Muller (one of the pair; simplicity beats the saved draw here). */
    public double gaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log(0) is never taken
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Exponential with mean 1. */
    public double exponential() {
        return -StrictMath.log(1.0 - nextDouble());
    }

    /**
     * A lognormal duration with the given median, clamped to [1 ms, cap]. The cap keeps natural
     * stage times below injected stalls, so ground-truth stalls stay distinguishable.
     */
    public long lognormal(long medianMs, double sigma, long capMs) {
        double v = medianMs * StrictMath.exp(sigma * gaussian());
        return Math.max(1L, Math.min(capMs, (long) v));
    }

    /** Index drawn from weights (not necessarily normalised). */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
