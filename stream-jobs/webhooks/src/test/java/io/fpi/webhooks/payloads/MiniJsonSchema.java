package io.fpi.webhooks.payloads;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Enough of JSON Schema 2020-12 to check payloads against webhooks/fpi-payload.v1.schema.json:
 * type, const, enum, required, properties, additionalProperties, items, minItems, maxItems,
 * minimum, minLength and local $ref. Unknown keywords are ignored, as validators do.
 */
final class MiniJsonSchema {
    private final JsonNode root;

    MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    List<String> errors(JsonNode value) {
        List<String> out = new ArrayList<>();
        check(root, value, "$", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode v, String path, List<String> out) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            check(root.at(ref.substring(1)), v, path, out);
            return;
        }
        if (schema.has("type") && !typeOk(schema.get("type"), v)) {
            out.add(path + ": expected type " + schema.get("type") + ", got " + v.getNodeType());
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(v)) {
            out.add(path + ": expected " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean any = false;
            for (JsonNode e : schema.get("enum")) {
                any |= e.equals(v);
            }
            if (!any) {
                out.add(path + ": " + v + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && v.isNumber() && v.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + ": below minimum");
        }
        if (schema.has("minLength") && v.isTextual() && v.asText().length() < schema.get("minLength").asInt()) {
            out.add(path + ": too short");
        }
        if (v.isObject()) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!v.has(r.asText())) {
                        out.add(path + ": missing " + r.asText());
                    }
                }
            }
            JsonNode props = schema.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (props != null && props.has(e.getKey())) {
                    check(props.get(e.getKey()), e.getValue(), path + "." + e.getKey(), out);
                } else if (schema.has("additionalProperties")) {
                    JsonNode ap = schema.get("additionalProperties");
                    if (ap.isBoolean() && !ap.asBoolean()) {
                        out.add(path + ": unexpected " + e.getKey());
                    } else if (ap.isObject()) {
                        check(ap, e.getValue(), path + "." + e.getKey(), out);
                    }
                }
            }
        }
        if (v.isArray()) {
            if (schema.has("minItems") && v.size() < schema.get("minItems").asInt()) {
                out.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && v.size() > schema.get("maxItems").asInt()) {
                out.add(path + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < v.size(); i++) {
                    check(schema.get("items"), v.get(i), path + "[" + i + "]", out);
                }
            }
        }
    }

    private static boolean typeOk(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeOk(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }
}
