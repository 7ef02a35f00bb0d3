package io.fpi.detection.findings;

import org.apache.flink.api.common.typeutils.TypeInformationTestBase;

/** Flink's contract suite for type information: equals/hashCode, Java serializability, field counts. */
class FindingTypeInfoTest extends TypeInformationTestBase<FindingTypeInfo> {
    @Override
    protected FindingTypeInfo[] getTestData() {
        return new FindingTypeInfo[] {FindingTypeInfo.INSTANCE};
    }
}
