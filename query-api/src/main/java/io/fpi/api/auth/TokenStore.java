package io.fpi.api.auth;

import io.fpi.runtime.config.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API bearer tokens, stored as SHA-256 hashes only: the file or variable that configures them
 * never holds a usable token. A fast hash suffices because tokens are long random strings (32
 * random bytes from {@link DemoTokens}), not passwords: there is nothing to guess.
 *
 * <p>File format ({@code FPI_API_TOKENS_FILE}), one token per line, {@code #} comments:
 * <pre>
 * # role  hash                                                                     name (optional)
 * admin   sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ops-team
 * analyst 60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
 * </pre>
 * {@code FPI_API_TOKENS}: the same entries, comma-separated, as {@code role:hash} (e.g.
 * {@code admin:sha256:9f86…,analyst:6030…}). Hash a token with
 * {@code printf %s "$TOKEN" | sha256sum}.
 */
public final class TokenStore {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, Principal> byHash;

    private TokenStore(Map<String, Principal> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    public static TokenStore empty() {
        return new TokenStore(Map.of());
    }

    /** Hex SHA-256 of a token's UTF-8 bytes: what the store keeps. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tokens from {@code FPI_API_TOKENS_FILE} (or {@code defaultFile} when that is unset; a missing
     * default file means none) and from {@code FPI_API_TOKENS}.
     *
     * @throws IllegalArgumentException on a malformed entry or a configured file that does not exist
     */
    public static TokenStore fromEnv(Env env, Path defaultFile) {
        Map<String, Principal> tokens = new HashMap<>();
        String file = env.getOrNull("FPI_API_TOKENS_FILE");
        Path path = file != null ? Path.of(file) : defaultFile;
        if (path != null && (file != null || Files.exists(path))) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("FPI_API_TOKENS_FILE " + path + " does not exist");
            }
            try {
                tokens.putAll(parseFile(Files.readString(path, StandardCharsets.UTF_8), path.toString()).byHash);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API tokens file " + path, e);
            }
        }
        String inline = env.getOrNull("FPI_API_TOKENS");
        if (inline != null) {
            int n = 0;
            for (String entry : inline.split(",")) {
                n++;
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("FPI_API_TOKENS entry " + n + " must be role:sha256-hex");
                }
                add(tokens, entry.substring(0, colon), entry.substring(colon + 1), "token-" + n, "FPI_API_TOKENS entry " + n);
            }
        }
        return new TokenStore(tokens);
    }

    /** Parses the file format above; {@code source} names the file in error messages. */
    public static TokenStore parseFile(String content, String source) {
        Map<String, Principal> tokens = new HashMap<>();
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String where = source + " line " + (i + 1);
            if (parts.length < 2) {
                throw new IllegalArgumentException(where + ": expected '<role> <sha256-hex> [name]'");
            }
            add(tokens, parts[0], parts[1], parts.length > 2 ? parts[2] : parts[0] + "-" + (i + 1), where);
        }
        return new TokenStore(tokens);
    }

    private static void add(Map<String, Principal> tokens, String role, String hash, String name, String where) {
        Role r = Role.parse(role).orElseThrow(() -> new IllegalArgumentException(where
                + ": role must be executive, analyst or admin, got '" + role.strip() + "'"));
        String h = hash.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("sha256:")) {
            h = h.substring("sha256:".length());
        }
        if (!HEX64.matcher(h).matches()) {
            throw new IllegalArgumentException(where + ": the token must be given as its SHA-256 (64 hex digits, optionally "
                    + "prefixed sha256:), never in plain text");
        }
        tokens.put(h, new Principal(name.strip(), r));
    }

    /** The caller a presented token stands for, if it is one of ours. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 1024) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(hash(token)));
    }

    public int size() {
        return byHash.size();
    }
}
