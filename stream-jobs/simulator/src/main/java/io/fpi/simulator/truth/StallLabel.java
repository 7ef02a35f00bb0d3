package io.fpi.simulator.truth;

/**
 * An injected idle gap: the order sat in {@code stage} (entered by milestone {@code stage} in
 * phase {@code phase} at {@code sinceMs}) with no further milestone for {@code idleMs}, of which
 * {@code injectedMs} were injected; {@code movedAgain} false means no milestone ever followed
 * ({@code idleMs} and {@code nextActivity} are then null).
 */
public record StallLabel(String stage, String phase, long sinceMs, Long idleMs, long injectedMs,
                         boolean movedAgain, String nextActivity, String cause) {}
