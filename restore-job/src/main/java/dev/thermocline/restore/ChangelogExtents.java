package dev.thermocline.restore;

import dev.thermocline.core.restore.ChangelogExtent;
import dev.thermocline.core.restore.RestoreException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * How far back a table's change log reaches, from metadata: the smallest {@code ts} lower bound of
 * its files (the {@code day(ts)} partition when a file has no bound), and the retention marker
 * {@value #RETAINED_FROM_PREFIX}{@code <table>} — a {@code changelog} table property (ISO-8601
 * instant) that whoever expires old changes must set, so restores needing them fail instead of
 * silently missing rows.
 */
final class ChangelogExtents {

    static final String RETAINED_FROM_PREFIX = "thermocline.changelog.retained-from.";

    private ChangelogExtents() {}

    /** @param inferredRetention from {@link RetentionEvidence}; null when none */
    static ChangelogExtent of(Table changelog, TableFiles files, String table, Instant inferredRetention) {
        Instant marker = retainedFrom(changelog, table);
        Instant retainedFrom = marker == null ? inferredRetention
                : inferredRetention == null || marker.isAfter(inferredRetention) ? marker : inferredRetention;
        if (files == null) {
            return new ChangelogExtent(null, retainedFrom);
        }
        int tsId = changelog.schema().findField("ts").fieldId();
        Instant first = null;
        for (DataFile file : files.all()) {
            Instant lower = lowerTs(file, tsId, changelog);
            if (lower != null && (first == null || lower.isBefore(first))) {
                first = lower;
            }
        }
        return new ChangelogExtent(first, retainedFrom);
    }

    private static Instant lowerTs(DataFile file, int tsId, Table changelog) {
        ByteBuffer bound = file.lowerBounds() == null ? null : file.lowerBounds().get(tsId);
        if (bound != null) {
            long micros = Conversions.fromByteBuffer(Types.TimestampType.withZone(), bound);
            return Instant.EPOCH.plusNanos(micros * 1000);
        }
        // no column bound: the day partition is a lower bound too
        var spec = changelog.specs().get(file.specId());
        for (int i = 0; i < spec.fields().size(); i++) {
            PartitionField f = spec.fields().get(i);
            if (f.sourceId() == tsId && f.transform().toString().equals("day")) {
                Integer day = file.partition().get(i, Integer.class);
                return day == null ? null : LocalDate.ofEpochDay(day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.EPOCH;
    }

    private static Instant retainedFrom(Table changelog, String table) {
        String text = changelog.properties().get(RETAINED_FROM_PREFIX + table);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new RestoreException("changelog property " + RETAINED_FROM_PREFIX + table + " = '" + text
                    + "' is not an ISO-8601 instant");
        }
    }
}
