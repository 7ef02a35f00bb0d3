package io.fpi.runtime.config;

import java.time.Duration;
import java.util.Map;

/**
 * Reads FPI_* settings from the environment (or any map, for tests). Every option FPI reads goes
 * through here so that the README's configuration table has one place to be checked against.
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** Every variable, for handing on to components that parse their own options. */
    public Map<String, String> asMap() {
        return vars;
    }

    public String get(String name, String fallback) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** Null when unset or blank. */
    public String getOrNull(String name) {
        return get(name, null);
    }

    public int getInt(String name, int fallback) {
        String v = getOrNull(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    public long getLong(String name, long fallback) {
        String v = getOrNull(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    /** Durations as ISO-8601 (PT5S) or a number with unit suffix ms, s, m, h, d (e.g. 5s, 250ms). */
    public Duration getDuration(String name, Duration fallback) {
        String v = getOrNull(name);
        return v == null ? fallback : parseDuration(name, v);
    }

    public static Duration parseDuration(String name, String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (RuntimeException e) {
            // fall through to the error below, which names the option
        }
        throw new IllegalArgumentException(name + " must be a duration like 5s, 250ms, 2m, 1h or PT5S, got '" + v + "'");
    }
}
