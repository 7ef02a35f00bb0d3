package io.fpi.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A receiver's signature check written from the README's description alone, sharing no code with
 * the production signer: HMAC (RFC 2104) built here from plain SHA-256, and its own parsing of
 * {@code X-FPI-Signature: t=<ts>,v1=<hex>}. Checked against RFC 4231's test vectors.
 */
public final class IndependentHmac {
    private IndependentHmac() {}

    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] k = key.length > 64 ? sha.digest(key) : key;
            byte[] block = Arrays.copyOf(k, 64);
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            for (int i = 0; i < 64; i++) {
                ipad[i] = (byte) (block[i] ^ 0x36);
                opad[i] = (byte) (block[i] ^ 0x5c);
            }
            sha.reset();
            sha.update(ipad);
            byte[] inner = sha.digest(message);
            sha.reset();
            sha.update(opad);
            return sha.digest(inner);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the header is a valid signature of {@code body} with {@code secret}, made at most {@code maxAgeS} ago. */
    public static boolean verify(String secret, String signatureHeader, byte[] body, long nowS, long maxAgeS) {
        if (signatureHeader == null) {
            return false;
        }
        Map<String, String> parts = new HashMap<>();
        for (String p : signatureHeader.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        if (!parts.containsKey("t") || !parts.containsKey("v1")) {
            return false;
        }
        long t = Long.parseLong(parts.get("t"));
        if (Math.abs(nowS - t) > maxAgeS) {
            return false; // a replay of an old delivery
        }
        byte[] prefix = (parts.get("t") + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(parts.get("v1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    public static boolean verify(String secret, TestReceiver.Request r) {
        return verify(secret, r.header("X-FPI-Signature"), r.body(), System.currentTimeMillis() / 1000, 300);
    }
}
