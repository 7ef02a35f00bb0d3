package io.fpi.webhooks;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import java.io.IOException;

/**
 * The dispatcher in a JVM of its own, for the crash test: configured from FPI_* variables like
 * {@link WebhookMain}, it stops cleanly when its stdin closes (the parent asks it to, or died) and
 * can be killed with SIGKILL mid-delivery.
 */
public final class DispatcherChild {
    private DispatcherChild() {}

    public static void main(String[] args) throws IOException {
        Env env = Env.system();
        ClickHouseClient clickHouse = new ClickHouseClient(ClickHouseEndpoint.fromEnv(env, env.get("FPI_CLICKHOUSE_URL", "")));
        WebhookService service = WebhookService.start(clickHouse, env.get("FPI_KAFKA_BOOTSTRAP", ""), WebhookConfig.fromEnv(env));
        System.out.println("dispatcher started");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for EOF
        }
        service.close();
        System.out.println("dispatcher stopped");
        System.exit(0);
    }
}
