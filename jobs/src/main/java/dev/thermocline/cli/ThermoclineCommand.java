package dev.thermocline.cli;

import dev.thermocline.cli.cluster.InsideFlink;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code thermocline}: the one command that runs Thermocline's jobs and tools (see DESIGN.md's
 * command-line contract). {@link #commandLine} wires the sub-commands to their {@link Actions}.
 */
@Command(name = "thermocline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {"thermocline [--config FILE] [CONFIGURATION OPTIONS] COMMAND [ARGS...]",
                          "       thermocline --help | --version | COMMAND --help"},
        description = {
            "Point-in-time restore of exactly the rows you ask for, on key-range partitions that follow the heat.",
            "",
            "Runs on the embedded default (Flink MiniCluster, a local Iceberg warehouse and catalog, an in-process "
                    + "Kafka broker where needed) unless configured otherwise. Configuration: built-in defaults < "
                    + "thermocline.yaml (working directory or --config) < environment (THERMOCLINE_*) < flags."
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Exit status: 0 success, 1 failure, 2 bad arguments or configuration, 3 not implemented yet.",
            "",
            "Examples:",
            "  thermocline demo",
            "  thermocline run heatmap --source file:access.jsonl",
            "  thermocline restore --table orders --as-of 2026-11-24T10:31:00Z \\",
            "      --range 10400..10599 --output rows.jsonl",
            "  thermocline restore --help"
        })
public final class ThermoclineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;
    private final Actions actions;

    private ThermoclineCommand(CliEnvironment environment, Actions actions) {
        this.environment = environment;
        this.actions = actions;
    }

    public static void main(String[] args) {
        int status = commandLine(CliEnvironment.system(), Actions.defaults()).execute(args);
        if (InsideFlink.mainRunsInsideFlink()) {
            // Application mode (the Helm chart's jobs) runs main in the JobManager: System.exit would
            // stop the JobManager before Flink records the job's end (and HA could run it again).
            if (status != ExitCode.OK) {
                throw new IllegalStateException("thermocline " + String.join(" ", args) + " ended with exit status "
                        + status + " (the reason is on stderr)");
            }
            return;
        }
        System.exit(status);
    }

    /** The whole command tree, each sub-command wired to its action; one-line errors and exit codes installed. */
    public static CommandLine commandLine(CliEnvironment environment, Actions actions) {
        ThermoclineCommand root = new ThermoclineCommand(environment, actions);
        CommandLine cli = new CommandLine(root);
        ConfigFlags.addTo(cli.getCommandSpec()); // before the sub-commands, which inherit them
        cli.addSubcommand(new DemoCommand(root));
        CommandLine run = new CommandLine(new RunCommand());
        cli.addSubcommand(run);
        run.addSubcommand(new RunJobCommand.Heatmap(root));
        run.addSubcommand(new RunJobCommand.Repartition(root));
        run.addSubcommand(new RunJobCommand.Changelog(root));
        cli.addSubcommand(new BackupCommand(root));
        cli.addSubcommand(new RestoreCommand(root));
        cli.addSubcommand(new PartitionMapCommand(root));
        cli.addSubcommand(new HeatmapCommand(root));
        cli.addSubcommand(new SqlCommand(root));

        OneLineErrors errors = new OneLineErrors(); // after the sub-commands: these settings propagate to them
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The configuration, from the environment, the file and the flags given on this command line. */
    ThermoclineConfig loadConfig() {
        return ThermoclineConfig.load(ConfigFlags.sources(spec, environment));
    }

    CliEnvironment environment() {
        return environment;
    }

    Actions actions() {
        return actions;
    }
}
