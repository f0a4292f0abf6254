package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.restore.KeySpans;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.junit.jupiter.api.Test;

/**
 * The key filter restore pushes into its scans keeps exactly the keys of the segment's spans — the
 * independent oracle is {@link KeySpans#contains} — for long keys (numeric order on {@code key_long})
 * and string keys (byte order on {@code key}), with gaps between ranges and open ends.
 */
class ScanFiltersTest {

    private static final Schema SCHEMA = ThermoclineTables.backups().schema();

    @Test
    void aRowMatchesTheLongKeyFilterExactlyWhenItsKeyIsInOneOfTheRanges() {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            List<KeyRange> ranges = new ArrayList<>();
            for (int r = random.nextInt(6) + 1; r > 0; r--) {
                long lo = random.nextInt(1000) - 500;
                long hi = lo + 1 + random.nextInt(50);
                ranges.add(new KeyRange(random.nextInt(20) == 0 ? null : Key.of(lo),
                        random.nextInt(20) == 0 ? null : Key.of(hi)));
            }
            KeySpans spans = KeySpans.of(ranges);
            Evaluator filter = new Evaluator(SCHEMA.asStruct(), ScanFilters.keys(KeyType.LONG, spans));
            for (long k = -600; k <= 600; k += 1 + random.nextInt(3)) {
                assertThat(filter.eval(row(Key.of(k)))).as("key %d in %s", k, spans).isEqualTo(spans.contains(Key.of(k)));
            }
        }
    }

    @Test
    void stringKeysFollowByteOrderAcrossGaps() {
        KeySpans spans = KeySpans.of(List.of(new KeyRange(Key.of("k1"), Key.of("k2")), new KeyRange(Key.of("k5"), Key.of("k6")),
                new KeyRange(Key.of("k9"), null)));
        Evaluator filter = new Evaluator(SCHEMA.asStruct(), ScanFilters.keys(KeyType.STRING, spans));
        for (String k : List.of("k0", "k1", "k10", "k19", "k2", "k3", "k49", "k5", "k55", "k6", "k8", "k9", "k99", "l", "é")) {
            assertThat(filter.eval(row(Key.of(k)))).as(k).isEqualTo(spans.contains(Key.of(k)));
        }
    }

    @Test
    void manyRangesStayShallowAndBeyondTheCapTheCoveringRangeIsUsed() {
        List<KeyRange> keys = new ArrayList<>();
        for (long k = 0; k < 3 * ScanFilters.MAX_RANGES_IN_FILTER; k += 3) {
            keys.add(new KeyRange(Key.of(k), Key.of(k + 1)));
        }
        KeySpans spans = KeySpans.of(keys);
        Evaluator capped = new Evaluator(SCHEMA.asStruct(), ScanFilters.keys(KeyType.LONG, spans));
        assertThat(capped.eval(row(Key.of(3)))).isTrue();
        assertThat(capped.eval(row(Key.of(4)))).as("exactly the keys at the cap").isFalse();

        keys.add(new KeyRange(Key.of(100_000), Key.of(100_001)));
        KeySpans beyond = KeySpans.of(keys);
        Expression covering = ScanFilters.keys(KeyType.LONG, beyond);
        Evaluator wide = new Evaluator(SCHEMA.asStruct(), covering);
        assertThat(wide.eval(row(Key.of(4)))).as("the covering range beyond the cap").isTrue();
        assertThat(wide.eval(row(Key.of(100_001)))).isFalse();
    }

    private static GenericRecord row(Key key) {
        GenericRecord r = GenericRecord.create(SCHEMA);
        r.setField("key", key.text());
        r.setField("key_long", key.type() == KeyType.LONG ? Long.parseLong(key.text()) : null);
        return r;
    }
}
