package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static dev.thermocline.flink.format.TestTables.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The parse-and-split operator in Flink's operator test harness: outputs, side output, metrics. */
class ParseFunctionTest {

    @Test
    void valuesGoDownstreamDeadLettersToTheSideOutputTombstonesNowhereAndAllAreCounted() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env = new MockEnvironmentBuilder()
                .setMetricGroup(new InterceptingTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return metrics;
                    }
                })
                .build();
        // Cloned as Flink ships it: through Java serialization.
        ParseFunction<ChangeRecord> function = InstantiationUtil.clone(
                new ParseFunction<>(new DebeziumChangeJson(TABLES, CLOCK), CoreTypes.changeRecord()));
        try (OneInputStreamOperatorTestHarness<SourceRecord, ChangeRecord> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(function), SourceRecord.typeInfo().createSerializer(new SerializerConfigImpl()), env)) {
            harness.open();
            byte[] bad = utf8("{\"op\":\"c\",\"source\":{\"table\":\"customers\"}}");
            harness.processElement(new StreamRecord<>(record(DebeziumChangeJsonTest.sample("postgres-create.json"), 1)));
            harness.processElement(new StreamRecord<>(record(bad, 2)));
            harness.processElement(new StreamRecord<>(record(null, 3)));
            harness.processElement(new StreamRecord<>(record(DebeziumChangeJsonTest.sample("postgres-delete.json"), 4)));

            List<ChangeRecord> values = harness.extractOutputValues();
            ConcurrentLinkedQueue<StreamRecord<DeadLetter>> letters = harness.getSideOutput(DeadLetters.TAG);

            assertThat(values).extracting(ChangeRecord::key).containsExactly(Key.of(1004L), Key.of(1004L));
            assertThat(letters).singleElement().satisfies(l -> {
                assertThat(l.getValue().raw()).isEqualTo(bad);
                assertThat(l.getValue().source()).isEqualTo("kafka:cdc/0@2");
                assertThat(l.getValue().reason()).isEqualTo("after missing for op 'c'");
            });
            assertThat(((Counter) metrics.get("records_accepted")).getCount()).isEqualTo(2);
            assertThat(((Counter) metrics.get("records_rejected")).getCount()).isEqualTo(1);
            assertThat(((Counter) metrics.get("records_skipped")).getCount()).isEqualTo(1);
        }
    }

    @Test
    void declaresTheTypeItProduces() {
        TypeInformation<ChangeRecord> type = CoreTypes.changeRecord();
        assertThat(new ParseFunction<>(new DebeziumChangeJson(TABLES, Map.of(), CLOCK, 10), type).getProducedType())
                .isSameAs(type);
    }

    @Test
    void theAccessParserSurvivesJavaSerialization() throws Exception {
        AccessRecordJson parser = InstantiationUtil.clone(new AccessRecordJson(TABLES, CLOCK, 100));

        assertThat(TestTables.value(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":3}"), "x"))
                        .partitionKey())
                .isEqualTo("3");
        assertThat(TestTables.deadLetter(parser.parse(new byte[101], "x")).reason())
                .isEqualTo("record of 101 bytes exceeds the limit of 100 bytes");
    }

    private static SourceRecord record(byte[] value, long offset) {
        return SourceRecord.ofKafka(value, "cdc", 0, offset, 0);
    }
}
