package dev.thermocline.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cluster HOST:PORT}, shared by the commands that run a Flink job (run, backup, restore). */
final class ClusterOption {

    @Option(names = "--cluster", paramLabel = "HOST:PORT", converter = ClusterAddress.Converter.class,
            description = {"Submit the job to the Flink cluster whose REST endpoint is HOST:PORT instead of running it "
                    + "locally (submission is not implemented yet: issue #7).", "Default: run locally"})
    ClusterAddress cluster;

    Optional<ClusterAddress> value() {
        return Optional.ofNullable(cluster);
    }
}
