package io.fpi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.runtime.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void tokens_are_kept_as_sha256_and_found_by_the_token() {
        String file = "# comment\n\nadmin sha256:" + TokenStore.hash("t-admin") + " ops team\nanalyst " + TokenStore.hash("t-analyst") + "\n";
        TokenStore store = TokenStore.parseFile(file, "tokens");

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.authenticate("t-admin")).contains(new Principal("ops team", Role.ADMIN));
        assertThat(store.authenticate("t-analyst").orElseThrow().role()).isEqualTo(Role.ANALYST);
        assertThat(store.authenticate("t-other")).isEmpty();
        assertThat(store.authenticate(TokenStore.hash("t-admin"))).as("the hash itself is no token").isEmpty();
        assertThat(TokenStore.hash("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void a_plain_token_an_unknown_role_or_a_short_line_is_refused_with_its_line_number() {
        assertThatThrownBy(() -> TokenStore.parseFile("admin my-plain-token", "f")).hasMessageContaining("f line 1")
                .hasMessageContaining("never in plain text");
        assertThatThrownBy(() -> TokenStore.parseFile("\nroot " + TokenStore.hash("x"), "f")).hasMessageContaining("f line 2")
                .hasMessageContaining("executive, analyst or admin");
        assertThatThrownBy(() -> TokenStore.parseFile("admin", "f")).hasMessageContaining("<role> <sha256-hex>");
    }

    @Test
    void tokens_come_from_the_file_and_the_environment_together() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "executive " + TokenStore.hash("exec") + "\n");
        Env env = new Env(Map.of("FPI_API_TOKENS_FILE", file.toString(),
                "FPI_API_TOKENS", "admin:sha256:" + TokenStore.hash("adm") + ", analyst:" + TokenStore.hash("ana")));
        TokenStore store = TokenStore.fromEnv(env, null);

        assertThat(store.authenticate("exec").orElseThrow().role()).isEqualTo(Role.EXECUTIVE);
        assertThat(store.authenticate("adm").orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(store.authenticate("ana").orElseThrow().role()).isEqualTo(Role.ANALYST);
        assertThatThrownBy(() -> TokenStore.fromEnv(new Env(Map.of("FPI_API_TOKENS_FILE", dir.resolve("nope").toString())), null))
                .hasMessageContaining("does not exist");
        assertThat(TokenStore.fromEnv(new Env(Map.of()), dir.resolve("absent-default")).size()).isZero();
    }

    @Test
    void roles_nest_admin_over_analyst_over_executive() {
        assertThat(Role.ADMIN.grants(Role.ANALYST)).isTrue();
        assertThat(Role.ADMIN.grants(Role.EXECUTIVE)).isTrue();
        assertThat(Role.ANALYST.grants(Role.EXECUTIVE)).isTrue();
        assertThat(Role.ANALYST.grants(Role.ADMIN)).isFalse();
        assertThat(Role.EXECUTIVE.grants(Role.ANALYST)).isFalse();
    }

    @Test
    void demo_tokens_are_made_once_and_only_their_hashes_are_written() throws Exception {
        Path file = dir.resolve("demo/api-tokens");
        Map<Role, String> tokens = DemoTokens.ensure(file);

        assertThat(tokens).containsOnlyKeys(Role.values());
        String content = Files.readString(file);
        tokens.values().forEach(t -> assertThat(content).doesNotContain(t));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        TokenStore store = TokenStore.fromEnv(new Env(Map.of()), file);
        tokens.forEach((role, token) -> assertThat(store.authenticate(token).orElseThrow().role()).isEqualTo(role));
        assertThat(DemoTokens.ensure(file)).as("second start").isEmpty();
    }
}
