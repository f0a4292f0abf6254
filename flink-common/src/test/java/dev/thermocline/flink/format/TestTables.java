package dev.thermocline.flink.format;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The protected tables the parser tests configure, and small helpers to read outcomes. */
final class TestTables {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Map<String, TableSpec> TABLES = Map.of(
            "orders", longKeyed("orders", "id"),
            "customers", longKeyed("customers", "id"),
            "DEBEZIUM.CUSTOMERS", longKeyed("DEBEZIUM.CUSTOMERS", "ID"),
            "accounts", new TableSpec("accounts", "code", KeyType.STRING,
                    new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("M")))));

    private TestTables() {}

    static TableSpec longKeyed(String name, String column) {
        return new TableSpec(name, column, KeyType.LONG,
                new InitialPartitioning.EqualRanges(4, Key.of(0L), Key.of(1_000_000L)));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T value(Parsed<T> parsed) {
        if (parsed instanceof Parsed.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected a value, got " + ((Parsed.Rejected<T>) parsed).deadLetter().reason());
    }

    static DeadLetter deadLetter(Parsed<?> parsed) {
        if (parsed instanceof Parsed.Rejected<?> rejected) {
            return rejected.deadLetter();
        }
        throw new AssertionError("expected a dead letter, got " + ((Parsed.Ok<?>) parsed).value());
    }
}
