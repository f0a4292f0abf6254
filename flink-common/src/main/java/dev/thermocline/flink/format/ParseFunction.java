package dev.thermocline.flink.format;

import dev.thermocline.core.input.Parsed;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw records in one operator: values go downstream, dead letters to
 * {@link DeadLetters#TAG}, and records the parser {@linkplain RecordParser#skips skips} (tombstones)
 * nowhere. Counts each in the metrics {@code records_accepted}, {@code records_rejected} and
 * {@code records_skipped}.
 *
 * <p>Parsing and splitting happen together so the {@link Parsed} wrapper (a sealed interface Flink
 * would serialize with Kryo) never crosses an operator boundary.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<AccessRecord> records =
 *     raw.process(new ParseFunction<>(new AccessRecordJson(tables, clock), CoreTypes.accessRecord()));
 * DataStream<DeadLetter> deadLetters = records.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public class ParseFunction<T> extends ProcessFunction<SourceRecord, T> implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final RecordParser<T> parser;
    private final TypeInformation<T> producedType;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient Counter skipped;

    public ParseFunction(RecordParser<T> parser, TypeInformation<T> producedType) {
        this.parser = Objects.requireNonNull(parser, "parser is required");
        this.producedType = Objects.requireNonNull(producedType, "producedType is required");
    }

    @Override
    public void open(OpenContext openContext) {
        var metrics = getRuntimeContext().getMetricGroup();
        accepted = metrics.counter("records_accepted");
        rejected = metrics.counter("records_rejected");
        skipped = metrics.counter("records_skipped");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<T> out) {
        if (parser.skips(record)) {
            skipped.inc();
            return;
        }
        Parsed<T> parsed = parser.parse(record);
        if (parsed instanceof Parsed.Ok<T> ok) {
            accepted.inc();
            out.collect(ok.value());
        } else if (parsed instanceof Parsed.Rejected<T> r) {
            rejected.inc();
            ctx.output(DeadLetters.TAG, r.deadLetter());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }
}
