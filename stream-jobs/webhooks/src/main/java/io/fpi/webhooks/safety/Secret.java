package io.fpi.webhooks.safety;

import java.nio.charset.StandardCharsets;

/**
 * A subscription's signing secret in memory. Its {@link #toString()} never shows the value, so a
 * secret that reaches a log line through a record's toString or string concatenation stays hidden.
 * {@link #unusable} stands for a stored secret that could not be decrypted (the key changed).
 */
public final class Secret {
    private final byte[] value;
    private final String problem;

    private Secret(byte[] value, String problem) {
        this.value = value;
        this.problem = problem;
    }

    public static Secret of(String plain) {
        return new Secret(plain.getBytes(StandardCharsets.UTF_8), null);
    }

    public static Secret unusable(String problem) {
        return new Secret(null, problem);
    }

    public boolean usable() {
        return value != null;
    }

    /** Why the secret cannot be used, or null. */
    public String problem() {
        return problem;
    }

    /** The key bytes for HMAC; never log them. */
    public byte[] bytes() {
        if (value == null) {
            throw new IllegalStateException(problem);
        }
        return value.clone();
    }

    @Override
    public String toString() {
        return value == null ? "Secret[unusable]" : "Secret[****]";
    }
}
