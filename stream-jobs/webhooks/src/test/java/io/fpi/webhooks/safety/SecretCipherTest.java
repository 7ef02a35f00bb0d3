package io.fpi.webhooks.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    @TempDir
    Path dir;

    @Test
    void a_secret_round_trips_and_its_stored_form_reveals_nothing() {
        SecretCipher c = SecretCipher.load(SecretCipher.newKeyBase64(), null);
        String stored = c.encrypt("my-receiver-secret");

        assertThat(stored).startsWith("v1:").doesNotContain("my-receiver-secret");
        assertThat(c.encrypt("my-receiver-secret")).as("fresh nonce each time").isNotEqualTo(stored);
        assertThat(new String(c.decrypt(stored).bytes(), StandardCharsets.UTF_8)).isEqualTo("my-receiver-secret");
    }

    @Test
    void another_key_or_a_damaged_value_gives_an_unusable_secret_with_a_reason() {
        String stored = SecretCipher.load(SecretCipher.newKeyBase64(), null).encrypt("x");
        Secret s = SecretCipher.load(SecretCipher.newKeyBase64(), null).decrypt(stored);
        assertThat(s.usable()).isFalse();
        assertThat(s.problem()).contains("FPI_WEBHOOK_SECRET_KEY");
        assertThat(SecretCipher.load(SecretCipher.newKeyBase64(), null).decrypt("plain").usable()).isFalse();
    }

    @Test
    void the_key_file_is_created_once_readable_by_its_owner_only_and_reused() throws Exception {
        Path file = dir.resolve("sub/webhook-secret.key");
        String stored = SecretCipher.load(null, file).encrypt("x");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretCipher.load(null, file).decrypt(stored).usable()).isTrue();
    }

    @Test
    void a_secret_never_shows_in_its_string_form() {
        assertThat(Secret.of("hunter2").toString()).doesNotContain("hunter2");
        assertThat(String.valueOf(Secret.of("hunter2"))).isEqualTo("Secret[****]");
    }
}
