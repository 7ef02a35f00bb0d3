package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.webhooks.IndependentHmac;
import io.fpi.webhooks.safety.Secret;
import io.fpi.webhooks.safety.TargetPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender's HTTP/1.1 against hand-written loopback servers that answer exactly as told:
 * chunked bodies, connections closed while idle, redirects, trickling answers.
 */
class HttpSenderTest {
    private static final byte[] BODY = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
    private final List<RawServer> servers = new ArrayList<>();
    private final HttpSender sender = new HttpSender(Duration.ofMillis(500), Duration.ofMillis(800), TargetPolicy.of("127.0.0.1"));

    @AfterEach
    void stop() {
        sender.close();
        servers.forEach(RawServer::close);
    }

    /** A server that reads one request per call of {@code answer} on each connection it accepts. */
    private final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        RawServer(BiConsumer<Integer, OutputStream> answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            servers.add(this);
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread c = new Thread(() -> serve(s, answer));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, BiConsumer<Integer, OutputStream> answer) {
            try (s; InputStream in = s.getInputStream()) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                while (true) {
                    String line = r.readLine();
                    if (line == null) {
                        return;
                    }
                    Map<String, String> h = new HashMap<>();
                    h.put(":request", line);
                    for (String l = r.readLine(); l != null && !l.isEmpty(); l = r.readLine()) {
                        int colon = l.indexOf(':');
                        h.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
                    }
                    char[] body = new char[Integer.parseInt(h.get("content-length"))];
                    int read = 0;
                    while (read < body.length) {
                        read += r.read(body, read, body.length - read);
                    }
                    h.put(":body", new String(body));
                    requests.add(h);
                    answer.accept(requests.size(), s.getOutputStream());
                    if (s.isClosed()) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
            }
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/in/box?x=1";
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private static void write(OutputStream out, String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private AttemptResult send(String url) {
        return sender.send(new HttpSender.Attempt(url, Secret.of("s3cret"), "d-1", "stall-1", "finding", 1, BODY, null)).join();
    }

    @Test
    void a_request_carries_the_signed_body_and_every_documented_header() throws Exception {
        RawServer server = new RawServer((n, out) -> write(out, "HTTP/1.1 204 No Content\r\n\r\n"));
        AttemptResult r = send(server.url());

        assertThat(r.success()).as(String.valueOf(r)).isTrue();
        Map<String, String> req = server.requests.get(0);
        assertThat(req.get(":request")).isEqualTo("POST /in/box?x=1 HTTP/1.1");
        assertThat(req.get("host")).isEqualTo("127.0.0.1:" + server.socket.getLocalPort());
        assertThat(req.get("content-type")).isEqualTo("application/json");
        assertThat(req.get("idempotency-key")).isEqualTo("stall-1");
        assertThat(req.get("x-fpi-delivery-id")).isEqualTo("d-1");
        assertThat(req.get("x-fpi-event")).isEqualTo("finding");
        assertThat(req.get("x-fpi-attempt")).isEqualTo("1");
        assertThat(req.get("x-fpi-signature")).startsWith("t=" + req.get("x-fpi-timestamp") + ",v1=");
        assertThat(req.get(":body")).isEqualTo("{\"version\":1}");
        assertThat(IndependentHmac.verify("s3cret", req.get("x-fpi-signature"), BODY, System.currentTimeMillis() / 1000, 60)).isTrue();
    }

    @Test
    void a_chunked_error_answer_is_read_into_the_error_and_the_connection_is_reused() throws Exception {
        RawServer server = new RawServer((n, out) -> write(out, n == 1
                ? "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nboom!\r\n3;ext=1\r\n :(\r\n0\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        AttemptResult failed = send(server.url());
        AttemptResult ok = send(server.url());

        assertThat(failed.httpStatus()).isEqualTo(500);
        assertThat(failed.error()).isEqualTo("HTTP 500: boom! :(");
        assertThat(ok.success()).isTrue();
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void a_connection_the_receiver_closed_while_idle_is_replaced_without_failing_the_attempt() throws Exception {
        RawServer server = new RawServer((n, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            try {
                out.close(); // says keep-alive, then hangs up anyway
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(send(server.url()).success()).isTrue();
        Thread.sleep(100);
        assertThat(send(server.url()).success()).isTrue();
        assertThat(server.requests).hasSize(2);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void redirects_are_not_followed_and_retry_after_is_read() throws Exception {
        RawServer redirect = new RawServer((n, out) -> write(out,
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://169.254.169.254/\r\nContent-Length: 0\r\n\r\n"));
        RawServer busy = new RawServer((n, out) -> write(out, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"));

        AttemptResult r = send(redirect.url());
        assertThat(r.httpStatus()).isEqualTo(307);
        assertThat(r.error()).contains("redirects are not followed");
        assertThat(redirect.requests).hasSize(1);
        assertThat(send(busy.url()).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void an_answer_trickling_in_past_the_read_timeout_fails_the_attempt() throws Exception {
        RawServer slow = new RawServer((n, out) -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 20; i++) {
                write(out, "X-Slow: " + i + "\r\n");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        AttemptResult r = send(slow.url());
        assertThat(r.success()).isFalse();
        assertThat(r.error()).contains("read timeout");
        assertThat(r.latencyMs()).isLessThan(1_500);
    }

    @Test
    void a_refused_target_or_an_unusable_secret_never_opens_a_connection() throws Exception {
        RawServer server = new RawServer((n, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        try (HttpSender strict = new HttpSender(Duration.ofMillis(500), Duration.ofMillis(500), TargetPolicy.of(""))) {
            AttemptResult refused = strict.send(new HttpSender.Attempt(server.url(), Secret.of("k"), "d", "k", "finding", 1, BODY,
                    null)).join();
            assertThat(refused.error()).startsWith("target refused").contains("loopback");
        }
        AttemptResult unsigned = sender.send(new HttpSender.Attempt(server.url(), Secret.unusable("key changed"), "d", "k",
                "finding", 1, BODY, null)).join();
        assertThat(unsigned.error()).contains("cannot sign").contains("key changed");
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void nothing_listening_is_reported_as_refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AttemptResult r = send("http://127.0.0.1:" + port + "/x");
        assertThat(r.httpStatus()).isZero();
        assertThat(r.error()).isEqualTo("connection refused or unreachable");
    }
}
