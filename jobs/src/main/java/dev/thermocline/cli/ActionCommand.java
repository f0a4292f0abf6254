package dev.thermocline.cli;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.config.ConfigException;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A sub-command: loads the configuration, turns its arguments into a typed request (arguments
 * that need the configuration, such as key ranges typed by the table's key type, are checked
 * here), and hands the request to its {@link Action}.
 *
 * @param <R> the request type
 */
abstract class ActionCommand<R> implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    final ThermoclineCommand root;

    ActionCommand(ThermoclineCommand root) {
        this.root = root;
    }

    /** Validates the arguments against {@code config} and builds the request; bad input → {@link #badArgument}. */
    abstract R request(ThermoclineConfig config);

    abstract Action<R> action(Actions actions);

    @Override
    public final Integer call() throws Exception {
        ThermoclineConfig config = root.loadConfig();
        R request = request(config);
        CliEnvironment env = root.environment();
        ActionContext context = new ActionContext(config, spec.commandLine().getOut(), spec.commandLine().getErr(),
                env.clock(), env.workingDirectory());
        return action(root.actions()).run(request, context);
    }

    /** A usage error (exit 2, one line, "try --help"). */
    ParameterException badArgument(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The configured table {@code name}, given as {@code --table}. */
    TableSpec table(ThermoclineConfig config, String name) {
        try {
            return config.table(name);
        } catch (ConfigException e) {
            throw badArgument("--table: " + e.getMessage());
        }
    }

    /** An output file: resolved against the working directory; its directory must exist. */
    Path outputFile(String option, Path file) {
        Path resolved = root.environment().resolve(file);
        Path parent = resolved.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw badArgument(option + " '" + file + "': directory " + parent + " does not exist");
        }
        if (Files.isDirectory(resolved)) {
            throw badArgument(option + " '" + file + "' is a directory, not a file");
        }
        return resolved;
    }
}
