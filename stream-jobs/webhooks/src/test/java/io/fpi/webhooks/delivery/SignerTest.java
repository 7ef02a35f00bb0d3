package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.webhooks.IndependentHmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignerTest {
    private static final byte[] BODY = "{\"version\":1,\"event\":\"finding\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void the_independent_hmac_used_by_the_tests_matches_rfc_4231() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] mac = IndependentHmac.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // test case 6: a key longer than the block size is hashed first
        byte[] longKey = new byte[131];
        java.util.Arrays.fill(longKey, (byte) 0xaa);
        assertThat(HexFormat.of().formatHex(IndependentHmac.hmacSha256(longKey,
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void a_signature_verifies_with_the_independent_implementation_and_the_same_secret_only() {
        String header = Signer.header("s3cret-of-the-receiver".getBytes(StandardCharsets.UTF_8), 1_767_225_600L, BODY);

        assertThat(header).matches("t=1767225600,v1=[0-9a-f]{64}");
        assertThat(IndependentHmac.verify("s3cret-of-the-receiver", header, BODY, 1_767_225_600L, 300)).isTrue();
        assertThat(IndependentHmac.verify("another-secret", header, BODY, 1_767_225_600L, 300)).isFalse();
    }

    @Test
    void a_changed_body_or_an_old_timestamp_fails_verification() {
        String header = Signer.header("k".getBytes(StandardCharsets.UTF_8), 1_767_225_600L, BODY);
        byte[] tampered = "{\"version\":1,\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(IndependentHmac.verify("k", header, tampered, 1_767_225_600L, 300)).isFalse();
        assertThat(IndependentHmac.verify("k", header, BODY, 1_767_225_600L + 301, 300)).as("replayed after 5 min").isFalse();
    }

    @Test
    void the_timestamp_is_part_of_what_is_signed() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        assertThat(Signer.hmacHex(key, 1, BODY)).isNotEqualTo(Signer.hmacHex(key, 2, BODY));
        String forged = "t=2,v1=" + Signer.hmacHex(key, 1, BODY);
        assertThat(IndependentHmac.verify("k", forged, BODY, 2, 300)).isFalse();
    }
}
