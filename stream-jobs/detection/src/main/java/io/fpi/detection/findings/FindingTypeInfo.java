package io.fpi.detection.findings;

import io.fpi.jobs.common.AvroRecordTypeInfo;
import io.fpi.schemas.Finding;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for {@link Finding}, backed by {@link FindingSerializer}. Give it explicitly
 * wherever a stream, side output or union carries findings ({@code process(fn, FindingTypeInfo.INSTANCE)},
 * {@code new OutputTag<>(name, FindingTypeInfo.INSTANCE)}).
 */
public final class FindingTypeInfo extends AvroRecordTypeInfo<Finding> {
    private static final long serialVersionUID = 1L;

    public static final FindingTypeInfo INSTANCE = new FindingTypeInfo();

    private FindingTypeInfo() {
        super(Finding.class);
    }

    @Override
    protected TypeSerializer<Finding> newSerializer() {
        return new FindingSerializer();
    }
}
