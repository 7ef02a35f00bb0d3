package io.fpi.detection.kpi;

import io.fpi.detection.kpi.records.KpiContribution;
import io.fpi.detection.kpi.records.KpiMinuteRow;
import io.fpi.detection.kpi.records.PendingException;
import io.fpi.detection.sla.SlaOutcome;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every type the KPI operators keep in state or send between operators is a Flink POJO, without Kryo. */
class KpiTypesTest {
    @Test
    void kpi_records_and_state_are_flink_pojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KpiContribution.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KpiMinuteRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PendingException.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SlaOutcome.class);
    }
}
