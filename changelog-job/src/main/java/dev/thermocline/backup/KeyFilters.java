package dev.thermocline.backup;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * Iceberg filters on the key columns shared by {@code changelog} and {@code backups}: long keys on
 * {@code key_long} (numeric order; {@code key} as text would put "10" before "9"), string keys on
 * {@code key} (Iceberg orders strings by code point, which is UTF-8 byte order, as {@code StringKey}).
 * Per-file min/max of those columns let scans skip files outside the range.
 */
final class KeyFilters {

    private KeyFilters() {}

    static Expression in(KeyRange range) {
        Expression e = Expressions.alwaysTrue();
        if (range.start() != null) {
            e = Expressions.and(e, Expressions.greaterThanOrEqual(column(range.start()), literal(range.start())));
        }
        if (range.end() != null) {
            e = Expressions.and(e, Expressions.lessThan(column(range.end()), literal(range.end())));
        }
        return e;
    }

    private static String column(Key key) {
        return key instanceof LongKey ? "key_long" : "key";
    }

    private static Object literal(Key key) {
        return key instanceof LongKey l ? (Object) l.value() : key.text();
    }
}
