package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thermocline backup}. */
@Command(name = "backup", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline backup [--table TABLE [--partition ID]...] [--force]",
                "         [--cluster HOST:PORT] [OPTIONS]"},
        description = {
            "Backs up the partitions that are due",
            "",
            "One backup run (bounded): for each partition that is due, the new copy is the previous copy plus the "
                    + "changes since its cutoff, all in one Iceberg commit to the backups table. Due: backup.due.* "
                    + "(changes, rate shift, age, expected restore cost = accesses per hour x changes since the copy). "
                    + "With backup.retention set, history no restore in that window needs is expired afterwards."
        },
        footer = {"", "Examples:", "  thermocline backup", "  thermocline backup --table orders",
            "  thermocline backup --table orders --partition p3 --partition p17   # on demand",
            "  thermocline backup --force                                         # every partition",
            "  thermocline backup -D backup.due.changes=500 -D backup.retention=7d"})
final class BackupCommand extends ActionCommand<BackupRequest> {

    @Option(names = "--table", paramLabel = "TABLE",
            description = {"Back up only this configured table.", "Default: every configured table"})
    String table;

    @Option(names = "--partition", paramLabel = "ID",
            description = {"Copy this partition of --table now, due or not (on demand); repeatable.",
                    "Default: only the partitions that are due"})
    List<String> partitions = new ArrayList<>();

    @Option(names = "--force", description = {"Copy every partition of the selected tables now, due or not.",
            "Default: only the partitions that are due"})
    boolean force;

    @Mixin
    ClusterOption cluster;

    BackupCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    BackupRequest request(ThermoclineConfig config) {
        if (table != null) {
            table(config, table);
        }
        if (!partitions.isEmpty() && table == null) {
            throw badArgument("--partition " + String.join(",", partitions)
                    + " needs --table: partition ids belong to one table");
        }
        return new BackupRequest(Optional.ofNullable(table), cluster.value(), force, partitions);
    }

    @Override
    Action<BackupRequest> action(Actions actions) {
        return actions.backup();
    }
}
