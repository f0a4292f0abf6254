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
                    + "warehouse and catalog and a Flink MiniCluster; a generated workload with a moving hotspot; "
                    + "the heatmap, the partition map following the heat, and a point-in-time restore of a key range."
        },
        footer = {"", "Example:", "  thermocline demo"})
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
