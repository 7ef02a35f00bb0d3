package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.auth.ApiAuth;
import io.fpi.api.auth.TokenStore;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.WebhookService;
import io.fpi.webhooks.safety.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's webhook story end to end, minus the detection job: a subscription created through the
 * API (admin token), the dispatcher consuming a carrier outage's stalls and breaches from a real
 * Kafka topic, grouped and signed Alertmanager alerts at a receiver on loopback, the resolves after
 * them, and every attempt in the API's delivery log.
 */
@ExtendWith(FixtureClickHouse.class)
class WebhooksEndToEndTest {
    static final String ADMIN = "fpi_admin_e2e";
    static final String SECRET = "e2e-receiver-secret-0123456789";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static KafkaProbe probe;
    static QueryApiApp app;
    static HttpCalls http;
    static WebhookService dispatcher;
    static Receiver receiver;
    static KafkaProducer<byte[], byte[]> producer;
    static String subscriptionId;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"));
        broker.createTopic(FindingCodec.TOPIC, 2);
        // a database of its own: the dispatcher must not see the other tests' subscriptions
        ClickHouseClient clickHouse = new ClickHouseClient(new ClickHouseEndpoint(
                FixtureClickHouse.client().endpoint().url(), "fpi_webhooks_e2e", null, null));
        Migrations.apply(clickHouse);
        WebhookConfig webhooks = WebhookConfig.defaults().withAllowedHosts("127.0.0.1")
                .withSecretKey(SecretCipher.newKeyBase64(), null)
                .withIntervals(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200));
        probe = new KafkaProbe(broker.bootstrapServers(), Duration.ofSeconds(2));
        app = new QueryApiApp(clickHouse, probe, ApiConfig.defaults(),
                ApiAuth.of(TokenStore.parseFile("admin " + TokenStore.hash(ADMIN), "test")), webhooks).start("127.0.0.1", 0);
        http = new HttpCalls(app.port());
        receiver = new Receiver();
        HttpCalls.Reply created = http.call("POST", "/api/webhooks", ADMIN, "{\"url\": \"" + receiver.url() + "\", \"secret\": \""
                + SECRET + "\", \"format\": \"alertmanager\", \"filters\": {\"types\": [\"SLA_BREACH\", \"STALL\"]},"
                + " \"grouping\": {\"window_ms\": 1500, \"group_by\": [\"region\"]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        subscriptionId = created.json().get("id").asText();
        dispatcher = WebhookService.start(clickHouse, broker.bootstrapServers(), webhooks);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void stop() {
        producer.close();
        dispatcher.close();
        app.stop();
        probe.close();
        receiver.close();
        broker.close();
    }

    private static Finding stall(int i, String region) {
        return Finding.newBuilder().setFindingId(String.format("stall-%016x", i)).setType("STALL").setDataset("demo")
                .setOrderId("ORD-" + i).setDetectedAt(1_767_225_600_000L).setSeverity("warning").setStage("LABEL_CREATED")
                .setRegion(region).setNodeId("DC-" + region).setSourceSystem("CARRIER")
                .setMessage("Order ORD-" + i + " stalled after LABEL_CREATED").setEvidence(Map.of()).build();
    }

    private static Finding resolved(Finding f) {
        return Finding.newBuilder(f).setFindingId("resolved-" + f.getFindingId()).setType("RESOLVED").setSeverity("info")
                .setResolves(f.getFindingId()).setMessage("moved again").build();
    }

    private static void publish(List<Finding> findings) {
        FindingCodec codec = new FindingCodec();
        for (Finding f : findings) {
            producer.send(new ProducerRecord<>(FindingCodec.TOPIC, (f.getDataset() + "/" + f.getFindingId())
                    .getBytes(StandardCharsets.UTF_8), codec.encode(f)));
        }
        producer.flush();
    }

    private static int alerts(Predicate<JsonNode> which) {
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        for (Receiver.Request r : receiver.requests) {
            try {
                JsonNode body = json.readTree(r.body());
                if (which.test(body)) {
                    n += body.at("/commonAnnotations/count").asInt();
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return n;
    }

    private static void await(Predicate<Void> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.test(null)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver did not get " + what + "; it got " + receiver.requests.size() + " request(s)");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void a_subscription_made_through_the_api_gets_signed_grouped_alerts_and_their_resolves_all_logged() throws Exception {
        List<Finding> outage = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            outage.add(stall(i, i < 150 ? "NORTHEAST" : "PACIFIC"));
        }
        publish(outage);
        await(v -> alerts(b -> b.get("status").asText().equals("firing")) == 200, "200 firing alerts");
        int firingRequests = receiver.requests.size();
        publish(outage.stream().map(WebhooksEndToEndTest::resolved).toList());
        await(v -> alerts(b -> b.get("status").asText().equals("resolved")) == 200, "200 resolved alerts");

        assertThat(firingRequests).as("200 stalls folded into a few grouped alerts").isLessThanOrEqualTo(12);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (Receiver.Request r : receiver.requests) {
            String[] sig = r.header("X-FPI-Signature").split(",");
            mac.update((sig[0].substring(2) + ".").getBytes(StandardCharsets.US_ASCII));
            assertThat(HexFormat.of().formatHex(mac.doFinal(r.body()))).isEqualTo(sig[1].substring(3));
        }
        assertThat(receiver.requests).anySatisfy(r -> assertThat(r.header("X-FPI-Event")).isEqualTo("group"));

        // the log is written after the receiver answered: wait for the last attempt's row
        String logPath = "/api/webhooks/" + subscriptionId + "/deliveries?limit=1000";
        await(v -> http.call("GET", logPath, ADMIN, null).json().get("deliveries").size() >= receiver.requests.size(),
                "every attempt in the delivery log");
        JsonNode log = http.call("GET", logPath, ADMIN, null).json();
        assertThat(log.get("deliveries").size()).isEqualTo(receiver.requests.size());
        assertThat(log.get("deliveries")).allSatisfy(a -> {
            assertThat(a.get("http_status").asInt()).isEqualTo(200);
            assertThat(a.get("outcome").asText()).isEqualTo("delivered");
        });
        assertThat(log.get("deliveries")).anySatisfy(a -> assertThat(a.get("kind").asText()).isEqualTo("group"));
    }
}
