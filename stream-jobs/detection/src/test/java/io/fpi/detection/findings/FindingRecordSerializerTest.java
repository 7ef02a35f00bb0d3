package io.fpi.detection.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.Finding;
import io.fpi.schemas.FindingCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class FindingRecordSerializerTest {

    @Test
    void a_finding_is_keyed_by_dataset_and_id_and_carries_no_event_time_as_record_time() throws Exception {
        Finding f = FindingSerializerTest.slaBreach();
        ProducerRecord<byte[], byte[]> r = new FindingRecordSerializer("fpi.findings").serialize(f, null, 42L);

        assertThat(r.topic()).isEqualTo("fpi.findings");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.getDataset() + "/" + f.getFindingId());
        assertThat(new FindingCodec().decode(r.value())).isEqualTo(f);
        // a record time of detected_at (event time, possibly months back for a replay or an import)
        // would let the broker's time-based retention delete the finding before anyone reads it
        assertThat(r.timestamp()).as("stamped by the producer when sent").isNull();
    }
}
