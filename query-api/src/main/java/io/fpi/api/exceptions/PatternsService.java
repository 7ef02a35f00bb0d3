package io.fpi.api.exceptions;

import io.fpi.api.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Top exception patterns with trends whose empty windows are filled with zeros. */
public final class PatternsService {
    /** Most trend points (windows x patterns) one answer may hold. */
    public static final int MAX_TREND_POINTS = 50_000;
    /** Most windows one pattern's trend may have. */
    public static final int MAX_WINDOWS = 2_000;

    private final PatternsRepository repository;

    public PatternsService(PatternsRepository repository) {
        this.repository = repository;
    }

    public ExceptionPatterns top(PatternQuery q) {
        List<PatternsRepository.Row> rows = repository.top(q);
        List<ExceptionPatterns.Pattern> out = new ArrayList<>();
        long points = 0;
        for (PatternsRepository.Row r : rows) {
            ExceptionPatterns.Pattern p = r.pattern();
            long w = p.windowMs();
            long first = ceil(q.from().toEpochMilli(), w);
            long windows = w <= 0 ? 0 : Math.max(0, (q.to().toEpochMilli() - first + w - 1) / w);
            points += windows;
            if (windows > MAX_WINDOWS || points > MAX_TREND_POINTS) {
                throw ApiException.badRequest("from..to holds " + windows + " windows of " + w / 60_000 + " min per pattern; at most "
                        + MAX_WINDOWS + " per pattern and " + MAX_TREND_POINTS + " in all are allowed: use a shorter range or a smaller limit");
            }
            List<ExceptionPatterns.Point> trend = new ArrayList<>((int) windows);
            for (long t = first; w > 0 && t < q.to().toEpochMilli(); t += w) {
                trend.add(new ExceptionPatterns.Point(Instant.ofEpochMilli(t), r.counts().getOrDefault(t, 0L)));
            }
            out.add(new ExceptionPatterns.Pattern(p.scope(), p.patternKey(), p.activity(), p.errorCode(), p.sourceSystem(),
                    p.nodeId(), p.region(), p.channel(), p.attributes(), w, p.events(), p.windowsWithEvents(), p.spiking(),
                    p.latestBaselineMean(), p.latestThreshold(), p.spikeFindingId(), p.recurringFindingId(), trend));
        }
        int total = rows.size() < q.limit() ? rows.size() : repository.count(q);
        return new ExceptionPatterns(q.dataset(), q.scope() == null ? null : q.scope().wireName(), q.from(), q.to(),
                q.limit(), total, out);
    }

    private static long ceil(long ms, long step) {
        if (step <= 0) {
            return ms;
        }
        long r = Math.floorMod(ms, step);
        return r == 0 ? ms : ms - r + step;
    }
}
