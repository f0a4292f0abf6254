package dev.thermocline.flink.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupSummaryTest {

    private static final Instant CUT = Instant.parse("2026-11-24T10:31:00Z");

    @Test
    void copiesRoundTripAndNewCopiesTakeTheSnapshotId() {
        List<BackupCopy> copies = List.of(
                new BackupCopy("orders", "p0", new KeyRange(null, Key.of(100)), 3, CUT, 77, 5, BackupSummary.THIS_SNAPSHOT),
                new BackupCopy("orders", "p7", new KeyRange(Key.of(100), null), 2, CUT.minusSeconds(60), 12, 0, 42));
        Map<String, String> summary = Map.of(BackupSummary.copiesProperty("orders"), BackupSummary.encode(copies));
        List<BackupCopy> read = BackupSummary.decode("orders", KeyType.LONG, summary, 9001);
        assertThat(read).containsExactly(
                new BackupCopy("orders", "p0", new KeyRange(null, Key.of(100)), 3, CUT, 77, 5, 9001),
                copies.get(1));
        assertThat(BackupSummary.decode("users", KeyType.STRING, summary, 9001)).isEmpty();
    }

    @Test
    void anUnreadableSummaryNamesTheSnapshot() {
        Map<String, String> summary = Map.of(BackupSummary.copiesProperty("orders"), "[{\"partition_key\":");
        assertThatThrownBy(() -> BackupSummary.decode("orders", KeyType.LONG, summary, 5))
                .hasMessageContaining("backups snapshot 5");
    }
}
