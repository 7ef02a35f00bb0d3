package io.fpi.api.routes;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.fpi.api.http.ErrorBody;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.0 document of the route table: every route with its parameters (schemas with enums,
 * limits and defaults), its 200 answer (the response record's schema, derived by reflection with the
 * API's snake_case names, so it cannot drift from the code), CSV where offered, and its errors.
 * {@code x-fpi-role} carries each route's least role.
 */
public final class OpenApi {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final Map<String, Object> schemas = new TreeMap<>();

    private OpenApi() {}

    public static Map<String, Object> document(List<ApiRoute> routes, String version) {
        return new OpenApi().build(routes, version);
    }

    private Map<String, Object> build(List<ApiRoute> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        schemas.put("ErrorBody", schema(ErrorBody.class));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "FPI query API", "version", version,
                "description", "Process intelligence for omnichannel fulfillment: KPIs, orders and their traces, findings, "
                        + "process mining. Errors are JSON {error, message}. Table-shaped answers are also CSV "
                        + "(Accept: text/csv or format=csv). x-fpi-role is the least role a route needs."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas));
        return doc;
    }

    private Map<String, Object> operation(ApiRoute r) {
        OperationDoc d = r.doc();
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(r));
        op.put("tags", List.of(d.tag()));
        op.put("summary", d.summary());
        op.put("description", d.description());
        op.put("x-fpi-role", r.access().wireName());
        List<Object> params = new ArrayList<>();
        for (ParamDoc p : d.params()) {
            params.add(parameter(p));
        }
        if (d.csv()) {
            params.add(parameter(ParamDoc.query("format", "json (default) or csv; overrides the Accept header")
                    .oneOf(List.of("json", "csv"), "json")));
        }
        op.put("parameters", params);
        if (d.requestBody() != null) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", d.requestBody()))));
        }
        op.put("responses", responses(r, d));
        return op;
    }

    private Map<String, Object> responses(ApiRoute r, OperationDoc d) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (d.response() == Void.class) {
            content = null;
        } else if (d.response() == String.class) {
            content.put(d.contentType(), Map.of("schema", Map.of("type", "string")));
        } else if (!d.response().isRecord()) {
            content.put("application/json", Map.of("schema", Map.of("type", "object")));
        } else {
            content.put("application/json", Map.of("schema", ref(d.response())));
        }
        if (d.csv() && content != null) {
            content.put("text/csv", Map.of("schema", Map.of("type", "string"),
                    "example", "RFC 4180, header row, CRLF; text cells starting with = + - @ are prefixed with '"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(String.valueOf(d.status()), content == null ? Map.of("description", "done; no body")
                : Map.of("description", d.status() == 201 ? "created" : "the answer", "content", content));
        out.put("400", error("a parameter is malformed, out of range, unknown or missing; the message says which and what is allowed"));
        if (r.access() != Access.PUBLIC) {
            out.put("401", error("no bearer token, or not a valid one (Authorization: Bearer <token>)"));
            out.put("403", error("the token's role may not use this route (it needs " + r.access().wireName() + ")"));
        }
        if (d.notFound()) {
            out.put("404", error("no such resource"));
        }
        out.put("500", error("the API failed unexpectedly (details only in the server log)"));
        if (d.clickHouse()) {
            out.put("502", error("ClickHouse refused the query (details only in the server log)"));
            out.put("503", r.path().equals("/api/health")
                    ? Map.of("description", "a dependency is down; same body as 200", "content", content)
                    : error("ClickHouse is unreachable"));
        }
        return out;
    }

    private static Map<String, Object> error(String description) {
        return Map.of("description", description,
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/ErrorBody"))));
    }

    private static Map<String, Object> parameter(ParamDoc p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("in", p.in());
        m.put("required", p.required());
        m.put("description", p.description());
        m.put("schema", p.schema());
        return m;
    }

    private static String operationId(ApiRoute r) {
        StringBuilder sb = new StringBuilder(r.method().name().toLowerCase(Locale.ROOT));
        for (String part : r.path().split("[/{}_-]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private Map<String, Object> ref(Class<?> type) {
        String name = schemaName(type);
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // placeholder: recursive types end here
            schemas.put(name, schema(type));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static String schemaName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private Map<String, Object> schema(Class<?> type) {
        return Map.of("type", "object", "properties", properties(type));
    }

    /** Record components by JSON name; an {@code @JsonUnwrapped} component contributes its own properties. */
    private Map<String, Object> properties(Class<?> type) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class) && c.getType().isRecord()) {
                props.putAll(properties(c.getType()));
            } else {
                props.put(SNAKE.translate(c.getName()), typeSchema(c.getGenericType()));
            }
        }
        return props;
    }

    private Map<String, Object> typeSchema(Type t) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return nullable(Map.of("type", "array", "items", typeSchema(args[0])));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return nullable(Map.of("type", "object", "additionalProperties", typeSchema(args[1])));
            }
            return Map.of();
        }
        Class<?> c = (Class<?>) t;
        if (c == long.class || c == int.class) {
            return Map.of("type", "integer", "format", c == long.class ? "int64" : "int32");
        }
        if (c == double.class) {
            return Map.of("type", "number", "format", "double");
        }
        if (c == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Long.class || c == Integer.class) {
            return nullable(Map.of("type", "integer", "format", c == Long.class ? "int64" : "int32"));
        }
        if (c == Double.class || c == Number.class) {
            return nullable(Map.of("type", "number"));
        }
        if (c == String.class) {
            return nullable(Map.of("type", "string"));
        }
        if (c == Instant.class) {
            return nullable(Map.of("type", "string", "format", "date-time"));
        }
        if (c.isRecord()) {
            return ref(c);
        }
        return Map.of(); // any JSON value
    }

    private static Map<String, Object> nullable(Map<String, Object> s) {
        Map<String, Object> m = new LinkedHashMap<>(s);
        m.put("nullable", true);
        return m;
    }
}
