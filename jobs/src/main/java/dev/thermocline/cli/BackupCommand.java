package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thermocline backup}. */
@Command(name = "backup", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline backup [--table TABLE] [--cluster HOST:PORT] [OPTIONS]"},
        description = {
            "Backs up the partitions that are due",
            "",
            "One backup run (bounded): for each partition that is due, the new copy is the previous copy plus the "
                    + "changes since its cutoff, all in one Iceberg commit to the backups table."
        },
        footer = {"", "Examples:", "  thermocline backup", "  thermocline backup --table orders"})
final class BackupCommand extends ActionCommand<BackupRequest> {

    @Option(names = "--table", paramLabel = "TABLE",
            description = {"Back up only this configured table.", "Default: every configured table"})
    String table;

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
        return new BackupRequest(Optional.ofNullable(table), cluster.value());
    }

    @Override
    Action<BackupRequest> action(Actions actions) {
        return actions.backup();
    }
}
