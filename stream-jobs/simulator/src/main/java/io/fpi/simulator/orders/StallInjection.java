package io.fpi.simulator.orders;

import io.fpi.schemas.CanonicalActivity;

/**
 * An idle gap the generator deliberately inserted after milestone {@code after} (reached at
 * {@code sinceMs}): {@code injectedMs} on top of the stage's natural time, or forever when
 * {@code never} (the order never moves again).
 */
public record StallInjection(String cause, CanonicalActivity after, long sinceMs, long injectedMs, boolean never) {}
