package io.fpi.api.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One documented parameter of a route: where it goes, whether it is required and its OpenAPI schema
 * (type, enum, limits, default). Routes refuse query parameters they do not document.
 */
public record ParamDoc(String name, String in, boolean required, String description, Map<String, Object> schema) {

    public ParamDoc {
        schema = Map.copyOf(schema);
    }

    public static ParamDoc query(String name, String description) {
        return new ParamDoc(name, "query", false, description, Map.of("type", "string"));
    }

    public static ParamDoc path(String name, String description) {
        return new ParamDoc(name, "path", true, description, Map.of("type", "string", "maxLength", 256));
    }

    public ParamDoc asRequired() {
        return new ParamDoc(name, in, true, description, schema);
    }

    /** Free text up to {@code maxLength} characters, compared as is. */
    public ParamDoc text(int maxLength) {
        return withSchema(Map.of("type", "string", "maxLength", maxLength));
    }

    public ParamDoc integer(long min, long max, Long defaultValue) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "integer");
        s.put("format", "int32");
        s.put("minimum", min);
        s.put("maximum", max);
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return withSchema(s);
    }

    public ParamDoc instant() {
        return withSchema(Map.of("type", "string", "format", "date-time",
                "minimum", "1970-01-01T00:00:00Z", "maximum", "9999-12-31T23:59:59Z"));
    }

    /** One of {@code values} (case-insensitive on input). */
    public ParamDoc oneOf(List<String> values, String defaultValue) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "string");
        s.put("enum", List.copyOf(values));
        if (defaultValue != null) {
            s.put("default", defaultValue);
        }
        return withSchema(s);
    }

    private ParamDoc withSchema(Map<String, Object> newSchema) {
        return new ParamDoc(name, in, required, description, newSchema);
    }
}
