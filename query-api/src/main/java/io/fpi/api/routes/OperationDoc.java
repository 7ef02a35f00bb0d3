package io.fpi.api.routes;

import java.util.List;

/**
 * What the OpenAPI document says about a route: a summary, a longer description, its parameters,
 * the type of its 200 answer (a record, turned into a schema by reflection) and which failures it
 * can answer with besides 400 and 500. {@code csv}: the answer is also offered as text/csv.
 */
public record OperationDoc(String tag, String summary, String description, List<ParamDoc> params, Class<?> response,
                           boolean csv, boolean notFound, boolean clickHouse, String contentType) {

    public OperationDoc {
        params = List.copyOf(params);
    }

    public static OperationDoc json(String tag, String summary, String description, Class<?> response, ParamDoc... params) {
        return new OperationDoc(tag, summary, description, List.of(params), response, false, false, true, "application/json");
    }

    /** A table-shaped answer, also available as CSV. */
    public OperationDoc withCsv() {
        return new OperationDoc(tag, summary, description, params, response, true, notFound, clickHouse, contentType);
    }

    public OperationDoc withNotFound() {
        return new OperationDoc(tag, summary, description, params, response, csv, true, clickHouse, contentType);
    }

    /** Answered without ClickHouse, so never 502/503 for its sake. */
    public OperationDoc withoutClickHouse() {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, false, contentType);
    }

    public OperationDoc withContentType(String type) {
        return new OperationDoc(tag, summary, description, params, response, csv, notFound, clickHouse, type);
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
