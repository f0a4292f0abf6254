package dev.thermocline.cli;

import dev.thermocline.flink.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure is one line on stderr, so scripts can show it as is: bad arguments or configuration
 * name the offending input (exit 2), a command a later issue delivers says so (exit 3), anything else
 * gives its reason (exit 1; the stack trace goes to the log file, not the terminal).
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        print(command.getErr(), "thermocline: " + describe(ex)
                + " (try '" + command.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        if (ex instanceof NotImplementedYetException) {
            print(command.getErr(), oneLine(ex.getMessage()));
            return ExitCode.NOT_IMPLEMENTED;
        }
        if (ex instanceof ConfigException) {
            print(command.getErr(), "thermocline: " + oneLine(ex.getMessage()));
            return ExitCode.USAGE;
        }
        LOG.error("{} failed", command.getCommandSpec().qualifiedName(), ex);
        String logFile = System.getProperty("thermocline.log.file");
        print(command.getErr(), "thermocline: " + reason(ex) + (logFile == null ? "" : " (details in " + logFile + ")"));
        return ExitCode.FAILURE;
    }

    /** picocli's message, with a converter's own message put after the option it concerns. */
    private static String describe(ParameterException ex) {
        if (ex.getCause() instanceof TypeConversionException conversion
                && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName() + ": " + oneLine(conversion.getMessage());
        }
        String message = oneLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return message;
    }

    private static String reason(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
        if (root == ex || root.getMessage() == null || top.contains(oneLine(root.getMessage()))) {
            return top;
        }
        return top + ": " + oneLine(root.getMessage());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void print(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
