package io.fpi.launcher.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bearer-token auth in front of the API, as the API will have it: /api/** without
 * "Authorization: Bearer TOKEN" gets 401 with the API's error shape; everything else (pages,
 * webjars, authorised API calls) is forwarded unchanged. Lets the browser test prove that the
 * pages ask for a token on 401 and send it once entered.
 */
final class TokenGate implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final String upstream;
    private final String token;
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger authorised = new AtomicInteger();

    TokenGate(String upstream, String token) throws IOException {
        this.upstream = upstream;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (path.startsWith("/api/")) {
                if (!("Bearer " + token).equals(auth)) {
                    refused.incrementAndGet();
                    send(ex, 401, "application/json",
                            "{\"error\":\"unauthorized\",\"message\":\"a bearer token is required\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                authorised.incrementAndGet();
            }
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest req = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query))).GET().build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            send(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
