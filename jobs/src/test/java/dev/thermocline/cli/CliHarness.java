package dev.thermocline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code thermocline} in-process with a chosen working directory, environment and actions. */
final class CliHarness {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    final Path workingDirectory;
    final Map<String, String> environment = new HashMap<>();
    Actions actions = Actions.defaults();

    CliHarness(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ThermoclineCommand.commandLine(
                new CliEnvironment(environment, workingDirectory, Clock.fixed(NOW, ZoneOffset.UTC)), actions);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** An action that keeps what it was given and succeeds. */
    static final class Recorder<R> implements Action<R> {
        R request;
        ActionContext context;

        @Override
        public int run(R request, ActionContext context) {
            this.request = request;
            this.context = context;
            return ExitCode.OK;
        }
    }
}
