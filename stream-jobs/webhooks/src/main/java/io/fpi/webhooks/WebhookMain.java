package io.fpi.webhooks;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the webhook dispatcher on its own, against an existing Kafka and ClickHouse:
 * FPI_KAFKA_BOOTSTRAP (default 127.0.0.1:9092), FPI_CLICKHOUSE_URL (default http://127.0.0.1:8123,
 * plus _DATABASE, _USER, _PASSWORD) and the FPI_WEBHOOK_* options. Stops on SIGTERM/SIGINT.
 */
public final class WebhookMain {
    private WebhookMain() {}

    public static void main(String[] args) throws InterruptedException {
        Env env = Env.system();
        ClickHouseClient clickHouse = new ClickHouseClient(ClickHouseEndpoint.fromEnv(env,
                env.get("FPI_CLICKHOUSE_URL", "http://127.0.0.1:8123")));
        WebhookService service = WebhookService.start(clickHouse, env.get("FPI_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                WebhookConfig.fromEnv(env));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "fpi-webhooks-shutdown"));
        System.out.println("fpi-webhooks: dispatcher started");
        System.out.flush();
        stopped.await();
    }
}
