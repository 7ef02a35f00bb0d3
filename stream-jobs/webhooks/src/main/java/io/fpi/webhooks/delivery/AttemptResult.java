package io.fpi.webhooks.delivery;

import java.time.Duration;

/**
 * What one HTTP attempt gave.
 *
 * @param httpStatus 0 when no response arrived (refused target, connect or read timeout, I/O error)
 * @param error      null on success; otherwise a short reason for the delivery log (no secrets, no URL)
 * @param retryAfter the receiver's Retry-After on 429/503, or null
 */
public record AttemptResult(long startedAtMs, int httpStatus, long latencyMs, String error, Duration retryAfter) {

    public boolean success() {
        return httpStatus >= 200 && httpStatus < 300;
    }

    static AttemptResult failed(long startedAtMs, long latencyMs, String error) {
        return new AttemptResult(startedAtMs, 0, latencyMs, error, null);
    }
}
