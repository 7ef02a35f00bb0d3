package io.fpi.webhooks.delivery;

import io.fpi.webhooks.safety.Secret;
import io.fpi.webhooks.safety.TargetPolicy;
import io.fpi.webhooks.safety.TargetRefusedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes one signed HTTP/1.1 POST per attempt. Each attempt runs on a thread of its own pool
 * (blocking sockets: at most the sum of the subscriptions' in-flight limits at once), so a receiver
 * that is slow, hangs or never answers only holds its own attempts, up to the timeouts.
 *
 * <p>Safety: the host is resolved and every address checked ({@link TargetPolicy#resolve}) at
 * each attempt, and the socket connects to a checked address, never resolving the name again; no
 * redirect is followed (a 3xx is a failure); https verifies the certificate against the URL's host.
 * Connections are kept alive per (host, port, address) and reused; a reused connection that turns
 * out to have been closed by the receiver is retried once on a fresh one.
 *
 * <p>The returned future never fails: errors become an {@link AttemptResult} with a reason that
 * names neither the URL (it may carry a token) nor the secret.
 */
public final class HttpSender implements AutoCloseable {
    private static final long IDLE_MS = 15_000;
    private static final int MAX_IDLE_PER_ENDPOINT = 32;

    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final TargetPolicy policy;
    private final SSLSocketFactory tls;
    private final ExecutorService pool;
    private final Map<Endpoint, ConcurrentLinkedDeque<HttpConnection>> idle = new ConcurrentHashMap<>();

    /** One signed request: the body is fixed per delivery, the signature is made per attempt. */
    public record Attempt(String url, Secret secret, String deliveryId, String idempotencyKey, String event, int attempt,
                          byte[] body, String redeliveryOf) {}

    private record Endpoint(boolean https, String host, int port, InetAddress address) {}

    public HttpSender(Duration connectTimeout, Duration readTimeout, TargetPolicy policy) {
        this(connectTimeout, readTimeout, policy, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls the TLS socket factory (its trust store decides which receivers' certificates are accepted) */
    public HttpSender(Duration connectTimeout, Duration readTimeout, TargetPolicy policy, SSLSocketFactory tls) {
        this.connectTimeoutMs = (int) connectTimeout.toMillis();
        this.readTimeoutMs = (int) readTimeout.toMillis();
        this.policy = policy;
        this.tls = tls;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fpi-webhook-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public CompletableFuture<AttemptResult> send(Attempt a) {
        long startedAt = System.currentTimeMillis();
        try {
            return CompletableFuture.supplyAsync(() -> exchange(a, startedAt), pool);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(AttemptResult.failed(startedAt, 0, "the dispatcher is stopping"));
        }
    }

    private AttemptResult exchange(Attempt a, long startedAt) {
        long t0 = System.nanoTime();
        try {
            if (!a.secret().usable()) {
                throw new TargetRefusedException("cannot sign: " + a.secret().problem());
            }
            URI uri = TargetPolicy.parse(a.url());
            InetAddress address = policy.resolve(uri)[0];
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            Endpoint ep = new Endpoint(https, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80, address);
            byte[] head = head(uri, a);
            HttpConnection.Response r = null;
            HttpConnection c = takeIdle(ep);
            if (c != null) {
                try {
                    r = c.exchange(head, a.body(), t0 + readDeadline());
                } catch (IOException e) {
                    c.close();
                    // Only a connection the receiver closed while it was idle is retried (once, fresh): the
                    // request never reached it. A timeout is the receiver's answer time, never retried here.
                    if (!c.failedBeforeAnswer() || e instanceof java.net.SocketTimeoutException) {
                        throw e;
                    }
                    c = null;
                }
            }
            if (c == null) {
                c = HttpConnection.open(address, ep.port(), bareHost(ep.host()), https, tls, connectTimeoutMs, readTimeoutMs);
                r = c.exchange(head, a.body(), System.nanoTime() + readDeadline());
            }
            release(ep, c, r.reusable());
            return result(r, startedAt, (System.nanoTime() - t0) / 1_000_000);
        } catch (TargetRefusedException e) {
            return AttemptResult.failed(startedAt, elapsed(t0), "target refused: " + e.getMessage());
        } catch (Exception e) {
            return AttemptResult.failed(startedAt, elapsed(t0), describe(e));
        }
    }

    private long readDeadline() {
        return readTimeoutMs * 1_000_000L;
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private byte[] head(URI uri, Attempt a) {
        long ts = System.currentTimeMillis() / 1000;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder h = new StringBuilder(512)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(a.body().length).append("\r\n")
                .append("User-Agent: ").append(WebhookHeaders.USER_AGENT).append("\r\n")
                .append("Connection: keep-alive\r\n");
        header(h, WebhookHeaders.TIMESTAMP, Long.toString(ts));
        header(h, WebhookHeaders.SIGNATURE, Signer.header(a.secret().bytes(), ts, a.body()));
        header(h, WebhookHeaders.DELIVERY_ID, a.deliveryId());
        header(h, WebhookHeaders.IDEMPOTENCY_KEY, a.idempotencyKey());
        header(h, WebhookHeaders.EVENT, a.event());
        header(h, WebhookHeaders.ATTEMPT, Integer.toString(a.attempt()));
        if (a.redeliveryOf() != null && !a.redeliveryOf().isEmpty()) {
            header(h, WebhookHeaders.REDELIVERY_OF, a.redeliveryOf());
        }
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Values come from finding ids and our own ids; anything that could split a header is replaced. */
    private static void header(StringBuilder h, String name, String value) {
        h.append(name).append(": ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            h.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        h.append("\r\n");
    }

    private HttpConnection takeIdle(Endpoint ep) {
        ConcurrentLinkedDeque<HttpConnection> q = idle.get(ep);
        if (q == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        HttpConnection c;
        while ((c = q.pollFirst()) != null) {
            if (now - c.idleSinceMs < IDLE_MS && c.isOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Endpoint ep, HttpConnection c, boolean reusable) {
        ConcurrentLinkedDeque<HttpConnection> q = idle.computeIfAbsent(ep, k -> new ConcurrentLinkedDeque<>());
        if (!reusable || pool.isShutdown() || q.size() >= MAX_IDLE_PER_ENDPOINT) {
            c.close();
            return;
        }
        c.idleSinceMs = System.currentTimeMillis();
        q.addFirst(c);
    }

    private static AttemptResult result(HttpConnection.Response r, long startedAt, long latencyMs) {
        int status = r.status();
        if (status >= 200 && status < 300) {
            return new AttemptResult(startedAt, status, latencyMs, null, null);
        }
        Duration retryAfter = RetryPolicy.retryAfter(status, r.headers().get("retry-after"), Instant.now()).orElse(null);
        String text = r.body().strip().replaceAll("\\s+", " ");
        String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "")
                + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        return new AttemptResult(startedAt, status, latencyMs, error, retryAfter);
    }

    private String describe(Exception e) {
        if (e instanceof HttpConnection.ConnectTimeout) {
            return "connect timeout after " + connectTimeoutMs + " ms";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within the read timeout of " + readTimeoutMs + " ms";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "connection refused or unreachable";
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        idle.values().forEach(q -> q.forEach(HttpConnection::close));
        idle.clear();
    }
}
