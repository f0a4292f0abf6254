package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code thermocline run heatmap|repartition|changelog}: one class per job, sharing the options. */
abstract class RunJobCommand extends ActionCommand<RunJobRequest> {

    @Option(names = "--source", paramLabel = "kafka|file:PATH", defaultValue = "kafka",
            description = {"Where the job reads: kafka (the configured topics; an embedded broker when no "
                    + "brokers are configured) or file:PATH, a JSON-lines file read to its end.",
                    "Default: ${DEFAULT-VALUE}"})
    String source;

    @Mixin
    ClusterOption cluster;

    private final JobKind job;

    RunJobCommand(ThermoclineCommand root, JobKind job) {
        super(root);
        this.job = job;
    }

    boolean once() {
        return false;
    }

    @Override
    RunJobRequest request(ThermoclineConfig config) {
        JobSource parsed;
        try {
            parsed = JobSource.parse(source, root.environment().workingDirectory());
        } catch (IllegalArgumentException e) {
            throw badArgument(e.getMessage());
        }
        return new RunJobRequest(job, parsed, once(), cluster.value());
    }

    @Override
    Action<RunJobRequest> action(Actions actions) {
        return actions.run(job);
    }

    @Command(name = "heatmap", sortOptions = false, optionListHeading = "%nOptions:%n",
            customSynopsis = {
                "thermocline run heatmap [--source kafka|file:PATH]",
                "         [--cluster HOST:PORT] [OPTIONS]"
            },
            description = {
                "The heatmap job: access log -> per-window, per-partition heat",
                "",
                "The heatmap job (streaming): access log -> parse and validate (bad records -> dead letters) -> "
                        + "partition under the current partition map -> event-time windows -> the heatmap table."
            },
            footer = {"", "Examples:", "  thermocline run heatmap", "  thermocline run heatmap --source file:access.jsonl"})
    static final class Heatmap extends RunJobCommand {
        Heatmap(ThermoclineCommand root) {
            super(root, JobKind.HEATMAP);
        }
    }

    @Command(name = "repartition", sortOptions = false, optionListHeading = "%nOptions:%n",
            customSynopsis = {
                "thermocline run repartition [--once] [--source kafka|file:PATH]",
                "         [--cluster HOST:PORT] [OPTIONS]"
            },
            description = {
                "The repartition job: heat -> partition maps",
                "",
                "The repartition job: reads the heatmap, forecasts heat per partition, and commits new partition-map "
                        + "revisions that split hot ranges and merge cold ones (partition_map, split_requests)."
            },
            footer = {"", "Examples:", "  thermocline run repartition", "  thermocline run repartition --once"})
    static final class Repartition extends RunJobCommand {

        @Option(names = "--once", description = {"Run one planning round over the heatmap present, then stop "
                + "(for scripts and tests).", "Default: keep planning every interval"})
        boolean once;

        Repartition(ThermoclineCommand root) {
            super(root, JobKind.REPARTITION);
        }

        @Override
        boolean once() {
            return once;
        }
    }

    @Command(name = "changelog", sortOptions = false, optionListHeading = "%nOptions:%n",
            customSynopsis = {
                "thermocline run changelog [--source kafka|file:PATH]",
                "         [--cluster HOST:PORT] [OPTIONS]"
            },
            description = {
                "The changelog job: changes -> change log",
                "",
                "The changelog job (streaming): Debezium change events -> parse and validate (bad records -> dead "
                        + "letters) -> tag with the partition under the current map -> the changelog table."
            },
            footer = {"", "Examples:", "  thermocline run changelog", "  thermocline run changelog --source file:changes.jsonl"})
    static final class Changelog extends RunJobCommand {
        Changelog(ThermoclineCommand root) {
            super(root, JobKind.CHANGELOG);
        }
    }
}
