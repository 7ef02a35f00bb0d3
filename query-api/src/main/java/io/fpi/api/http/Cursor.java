package io.fpi.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: the sort key of the last row of a page, so the next page starts strictly
 * after it. Keyset paging rather than offsets: rows inserted meanwhile cannot shift a page, so pages
 * neither repeat nor skip rows. A cursor is base64url of a JSON array whose first element names the
 * list it belongs to; anything else (edited, truncated, from another list) is a 400.
 */
public final class Cursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our cursors are a few dozen bytes; a long one is not ours and not worth decoding. */
    private static final int MAX_LENGTH = 2048;

    private Cursor() {}

    /** @param kind names the list, e.g. "orders"; @param key Strings and longs of the last row's sort key */
    public static String encode(String kind, Object... key) {
        ArrayNode a = JSON.createArrayNode().add(kind);
        for (Object k : key) {
            if (k instanceof Long || k instanceof Integer) {
                a.add(((Number) k).longValue());
            } else {
                a.add((String) k);
            }
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // strings and numbers always serialize
        }
    }

    /**
     * The key parts of a cursor issued by {@link #encode} for {@code kind}, checked against
     * {@code types} ("s" text, "n" integer); null when {@code raw} is absent.
     */
    public static JsonNode[] decode(String raw, String kind, String... types) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        ApiException bad = ApiException.badRequest("cursor is not one this list issued: pass next_cursor of the "
                + "previous page unchanged, or leave cursor out for the first page");
        if (raw.length() > MAX_LENGTH) {
            throw bad;
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw bad;
        }
        if (node == null || !node.isArray() || node.size() != types.length + 1 || !kind.equals(node.get(0).asText())) {
            throw bad;
        }
        JsonNode[] out = new JsonNode[types.length];
        for (int i = 0; i < types.length; i++) {
            JsonNode v = node.get(i + 1);
            boolean ok = "n".equals(types[i]) ? v.isIntegralNumber() && v.canConvertToLong()
                    : v.isTextual() && v.asText().length() <= Params.MAX_TEXT_LENGTH;
            if (!ok) {
                throw bad;
            }
            out[i] = v;
        }
        return out;
    }
}
