package io.fpi.api.routes;

import java.util.List;
import java.util.Map;

/**
 * What the OpenAPI document says about a route: a summary, a longer description, its parameters,
 * the type of its success answer (a record, turned into a schema by reflection; {@code Void} for
 * none) and which failures it can answer with besides 400 and 500. {@code csv}: the answer is also
 * offered as text/csv. {@code status}: the success status (200, 201 for a creation, 204 for none).
 * {@code requestBody}: the JSON schema of the body a route reads, null when it reads none.
 */
public record OperationDoc(String tag, String summary, String description, List<ParamDoc> params, Class<?> response,
                           boolean csv, boolean notFound, boolean clickHouse, String contentType, int status,
                           Map<String, Object> requestBody) {

    public OperationDoc {
        params = List.copyOf(params);
        requestBody = requestBody == null ? null : Map.copyOf(requestBody);
    }

    public static OperationDoc json(String tag, String summary, String description, Class<?> response, ParamDoc... params) {
        return new OperationDoc(tag, summary, description, List.of(params), response, false, false, true, "application/json",
                200, null);
    }

    /** A table-shaped answer, also available as CSV. */
    public OperationDoc withCsv() {
        return new OperationDoc(tag, summary, description, params, response, true, notFound, clickHouse, contentType, status,
                requestBody);
    }

    public OperationDoc withNotFound() {
        return new OperationDoc(tag, summary, description, params, response, csv, true, clickHouse, contentType, status,
                requestBody);
    }

    /** Answered without ClickHouse, so never 502/503 for its sake. */
    public OperationDoc withoutClickHouse() {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, false, contentType, status,
                requestBody);
    }

    public OperationDoc withContentType(String type) {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, clickHouse, type, status,
                requestBody);
    }

    public OperationDoc withStatus(int successStatus) {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, clickHouse, contentType,
                successStatus, requestBody);
    }

    public OperationDoc withRequestBody(Map<String, Object> schema) {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, clickHouse, contentType, status,
                schema);
    }

    /** Every query parameter the route accepts, {@code format} included when it offers CSV. */
    public List<String> queryParamNames() {
        List<String> names = new java.util.ArrayList<>(params.stream().filter(p -> "query".equals(p.in()))
                .map(ParamDoc::name).toList());
        if (csv) {
            names.add("format");
        }
        return names;
    }
}
