package dev.thermocline.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.changelog.ChangelogProgress;
import dev.thermocline.changelog.TestJobs;
import dev.thermocline.changelog.TestWarehouse;
import dev.thermocline.changelog.WorkloadEvents;
import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention with Iceberg's maintenance: old backup snapshots expire and change-log files no kept
 * copy needs go, yet every kept copy still equals its replay, every change after the kept cutoffs
 * is still there, and the next backup still builds on the kept copies. Then a compaction of the
 * change log changes neither its content nor how far it is complete.
 */
class RetentionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final DuePolicy NEVER = new DuePolicy(Long.MAX_VALUE, 1e9, Long.MAX_VALUE, Duration.ofDays(3650));

    @Test
    void retentionRemovesOnlyWhatNoRestoreInsideItNeeds(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(31).withInitialRows(200).withEvents(0, 1_800));
        List<WorkloadEvents.Event> events = WorkloadEvents.of(workload);
        List<ChangeRecord> history = workload.history();
        List<List<WorkloadEvents.Event>> batches = BackupRunITCase.batches(events, 3);
        Clock clock = Clock.fixed(events.get(events.size() - 1).event().eventTime().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        Set<String> all = Set.of("p0", "p1", "p2", "p3");

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            BackupRun backup = new BackupRun(warehouse.loader(), TestWarehouse.NAMESPACE, warehouse.specs(), clock);
            BackupRunITCase.ingest(warehouse, dir, batches, 0);
            BackupResult a = backup.run(TestJobs.environment(dir.resolve("ck-a"), false), BackupOptions.defaults());
            BackupRunITCase.ingest(warehouse, dir, batches, 1);
            BackupResult b = backup.run(TestJobs.environment(dir.resolve("ck-b"), false),
                    BackupOptions.defaults().withPolicy(NEVER).withOnDemand("orders", all));
            Instant cutoffB = b.table("orders").cutoff();
            long changelogRowsBefore = warehouse.rowCount(ThermoclineTables.CHANGELOG);

            Table backups = warehouse.table(ThermoclineTables.BACKUPS);
            Instant horizon = Instant.ofEpochMilli(backups.snapshot(b.snapshotId()).timestampMillis());
            Retention.Result result = new Retention(warehouse.catalog(), TestWarehouse.NAMESPACE, warehouse.specs())
                    .apply(horizon);

            assertThat(result.oldestBackupKept()).isEqualTo(b.snapshotId());
            assertThat(result.changesNeededAfter()).containsEntry("orders", cutoffB);
            assertThat(warehouse.table(ThermoclineTables.BACKUPS).snapshot(a.snapshotId())).isNull();
            BackupRunITCase.assertEveryCopyEqualsTheReplay(warehouse, history, List.of(b.snapshotId()));
            assertThat(result.changelogFilesRemoved()).isPositive();
            assertThat(warehouse.rowCount(ThermoclineTables.CHANGELOG)).isLessThan(changelogRowsBefore);
            List<ChangeRecord> kept = warehouse.readChangelog().stream().map(TestWarehouse.Logged::change).toList();
            assertThat(kept).containsAll(WorkloadEvents.logged(events.subList(0, batches.get(0).size() + batches.get(1).size()))
                    .stream().filter(c -> c.timestamp().isAfter(cutoffB)).toList());

            // the next backup builds on the kept copies and the kept changes
            BackupRunITCase.ingest(warehouse, dir, batches, 2);
            BackupResult c = backup.run(TestJobs.environment(dir.resolve("ck-c"), false),
                    BackupOptions.defaults().withPolicy(NEVER).withOnDemand("orders", all));
            BackupRunITCase.assertEveryCopyEqualsTheReplay(warehouse, history, List.of(c.snapshotId()));

            // compaction: fewer files, same changes, same completeness
            Table changelog = warehouse.table(ThermoclineTables.CHANGELOG);
            Optional<Instant> complete = ChangelogProgress.completeThrough(changelog, warehouse.table(ChangelogProgress.TABLE));
            List<TestWarehouse.Logged> content = warehouse.readChangelog();
            int files = fileCount(changelog);
            new Retention(warehouse.catalog(), TestWarehouse.NAMESPACE, warehouse.specs())
                    .compactChangelog(TestJobs.environment(dir.resolve("ck-compact"), false), Expressions.alwaysTrue());
            changelog = warehouse.table(ThermoclineTables.CHANGELOG);
            assertThat(fileCount(changelog)).isLessThan(files);
            assertThat(warehouse.readChangelog()).containsExactlyInAnyOrderElementsOf(content);
            assertThat(ChangelogProgress.completeThrough(changelog, warehouse.table(ChangelogProgress.TABLE)))
                    .isEqualTo(complete).isPresent();
        }
    }

    private static int fileCount(Table table) {
        return Integer.parseInt(table.currentSnapshot().summary().get("total-data-files"));
    }
}
