package io.fpi.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A real HTTP receiver on loopback (the JDK's HttpServer, with a thread per request so that a
 * hanging answer does not hold up the next request). It records every request it reads, and answers
 * according to a behaviour given the 1-based number of the request: status, headers, delay.
 * It can be stopped and started again on the same port (a receiver that is down, then back).
 */
public final class TestReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer one request. */
    public record Answer(int status, Map<String, String> headers, Duration delay) {
        public static Answer ok() {
            return new Answer(200, Map.of(), Duration.ZERO);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }
    }

    /** One request as received. */
    public record Request(int number, long receivedAtMs, Map<String, String> headers, byte[] body, int answeredStatus) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final IntFunction<Answer> behaviour;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final int port;
    private HttpServer server;
    private ExecutorService pool;

    public TestReceiver(IntFunction<Answer> behaviour) {
        this(behaviour, 0);
    }

    private TestReceiver(IntFunction<Answer> behaviour, int port) {
        this.behaviour = behaviour;
        this.server = bind(port);
        this.port = server.getAddress().getPort();
        start();
    }

    public static TestReceiver ok() {
        return new TestReceiver(n -> Answer.ok());
    }

    private HttpServer bind(int p) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 100);
            s.createContext("/", this::handle);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() {
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-receiver-" + port);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        inProgress.incrementAndGet();
        int n = count.incrementAndGet();
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        Answer a = behaviour.apply(n);
        requests.add(new Request(n, System.currentTimeMillis(), headers, body, a.status()));
        if (!a.delay().isZero()) {
            try {
                Thread.sleep(a.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] answer = ("{\"received\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        try {
            ex.sendResponseHeaders(a.status(), answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException clientGone) {
            // the sender timed out and closed the connection: exactly what a hanging receiver causes
        } finally {
            inProgress.decrementAndGet();
            ex.close();
        }
    }

    /** Requests read but not yet answered. */
    public int inProgress() {
        return inProgress.get();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests answered with 2xx: what the receiver accepted. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answeredStatus() >= 200 && r.answeredStatus() < 300).toList();
    }

    /** Waits until {@code condition} holds over the requests so far, or fails after {@code timeout}. */
    public void await(Predicate<List<Request>> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(requests())) {
                return;
            }
            sleep(25);
        }
        throw new AssertionError("receiver on port " + port + " did not see " + what + " within " + timeout
                + "; it got " + requests.size() + " request(s)");
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    public void restart() {
        server = bind(port);
        start();
    }

    @Override
    public void close() {
        stop();
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
