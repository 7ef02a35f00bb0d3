package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.api.auth.ApiAuth;
import io.fpi.api.health.KafkaProbe;
import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.FreePorts;
import io.fpi.webhooks.WebhookConfig;
import io.fpi.webhooks.safety.SecretCipher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** FPI_AUTH=off: allowed on loopback only, and then every route is open. */
@ExtendWith(FixtureClickHouse.class)
class AuthModeTest {
    private static QueryApiApp app(ApiAuth auth, KafkaProbe kafka) {
        return new QueryApiApp(FixtureClickHouse.client(), kafka, ApiConfig.defaults(), auth,
                WebhookConfig.defaults().withSecretKey(SecretCipher.newKeyBase64(), null));
    }

    @Test
    void auth_off_on_loopback_opens_the_admin_routes() {
        try (KafkaProbe kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1))) {
            QueryApiApp app = app(ApiAuth.fromEnv(new Env(Map.of("FPI_AUTH", "off")), null), kafka).start("127.0.0.1", 0);
            try {
                assertThat(new HttpCalls(app.port()).call("GET", "/api/webhooks", null, null).status()).isEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void auth_off_is_refused_when_the_api_would_serve_other_machines() {
        try (KafkaProbe kafka = new KafkaProbe("127.0.0.1:" + FreePorts.pick(), Duration.ofSeconds(1))) {
            QueryApiApp app = app(ApiAuth.off(), kafka);
            assertThatThrownBy(() -> app.start("0.0.0.0", 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("FPI_AUTH=off").hasMessageContaining("loopback");
            app.stop();
        }
    }

    @Test
    void a_bad_fpi_auth_value_is_a_configuration_error() {
        assertThatThrownBy(() -> ApiAuth.fromEnv(new Env(Map.of("FPI_AUTH", "maybe")), null))
                .hasMessageContaining("FPI_AUTH must be on or off");
    }
}
