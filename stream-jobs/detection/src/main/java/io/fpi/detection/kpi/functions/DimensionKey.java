package io.fpi.detection.kpi.functions;

import io.fpi.detection.kpi.records.KpiContribution;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys contributions by (dataset, channel, fulfillment type, region, node): one aggregator key per
 * row family, whose minutes live in that key's state. The unit separator cannot occur in the
 * vocabularies these come from.
 */
public class DimensionKey implements KeySelector<KpiContribution, String> {
    private static final long serialVersionUID = 1L;
    private static final char SEP = '\u001f';

    @Override
    public String getKey(KpiContribution c) {
        return c.dataset + SEP + c.channel + SEP + c.fulfillmentType + SEP + c.region + SEP + c.nodeId;
    }
}
