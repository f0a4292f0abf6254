package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import picocli.CommandLine.Command;

/** {@code thermocline demo}. */
@Command(name = "demo", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline demo [OPTIONS]"},
        description = {
            "Runs everything end to end, locally",
            "",
            "Runs everything end to end on the embedded default: an in-process Kafka broker, a local Iceberg "
                    + "warehouse and catalog and Flink MiniClusters with RocksDB; a generated orders workload with a "
                    + "moving hotspot produced to Kafka in two phases, each read by the changelog and heatmap jobs, "
                    + "followed by a repartition round and a backup; then a point-in-time restore of a hot key range, "
                    + "checked against a replay of the generated history (exit status 1 if it differs), a heatmap "
                    + "picture and a summary.",
            "",
            "Everything is left in ./thermocline-demo (replaced on each run) for thermocline sql, restore, "
                    + "partition-map and heatmap to be tried on; see the README's tour."
        },
        footer = {"", "Example:", "  thermocline demo", "  cd thermocline-demo && ../thermocline partition-map --table orders "
                + "--as-of 2026-11-24T10:40:00Z"})
final class DemoCommand extends ActionCommand<DemoRequest> {

    DemoCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    DemoRequest request(ThermoclineConfig config) {
        return new DemoRequest();
    }

    @Override
    Action<DemoRequest> action(Actions actions) {
        return actions.demo();
    }
}
