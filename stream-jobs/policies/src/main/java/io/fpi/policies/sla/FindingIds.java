package io.fpi.policies.sla;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic finding ids: a name-based UUID (RFC 4122 version 3) of
 * {@code dataset, order_id, policy id, rule name, finding type}. A replay of the same events, a
 * restart from an older checkpoint, or a second detector over the same data produce the same ids,
 * so a ReplacingMergeTree or a webhook receiver keeps one copy. The policy file's version is not
 * part of the id: a re-versioned file that keeps a policy id and rule name judges "the same"
 * commitment; rename the policy (e.g. {@code bopis-v2}) when its meaning changes.
 */
public final class FindingIds {
    /** ASCII unit separator: absent from real ids, so two different tuples never join into one key. */
    private static final char SEP = '\u001f';

    private FindingIds() {}

    public static String of(String dataset, String orderId, String policyId, String rule, FindingType type) {
        String key = dataset + SEP + orderId + SEP + policyId + SEP + rule + SEP + type.name();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
