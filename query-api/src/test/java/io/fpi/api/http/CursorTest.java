package io.fpi.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    @Test
    void a_cursor_gives_back_the_key_it_was_made_of() {
        String c = Cursor.encode("orders", 1_709_287_200_000L, "o'1 ✓", "shop");

        JsonNode[] key = Cursor.decode(c, "orders", "n", "s", "s");

        assertThat(key[0].asLong()).isEqualTo(1_709_287_200_000L);
        assertThat(key[1].asText()).isEqualTo("o'1 ✓");
        assertThat(key[2].asText()).isEqualTo("shop");
        assertThat(c).matches("[A-Za-z0-9_-]+"); // URL-safe as it is
    }

    @Test
    void no_cursor_means_the_first_page() {
        assertThat(Cursor.decode(null, "orders", "n")).isNull();
        assertThat(Cursor.decode(" ", "orders", "n")).isNull();
    }

    @Test
    void a_cursor_of_another_list_is_refused() {
        String findings = Cursor.encode("findings", 1L, "f1");

        assertThatThrownBy(() -> Cursor.decode(findings, "orders", "n", "s"))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("cursor is not one this list issued");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-base64!", "e30", "WyJvcmRlcnMiXQ", "'; DROP TABLE traces; --", "%00"})
    void an_edited_or_foreign_cursor_is_a_400(String raw) {
        assertThatThrownBy(() -> Cursor.decode(raw, "orders", "n", "s", "s")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }

    @Test
    void a_cursor_with_a_wrong_type_or_an_overlong_value_is_refused() {
        String text = Base64.getUrlEncoder().encodeToString("[\"orders\",\"x\",\"a\"]".getBytes(StandardCharsets.UTF_8));
        String huge = Cursor.encode("orders", 1L, "x".repeat(300));

        assertThatThrownBy(() -> Cursor.decode(text, "orders", "n", "s")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Cursor.decode(huge, "orders", "n", "s")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Cursor.decode("A".repeat(5000), "orders", "n", "s")).isInstanceOf(ApiException.class);
    }
}
