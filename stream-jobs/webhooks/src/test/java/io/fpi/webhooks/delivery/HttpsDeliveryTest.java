package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fpi.webhooks.safety.Secret;
import io.fpi.webhooks.safety.TargetPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https receivers: the certificate must chain to a trusted root and name the URL's host. A real
 * TLS server on loopback with a self-signed certificate for "localhost" (made by keytool).
 */
class HttpsDeliveryTest {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    static HttpsServer server;
    static SSLContext trusting;
    static final AtomicInteger received = new AtomicInteger();

    @BeforeAll
    static void startTlsReceiver() throws Exception {
        Path ks = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            received.incrementAndGet();
            ex.sendResponseHeaders(200, 2);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static AttemptResult send(HttpSender sender, String host) {
        String url = "https://" + host + ":" + server.getAddress().getPort() + "/hook";
        return sender.send(new HttpSender.Attempt(url, Secret.of("k"), "d", "k", "finding", 1, BODY, null)).join();
    }

    @Test
    void a_receiver_whose_certificate_is_trusted_and_names_the_host_gets_the_delivery() {
        try (HttpSender sender = new HttpSender(Duration.ofSeconds(2), Duration.ofSeconds(5),
                TargetPolicy.of("localhost"), trusting.getSocketFactory())) {
            int before = received.get();
            AttemptResult r = send(sender, "localhost");
            assertThat(r.success()).as(String.valueOf(r)).isTrue();
            assertThat(received.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void an_untrusted_certificate_is_refused() {
        try (HttpSender sender = new HttpSender(Duration.ofSeconds(2), Duration.ofSeconds(5), TargetPolicy.of("localhost"))) {
            int before = received.get();
            AttemptResult r = send(sender, "localhost");
            assertThat(r.success()).isFalse();
            assertThat(r.error()).startsWith("TLS failed");
            assertThat(received.get()).isEqualTo(before);
        }
    }

    @Test
    void a_certificate_for_another_name_is_refused() {
        try (HttpSender sender = new HttpSender(Duration.ofSeconds(2), Duration.ofSeconds(5),
                TargetPolicy.of("127.0.0.1"), trusting.getSocketFactory())) {
            AttemptResult r = send(sender, "127.0.0.1"); // the certificate names localhost only
            assertThat(r.success()).isFalse();
            assertThat(r.error()).startsWith("TLS failed");
        }
    }
}
