package io.fpi.detection.kpi;

import io.fpi.runtime.config.Env;
import java.io.Serializable;
import java.time.Duration;

/**
 * Options of the KPI operators.
 *
 * <table>
 *   <caption>KPI options</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #ALLOWED_LATENESS}</td><td>1h</td><td>a minute row still takes contributions this long
 *   (event time) after the minute ended; later ones are dropped and counted. Memory grows with it.</td></tr>
 *   <tr><td>{@value #EXCEPTION_EXPIRY}</td><td>30d</td><td>an exception never resolved is forgotten this
 *   long after it was raised (same default as the trace idle expiry)</td></tr>
 * </table>
 *
 * @param allowedLateness how long after its end a minute still accepts contributions
 * @param exceptionExpiry how long an unresolved exception is kept
 */
public record KpiSettings(Duration allowedLateness, Duration exceptionExpiry) implements Serializable {
    public static final String ALLOWED_LATENESS = "FPI_KPI_ALLOWED_LATENESS";
    public static final String EXCEPTION_EXPIRY = "FPI_KPI_EXCEPTION_EXPIRY";

    public KpiSettings {
        if (allowedLateness.isNegative() || exceptionExpiry.isNegative() || exceptionExpiry.isZero()) {
            throw new IllegalArgumentException("allowed lateness must be >= 0 and exception expiry > 0");
        }
    }

    public static KpiSettings defaults() {
        return new KpiSettings(Duration.ofHours(1), Duration.ofDays(30));
    }

    public static KpiSettings from(Env env) {
        KpiSettings d = defaults();
        return new KpiSettings(env.getDuration(ALLOWED_LATENESS, d.allowedLateness()),
                env.getDuration(EXCEPTION_EXPIRY, d.exceptionExpiry()));
    }
}
