package dev.thermocline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code thermocline run}: the group of streaming jobs; the job is a sub-command. */
@Command(name = "run", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {
            "thermocline run heatmap|repartition|changelog [--source kafka|file:PATH]",
            "         [--cluster HOST:PORT] [OPTIONS]"
        },
        description = {
            "Runs a streaming job: heatmap, repartition or changelog",
            "",
            "Runs one of Thermocline's streaming jobs, locally on the embedded default or (with --cluster) on a "
                    + "Flink cluster. It reads Kafka (--source kafka, the default) or a JSON-lines file "
                    + "(--source file:PATH, bounded: the job stops at the end of the file, for backfills)."
        },
        commandListHeading = "%nJobs:%n",
        footer = {
            "",
            "Examples:",
            "  thermocline run heatmap",
            "  thermocline run changelog --source file:changes.jsonl",
            "  thermocline run repartition --once"
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing job: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
