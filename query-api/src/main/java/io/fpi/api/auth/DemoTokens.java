package io.fpi.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tokens for the local demo: at the first start, one random token per role is made, its hash
 * written to the tokens file, and the tokens themselves handed back once for printing. Later starts
 * find the file and make nothing (the tokens cannot be shown again: only their hashes are kept).
 */
public final class DemoTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoTokens() {}

    /** @return the new tokens by role, or an empty map when {@code file} exists already */
    public static Map<Role, String> ensure(Path file) {
        if (Files.exists(file)) {
            return Map.of();
        }
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        StringBuilder content = new StringBuilder("# FPI API tokens (SHA-256 of each token; the tokens were printed once at creation)\n"
                + "# role hash name\n");
        for (Role r : Role.values()) {
            String token = newToken(r);
            tokens.put(r, token);
            content.append(r.wireName()).append(" sha256:").append(TokenStore.hash(token)).append(" demo-").append(r.wireName())
                    .append('\n');
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's ACL applies
            }
        } catch (FileAlreadyExistsException raced) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API tokens file " + file, e);
        }
        return tokens;
    }

    /** {@code fpi_<role>_} and 32 random bytes, base64url: the prefix makes a leaked token recognisable. */
    public static String newToken(Role role) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "fpi_" + role.wireName() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
