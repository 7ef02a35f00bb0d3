package io.fpi.detection.kpi.functions;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.Measure;
import io.fpi.detection.sla.SlaOutcome;
import org.apache.flink.api.common.functions.MapFunction;

/** One SLA milestone that came due: one due, met or not, in the minute it was decided. */
public class SlaContributions implements MapFunction<SlaOutcome, KpiContribution> {
    private static final long serialVersionUID = 1L;

    @Override
    public KpiContribution map(SlaOutcome o) {
        return new KpiContribution(o.dataset, o.channel, o.fulfillmentType, o.region, o.nodeId, o.decidedAtMs,
                Measure.SLA_OUTCOME, 1, o.met ? 1 : 0, "");
    }
}
