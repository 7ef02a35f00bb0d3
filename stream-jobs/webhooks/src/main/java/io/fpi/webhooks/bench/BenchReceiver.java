package io.fpi.webhooks.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fpi.webhooks.delivery.WebhookHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback receiver that answers 200 at once and notes when each idempotency key first arrived. */
final class BenchReceiver implements AutoCloseable {
    private static final byte[] OK = "{}".getBytes();

    private final HttpServer server;
    private final ExecutorService pool;
    final Map<String, Long> firstSeenMs = new ConcurrentHashMap<>();

    BenchReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        long now = System.currentTimeMillis();
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String key = ex.getRequestHeaders().getFirst(WebhookHeaders.IDEMPOTENCY_KEY);
        if (key != null) {
            firstSeenMs.putIfAbsent(key, now);
        }
        ex.sendResponseHeaders(200, OK.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(OK);
        }
        ex.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
