package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.api.auth.ApiAuth;
import io.fpi.api.auth.Role;
import io.fpi.api.auth.TokenStore;
import io.fpi.api.health.KafkaProbe;
import io.fpi.api.routes.Access;
import io.fpi.api.routes.ApiRoute;
import io.fpi.runtime.local.FreePorts;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.safety.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook routes against the real fixture ClickHouse and a real receiver on loopback, with
 * bearer tokens for each role. The allowlist permits 127.0.0.1 only, as a local setup would.
 */
@ExtendWith(FixtureClickHouse.class)
class WebhooksApiTest {
    static final String ADMIN = "fpi_admin_test-token";
    static final String ANALYST = "fpi_analyst_test-token";
    static final String EXECUTIVE = "fpi_executive_test-token";
    static final String SECRET = "receiver-secret-0123456789abcdef";
    static QueryApiApp app;
    static KafkaProbe kafka;
    static HttpCalls http;
    static Receiver receiver;

    @BeforeAll
    static void start() {
        TokenStore tokens = TokenStore.parseFile("admin " + TokenStore.hash(ADMIN) + "\nanalyst " + TokenStore.hash(ANALYST)
                + "\nexecutive " + TokenStore.hash(EXECUTIVE) + "\n", "test");
        WebhookConfig webhooks = WebhookConfig.defaults().withAllowedHosts("127.0.0.1")
                .withSecretKey(SecretCipher.newKeyBase64(), null).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1));
        app = new QueryApiApp(FixtureClickHouse.client(), kafka, ApiConfig.defaults(), ApiAuth.of(tokens), webhooks)
                .start("127.0.0.1", 0);
        http = new HttpCalls(app.port());
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        app.stop();
        kafka.close();
        receiver.close();
    }

    @BeforeEach
    void healthyReceiver() {
        receiver.status.set(200);
    }

    private static HttpCalls.Reply admin(String method, String path, String body) {
        return http.call(method, path, ADMIN, body);
    }

    private static String create(String extra) {
        HttpCalls.Reply r = admin("POST", "/api/webhooks", "{\"url\": \"" + receiver.url() + "\", \"secret\": \"" + SECRET + "\""
                + extra + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static boolean signedWith(String secret, Receiver.Request req) throws Exception {
        String[] parts = req.header("X-FPI-Signature").split(",");
        String t = parts[0].substring(2);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(req.body())).equals(parts[1].substring(3));
    }

    @Test
    void POST_webhooks_gives_201_with_the_subscription_and_never_its_secret() {
        HttpCalls.Reply r = admin("POST", "/api/webhooks", "{\"url\": \"" + receiver.url() + "\", \"secret\": \"" + SECRET
                + "\", \"format\": \"alertmanager\", \"filters\": {\"types\": [\"SLA_BREACH\", \"STALL\"], \"min_severity\": \"warning\","
                + " \"regions\": [\"NORTHEAST\"]}, \"grouping\": {\"window_ms\": 5000, \"group_by\": [\"region\", \"stage\"]}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode s = r.json();
        assertThat(s.get("id").asText()).startsWith("wh-");
        assertThat(r.location()).isEqualTo("/api/webhooks/" + s.get("id").asText());
        assertThat(s.get("url").asText()).isEqualTo(receiver.url());
        assertThat(s.get("format").asText()).isEqualTo("alertmanager");
        assertThat(s.at("/filters/types").toString()).isEqualTo("[\"SLA_BREACH\",\"STALL\"]");
        assertThat(s.at("/filters/min_severity").asText()).isEqualTo("warning");
        assertThat(s.at("/grouping/window_ms").asLong()).isEqualTo(5000);
        assertThat(s.at("/grouping/group_by").toString()).isEqualTo("[\"region\",\"stage\"]");
        assertThat(s.get("has_secret").asBoolean()).isTrue();
        assertThat(s.has("secret")).isFalse();
        assertThat(r.body()).doesNotContain(SECRET);

        HttpCalls.Reply got = admin("GET", "/api/webhooks/" + s.get("id").asText(), null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).doesNotContain(SECRET);
        assertThat(got.json().get("filters")).isEqualTo(s.get("filters"));
        HttpCalls.Reply list = admin("GET", "/api/webhooks", null);
        assertThat(list.body()).contains(s.get("id").asText()).doesNotContain(SECRET);
    }

    @Test
    void bad_requests_give_400_naming_the_field() {
        String url = receiver.url();
        String[][] cases = {
                {"{\"secret\": \"x\"}", "url is required"},
                {"{\"url\": \"" + url + "\"}", "secret is required"},
                {"{\"url\": \"" + url + "\", \"secret\": \"x\", \"format\": \"xml\"}", "fpi, alertmanager, slack"},
                {"{\"url\": \"ftp://example.com/x\", \"secret\": \"x\"}", "http or https"},
                {"{\"url\": \"" + url + "\", \"secret\": \"x\", \"filters\": {\"types\": [\"BREACH\"]}}", "not a finding type"},
                {"{\"url\": \"" + url + "\", \"secret\": \"x\", \"colour\": 1}", "unknown field 'colour'"},
                {"not json", "not valid JSON"},
                {"", "JSON object"},
        };
        for (String[] c : cases) {
            HttpCalls.Reply r = admin("POST", "/api/webhooks", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
            assertThat(r.json().get("message").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void internal_targets_are_refused_unless_allowlisted() {
        for (String target : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:9/hook",
                "http://192.168.0.10/hook", "http://0.0.0.0:80/")) {
            HttpCalls.Reply r = admin("POST", "/api/webhooks", "{\"url\": \"" + target + "\", \"secret\": \"x\"}");
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.json().get("message").asText()).as(target).contains("FPI_WEBHOOK_ALLOWED_HOSTS");
        }
        String id = create("");
        assertThat(admin("PATCH", "/api/webhooks/" + id, "{\"url\": \"http://10.0.0.1/x\"}").status()).isEqualTo(400);
    }

    @Test
    void the_webhook_routes_need_an_admin_token() {
        String id = create("");
        for (String[] route : new String[][] {{"GET", "/api/webhooks"}, {"POST", "/api/webhooks"}, {"GET", "/api/webhooks/" + id},
                {"PATCH", "/api/webhooks/" + id}, {"DELETE", "/api/webhooks/" + id}, {"GET", "/api/webhooks/" + id + "/deliveries"},
                {"POST", "/api/webhooks/" + id + "/test"}, {"POST", "/api/webhooks/" + id + "/deliveries/d1/redeliver"}}) {
            String body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}";
            HttpCalls.Reply none = http.call(route[0], route[1], null, body);
            assertThat(none.status()).as("no token: " + route[1]).isEqualTo(401);
            assertThat(none.wwwAuthenticate()).startsWith("Bearer");
            assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(http.call(route[0], route[1], "fpi_admin_not-a-token", body).status()).isEqualTo(401);
            for (String weaker : List.of(ANALYST, EXECUTIVE)) {
                HttpCalls.Reply r = http.call(route[0], route[1], weaker, body);
                assertThat(r.status()).as("role %s on %s", weaker, route[1]).isEqualTo(403);
                assertThat(r.json().get("error").asText()).isEqualTo("forbidden");
            }
        }
        assertThat(admin("GET", "/api/webhooks/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void every_route_asks_for_the_role_the_route_table_declares() {
        for (ApiRoute route : app.routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "x1");
            String method = route.method().name();
            String body = method.equals("POST") || method.equals("PATCH") ? "{}" : null;
            int anonymous = http.call(method, path, null, body).status();
            if (route.access() == Access.PUBLIC) {
                assertThat(anonymous).as("%s %s is public", method, path).isNotIn(401, 403);
                continue;
            }
            assertThat(anonymous).as("%s %s without a token", method, path).isEqualTo(401);
            for (Role role : Role.values()) {
                String token = switch (role) {
                    case ADMIN -> ADMIN;
                    case ANALYST -> ANALYST;
                    case EXECUTIVE -> EXECUTIVE;
                };
                int status = http.call(method, path, token, body).status();
                if (role.grants(route.access())) {
                    assertThat(status).as("%s %s as %s", method, path, role).isNotIn(401, 403);
                } else {
                    assertThat(status).as("%s %s as %s", method, path, role).isEqualTo(403);
                }
            }
        }
        assertThat(Role.ADMIN.grants(Role.EXECUTIVE)).isTrue();
        assertThat(Role.EXECUTIVE.grants(Access.ANALYST)).isFalse();
    }

    @Test
    void an_unknown_subscription_or_delivery_gives_404() {
        String missing = "/api/webhooks/wh-does-not-exist";
        assertThat(admin("GET", missing, null).status()).isEqualTo(404);
        assertThat(admin("PATCH", missing, "{\"enabled\": false}").status()).isEqualTo(404);
        assertThat(admin("DELETE", missing, null).status()).isEqualTo(404);
        assertThat(admin("GET", missing + "/deliveries", null).status()).isEqualTo(404);
        assertThat(admin("POST", missing + "/test", null).status()).isEqualTo(404);
        String id = create("");
        HttpCalls.Reply r = admin("POST", "/api/webhooks/" + id + "/deliveries/no-such-delivery/redeliver", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void PATCH_changes_a_subscription_and_a_rotated_secret_signs_the_next_delivery() throws Exception {
        String id = create(", \"description\": \"before\"");
        HttpCalls.Reply r = admin("PATCH", "/api/webhooks/" + id, "{\"secret\": \"rotated-secret-abcdef\", \"format\": \"slack\","
                + " \"enabled\": false, \"description\": \"after\", \"rate_limit_per_minute\": 30}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("rotated-secret-abcdef");
        assertThat(r.json().get("format").asText()).isEqualTo("slack");
        assertThat(r.json().get("enabled").asBoolean()).isFalse();
        assertThat(r.json().get("rate_limit_per_minute").asInt()).isEqualTo(30);
        assertThat(r.json().get("url").asText()).as("unchanged").isEqualTo(receiver.url());

        int before = receiver.requests.size();
        assertThat(admin("POST", "/api/webhooks/" + id + "/test", null).json().get("outcome").asText()).isEqualTo("delivered");
        Receiver.Request sent = receiver.requests.get(before);
        assertThat(signedWith("rotated-secret-abcdef", sent)).isTrue();
        assertThat(signedWith(SECRET, sent)).isFalse();
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).startsWith("{\"text\":");
    }

    @Test
    void DELETE_gives_204_and_the_subscription_is_gone() {
        String id = create("");
        assertThat(admin("DELETE", "/api/webhooks/" + id, null).status()).isEqualTo(204);
        assertThat(admin("GET", "/api/webhooks/" + id, null).status()).isEqualTo(404);
        assertThat(admin("GET", "/api/webhooks", null).body()).doesNotContain(id);
    }

    @Test
    void a_test_send_is_signed_logged_and_can_be_redelivered() throws Exception {
        String id = create(", \"format\": \"fpi\"");
        int before = receiver.requests.size();

        HttpCalls.Reply test = admin("POST", "/api/webhooks/" + id + "/test", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().get("outcome").asText()).isEqualTo("delivered");
        assertThat(test.json().get("http_status").asInt()).isEqualTo(200);
        Receiver.Request sample = receiver.requests.get(before);
        assertThat(signedWith(SECRET, sample)).isTrue();
        assertThat(sample.header("X-FPI-Event")).isEqualTo("test");
        assertThat(sample.header("Idempotency-Key")).startsWith("test-");
        assertThat(sample.header("X-FPI-Delivery-Id")).isEqualTo(test.json().get("delivery_id").asText());

        HttpCalls.Reply log = admin("GET", "/api/webhooks/" + id + "/deliveries", null);
        assertThat(log.status()).isEqualTo(200);
        JsonNode first = log.json().get("deliveries").get(0);
        assertThat(first.get("delivery_id").asText()).isEqualTo(test.json().get("delivery_id").asText());
        assertThat(first.get("http_status").asInt()).isEqualTo(200);
        assertThat(first.get("latency_ms").asLong()).isNotNegative();
        assertThat(first.get("attempted_at").asText()).endsWith("Z");
        assertThat(first.get("error").isNull()).isTrue();

        String deliveryId = test.json().get("delivery_id").asText();
        HttpCalls.Reply again = admin("POST", "/api/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("redelivery_of").asText()).isEqualTo(deliveryId);
        Receiver.Request repeat = receiver.requests.get(before + 1);
        assertThat(repeat.body()).isEqualTo(sample.body());
        assertThat(repeat.header("Idempotency-Key")).isEqualTo(sample.header("Idempotency-Key"));
        assertThat(repeat.header("X-FPI-Redelivery-Of")).isEqualTo(deliveryId);
        assertThat(signedWith(SECRET, repeat)).isTrue();
        assertThat(admin("GET", "/api/webhooks/" + id + "/deliveries", null).json().get("deliveries").size()).isEqualTo(2);
    }

    @Test
    void a_failed_test_send_reports_the_status_and_the_error() {
        String id = create("");
        receiver.status.set(503);
        JsonNode r = admin("POST", "/api/webhooks/" + id + "/test", null).json();
        assertThat(r.get("outcome").asText()).isEqualTo("failed");
        assertThat(r.get("http_status").asInt()).isEqualTo(503);
        assertThat(r.get("error").asText()).startsWith("HTTP 503");
        JsonNode logged = admin("GET", "/api/webhooks/" + id + "/deliveries?limit=1", null).json().get("deliveries").get(0);
        assertThat(logged.get("outcome").asText()).isEqualTo("failed");
        assertThat(admin("GET", "/api/webhooks/" + id + "/deliveries?limit=0", null).status()).isEqualTo(400);
    }
}
