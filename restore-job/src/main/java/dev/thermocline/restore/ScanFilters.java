package dev.thermocline.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.restore.KeySpans;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The pushed-down filters of restore's scans: Iceberg prunes manifests by the identity partitions
 * ({@code table_name}, {@code partition_key}) and {@code day(ts)}, and files by the column bounds of
 * {@code key_long} (long keys, numeric order) or {@code key} (string keys) and {@code ts}.
 */
final class ScanFilters {

    private ScanFilters() {}

    static Expression table(String table) {
        return Expressions.equal("table_name", table);
    }

    static Expression partitions(Collection<String> partitionKeys) {
        return Expressions.in("partition_key", partitionKeys.toArray());
    }

    /**
     * Keys in any of the spans' ranges, so a file between two requested ranges (a key list, ranges
     * with gaps) is pruned too; a balanced OR keeps evaluation shallow. Beyond
     * {@value #MAX_RANGES_IN_FILTER} ranges, their covering range (per-file cost stays bounded).
     */
    static Expression keys(KeyType type, KeySpans spans) {
        List<KeyRange> ranges = spans.ranges();
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES_IN_FILTER) {
            return keys(type, spans.covering());
        }
        return anyOf(ranges.stream().map(r -> keys(type, r)).toList(), 0, ranges.size());
    }

    static final int MAX_RANGES_IN_FILTER = 1024;

    private static Expression anyOf(List<Expression> filters, int from, int to) {
        if (to - from == 1) {
            return filters.get(from);
        }
        int mid = (from + to) >>> 1;
        return Expressions.or(anyOf(filters, from, mid), anyOf(filters, mid, to));
    }

    /** Keys in {@code [start, end)} on the column whose order is the key order. */
    static Expression keys(KeyType type, KeyRange range) {
        String column = type == KeyType.LONG ? "key_long" : "key";
        Expression e = Expressions.alwaysTrue();
        if (range.start() != null) {
            e = Expressions.and(e, Expressions.greaterThanOrEqual(column, literal(range.start())));
        }
        if (range.end() != null) {
            e = Expressions.and(e, Expressions.lessThan(column, literal(range.end())));
        }
        return e;
    }

    /** Changes with {@code after < ts <= upTo}; {@code after} null = from the start. */
    static Expression window(Instant after, Instant upTo) {
        Expression e = Expressions.lessThanOrEqual("ts", micros(upTo));
        return after == null ? e : Expressions.and(Expressions.greaterThan("ts", micros(after)), e);
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Object literal(Key key) {
        return key instanceof LongKey l ? (Object) l.value() : key.text();
    }
}
