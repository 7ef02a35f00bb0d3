package io.fpi.webhooks.delivery;

import io.fpi.webhooks.safety.Secret;
import io.fpi.webhooks.safety.TargetPolicy;
import io.fpi.webhooks.safety.TargetRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes one signed HTTP attempt, asynchronously: the target check (name resolution included) runs
 * on a pool of its own and the request on the JDK client's non-blocking I/O, so a slow DNS or a
 * receiver that never answers ties up no thread that other subscriptions need. Never follows
 * redirects (a redirect to an internal address would bypass the target check); a 3xx is a failure.
 * The returned future never fails: errors become an {@link AttemptResult} with a reason.
 */
public final class HttpSender implements AutoCloseable {
    /** Bytes of a receiver's answer kept for the log. */
    static final int KEEP_BYTES = 512;

    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final TargetPolicy policy;
    private final ExecutorService checks;
    private final ExecutorService io;
    private final HttpClient http;

    /** One signed request: the body is fixed per delivery, the signature is made per attempt. */
    public record Attempt(String url, Secret secret, String deliveryId, String idempotencyKey, String event, int attempt,
                          byte[] body, String redeliveryOf) {}

    public HttpSender(Duration connectTimeout, Duration readTimeout, TargetPolicy policy) {
        this.readTimeout = readTimeout;
        this.connectTimeout = connectTimeout;
        this.policy = policy;
        this.checks = Executors.newCachedThreadPool(daemon("fpi-webhook-resolve"));
        this.io = Executors.newCachedThreadPool(daemon("fpi-webhook-http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(io)
                .build();
    }

    public CompletableFuture<AttemptResult> send(Attempt a) {
        long startedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> checkedTarget(a), checks)
                .thenCompose(uri -> http.sendAsync(request(uri, a), LimitedBody.handler(KEEP_BYTES))
                        // belt and braces: the request timeout covers the answer's head; this bounds the whole exchange
                        .orTimeout(connectTimeout.plus(readTimeout).plusSeconds(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .handle((resp, err) -> result(resp, err, startedAt, (System.nanoTime() - t0) / 1_000_000));
    }

    private URI checkedTarget(Attempt a) {
        if (!a.secret().usable()) {
            throw new CompletionException(new TargetRefusedException("cannot sign: " + a.secret().problem()));
        }
        try {
            URI uri = TargetPolicy.parse(a.url());
            policy.check(uri);
            return uri;
        } catch (TargetRefusedException e) {
            throw new CompletionException(e);
        }
    }

    private HttpRequest request(URI uri, Attempt a) {
        long ts = System.currentTimeMillis() / 1000;
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", WebhookHeaders.USER_AGENT)
                .header(WebhookHeaders.TIMESTAMP, Long.toString(ts))
                .header(WebhookHeaders.SIGNATURE, Signer.header(a.secret().bytes(), ts, a.body()))
                .header(WebhookHeaders.DELIVERY_ID, a.deliveryId())
                .header(WebhookHeaders.IDEMPOTENCY_KEY, a.idempotencyKey())
                .header(WebhookHeaders.EVENT, a.event())
                .header(WebhookHeaders.ATTEMPT, Integer.toString(a.attempt()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(a.body()));
        if (a.redeliveryOf() != null && !a.redeliveryOf().isEmpty()) {
            b.header(WebhookHeaders.REDELIVERY_OF, a.redeliveryOf());
        }
        return b.build();
    }

    private AttemptResult result(HttpResponse<String> resp, Throwable err, long startedAt, long latencyMs) {
        if (err == null) {
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                return new AttemptResult(startedAt, status, latencyMs, null, null);
            }
            Duration retryAfter = RetryPolicy.retryAfter(status, resp.headers().firstValue("Retry-After").orElse(null),
                    Instant.now()).orElse(null);
            String text = resp.body() == null ? "" : resp.body().strip().replaceAll("\\s+", " ");
            String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "")
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
            return new AttemptResult(startedAt, status, latencyMs, error, retryAfter);
        }
        return AttemptResult.failed(startedAt, latencyMs, describe(err));
    }

    private String describe(Throwable err) {
        Throwable e = err;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof TargetRefusedException) {
            return "target refused: " + e.getMessage();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timeout after " + connectTimeout.toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return "no answer within the read timeout of " + readTimeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (e instanceof IOException) {
            return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() {
        checks.shutdownNow();
        io.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
