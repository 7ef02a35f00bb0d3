package io.fpi.api.findings;

import io.fpi.api.http.ApiException;

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
        var findings = repository.find(f);
        return new FindingList(findings, findings.size(), f.limit(), f.type() == null ? null : f.type().wireName(),
                f.dataset(), f.orderId(), f.from(), f.to());
    }
}
