package io.fpi.webhooks.delivery;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.subscriptions.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscriptions the dispatcher knows and their workers, refreshed from ClickHouse. Matching
 * and refreshing happen on the consumer thread only; workers are closed when their subscription
 * disappears (deleted). A disabled subscription keeps its worker, so its queued deliveries still
 * go out, but matches no new findings.
 */
final class Registry {
    private final WorkerContext ctx;
    private final Map<String, SubscriptionWorker> workers = new HashMap<>();
    private List<SubscriptionWorker> matching = List.of();
    private List<Subscription> enabled = List.of();

    Registry(WorkerContext ctx) {
        this.ctx = ctx;
    }

    /** @param first at start: workers resume their pending deliveries and those of deleted subscriptions are dead-lettered */
    void refresh(List<Subscription> current, boolean first) {
        Set<String> seen = new HashSet<>();
        for (Subscription s : current) {
            seen.add(s.id());
            SubscriptionWorker w = workers.get(s.id());
            if (w == null) {
                w = new SubscriptionWorker(ctx, s);
                workers.put(s.id(), w);
                if (first) {
                    w.resumeFromStore();
                }
            } else if (w.subscription().version() != s.version()) {
                w.update(s);
            }
        }
        for (var it = workers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                e.getValue().close(true);
                it.remove();
            }
        }
        List<SubscriptionWorker> m = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        for (Subscription s : current) {
            if (s.enabled()) {
                m.add(workers.get(s.id()));
                subs.add(s);
            }
        }
        matching = m;
        enabled = subs;
    }

    /** Pending deliveries of subscriptions that no longer exist become dead letters. */
    void deadLetterOrphans(Collection<String> subscriptionsWithPending) {
        for (String id : subscriptionsWithPending) {
            if (!workers.containsKey(id)) {
                ctx.loader().execute(() -> SubscriptionWorker.deadLetterStored(ctx, id, Set.of()));
            }
        }
    }

    /** Workers of the enabled subscriptions whose filters match. */
    List<SubscriptionWorker> matching(Finding f) {
        List<SubscriptionWorker> out = new ArrayList<>(2);
        for (int i = 0; i < enabled.size(); i++) {
            if (enabled.get(i).filters().matches(f)) {
                out.add(matching.get(i));
            }
        }
        return out;
    }

    Collection<SubscriptionWorker> workers() {
        return workers.values();
    }

    int size() {
        return workers.size();
    }
}
