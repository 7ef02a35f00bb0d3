package io.fpi.api.findings;

import io.fpi.api.http.ApiException;
import java.util.List;

/** Finding queries as the API offers them. */
public final class FindingsService {
    private final FindingsRepository repository;

    public FindingsService(FindingsRepository repository) {
        this.repository = repository;
    }

    public FindingList find(FindingFilter f) {
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw ApiException.badRequest("from must be before to (got from=" + f.from() + ", to=" + f.to() + ")");
        }
        List<Finding> rows = repository.find(f);
        boolean more = rows.size() > f.limit();
        List<Finding> page = more ? rows.subList(0, f.limit()) : rows;
        return new FindingList(page, page.size(), f.limit(), f.type() == null ? null : f.type().wireName(),
                f.dataset(), f.orderId(), f.from(), f.to(), f.node(), f.channel(), f.fulfillmentType(), f.severity(),
                more ? FindingCursor.of(page.get(page.size() - 1)).encode() : null);
    }
}
