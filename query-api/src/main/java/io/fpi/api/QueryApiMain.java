package io.fpi.api;

import io.fpi.api.auth.ApiAuth;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.clickhouse.ClickHouseException;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.migrations.Migrations;
import io.fpi.webhooks.WebhookConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the query API on its own, against an existing ClickHouse and Kafka.
 *
 * <table>
 *   <caption>Options (environment)</caption>
 *   <tr><td>FPI_CLICKHOUSE_URL</td><td>http://127.0.0.1:8123</td><td>ClickHouse HTTP interface
 *       (plus FPI_CLICKHOUSE_DATABASE, _USER, _PASSWORD)</td></tr>
 *   <tr><td>FPI_KAFKA_BOOTSTRAP</td><td>127.0.0.1:9092</td><td>brokers, for /api/health</td></tr>
 *   <tr><td>FPI_HTTP_HOST</td><td>127.0.0.1</td><td>listen address; set 0.0.0.0 to expose it</td></tr>
 *   <tr><td>FPI_HTTP_PORT</td><td>8080</td><td>listen port</td></tr>
 * </table>
 */
public final class QueryApiMain {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiMain.class);

    private QueryApiMain() {}

    public static void main(String[] args) {
        Env env = Env.system();
        ApiConfig config = ApiConfig.defaults();
        ClickHouseClient clickHouse = new ClickHouseClient(ClickHouseEndpoint.fromEnv(env,
                env.get("FPI_CLICKHOUSE_URL", "http://127.0.0.1:8123")));
        KafkaProbe kafka = new KafkaProbe(env.get("FPI_KAFKA_BOOTSTRAP", "127.0.0.1:9092"), config.healthTimeout());
        ensureSchema(clickHouse);
        QueryApiApp app = new QueryApiApp(clickHouse, kafka, config, ApiAuth.fromEnv(env, null), WebhookConfig.fromEnv(env))
                .start(env.get("FPI_HTTP_HOST", "127.0.0.1"), env.getInt("FPI_HTTP_PORT", 8080));
        LOG.info("FPI query API and dashboard on port {} (ClickHouse {}, Kafka {})", app.port(),
                clickHouse.endpoint(), kafka.bootstrapServers());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            kafka.close();
        }, "fpi-query-api-shutdown"));
    }

    // Idempotent, and lets the API answer (with empty results) before the trace job has run once.
    // A ClickHouse that is down or read-only is not fatal: /api/health will say what is wrong.
    private static void ensureSchema(ClickHouseClient clickHouse) {
        try {
            Migrations.apply(clickHouse);
        } catch (ClickHouseException e) {
            LOG.warn("could not apply ClickHouse migrations, continuing: {}", e.getMessage());
        }
    }
}
