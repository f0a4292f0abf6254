package dev.thermocline.cli.demo;

import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Names each table's snapshot at the end of a demo phase with an Iceberg tag ({@code demo-phase-N}),
 * so the tour can time-travel to a fixed point by name ({@code OPTIONS('tag'='demo-phase-1')}) while
 * the snapshot ids and commit times differ from run to run.
 */
public final class PhaseTags {

    static final List<String> TABLES = List.of(ThermoclineTables.CHANGELOG, ThermoclineTables.HEATMAP,
            ThermoclineTables.PARTITION_MAP, ThermoclineTables.BACKUPS);

    private PhaseTags() {}

    public static String name(int phase) {
        return "demo-phase-" + phase;
    }

    public static void tag(Catalog catalog, Namespace namespace, int phase) {
        for (String name : TABLES) {
            Table table = catalog.loadTable(TableIdentifier.of(namespace, name));
            if (table.currentSnapshot() == null) {
                continue;
            }
            long snapshot = table.currentSnapshot().snapshotId();
            if (table.refs().containsKey(name(phase))) {
                table.manageSnapshots().replaceTag(name(phase), snapshot).commit();
            } else {
                table.manageSnapshots().createTag(name(phase), snapshot).commit();
            }
        }
    }
}
