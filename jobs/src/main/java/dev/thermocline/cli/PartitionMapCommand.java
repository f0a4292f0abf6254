package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thermocline partition-map}. */
@Command(name = "partition-map", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline partition-map --table TABLE [--as-of TIME] [OPTIONS]"},
        description = {
            "Prints the partition map in force at a time",
            "",
            "Prints the partition map of a table in force at a time: its revision, and each partition's key range and "
                    + "heat (accesses the heatmap counted in the hour before that time)."
        },
        footer = {
            "",
            "Examples:",
            "  thermocline partition-map --table orders",
            "  thermocline partition-map --table orders --as-of 2026-11-24T10:31:00Z"
        })
final class PartitionMapCommand extends ActionCommand<PartitionMapRequest> {

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "A configured table.")
    String table;

    @Option(names = "--as-of", paramLabel = "TIME", converter = InstantConverter.class,
            description = {"The map in force at TIME: an ISO-8601 instant or epoch milliseconds.", "Default: now"})
    Instant asOf;

    PartitionMapCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    PartitionMapRequest request(ThermoclineConfig config) {
        table(config, table);
        return new PartitionMapRequest(table, asOf != null ? asOf : root.environment().clock().instant());
    }

    @Override
    Action<PartitionMapRequest> action(Actions actions) {
        return actions.partitionMap();
    }
}
