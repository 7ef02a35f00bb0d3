package io.fpi.webhooks.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts subscription secrets before they are stored (AES-256-GCM, a fresh 96-bit nonce per
 * value), so ClickHouse, its backups and any error message quoting a row only ever hold
 * ciphertext. The dispatcher needs the plain secret to sign (HMAC), so a one-way hash is not an
 * option. The key comes from FPI_WEBHOOK_SECRET_KEY (base64 of 32 bytes) or from a key file that
 * is created, readable by its owner only, on first use.
 *
 * <p>Stored form: {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
public final class SecretCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the webhook secret key must be 32 bytes (base64 of 32 random bytes), got "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key given in base64, or else the key file (created with a random key if missing). */
    public static SecretCipher load(String base64Key, Path keyFile) {
        if (base64Key != null && !base64Key.isBlank()) {
            try {
                return new SecretCipher(Base64.getDecoder().decode(base64Key.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("FPI_WEBHOOK_SECRET_KEY must be base64 of 32 bytes: " + e.getMessage());
            }
        }
        return new SecretCipher(keyFromFile(keyFile));
    }

    public static String newKeyBase64() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static synchronized byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                try {
                    Files.writeString(file, newKeyBase64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the file inherits the directory's ACL
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook secret key file " + file, e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** The secret, or an unusable one saying why (a different key, a damaged value). */
    public Secret decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Secret.unusable("the stored secret has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Secret.unusable("the stored secret cannot be decrypted with this key (was FPI_WEBHOOK_SECRET_KEY changed?)");
        }
    }
}
