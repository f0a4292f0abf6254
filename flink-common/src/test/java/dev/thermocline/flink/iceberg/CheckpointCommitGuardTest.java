package dev.thermocline.flink.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.iceberg.types.Types.NestedField.required;

import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg #14425 on the real JDBC/SQLite catalog, committing the way Iceberg's Flink committers do
 * (an append whose summary names job, operator and checkpoint): a commit of checkpoint 5 reaches the
 * catalog only after its client gave up and after the recovered committer found checkpoint 5
 * uncommitted; the recovered commit of checkpoint 5 then meets it.
 */
class CheckpointCommitGuardTest {

    private static final TableIdentifier ID = TableIdentifier.of(Namespace.of("t"), "events");

    @TempDir
    Path dir;

    private Catalog real;
    private DataFile checkpoint5;

    @BeforeEach
    void createTable() {
        real = IcebergCatalogs.load(CatalogSettings.embeddedDefault(dir));
        ((SupportsNamespaces) real).createNamespace(ID.namespace());
        Table table = real.createTable(ID, new Schema(required(1, "id", Types.LongType.get())));
        GenericRecord row = GenericRecord.create(table.schema());
        row.setField("id", 42L);
        checkpoint5 = GenericRowsWriter.write(table, List.of(row)).get(0);
    }

    @AfterEach
    void close() throws IOException {
        if (real instanceof Closeable c) {
            c.close();
        }
    }

    @Test
    void withoutTheGuardTheLateCommitAndTheRecoveredOneBothLand() {
        LateCommits late = new LateCommits();
        commitLateThenRecover(late, late.landingFirst(real));

        assertThat(ids()).as("checkpoint 5's row, twice").containsExactly(42L, 42L);
        assertThat(snapshotsOfCheckpoint(5)).hasSize(2);
    }

    @Test
    void theGuardRefusesTheRecoveredCommitOfACheckpointThatLandedLate() {
        LateCommits late = new LateCommits();
        assertThatThrownBy(() -> commitLateThenRecover(late, CheckpointCommitGuard.guard(late.landingFirst(real))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("already holds checkpoint 5 of Flink job job-a (operator op-1)")
                .hasMessageContaining("Iceberg #14425");

        assertThat(late.inFlight()).isFalse();
        assertThat(ids()).containsExactly(42L);
        assertThat(snapshotsOfCheckpoint(5)).hasSize(1);
        // the restarted committer now finds checkpoint 5 committed and goes on with 6
        Table table = CheckpointCommitGuard.guard(real).loadTable(ID);
        assertThat(CheckpointCommitGuard.committedCheckpoint(((org.apache.iceberg.HasTableOperations) table)
                .operations().current(), "job-a", "op-1")).isEqualTo(5);
        append(table, checkpoint5, "job-a", "op-1", 6);
        assertThat(ids()).containsExactly(42L, 42L);
    }

    @Test
    void ordinaryCommitsPassTheGuard() {
        Table table = CheckpointCommitGuard.guard(real).loadTable(ID);
        append(table, checkpoint5, "job-a", "op-1", 5);
        append(table, checkpoint5, "job-a", "op-1", 6);
        append(table, checkpoint5, "job-b", "op-1", 1); // another job (a fresh start) counts on its own
        AppendFiles plain = table.newAppend(); // a commit that is no Flink checkpoint
        plain.appendFile(checkpoint5);
        plain.commit();

        assertThat(ids()).hasSize(4);
        assertThatThrownBy(() -> append(table, checkpoint5, "job-a", "op-1", 6))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already holds checkpoint 6");
    }

    /** The original commit of checkpoint 5 is held; recovery looks, then commits 5 through {@code recovered}. */
    private void commitLateThenRecover(LateCommits late, Catalog recovered) {
        Table original = late.holding(real).loadTable(ID);
        assertThatThrownBy(() -> append(original, checkpoint5, "job-a", "op-1", 5))
                .isInstanceOf(CommitStateUnknownException.class);
        assertThat(late.inFlight()).isTrue();

        Table table = recovered.loadTable(ID);
        long committed = CheckpointCommitGuard.committedCheckpoint(
                ((org.apache.iceberg.HasTableOperations) table).operations().current(), "job-a", "op-1");
        assertThat(committed).as("what the recovered committer sees: checkpoint 5 not committed").isEqualTo(-1);
        append(table, checkpoint5, "job-a", "op-1", 5);
    }

    private static void append(Table table, DataFile file, String job, String operator, long checkpoint) {
        AppendFiles append = table.newAppend();
        append.appendFile(file);
        append.set(CheckpointCommitGuard.FLINK_JOB_ID, job);
        append.set(CheckpointCommitGuard.OPERATOR_ID, operator);
        append.set(CheckpointCommitGuard.MAX_COMMITTED_CHECKPOINT_ID, Long.toString(checkpoint));
        append.commit();
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(real.loadTable(ID)).build()) {
            rows.forEach(r -> ids.add((Long) r.getField("id")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }

    private List<Snapshot> snapshotsOfCheckpoint(long checkpoint) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : real.loadTable(ID).snapshots()) {
            if (Long.toString(checkpoint).equals(s.summary().get(CheckpointCommitGuard.MAX_COMMITTED_CHECKPOINT_ID))) {
                out.add(s);
            }
        }
        return out;
    }
}
