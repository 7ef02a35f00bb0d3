package io.fpi.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme (README "Verifying a delivery"): HMAC-SHA256, keyed with the subscription's
 * secret (its UTF-8 bytes), over {@code <timestamp>.<body>} where timestamp is the Unix time in
 * seconds at the attempt and body the exact bytes sent. Sent as
 * {@code X-FPI-Signature: t=<timestamp>,v1=<lowercase hex>} (and the timestamp alone in
 * {@code X-FPI-Timestamp}). Signing the timestamp lets a receiver reject old deliveries (replays):
 * each attempt is signed afresh, so a retry carries a current timestamp.
 */
public final class Signer {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Signer() {}

    public static String header(byte[] secret, long timestampSeconds, byte[] body) {
        return "t=" + timestampSeconds + ",v1=" + hmacHex(secret, timestampSeconds, body);
    }

    public static String hmacHex(byte[] secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            byte[] sig = mac.doFinal(body);
            char[] out = new char[sig.length * 2];
            for (int i = 0; i < sig.length; i++) {
                out[2 * i] = HEX[(sig[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[sig[i] & 0xf];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
