package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What an {@link Action} runs with.
 *
 * @param config the loaded configuration (defaults &lt; file &lt; environment &lt; flags)
 * @param out results (tables, JSON lines, plans)
 * @param err progress and diagnostics
 * @param clock "now"
 * @param workingDirectory where relative paths were resolved
 */
public record ActionContext(ThermoclineConfig config, PrintWriter out, PrintWriter err, Clock clock, Path workingDirectory) {}
