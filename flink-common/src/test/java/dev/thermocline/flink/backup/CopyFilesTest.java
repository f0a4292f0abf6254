package dev.thermocline.flink.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Hadoop catalog: copy files are bounded, key-ordered, and pruned by key at planning. */
class CopyFilesTest {

    @TempDir
    Path warehouse;

    private HadoopCatalog catalog;
    private Table backups;

    @BeforeEach
    void open() {
        catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
        ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
        backups = catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.BACKUPS));
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Test
    void aCopyIsRolledIntoFilesOfAtMostTheTargetRowsWithDisjointKeyBoundsThatAKeyRangeScanPrunes() throws IOException {
        backups.updateProperties().set(CopyFiles.TARGET_FILE_ROWS, "10").commit();
        List<Record> rows = new ArrayList<>();
        for (long k = 100; k < 125; k++) {
            rows.add(row(k));
        }

        List<DataFile> files = CopyFiles.write(backups, rows);
        AppendFiles append = backups.newAppend();
        files.forEach(append::appendFile);
        append.commit();

        assertThat(files).extracting(DataFile::recordCount).containsExactly(10L, 10L, 5L);
        assertThat(files).extracting(f -> bound(f, true) + ".." + bound(f, false))
                .containsExactly("100..109", "110..119", "120..124");
        List<String> planned = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = backups.newScan().filter(Expressions.and(
                Expressions.greaterThanOrEqual("key_long", 112L), Expressions.lessThan("key_long", 118L))).planFiles()) {
            tasks.forEach(t -> planned.add(t.file().location()));
        }
        assertThat(planned).as("a range inside one file's bounds plans only that file")
                .containsExactly(files.get(1).location());
        List<Long> all = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(backups).build()) {
            read.forEach(r -> all.add((Long) r.getField("key_long")));
        }
        assertThat(all).as("nothing lost or duplicated").hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void withoutThePropertyTheDefaultHoldsAndAnEmptyCopyWritesNoFile() {
        assertThat(CopyFiles.targetRows(backups)).isEqualTo(CopyFiles.DEFAULT_TARGET_FILE_ROWS);
        assertThat(CopyFiles.write(backups, List.of())).isEmpty();
        assertThat(CopyFiles.write(backups, List.of(row(1), row(2)))).hasSize(1);
    }

    @Test
    void aBadTargetIsAOneLineErrorNamingTheProperty() {
        backups.updateProperties().set(CopyFiles.TARGET_FILE_ROWS, "0").commit();
        assertThatThrownBy(() -> CopyFiles.write(backups, List.of(row(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table property thermocline.backup.target-file-rows of " + backups.name()
                        + " must be a positive number of rows, not '0'");
        backups.updateProperties().set(CopyFiles.TARGET_FILE_ROWS, "many").commit();
        assertThatThrownBy(() -> CopyFiles.targetRows(backups)).hasMessageEndingWith("not 'many'");
    }

    private Record row(long key) {
        GenericRecord r = GenericRecord.create(backups.schema());
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        r.setField("table_name", "orders");
        r.setField("partition_key", "p0");
        r.setField("key", Long.toString(key));
        r.setField("key_long", key);
        r.setField("row", "{\"id\":" + key + "}");
        r.setField("lsn", key);
        r.setField("seq", 0L);
        r.setField("row_ts", t);
        r.setField("cutoff_ts", t);
        r.setField("cutoff_lsn", 999L);
        return r;
    }

    private long bound(DataFile f, boolean lower) {
        int id = backups.schema().findField("key_long").fieldId();
        return Conversions.fromByteBuffer(Types.LongType.get(), (lower ? f.lowerBounds() : f.upperBounds()).get(id));
    }
}
