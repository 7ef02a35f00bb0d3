package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.routes.Access;
import io.fpi.api.routes.ApiRoute;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /openapi.json documents every route Javalin serves, from the one route table. */
class OpenApiTest extends QueryApiTestBase {
    private static JsonNode doc;

    @BeforeAll
    static void fetch() {
        Api.Response r = api.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
    }

    private static List<Endpoint> registered() {
        List<Endpoint> out = new ArrayList<>();
        app.javalinApp().unsafe.internalRouter.allHttpHandlers().forEach(p -> out.add(p.endpoint));
        return out;
    }

    @Test
    void every_route_javalin_serves_is_documented_with_its_method() {
        List<Endpoint> endpoints = registered();

        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(app.routes().size()).hasSizeGreaterThanOrEqualTo(15);
        for (Endpoint e : endpoints) {
            JsonNode op = doc.path("paths").path(e.path).path(e.method.name().toLowerCase(Locale.ROOT));
            assertThat(op.isMissingNode()).as("undocumented route " + e.method + " " + e.path).isFalse();
        }
    }

    @Test
    void every_documented_route_is_served() {
        Set<String> served = new TreeSet<>();
        registered().forEach(e -> served.add(e.method.name().toLowerCase(Locale.ROOT) + " " + e.path));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m + " " + p.getKey())));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void the_document_is_openapi_3_and_names_the_new_routes() {
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/bottlenecks")).isTrue();
        assertThat(doc.get("paths").has("/api/exceptions/patterns")).isTrue();
        assertThat(doc.get("paths").has("/metrics")).isTrue();
        assertThat(doc.get("paths").has("/openapi.json")).isTrue();
    }

    @Test
    void every_operation_has_a_role_a_summary_an_answer_and_the_error_answers() {
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            JsonNode op = m.getValue();
            String where = m.getKey() + " " + p.getKey();
            assertThat(op.get("x-fpi-role").asText()).as(where).isIn("public", "executive", "analyst", "admin");
            assertThat(op.get("summary").asText()).as(where).isNotBlank();
            assertThat(op.get("responses").has("200") || op.get("responses").has("201") || op.get("responses").has("204"))
                    .as(where).isTrue();
            if (!op.get("x-fpi-role").asText().equals("public")) {
                assertThat(op.get("responses").has("401") && op.get("responses").has("403")).as(where).isTrue();
            }
            if (m.getKey().equals("post") && p.getKey().equals("/api/webhooks")) {
                assertThat(op.get("requestBody").get("content").get("application/json").get("schema").get("required"))
                        .as(where).hasSize(2);
            }
            assertThat(op.get("responses").get("400").get("content").get("application/json").get("schema").get("$ref").asText())
                    .as(where).isEqualTo("#/components/schemas/ErrorBody");
            assertThat(op.get("responses").has("500")).as(where).isTrue();
        }));
    }

    @Test
    void the_trace_documents_its_404_and_path_parameter() {
        JsonNode op = doc.get("paths").get("/api/orders/{orderId}/trace").get("get");

        assertThat(op.get("responses").has("404")).isTrue();
        assertThat(op.get("parameters").get(0).get("name").asText()).isEqualTo("orderId");
        assertThat(op.get("parameters").get(0).get("in").asText()).isEqualTo("path");
        assertThat(op.get("parameters").get(0).get("required").asBoolean()).isTrue();
    }

    @Test
    void parameters_carry_their_enums_limits_and_defaults() {
        JsonNode ts = doc.get("paths").get("/api/kpis/timeseries").get("get");
        JsonNode metric = param(ts, "metric");
        JsonNode orders = doc.get("paths").get("/api/orders").get("get");

        assertThat(metric.get("required").asBoolean()).isTrue();
        assertThat(metric.get("schema").get("enum").toString()).contains("\"orders_placed\"", "\"sla_adherence\"");
        assertThat(param(ts, "interval").get("schema").get("enum").toString()).isEqualTo("[\"minute\",\"hour\",\"day\"]");
        assertThat(param(ts, "groupBy").get("schema").get("enum").toString()).contains("\"node\"");
        assertThat(param(orders, "limit").get("schema").get("maximum").asInt()).isEqualTo(1000);
        assertThat(param(orders, "limit").get("schema").get("default").asInt()).isEqualTo(50);
        assertThat(param(orders, "from").get("schema").get("format").asText()).isEqualTo("date-time");
        assertThat(param(orders, "format").get("schema").get("enum").toString()).isEqualTo("[\"json\",\"csv\"]");
    }

    @Test
    void answers_are_described_by_schemas_with_the_json_names() {
        JsonNode schemas = doc.get("components").get("schemas");
        JsonNode summary = schemas.get("KpiSummary").get("properties");

        assertThat(summary.has("orders_placed")).as("unwrapped values are inlined").isTrue();
        assertThat(summary.get("previous").get("$ref").asText()).isEqualTo("#/components/schemas/KpiSummary.Previous");
        assertThat(schemas.get("OrderList").get("properties").has("next_cursor")).isTrue();
        assertThat(schemas.get("OrderSummary").get("properties").get("placed_at").get("format").asText()).isEqualTo("date-time");
        assertThat(doc.get("paths").get("/api/orders").get("get").get("responses").get("200").get("content").has("text/csv")).isTrue();
    }

    @Test
    void the_route_table_gives_every_route_a_role_for_the_auth() {
        List<ApiRoute> routes = app.routes();

        assertThat(routes).allSatisfy(r -> assertThat(r.access()).isNotNull());
        assertThat(routes).filteredOn(r -> r.path().startsWith("/api/kpis")).allSatisfy(r -> assertThat(r.access())
                .isEqualTo(Access.EXECUTIVE));
        assertThat(routes).filteredOn(r -> r.path().equals("/api/health")).singleElement()
                .satisfies(r -> assertThat(r.access()).isEqualTo(Access.PUBLIC));
    }

    @Test
    void a_route_refuses_a_parameter_it_does_not_document_and_lists_the_ones_it_takes() {
        Api.Response r = api.get("/api/orders?limt=5");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isEqualTo("unknown parameter 'limt': /api/orders accepts channel, cursor, "
                + "dataset, format, from, fulfillment_type, limit, node, region, stage, status, to");
    }

    private static JsonNode param(JsonNode op, String name) {
        for (JsonNode p : op.get("parameters")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
