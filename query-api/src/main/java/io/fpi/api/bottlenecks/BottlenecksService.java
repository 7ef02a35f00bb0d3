package io.fpi.api.bottlenecks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Ranks the waits of {@link StageWaitsRepository}: both ranks on every row, then the asked order and limit. */
public final class BottlenecksService {
    private final StageWaitsRepository repository;

    public BottlenecksService(StageWaitsRepository repository) {
        this.repository = repository;
    }

    public StageWaits waits(StageWaitsQuery q) {
        List<StageWaitsRepository.Sum> sums = repository.waits(q);
        long total = sums.stream().mapToLong(StageWaitsRepository.Sum::totalMs).sum();
        Comparator<StageWaitsRepository.Sum> byName = Comparator.comparing(StageWaitsRepository.Sum::group)
                .thenComparing(StageWaitsRepository.Sum::stage);
        Comparator<StageWaitsRepository.Sum> byTotal = Comparator.comparingLong(StageWaitsRepository.Sum::totalMs).reversed()
                .thenComparing(byName);
        Comparator<StageWaitsRepository.Sum> byMean = Comparator.comparingDouble(BottlenecksService::mean).reversed()
                .thenComparing(byName);
        List<StageWaitsRepository.Sum> totalOrder = sums.stream().sorted(byTotal).toList();
        List<StageWaitsRepository.Sum> meanOrder = sums.stream().sorted(byMean).toList();
        Map<StageWaitsRepository.Sum, Integer> totalRank = ranks(totalOrder);
        Map<StageWaitsRepository.Sum, Integer> meanRank = ranks(meanOrder);
        List<StageWaitsRepository.Sum> chosen = q.rankByMean() ? meanOrder : totalOrder;
        List<StageWaits.Row> rows = new ArrayList<>();
        for (StageWaitsRepository.Sum s : chosen.subList(0, Math.min(q.limit(), chosen.size()))) {
            int arrow = s.stage().indexOf(" -> ");
            rows.add(new StageWaits.Row(s.group().isEmpty() ? s.stage() : s.group(), s.stage(),
                    arrow < 0 ? s.stage() : s.stage().substring(0, arrow), arrow < 0 ? null : s.stage().substring(arrow + 4),
                    s.count(), s.totalMs(), Math.round(mean(s)), s.p90Ms(), total == 0 ? 0 : (double) s.totalMs() / total,
                    totalRank.get(s), meanRank.get(s)));
        }
        return new StageWaits(q.groupBy().wireName(), q.rankByMean() ? "mean" : "total", q.dataset(), q.from(), q.to(),
                q.channel(), q.fulfillmentType(), q.region(), q.node(), q.limit(), total, sums.size(), rows);
    }

    private static Map<StageWaitsRepository.Sum, Integer> ranks(List<StageWaitsRepository.Sum> ordered) {
        Map<StageWaitsRepository.Sum, Integer> out = new IdentityHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            out.put(ordered.get(i), i + 1);
        }
        return out;
    }

    private static double mean(StageWaitsRepository.Sum s) {
        return (double) s.totalMs() / s.count();
    }
}
