package io.fpi.webhooks.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a receiver's answer but keeps only its first bytes (for the delivery log's error text):
 * a receiver answering with a huge body costs no memory.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final byte[] kept;
    private int size;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    LimitedBody(int limit) {
        this.limit = limit;
        this.kept = new byte[limit];
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), limit - size);
            if (n > 0) {
                b.get(kept, size, n);
                size += n;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }
}
